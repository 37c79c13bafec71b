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
