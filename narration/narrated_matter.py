"""Matter read aloud on request: ``[build] narrate_matter = ["imprint"]`` (or a source's own).

By default a book's title page, imprint, index and colophon are shown, not heard (the spoken intro
says title and author once). An editor who wants the imprint heard names its kind; the page is
then read like the text around it: through pandoc into sections of its own, where the source has
it, and it is no longer a page of matter (it would be shown twice). Ids follow position, so the
sections after it are numbered anew.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .model import Document, Section, TocEntry, heading_id, sentence_id

KINDS = ("titlepage", "halftitlepage", "imprint", "colophon", "index", "toc", "loi", "lot")


def narrated(doc: Document, kinds: tuple[str, ...]) -> Document:
    chosen = [m for m in doc.matter if m.kind in kinds]
    if not chosen:
        return doc
    from .document import assemble
    from .readers.pandoc_ast import convert, to_raw_document

    where = {anchor: index for index, section in enumerate(doc.sections) for anchor in section.anchors}
    inserts: dict[int, list[tuple[str, tuple[Section, ...]]]] = {}
    for matter in chosen:
        raw = to_raw_document(convert(f"<html><body>{matter.html}</body></html>", "html", is_file=False),
                              {"language": doc.meta.language, "title": matter.title})
        position = where.get(matter.before, 0 if matter.front else len(doc.sections))
        inserts.setdefault(position, []).append((matter.title, assemble(raw, Path(doc.source or "matter")).sections))
    sections, moved, entries = [], {}, []
    for index, section in enumerate(doc.sections + (None,)):
        for title, own in inserts.get(index, []):  # each a chapter of its own, as the book's contents list it
            entries.append(TocEntry(len(sections), title))
            sections += own
        if section is not None:
            moved[index] = len(sections)
            sections.append(section)
    toc = sorted(entries + [TocEntry(moved[e.section], e.title, e.level) for e in doc.toc], key=lambda e: e.section)
    return replace(doc, sections=tuple(_numbered(s, n) for n, s in enumerate(sections, 1)),
                   toc=tuple(toc) if doc.toc else (), matter=tuple(m for m in doc.matter if m not in chosen))


def _numbered(section: Section, number: int) -> Section:
    """The section with the ids of its new place (ids are positions, as ``document`` gives them)."""
    blocks = tuple(replace(block, id=f"b-{number}-{b}", sentences=tuple(
        replace(sentence, id=sentence_id(number, b, s)) for s, sentence in enumerate(block.sentences, 1)))
        for b, block in enumerate(section.blocks, 1))
    return replace(section, id=f"sec-{number}", heading=replace(section.heading, id=heading_id(number)), blocks=blocks)
