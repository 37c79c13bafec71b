"""EPUB books: the parts a listener wants, through pandoc.

A book's spine holds more than its text: the navigation document (a table of contents, landmarks,
a page list of hundreds of numbers), a cover, a title page and an imprint ("Nachdruck verboten").
pandoc reads them all as text, so they were read aloud. Here each spine document is looked at
first; what is matter and not text is left out of the spine pandoc reads, with its reason for
``build.py document --explain``: by the book's own ``epub:type``/``role`` where it says so, else by
its content (a page of links into the book, a short page with a copyright notice, an index).
The title and author are said once by the spoken intro, so a title page is matter too.
Matter is not thrown away: what a reader wants to see (title page, imprint, index ...) is kept as
a page of its own (:mod:`.matter`). The book's table of contents (nav, else NCX) is read too: it
says where the chapters begin and what they are called (:mod:`narration.chapters`).
"""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from lxml import etree

from ..errors import ReaderError
from .base import RawDocument
from . import furniture
from .matter import anchor, local_name
from .matter import kept as matter_kept
from .pandoc_ast import NOTE_KINDS, convert, joined_headings, to_raw_document

FORMAT = "epub"
SUFFIXES = (".epub",)
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_MATTER_TYPES = {  # epub:type (EPUB Structural Semantics) or role -> why it is not read
    "toc": "table of contents", "doc-toc": "table of contents", "landmarks": "landmarks",
    "page-list": "page list", "loi": "list of illustrations", "lot": "list of tables",
    "cover": "cover", "doc-cover": "cover", "titlepage": "title page (the intro says title and author)",
    "halftitlepage": "half-title page", "copyright-page": "imprint", "imprint": "imprint",
    "colophon": "colophon", "doc-colophon": "colophon", "index": "index", "doc-index": "index",
}
_LICENCE = "Project Gutenberg's licence"  # every document after the END line of a Gutenberg book
_NOTE_SECTIONS = {"footnotes", "endnotes", "rearnotes", "doc-endnotes", "doc-footnotes"}
_IMPRINT = re.compile(r"Nachdruck verboten|Alle Rechte vorbehalten|All rights reserved|Copyright|©|ISBN", re.I)
_INDEX_HEADING = re.compile(r"\s*(Register|Sachregister|Namensregister|Personenregister|Index)\s*\.?\s*$", re.I)


def read(path: Path, data: bytes) -> RawDocument:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        opf_name = _opf_name(book)
        opf = etree.fromstring(book.read(opf_name), etree.XMLParser(resolve_entities=False, no_network=True))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, IndexError) as exc:
        raise ReaderError("is not a readable EPUB file", str(exc)[:120]) from exc
    manifest = {item.get("id"): item for item in opf.iter(f"{OPF}item")}
    titles = _titles(opf)
    title = titles.get("title", "")
    skipped, dropped, rewritten, matter, text_seen, waiting, ended = [], [], {}, [], False, 0, False
    folder = PurePosixPath(opf_name).parent
    for itemref in opf.iter(f"{OPF}itemref"):
        item = manifest.get(itemref.get("idref"))
        if item is None:
            continue
        name = str(folder / item.get("href", ""))
        try:
            content = book.read(name)
        except KeyError:
            content, why = b"", "missing from the book"
        else:
            why = _LICENCE if ended else matter_of(content, item.get("properties", ""), "" if text_seen else title)
        text_seen = text_seen or not why
        if not why:  # the matter kept since the last text stands before this
            matter[len(matter) - waiting:] = [replace(m, before=PurePosixPath(name).name)
                                              for m in matter[len(matter) - waiting:]]
            waiting = 0
        if why:
            skipped.append(itemref)
            dropped.append((item.get("href", ""), why))
            shown = matter_kept(content, PurePosixPath(name).name, why, front=not text_seen)
            if shown is not None:
                matter.append(shown)
                waiting += 1
            continue
        base = PurePosixPath(name).name
        without, parts, ended = furniture.cut(content, ended)  # Project Gutenberg's header and licence
        for part in parts:
            dropped.append((f"{item.get('href', '')} (part)", part.why))
            if (shown := matter_kept(part.xhtml, base, part.why, part.front)) is not None:
                matter.append(replace(shown, before=base) if part.front else shown)
        content = without or content
        kept = notes_pandoc_keeps(content)
        if kept is not None or without is not None:
            rewritten[name] = kept or content
    if skipped or rewritten:
        for itemref in skipped:
            itemref.getparent().remove(itemref)
        rewritten[opf_name] = etree.tostring(opf, xml_declaration=True, encoding="utf-8")
        raw = _converted(book, rewritten)
    else:
        raw = to_raw_document(convert(path, FORMAT, is_file=True))
    raw.meta.update(titles)
    raw.sections = joined_headings(raw.sections)
    raw.dropped = dropped
    raw.toc = book_toc(book, opf, folder, manifest)
    raw.matter = matter
    for section in raw.sections:  # images inside the book are not files beside it: none to embed
        for block in section.blocks:
            block.image = ""
    return raw


