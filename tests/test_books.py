"""Books as listeners expect (issue 24, first part): the navigation document, the table of contents,
the cover, the title page, the imprint and the index are not read; the book's text is."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from browser import ace_violations
from conftest import ROOT, run_cli
from narration.document import load
from narration.readers.epub import matter_of
from narration.speech.script import build_script

BOOKS = ROOT.parent / "shared" / "books"
XHTML = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
         'xmlns:epub="http://www.idpf.org/2007/ops"><body{attrs}>{body}</body></html>')


def page(body: str, attrs: str = "") -> bytes:
    return XHTML.format(body=body, attrs=attrs).encode()


def pandoc_book(folder: Path, markdown: str, output: str = "epub3", *args: str) -> Path:
    """A book made by pandoc from Markdown, as a volunteer's toolchain makes one, in ``folder/src``."""
    import pypandoc

    source = folder / "buch.md"
    source.write_text(markdown, encoding="utf-8")
    book = folder / "src" / "buch.epub"
    book.parent.mkdir(exist_ok=True)
    pypandoc.convert_file(str(source), output, outputfile=str(book), extra_args=list(args))
    return book


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
    assert matter_of(page("<h1>Die Reise</h1><p>Roman</p>"), title="Die Reise").startswith("title page")
    assert matter_of(page("<h1>Maße</h1><p>Die Erde ist groß.</p>"), title="Die Erde") is None  # a short chapter


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
    never read, and our EPUB keeps each with its page list (of page breaks only: not the note and
    its reference, which also have a type and an id) and its accessibility metadata."""
    import pypandoc

    from conftest import build
    from test_epub import epubcheck

    source = tmp_path / "buch.md"
    source.write_text("---\ntitle: Die Reise\nauthor: Erika Beispiel\nlang: de\n---\n\n# Erstes Kapitel\n\n"
                      "Es war einmal ein Schiff. []{epub:type=pagebreak #page2 title=2}Es fuhr weit hinaus.[^1]\n\n"
                      "[]{epub:type=pagebreak #page3 title=3}\n\nDann kam es zurück.\n\n"
                      "# Zweites Kapitel\n\n[]{epub:type=pagebreak #page4 title=4}Das Ende kam schnell.\n\n"
                      "[^1]: Ein Dampfschiff.\n",
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
    assert ace_violations(epub, tmp_path) == []



def test_page_numbers_said_on_request_where_each_page_begins(tmp_path):
    """``--page-numbers``: "Seite drei" is said where page 3 begins (before the sentence it begins
    with, after the one it falls in), its overlay par points at the page break and says
    ``epub:type="pagebreak"`` so it can be skipped; a Roman page is a number too."""
    from test_epub import epubcheck

    book = pandoc_book(tmp_path, "---\ntitle: Die Reise\nlang: de\n---\n\n# Erstes Kapitel\n\n"
                       "[]{epub:type=pagebreak #pageV title=V}Es war einmal ein Schiff. Es fuhr "
                       "[]{epub:type=pagebreak #page2 title=2}weit hinaus.\n\n"
                       "[]{epub:type=pagebreak #page3 title=3}\n\nDann kam es zurück.\n")
    doc = load(book)
    heard = [item.speech for item in build_script(doc, intro=False, page_numbers=True)]
    assert heard == ["Erstes Kapitel", "Seite fünf", "Es war einmal ein Schiff.", "Es fuhr weit hinaus.",
                     "Seite zwei", "Seite drei", "Dann kam es zurück."]
    assert len(build_script(doc, intro=False)) == 4  # silent by default
    out = tmp_path / "out"
    done = run_cli(book, "--page-numbers", "--engine", "espeak", "--formats", "epub,vtt,html",
                   "--out", out, "--cache-dir", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    epub = out / "buch" / "buch.epub"
    with zipfile.ZipFile(epub) as archive:
        smil = archive.read("EPUB/section-01.smil").decode()
        page = archive.read("EPUB/section-01.xhtml").decode()
    pars = re.findall(r'<par id="par-[^"]+"( epub:type="pagebreak")?><text src="section-01.xhtml#([^"]+)"', smil)
    page_ids = [ident for typed, ident in pars if typed]
    assert len(page_ids) == 3 and all(f'id="{ident}" role="doc-pagebreak"' in page for ident in page_ids)
    order = [ident for typed, ident in pars]
    assert order.index(page_ids[1]) == order.index("s-1-1-2") + 1  # after "Es fuhr weit hinaus."
    assert "Seite 2" in (out / "buch" / "buch.vtt").read_text(encoding="utf-8")
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report

def test_real_books_keep_their_page_breaks():
    book = BOOKS / "barclay_apologie-1776_vorwort-und-saetze-1-7.epub"
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    doc = load(book)
    ids = [x.ref for s in doc.sentences() for x in s.spans if x.kind == "pagebreak"]
    assert len(ids) == 250 and len(set(ids)) == 250  # every one of the source's, each once (page numbers repeat)


NOTES = """---
title: Die Reise
author: Erika Beispiel
lang: de
---

