"""Books as listeners expect (issue 24, first part): the navigation document, the table of contents,
the cover, the title page, the imprint and the index are not read; the book's text is."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from narration.document import load
from narration.readers.epub import matter_of
from narration.speech.script import build_script

BOOKS = ROOT.parent / "shared" / "books"
XHTML = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
         'xmlns:epub="http://www.idpf.org/2007/ops"><body{attrs}>{body}</body></html>')


def page(body: str, attrs: str = "") -> bytes:
    return XHTML.format(body=body, attrs=attrs).encode()


def test_matter_is_told_by_its_type_or_its_content():
    chapter = "<h1>Erstes Kapitel</h1>" + "<p>Es war einmal ein langer Text über vieles.</p>" * 5
    assert matter_of(page(chapter)) is None
    assert matter_of(page("<nav epub:type='toc'><ol><li>x</li></ol></nav>"), "nav") == "navigation document"
    assert matter_of(page("<section epub:type='copyright-page'><p>x</p></section>")) == "imprint"
    assert matter_of(page("<p>x</p>", ' epub:type="titlepage"')).startswith("title page")
    links = "".join(f'<p><a href="ch{n}.xhtml">Kapitel {n}</a></p>' for n in range(8))
    assert matter_of(page("<h1>Inhalt</h1>" + links)).startswith("a page of links into the book")
    assert matter_of(page("<p>Nachdruck verboten. Copyright 1924 by Verlag Müller, Berlin.</p>")) == "imprint"
    register = "<h1>Register</h1>" + "".join(f'<p>Stichwort {n}, <a href="a.xhtml#p{n}">{n}</a></p>' for n in range(9))
    assert matter_of(page(register)) == "index"
    assert matter_of(page("<p>Die Reise</p><p>Roman</p>"), title="Die Reise").startswith("title page")
    assert matter_of(page("<p>Die Reise begann im Mai, als alle schliefen.</p>")) is None


def test_a_pandoc_made_book_is_read_without_its_navigation(tmp_path):
    import pypandoc

    source = tmp_path / "buch.md"
    source.write_text("---\ntitle: Die Reise\nauthor: Erika Beispiel\nlang: de\n---\n\n# Erstes Kapitel\n\n"
                      "Es war einmal ein Schiff. Es fuhr weit hinaus.\n\n# Zweites Kapitel\n\nDann kam es zurück.\n",
                      encoding="utf-8")
    book = tmp_path / "buch.epub"
    pypandoc.convert_file(str(source), "epub3", outputfile=str(book), extra_args=["--toc"])
    doc = load(book)
    spoken = [item.text for item in build_script(doc)]
    assert "Es war einmal ein Schiff." in spoken and "Dann kam es zurück." in spoken
    assert not any(text in ("Table of Contents", "Inhaltsverzeichnis", "Landmarks") for text in spoken), spoken
    assert [s.heading.text for s in doc.sections] == ["Erstes Kapitel", "Zweites Kapitel"]
    explained = run_cli("document", "--explain", book).stdout
    assert "[navigation document] nav.xhtml" in explained


@pytest.mark.parametrize("name, left_out", [
    ("frankenheim_populaere-astronomie_1827", {"toc.xhtml", "00_title.xhtml", "23_Register.xhtml"}),
    ("barclay_apologie-1776_vorwort-und-saetze-1-7", {"nav.xhtml", "text/title_page.xhtml"}),
    ("marx-engels_the-communist-manifesto_standardebooks", {"text/titlepage.xhtml", "text/imprint.xhtml",
                                                             "text/halftitlepage.xhtml", "text/colophon.xhtml",
                                                             "text/uncopyright.xhtml"}),
])
def test_real_books_open_with_their_text_not_their_matter(name, left_out):
    book = BOOKS / f"{name}.epub"
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    doc = load(book)
    assert {where for where, _why in doc.dropped} == left_out
    first = [item.text for item in build_script(doc, intro=False)][:12]
    for matter in ("Landmarks", "Pages", "Inhalt", "Table of Contents", "III", "Nachdruck", "Imprint"):
        assert matter not in first, (matter, first)
    with zipfile.ZipFile(book) as archive:  # the book itself is untouched
        assert archive.testzip() is None


def test_print_page_breaks_are_kept_silent_with_a_page_list(tmp_path):
    """Page breaks (``epub:type="pagebreak"``, in text, between paragraphs, before a heading) are
    never read, and our EPUB keeps each with its page list and its accessibility metadata."""
    import json
    import os
    import subprocess

    import pypandoc

    from conftest import build, need
    from test_epub import epubcheck
    from test_epub_a11y import ACE
    from browser import CHROMIUM_FLAGS, chromium_path

    source = tmp_path / "buch.md"
    source.write_text("---\ntitle: Die Reise\nauthor: Erika Beispiel\nlang: de\n---\n\n# Erstes Kapitel\n\n"
                      "Es war einmal ein Schiff. []{epub:type=pagebreak #page2 title=2}Es fuhr weit hinaus.\n\n"
                      "[]{epub:type=pagebreak #page3 title=3}\n\nDann kam es zurück.\n\n"
                      "# Zweites Kapitel\n\n[]{epub:type=pagebreak #page4 title=4}Das Ende kam schnell.\n",
                      encoding="utf-8")
    book = tmp_path / "buch.epub"
    pypandoc.convert_file(str(source), "epub3", outputfile=str(book))
    doc = load(book)
    assert [x.value for s in doc.sentences() for x in s.spans if x.kind == "pagebreak"] == ["2", "3", "4"]
    assert not any(item.text in ("2", "3", "4") for item in build_script(doc))
    assert all("2" not in item.speech and "3" not in item.speech for item in build_script(doc))
    result = build(book, tmp_path / "out", tmp_path / "cache", formats=("epub",))
    epub = result.out_dir / f"{result.slug}.epub"
    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        opf = archive.read("EPUB/content.opf").decode()
        pages = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("EPUB/section")
                        and n.endswith(".xhtml"))
    assert nav.count("<li>") - nav.split('epub:type="page-list"')[0].count("<li>") == 3
    assert pages.count('epub:type="pagebreak"') == 3 and pages.count('role="doc-pagebreak"') == 3
    assert "pageNavigation" in opf and "pageBreakMarkers" in opf and "property=\"pageBreakSource\"" in opf
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    need(ACE.exists(), "Ace by DAISY is not installed (tests/ensure-tools.sh installs it from npm)")
    wrapper = tmp_path / "chromium-headless"
    wrapper.write_text(f'#!/bin/sh\nexec {chromium_path()} {" ".join(CHROMIUM_FLAGS)} "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": str(wrapper)}
    subprocess.run([str(ACE), "-s", "-f", "-o", str(tmp_path / "ace"), str(epub)], capture_output=True, text=True,
                   env=env, timeout=600)
    report = json.loads((tmp_path / "ace" / "report.json").read_text(encoding="utf-8"))
    violations = [(a["earl:testSubject"]["url"], b["earl:test"]["dct:title"])
                  for a in report["assertions"] for b in a.get("assertions", [])]
    assert violations == []


def test_real_books_keep_their_page_breaks():
    book = BOOKS / "barclay_apologie-1776_vorwort-und-saetze-1-7.epub"
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    doc = load(book)
    ids = [x.ref for s in doc.sentences() for x in s.spans if x.kind == "pagebreak"]
    assert len(ids) == 250 and len(set(ids)) == 250  # every one of the source's, each once (page numbers repeat)