def matter_of(xhtml: bytes, properties: str = "", title: str = "") -> str | None:
    """Why a spine document is not read, or None if it is the book's text. ``title``: the book's,
    given for a document before any text: a short one that shows it is the title page."""
    if "nav" in properties.split():
        return "navigation document"
    try:
        root = etree.fromstring(xhtml, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    body = next((e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("body")), root)
    for element in (body, *list(body)[:3]):  # the body or its first sections say what they are
        if not isinstance(element.tag, str):
            continue
        for kind in (element.get(EPUB_TYPE, "") + " " + element.get("role", "")).split():
            if kind in _MATTER_TYPES:
                return _MATTER_TYPES[kind]
    text = " ".join("".join(body.itertext()).split())
    words = len(text.split())
    links = [a for a in body.iter() if isinstance(a.tag, str) and a.tag.endswith("}a") and a.get("href")
             and not re.match(r"[a-z]+:", a.get("href", ""))]
    linked = sum(len(" ".join("".join(a.itertext()).split()).split()) for a in links)
    if len(links) >= 5 and linked >= 0.7 * max(words, 1):
        return "a page of links into the book (a table of contents)"
    headings = [" ".join("".join(h.itertext()).split()) for h in body.iter()
                if isinstance(h.tag, str) and re.search(r"}h[1-3]$", h.tag)]
    if headings and _INDEX_HEADING.match(headings[0]) and len(links) >= 5:
        return "index"
    if words < 150 and _IMPRINT.search(text):
        return "imprint"
    folded = " ".join(title.split()).casefold()
    if title and words < 100 and folded in text.casefold() and all(h.casefold() in folded for h in headings):
        return "title page (the intro says title and author)"  # a short first page with no heading of its own
    return None


def book_toc(book: zipfile.ZipFile, opf, folder: PurePosixPath, manifest: dict) -> list:
    """The book's table of contents, (depth, title, (anchor, file)) in its order, from the EPUB 3
    navigation document, else the EPUB 2 NCX; anchors named as pandoc names ids ('ch1.xhtml_intro')."""
    nav = next((i for i in manifest.values() if "nav" in i.get("properties", "").split()), None)
    ncx = manifest.get(next(opf.iter(f"{OPF}spine")).get("toc", "")) if next(opf.iter(f"{OPF}spine"), None) \
        is not None else None
    ncx = ncx if ncx is not None else next(
        (i for i in manifest.values() if i.get("media-type") == "application/x-dtbncx+xml"), None)
    for item, entries in ((nav, _nav_entries), (ncx, _ncx_entries)):
        if item is None:
            continue
        name = folder / item.get("href", "")
        try:
            root = etree.fromstring(book.read(str(name)), etree.XMLParser(recover=True, resolve_entities=False,
                                                                          no_network=True))
        except (KeyError, etree.XMLSyntaxError):
            continue
        found = [(depth, title, anchor(href)) for depth, title, href in entries(root) if href]
        if found:
            return found
    return []


def _nav_entries(root):
    for nav in (e for e in root.iter() if local_name(e) == "nav" and "toc" in (e.get(EPUB_TYPE) or "").split()):
        for link in (e for e in nav.iter() if local_name(e) == "a"):
            depth = sum(1 for e in link.iterancestors() if local_name(e) == "ol")
            yield depth, " ".join("".join(link.itertext()).split()), link.get("href", "")


def _ncx_entries(root):
    for point in (e for e in root.iter() if local_name(e) == "navPoint"):
        depth = sum(1 for e in point.iterancestors() if local_name(e) == "navPoint") + 1
        label = next((e for e in point if local_name(e) == "navLabel"), None)
        content = next((e for e in point if local_name(e) == "content"), None)
        title = " ".join("".join(label.itertext()).split()) if label is not None else ""
        yield depth, title, content.get("src", "") if content is not None else ""


def _opf_name(book: zipfile.ZipFile) -> str:
    container = etree.fromstring(book.read("META-INF/container.xml"))
    return container.xpath("//*[local-name()='rootfile']/@full-path")[0]


def notes_pandoc_keeps(xhtml: bytes) -> bytes | None:
    """The document rewritten where pandoc's EPUB reader would lose a note, or None if it has no
    such note: an endnotes section's plain list items (Standard Ebooks: ``<section
    epub:type="endnotes"><ol><li id="note-1">``; pandoc keeps no attribute of an ``li``) become
    typed ``div``s; a list that is a note's whole body (a Markdown "1. Cor. 10 v. 4." gone wrong
    upstream) becomes a paragraph, as pandoc gives such a note no text at all."""
    try:
        root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    changed = False
    for element in list(root.iter()):  # a list: the loop replaces elements
        kinds = set(f"{element.get(EPUB_TYPE, '')} {element.get('role', '')}".split()) \
            if isinstance(element.tag, str) else set()
        if kinds & _NOTE_SECTIONS:
            changed |= _typed_note_items(element, "endnote" if kinds & {"endnotes", "doc-endnotes", "rearnotes"}
                                         else "footnote")
        elif kinds & NOTE_KINDS:
            changed |= _lists_as_paragraphs(element)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8") if changed else None


def _typed_note_items(section, kind: str) -> bool:
    changed = False
    for listing in [e for e in section.iter() if local_name(e) in ("ol", "ul")]:
        items = [li for li in listing if local_name(li) == "li"]
        if not items or not all(li.get("id") and not li.get(EPUB_TYPE) for li in items) \
                or listing.getparent() is None:
            continue
        namespace = listing.tag[:-2]
        place = listing.getparent().index(listing)
        for offset, li in enumerate(items):
            note = etree.Element(f"{namespace}div", {"id": li.get("id"), EPUB_TYPE: kind, "role": f"doc-{kind}"})
            note.text = li.text
            note.extend(list(li))
            listing.getparent().insert(place + offset, note)
        listing.getparent().remove(listing)
        changed = True
    return changed


def _lists_as_paragraphs(note) -> bool:
    changed = False
    for child in [c for c in note if local_name(c) in ("ol", "ul")]:
        ordered, start = local_name(child) == "ol", int(child.get("start", "")) if child.get("start", "").isdigit() else 1
        items = [" ".join("".join(li.itertext()).split()) for li in child if local_name(li) == "li"]
        paragraph = etree.Element(child.tag[:-2] + "p")
        paragraph.text = " ".join(f"{start + i}. {item}" if ordered else item for i, item in enumerate(items))
        paragraph.tail = child.tail
        note.replace(child, paragraph)
        changed = True
    return changed


def _converted(book: zipfile.ZipFile, rewritten: dict[str, bytes]) -> RawDocument:
    """pandoc on a copy of the book with these files rewritten (its package document with only
    its text in the spine; notes pandoc would lose); the copy is gone after."""
    with tempfile.TemporaryDirectory(prefix="narration-epub-") as folder:
        copy = Path(folder) / "book.epub"
        with zipfile.ZipFile(copy, "w") as out:
            for info in book.infolist():
                payload = rewritten.get(info.filename) or book.read(info.filename)
                compress = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
                out.writestr(info.filename, payload, compress_type=compress)
        return to_raw_document(convert(copy, FORMAT, is_file=True))


def _titles(opf) -> dict:
    """The main title and the subtitle, as the package says which is which (pandoc joins them)."""
    titles = {t.get("id"): " ".join("".join(t.itertext()).split()) for t in opf.iter(f"{DC}title")}
    if not titles:
        return {}
    kinds = {m.get("refines", "").lstrip("#"): (m.text or "").strip() for m in opf.iter(f"{OPF}meta")
             if m.get("property") == "title-type"}
    main = next((t for i, t in titles.items() if kinds.get(i) == "main"), next(iter(titles.values())))
    found = {"title": main}
    subtitle = next((t for i, t in titles.items() if kinds.get(i) == "subtitle"), "")
    if subtitle:
        found["subtitle"] = subtitle
    return found