# Erstes Kapitel

Es war einmal ein Schiff.[^1] Es fuhr weit hinaus, wie Helen Jones[^2] schrieb.

# Zweites Kapitel

Dann kam es zurück.[^3]

[^1]: Ein Dampfschiff, gebaut 1880.
[^2]: In der Vorlage steht »Helen Janes«.
[^3]: So erzählt es die Chronik.
"""


def test_notes_are_notes_not_read_and_never_glued(tmp_path):
    """A note reference is a mark of no width: never read, never glued to its word in the text; the
    note is a note in the EPUB and the player (a footnote with a way back), and is not read."""
    from conftest import build
    from test_epub import epubcheck

    (tmp_path / "buch.md").write_text(NOTES, encoding="utf-8")
    doc = load(tmp_path / "buch.md")
    assert [s.text for s in doc.sentences()][2] == "Es fuhr weit hinaus, wie Helen Jones schrieb."
    assert [(x.value, x.ref) for s in doc.sentences() for x in s.spans] == [
        ("1", "note-1"), ("2", "note-2"), ("3", "note-3")]
    spoken = " ".join(item.speech for item in build_script(doc))
    assert "Dampfschiff" not in spoken and "Janes" not in spoken and "Jones schrieb" in spoken
    result = build(tmp_path / "buch.md", tmp_path / "out", tmp_path / "cache", formats=("epub", "html"))
    with zipfile.ZipFile(result.out_dir / f"{result.slug}.epub") as archive:
        first = archive.read("EPUB/section-01.xhtml").decode()
        smil = archive.read("EPUB/section-01.smil").decode()
    assert 'Helen Jones<a href="#note-2" role="doc-noteref"' in first and 'epub:type="noteref"' in first
    assert '<aside id="note-2" role="doc-footnote" class="note" epub:type="footnote">' in first
    assert 'href="#note-2-ref" role="doc-backlink"' in first and "note-" not in smil
    report = epubcheck(result.out_dir / f"{result.slug}.epub")
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert ace_violations(result.out_dir / f"{result.slug}.epub", tmp_path) == []
    player = (result.out_dir / "index.html").read_text(encoding="utf-8")
    assert 'id="note-2-ref"' in player and '<aside id="note-3" role="doc-footnote"' in player
    assert '<section class="notes" aria-label="Anmerkungen"><aside id="note-1"' in player  # its chapter's notes list
    from browser import axe_violations, browser, served

    with served(result.out_dir.parent) as base, browser() as tab:
        tab.goto(f"{base}/{result.slug}/index.html")
        assert axe_violations(tab) == []


@pytest.mark.parametrize("name, count", [
    ("frankenheim_populaere-astronomie_1827.epub", 12),  # "*)" links of class refnote
    ("barclay_apologie-1776_vorwort-und-saetze-1-7.epub", 140),  # pandoc-made; 7 notes are lists
    ("marx-engels_the-communist-manifesto_standardebooks.epub", 10),  # endnotes as plain list items
])
def test_real_books_notes_are_marks_and_notes(name, count):
    """Every reference of the source (counted in its XHTML by hand) is a mark, and every one has its
    note, with text: pandoc alone loses a note whose body is a list and Standard Ebooks' endnotes."""
    book = BOOKS / name
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    doc = load(book)
    references = [x for s in doc.sentences() for x in s.spans if x.kind == "noteref"]
    notes = {b.ref: " ".join(x.text for x in b.sentences) for s in doc.sections for b in s.blocks if b.kind == "note"}
    assert len(references) == count and {r.ref for r in references} == set(notes)
    assert all(text.strip() for text in notes.values())
    spoken = " ".join(item.speech for item in build_script(doc))
    assert "*)" not in spoken and "↑" not in spoken and "↩" not in spoken
    assert not any(text[:60] in spoken for text in notes.values() if len(text.split()) >= 6)  # "Einwurf" is in the text too


def test_toc_lists_chapters_and_chapters_builds_a_subset_the_whole_reuses(tmp_path):
    """``toc`` numbers the chapters (a heading with no text of its own is one chapter with its
    subject); ``--chapters`` builds those, saying so, and a later full build synthesises only the rest."""
    book = pandoc_book(tmp_path, "---\ntitle: Die Reise\nlang: de\n---\n\n# Erste Vorlesung.\n\n## Vom Meer\n\n"
                       "Es war einmal ein Schiff. Es fuhr hinaus.\n\n# Zweite Vorlesung.\n\n## Vom Land\n\n"
                       "Dann kam es zurück. Alle freuten sich.\n\n# Dritte Vorlesung.\n\n## Vom Himmel\n\n"
                       "Die Sterne leuchteten hell.\n")
    listed = run_cli("toc", book).stdout.splitlines()
    assert [line.split("[")[0].strip() for line in listed] == [
        "1  Erste Vorlesung. Vom Meer", "2  Zweite Vorlesung. Vom Land", "3  Dritte Vorlesung. Vom Himmel"]
    assert listed[0].endswith("[     8 words   <1 min]"), listed  # "Es war einmal ein Schiff. Es fuhr hinaus."
    flags = ["--engine", "espeak", "--formats", "mp3,vtt", "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache"]
    part = run_cli(book, "--chapters", "2-3", *flags)
    assert part.returncode == 0, part.stderr
    vtt = (tmp_path / "out" / "buch" / "buch.vtt").read_text(encoding="utf-8")
    assert "Dann kam es zurück." in vtt and "Es war einmal" not in vtt and "Kapitel 2-3" in vtt
    whole = run_cli(book, *flags)
    assert whole.returncode == 0, whole.stderr
    assert "3 synthesised" in whole.stderr, whole.stderr  # chapter 1's heading and two sentences, no more
    bad = run_cli(book, "--chapters", "4-9", *flags)
    assert bad.returncode != 0 and "the book has chapters 1 to 3" in bad.stderr


def test_notes_read_inline_on_request_are_skippable_in_the_overlays(tmp_path):
    """``notes = "inline"``: each note is read where it stands, after its label ("Anmerkung zwei"),
    its sentences are spans its overlay points at, and those pars say epub:type="footnote"."""
    from test_epub import epubcheck

    (tmp_path / "buch.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "narration.toml").write_text('[build]\nnotes = "inline"\n', encoding="utf-8")
    result = run_cli("--config", tmp_path / "narration.toml", tmp_path / "buch.md", "--engine", "espeak",
                     "--formats", "epub,vtt", "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    vtt = (tmp_path / "out" / "buch" / "buch.vtt").read_text(encoding="utf-8")
    assert "In der Vorlage steht »Helen Janes«." in vtt
    epub = tmp_path / "out" / "buch" / "buch.epub"
    with zipfile.ZipFile(epub) as archive:
        smil = archive.read("EPUB/section-01.smil").decode()
        page = archive.read("EPUB/section-01.xhtml").decode()
    assert smil.count('epub:type="footnote"') == 2 and 'id="s-1-3-1" class="sentence"' in page
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    script = run_cli("--config", tmp_path / "narration.toml", "script", tmp_path / "buch.md").stdout
    assert "Anmerkung zwei: In der Vorlage steht »Helen Janes«." in script
    bad = tmp_path / "bad.toml"
    bad.write_text('[build]\nnotes = "laut"\n', encoding="utf-8")
    wrong = run_cli("--config", bad, tmp_path / "buch.md")
    assert wrong.returncode == 2 and "'notes' must be one of skip, inline" in wrong.stderr


def test_a_source_sets_its_own_notes_and_chapters_and_a_flag_still_wins(tmp_path):
    """Front matter and sidecar carry a book's own ``notes``/``chapters`` over narration.toml's;
    ``--chapters`` on the command line beats them; a wrong value fails that book in one line."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "buch.md").write_text(NOTES.replace("lang: de\n", "lang: de\nnotes: inline\n"), encoding="utf-8")
    (source / "zwei.md").write_text(NOTES, encoding="utf-8")
    (source / "zwei.yaml").write_text("chapters: 2\n", encoding="utf-8")
    common = ("--engine", "espeak", "--formats", "vtt", "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    result = run_cli(source, *common)
    assert result.returncode == 0, result.stderr
    inline = (tmp_path / "out" / "buch" / "buch.vtt").read_text(encoding="utf-8")
    second = (tmp_path / "out" / "zwei" / "zwei.vtt").read_text(encoding="utf-8")
    assert "In der Vorlage steht »Helen Janes«." in inline and "Es war einmal ein Schiff." in inline
    assert "Dann kam es zurück." in second and "Es war einmal ein Schiff." not in second
    assert "Helen Janes" not in second
    again = run_cli(source, *common)  # the sources' own settings are part of what "up to date" means
    assert again.returncode == 0 and again.stderr.count("up to date") == 2, again.stderr
    script = run_cli("script", source / "buch.md").stdout
    assert "Anmerkung zwei: In der Vorlage steht »Helen Janes«." in script
    flagged = run_cli(source / "zwei.md", "--chapters", "1", *common)
    assert flagged.returncode == 0, flagged.stderr
    first = (tmp_path / "out" / "zwei" / "zwei.vtt").read_text(encoding="utf-8")
    assert "Es war einmal ein Schiff." in first and "Dann kam es zurück." not in first
    (source / "zwei.yaml").write_text("notes: laut\n", encoding="utf-8")
    wrong = run_cli(source, *common)
    assert wrong.returncode == 1
    assert "zwei.md" in wrong.stderr and "'notes' must be one of skip, inline" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_notes_read_at_the_end_of_their_chapter_are_shown_there_too(tmp_path):
    """``notes = "end-of-chapter"``: a chapter's text first, then its notes with their labels, heard
    and shown in that one order; the reference still links to its note."""
    from test_epub import epubcheck

    text = NOTES.replace("lang: de\n", "lang: de\nnotes: end-of-chapter\n").replace(
        "schrieb.\n", "schrieb.\n\nAm Abend lag es still im Hafen.\n")
    (tmp_path / "buch.md").write_text(text, encoding="utf-8")
    script = run_cli("script", tmp_path / "buch.md").stdout.splitlines()
    first = script.index("Es fuhr weit hinaus, wie Helen Jones schrieb.")
    assert script[first + 1:first + 4] == ["Am Abend lag es still im Hafen.",
                                           "Anmerkung eins: Ein Dampfschiff, gebaut achtzehnhundertachtzig.",
                                           "Anmerkung zwei: In der Vorlage steht »Helen Janes«."]
    assert script[first + 4] == "Zweites Kapitel"
    result = run_cli(tmp_path / "buch.md", "--engine", "espeak", "--formats", "epub", "--out", tmp_path / "out",
                     "--cache-dir", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    epub = tmp_path / "out" / "buch" / "buch.epub"
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("EPUB/section-01.xhtml").decode()
        smil = archive.read("EPUB/section-01.smil").decode()
    assert page.index("wie Helen Jones") < page.index("still im Hafen") < page.index("Ein Dampfschiff") \
        < page.index("Helen Janes")
    assert 'id="s-1-4-1"' in page and 'par-s-1-2-1" epub:type="footnote"' in smil  # "Am Abend"; note 1
    assert smil.index('"par-s-1-4-1"') < smil.index('"par-s-1-2-1"') and smil.count('epub:type="footnote"') == 2
    assert 'href="#note-1"' in page
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_notes_pandoc_would_lose_are_rewritten_first():
    """A note whose body is a list becomes a paragraph (numbered from ``start``, 1 when that is no
    number); an endnotes section's plain items become typed divisions; broken XHTML is left alone."""
    from narration.readers.epub import notes_pandoc_keeps

    page = ('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
            '<aside epub:type="footnote" id="n1"><ol start="2"><li>Gewist.</li></ol></aside>'
            '<aside epub:type="footnote" id="n2"><ol start="x"><li>Cor. 10.</li></ol></aside>'
            '<section epub:type="endnotes"><ol><li id="note-1"><p>Eins.</p></li></ol></section></body></html>')
    out = notes_pandoc_keeps(page.encode()).decode()
    assert '<aside epub:type="footnote" id="n1"><p>2. Gewist.</p></aside>' in out
    assert '<p>1. Cor. 10.</p>' in out
    assert '<div id="note-1" epub:type="endnote" role="doc-endnote"><p>Eins.</p></div>' in out and "<ol>" not in out
    assert notes_pandoc_keeps(b"<html><body><p>kaputt</body>") is None
    assert notes_pandoc_keeps(page.replace("footnote", "x").replace("endnotes", "x").encode()) is None


MANIFESTO_TOC = [  # its nav document's entries, read by hand; the half-title page's entry is matter
    (1, "Preface"), (1, "Introduction"), (2, "I: Bourgeois and Proletarians"), (2, "II: Proletarians and Communists"),
    (2, "III: Socialist and Communist Literature"), (3, "1: Reactionary Socialism"), (4, "(A) Feudal Socialism"),
    (4, "(B) Petty-Bourgeois Socialism"), (4, "(C) German, or “True,” Socialism"),
    (3, "2: Conservative or Bourgeois Socialism"), (3, "3: Critical-Utopian Socialism and Communism"),
    (2, "IV: Position of the Communists in Relation to the Various Existing Opposition Parties"), (1, "Endnotes")]


@pytest.mark.parametrize("name, count, some", [
    ("marx-engels_the-communist-manifesto_standardebooks.epub", 13, MANIFESTO_TOC),
    ("frankenheim_populaere-astronomie_1827.epub", 26, [  # 21 lectures, each with its subject; no Register
        (1, "Vorrede."), (1, "Erste Vorlesung. Geschichte der Astronomie von den ältesten Zeiten bis auf Kopernikus."),
        (2, "Die Mond- und Sonnenfinsternisse."), (1, "Anhang Zusätze und Berichtigungen."),
        (2, "Erklärung der Kupfertafeln."), (2, "Figuren.")]),
    ("barclay_apologie-1776_vorwort-und-saetze-1-7.epub", 65, [  # its "1." ... "7." sub-headings are not listed
        (1, "Vorwort und Anmerkung"), (2, "Erstens"), (1, "2. Von der Offenbarung. Zusammenfassung"), (2, "2.2"),
        (2, "2.3"), (2, "7.7"), (2, "3.8"), (1, "7. Von der Rechtfertigung. Zusammenfassung"), (2, "7.13")]),
])
def test_real_books_chapters_follow_their_table_of_contents(name, count, some):
    """The chapters are the book's own: its nav's entries, with their titles and depth (a heading with
    no text joined with its subject is one chapter), matter left out; sections it does not list
    are part of the chapter before them."""
    from narration.chapters import of

    book = BOOKS / name
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    chapters = [(c.level, c.title) for c in of(load(book))]
    assert len(chapters) == count
    positions = [chapters.index(entry) for entry in some]
    assert positions == sorted(positions)


@pytest.fixture(scope="module")
def manifesto_subset(tmp_path_factory):
    """The Communist Manifesto's Introduction and Endnotes (chapters 2 and 13), built once: its folder."""
    book = BOOKS / "marx-engels_the-communist-manifesto_standardebooks.epub"
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    work = tmp_path_factory.mktemp("manifesto")
    done = run_cli(book, "--chapters", "2,13", "--engine", "espeak", "--formats", "epub,chapters,vtt",
                   "--out", work / "out", "--cache-dir", work / "cache")
    assert done.returncode == 0, done.stderr
    return next((work / "out").iterdir())


def test_a_chapter_of_notes_alone_is_shown_not_said(manifesto_subset, tmp_path):
    """Standard Ebooks' "Endnotes" chapter, with notes not read: its page is in the EPUB (no overlay),
    it has no chapter mark and no audio, and the chapter before it is built as usual."""
    import json

    from test_epub import epubcheck

    folder = manifesto_subset
    chapters = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))["chapters"]
    assert [c["title"] for c in chapters] == ["Introduction"]
    epub = next(folder.glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        endnotes = archive.read("EPUB/section-02.xhtml").decode()
        nav = archive.read("EPUB/nav.xhtml").decode()
    assert "EPUB/section-01.smil" in names and "EPUB/section-02.smil" not in names
    assert 'role="doc-endnote"' in endnotes or 'role="doc-footnote"' in endnotes
    assert ">Introduction<" in nav and ">Endnotes<" in nav
    assert "Endnotes" not in (folder / f"{folder.name}.vtt").read_text(encoding="utf-8")
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert ace_violations(epub, tmp_path) == []


def test_matter_is_kept_to_read_not_to_hear(manifesto_subset):
    """The book's imprint, colophon and title pages are pages of our EPUB (typed, no overlay, not in
    the audio), in the source's order; a link out of the book is its text; ours replaces the nav."""
    folder = manifesto_subset
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        pages = {name: archive.read(name).decode() for name in archive.namelist() if "/matter-" in name}
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    assert spine.index("matter-2") < spine.index("section-1") < spine.index("matter-4")  # imprint first, colophon after
    kinds = [re.search(r'<section[^>]* epub:type="([^"]+)"', page).group(1) for _, page in sorted(pages.items())]
    assert kinds == ["titlepage", "imprint", "halftitlepage", "colophon", "imprint"]
    assert not any("http" in re.sub(r'xmlns(:\w+)?="[^"]+"', "", page) for page in pages.values())
    assert "Standard Ebooks" in pages["EPUB/matter-02.xhtml"] and "smil" not in opf.split("matter-2")[1][:80]
    vtt = (folder / f"{folder.name}.vtt").read_text(encoding="utf-8")
    assert "Standard Ebooks" not in vtt and "Introduction" in vtt


def test_an_index_keeps_its_links_and_every_page_is_kept():
    """Populäre Astronomie's index (368 page references) is kept, and each of its links lands on a
    page break our book keeps; with the title page's and the index's own, every one of the 480 print
    pages of the source is there, each once."""
    from narration.writers.epub import link_targets

    book = BOOKS / "frankenheim_populaere-astronomie_1827.epub"
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    doc = load(book)
    index = next(m for m in doc.matter if m.kind == "index")
    where = link_targets(doc, [f"matter-{n}.xhtml" for n in range(1, len(doc.matter) + 1)])
    links = re.findall(r'href="#([^"]+)"', index.html)
    to_pages = [link for link in links if "_page" in link]
    assert len(to_pages) == 368 and all(where[link] == f"{where[link].split('#')[0]}#{link}" for link in to_pages)
    assert all(re.fullmatch(r"section-\d\d\.xhtml", where[link]) for link in links if link not in to_pages)  # to a file
    pages = [x.ref for s in doc.sentences() for x in s.spans if x.kind == "pagebreak"]
    pages += [ref for m in doc.matter for ref in re.findall(r'id="([^"]+)" role="doc-pagebreak"', m.html)]
    assert len(pages) == len(set(pages)) == 480


def test_a_book_says_its_labels_in_its_own_language(tmp_path):
    """A note read in an English book is announced "Note 1", a page "Page 2", and a note's way back
    is named in English; a source turns page numbers on for itself, and a wrong value is one line."""
    from narration import config
    from narration.errors import ConfigError
    from narration.writers.markup import NoteLinks, render_section

    (tmp_path / "book.md").write_text("---\ntitle: The Voyage\nlang: en\n---\n\n# One\n\n"
                                      "A ship sailed out.[^1]\n\n[^1]: A steamer.\n", encoding="utf-8")
    doc = load(tmp_path / "book.md")
    note = [item for item in build_script(doc, notes="inline") if item.kind == "note"]
    assert re.sub("\ue000[^\ue001]*\ue001", "", note[0].speech) == "Note one: A steamer."  # less switch marks
    shown = etree_text(render_section(None, doc.sections[0], 1, [], notes=NoteLinks({"note-1": "", "note-1-ref": ""},
                                                                                       language="en")))
    assert 'aria-label="back to the reference"' in shown
    options = config.Options()
    assert config.for_source(options, {"page_numbers": "true"}, "book.md").build.page_numbers is True
    with pytest.raises(ConfigError, match="'page_numbers' must be true or false"):
        config.for_source(options, {"page_numbers": "vielleicht"}, "book.md")


def etree_text(node) -> str:
    from narration.writers.markup import fragment

    return fragment(node)


def test_a_book_opens_with_its_title_and_author_once():
    """A book whose text opens with a heading of its own ("Vorrede.") is introduced first: title,
    subtitle, author and year, then that heading; an English book in English."""
    names = {"frankenheim_populaere-astronomie_1827.epub": [
        "Populäre Astronomie.", "Ohne Hülfe der Mathematik in zwanzig Vorlesungen erläutert.",
        "Von Moritz Ludwig Frankenheim, erschienen 1827.", "Vorrede."],
        "marx-engels_the-communist-manifesto_standardebooks.epub": [
        "The Communist Manifesto.", "By Friedrich Engels and Karl Marx, published on 19 October 2017.", "Preface"]}
    for name, opening in names.items():
        book = BOOKS / name
        if not book.is_file():
            pytest.skip(f"no book at {book}")
        script = build_script(load(book))
        assert [item.text for item in script[:len(opening)]] == opening
        assert sum(item.text == opening[0] for item in script) == 1


def test_matter_is_read_on_request_where_the_book_has_it(tmp_path):
    """``narrate_matter = ["imprint"]``: the imprint is read where the book has it, before the
    preface, as a chapter of its own, and is no longer a page of matter; later ids are positions."""
    from narration import config
    from narration.chapters import of
    from narration.errors import ConfigError
    from narration.narrated_matter import narrated

    book = BOOKS / "marx-engels_the-communist-manifesto_standardebooks.epub"
    if not book.is_file():
        pytest.skip(f"no book at {book}")
    doc = load(book)
    read = narrated(doc, ("imprint",))
    assert [s.title for s in read.sections[:3]] == ["Imprint", "Preface", "Introduction"]
    assert [m.kind for m in read.matter] == ["titlepage", "halftitlepage", "colophon"]  # the two imprints are read
    assert read.sections[1].heading.id == "s-2-0-1" and read.sections[1].blocks[0].sentences[0].id == "s-2-1-1"
    assert [c.title for c in of(read)][:3] == ["Imprint", "Preface", "Introduction"]
    assert [c.title for c in of(read)][-1] == "Uncopyright"
    spoken = " ".join(item.text for item in build_script(read))
    assert "volunteers for Standard Ebooks" in spoken
    assert config.for_source(config.Options(), {"narrate_matter": "imprint, colophon"}, "x").build.narrate_matter \
        == ("imprint", "colophon")
    with pytest.raises(ConfigError, match="'narrate_matter' knows"):
        config.for_source(config.Options(), {"narrate_matter": "cover"}, "x")


def test_an_epub2_book_takes_its_chapters_from_its_ncx(tmp_path):
    """An EPUB 2 book has no navigation document: its NCX lists the chapters; a heading it does not
    list ("Im Hafen", below its depth) is part of the chapter before it."""
    from narration.chapters import of

    book = pandoc_book(tmp_path, "---\ntitle: Die Reise\nlang: de\n---\n\n# Erstes Kapitel\n\nEs war einmal ein "
                       "Schiff.\n\n## Im Hafen\n\nEs lag lange still.\n\n# Zweites Kapitel\n\nDann kam es zurück.\n",
                       "epub2", "--toc-depth=1")
    with zipfile.ZipFile(book) as archive:
        assert 'properties="nav"' not in archive.read("EPUB/content.opf").decode()
    doc = load(book)
    assert [s.title for s in doc.sections] == ["Erstes Kapitel", "Im Hafen", "Zweites Kapitel"]
    assert [(c.title, c.sections) for c in of(doc)] == [("Erstes Kapitel", (0, 1)), ("Zweites Kapitel", (2,))]


LONG = ("Es war einmal ein Schiff.{a} Es fuhr weit hinaus, wie Helen Jones{b} schrieb, und noch viel weiter "
        "als alle dachten, bis an das Ende der bekannten Welt und darüber hinaus, wo niemand mehr war.")


@pytest.mark.parametrize("output", ["docx", "odt", "html"])
def test_notes_of_office_and_html_documents_are_notes(tmp_path, output):
    """A Word, LibreOffice or HTML document's footnotes (through pandoc) are marks and notes too; an
    ODT's styled title is its title, not a paragraph said again."""
    import pypandoc

    source = tmp_path / "n.md"
    source.write_text("---\ntitle: Die Reise\nlang: de\n---\n\n# Erstes Kapitel\n\n" + LONG.format(a="[^1]", b="[^2]")
                      + "\n\n[^1]: Ein Dampfschiff, gebaut 1880.\n[^2]: In der Vorlage steht »Helen Janes«.\n",
                      encoding="utf-8")
    target = tmp_path / f"n.{output}"
    pypandoc.convert_file(str(source), output, outputfile=str(target), extra_args=["--standalone"])
    doc = load(target)
    texts = [s.text for s in doc.sentences()]
    assert "Es fuhr weit hinaus, wie Helen Jones schrieb," in " ".join(texts)
    assert [x.value for s in doc.sentences() for x in s.spans if x.kind == "noteref"] == ["1", "2"]
    assert [b.sentences[0].text for s in doc.sections for b in s.blocks if b.kind == "note"] == [
        "Ein Dampfschiff, gebaut 1880.", "In der Vorlage steht »Helen Janes«."]
    assert doc.meta.title == "Die Reise" and texts.count("Die Reise") <= 1


@pytest.mark.parametrize("reference, notes", [
    ('<sup class="reference"><a href="#cite_note-1">[1]</a></sup>',  # Wikipedia's
     '<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a>'
     '</span> <span class="reference-text">Ein Dampfschiff, gebaut 1880.</span></li></ol>'),
    ('<sup><a href="#fn1">1</a></sup>', '<p id="fn1">Ein Dampfschiff, gebaut 1880. <a href="#r1">↩</a></p>'),
])
def test_a_web_pages_notes_are_notes_wherever_the_page_has_them(tmp_path, reference, notes):
    """A note reference marked by a class, or only by its look (a label raised in <sup>, linking into
    the page), is a mark; its note, in a list the article selection leaves out, is a note."""
    page = tmp_path / "seite.html"
    page.write_text(f"<html lang='de'><head><title>Die Reise</title></head><body><article><h1>Die Reise</h1>"
                    f"<p>{LONG.format(a=reference, b='')}</p><p>{LONG.format(a='', b='')}</p></article>"
                    f"<footer>{notes}</footer></body></html>", encoding="utf-8")
    doc = load(page)
    assert "Es war einmal ein Schiff." in [s.text for s in doc.sentences()]
    assert [x.value for s in doc.sentences() for x in s.spans if x.kind == "noteref"] == ["1"]
    assert [b.sentences[0].text for s in doc.sections for b in s.blocks if b.kind == "note"] == [
        "Ein Dampfschiff, gebaut 1880."]
    assert "↑" not in " ".join(item.speech for item in build_script(doc))


def test_a_note_in_a_table_links_both_ways_and_an_empty_header_is_a_cell(tmp_path):
    """Populäre Astronomie has a note reference in a table cell and tables whose corner header is
    empty: the reference gets its id (the note's way back lands), the empty header is a plain cell
    (axe: a header names its column); EPUBCheck and Ace find nothing."""
    from test_epub import epubcheck

    book = pandoc_book(tmp_path, "---\ntitle: Die Erde\nlang: de\n---\n\n# Maße\n\nDie Erde ist groß.\n\n"
                       "|      | Umfang            |\n|------|-------------------|\n"
                       "| Erde | 40000 km[^1]      |\n| Mond | 10921 km          |\n\n"
                       "[^1]: Am Äquator gemessen.\n")
    out = tmp_path / "out"
    done = run_cli(book, "--engine", "espeak", "--formats", "epub", "--out", out, "--cache-dir", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    epub = out / "buch" / "buch.epub"
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("EPUB/section-01.xhtml").decode()
    back = re.search(r'<a href="#([^"]+)" role="doc-backlink"', page).group(1)
    assert f'id="{back}"' in page and "<th scope=\"col\"></th>" not in page
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert ace_violations(epub, tmp_path) == []


def handmade_epub(path: Path, title: str, documents: dict[str, str]) -> Path:
    """A minimal EPUB 3 written by hand: its documents' bodies in spine order, a nav listing them."""
    opf = ('<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
           'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">'
           f'urn:uuid:0</dc:identifier><dc:title>{title}</dc:title><dc:language>de</dc:language></metadata><manifest>'
           '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
           + "".join(f'<item id="d{n}" href="{name}" media-type="application/xhtml+xml"/>'
                     for n, name in enumerate(documents)) + "</manifest><spine>"
           + "".join(f'<itemref idref="d{n}"/>' for n in range(len(documents))) + "</spine></package>")
    nav = page('<nav epub:type="toc"><ol>' + "".join(f'<li><a href="{name}">{name}</a></li>' for name in documents)
               + "</ol></nav>")
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:'
                      'names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
                      'media-type="application/oebps-package+xml"/></rootfiles></container>')
        book.writestr("OEBPS/content.opf", opf)
        book.writestr("OEBPS/nav.xhtml", nav)
        for name, body in documents.items():
            book.writestr(f"OEBPS/{name}", page(body))
    return path


PG_HEADER = ('<header class="pg-boilerplate pgheader" id="pg-header" lang="en"><h2>The Project Gutenberg eBook of '
             'Die Reise</h2><p>This ebook is for the use of anyone anywhere in the United States and most other parts '
             'of the world at no cost and with almost no restrictions whatsoever.</p><div id="pg-start-separator">'
             '<span>*** START OF THE PROJECT GUTENBERG EBOOK DIE REISE ***</span></div></header>')
PG_FOOTER = ('<footer class="pg-boilerplate pgheader" id="pg-footer" lang="en"><div id="pg-end-separator"><span>*** END '
             'OF THE PROJECT GUTENBERG EBOOK DIE REISE ***</span></div><p>Updated editions will replace the previous '
             'one.</p><p>THE FULL PROJECT GUTENBERG LICENSE. PLEASE READ THIS BEFORE YOU DISTRIBUTE THIS WORK.</p>'
             '</footer>')
OLD_PG = ("<pre>The Project Gutenberg EBook of Die Reise\n\nThis eBook is for the use of anyone anywhere at no cost.\n\n"
          "*** START OF THIS PROJECT GUTENBERG EBOOK DIE REISE ***</pre>")


@pytest.mark.parametrize("header, footer", [(PG_HEADER, PG_FOOTER), (OLD_PG, "<p>*** END OF THIS PROJECT GUTENBERG "
                                            "EBOOK DIE REISE ***</p><p>This file should be named reise.txt.</p>")])
def test_a_gutenberg_books_header_and_licence_are_shown_not_read(tmp_path, header, footer):
    """Project Gutenberg puts its English header and its licence inside the text's documents (by
    ebookmaker's ids, or, in older books, between START and END lines): they are pages of the book
    that are shown, never read; the chapter beside them is read whole."""
    text = "<p>Es war einmal ein Schiff. Es fuhr weit hinaus, bis an das Ende der bekannten Welt.</p>"
    book = handmade_epub(tmp_path / "reise.epub", "Die Reise", {
        "c1.xhtml": header + "<h1>Erstes Kapitel</h1>" + text,
        "c2.xhtml": "<h1>Zweites Kapitel</h1><p>Dann kam es zurück, nach vielen Jahren auf See.</p>" + footer,
        "c3.xhtml": "<h2>Section 1. General Terms of Use</h2><p>By reading or using any part of this work, you "
                    "indicate that you have read and accept all the terms of this license.</p>"})
    doc = load(book)
    spoken = " ".join(item.text for item in build_script(doc))
    assert "Es war einmal ein Schiff." in spoken and "Dann kam es zurück, nach vielen Jahren auf See." in spoken
    assert "Gutenberg" not in spoken and "license" not in spoken.lower() and "***" not in spoken
    assert [s.title for s in doc.sections] == ["Erstes Kapitel", "Zweites Kapitel"]
    shown = " ".join(m.html for m in doc.matter)
    assert "START OF TH" in shown and "END OF TH" in shown and "General Terms of Use" in shown
    from test_epub import epubcheck

    done = run_cli(book, "--engine", "espeak", "--formats", "epub", "--out", tmp_path / "out",
                   "--cache-dir", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    report = epubcheck(tmp_path / "out" / "reise" / "reise.epub")  # its bad "urn:uuid:0" is replaced by ours
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
