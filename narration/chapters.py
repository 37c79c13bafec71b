"""A document's chapters: the source's own table of contents where it has one, else its sections.

The one list that the MP3/M4B chapter marks, ``chapters.json``, the player's chapter list, the
EPUB's navigation and ``build.py toc`` all follow. A book's table of contents (EPUB nav/NCX) says
where each chapter begins; a section it does not list (a numbered sub-paragraph, "Hilfsmittel …"
under a lecture) is part of the chapter before it, and a TOC entry whose heading was joined with
the next one (a heading with no text of its own) is one chapter with it.

``build.py toc FILE`` lists them, ``--chapters 3-7`` builds those: a subset keeps every id and every
sentence's text as in the whole book, so its clips are the whole book's and a later full build
synthesises only what the subset lacked.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .errors import ConfigError
from .model import Document, Section, TocEntry

WORDS_PER_MINUTE = 150  # heard German at eSpeak NG's 165 words a minute, with the pauses


@dataclass(frozen=True)
class Chapter:
    title: str
    level: int
    sections: tuple[int, ...]  # indices into the document's sections, in order


def of(document: Document) -> list[Chapter]:
    if not document.toc:
        return [Chapter(s.title, s.level, (i,)) for i, s in enumerate(document.sections)]
    toc = document.toc
    if toc[0].section > 0:  # text before the first listed chapter is a chapter of its own
        toc = (TocEntry(0, document.sections[0].title, toc[0].level),) + toc
    starts = [entry.section for entry in toc] + [len(document.sections)]
    return [Chapter(entry.title, entry.level, tuple(range(start, end)))
            for entry, start, end in zip(toc, starts, starts[1:])]


def from_toc(sections: tuple[Section, ...] | list[Section], entries) -> tuple[TocEntry, ...]:
    """The source's table of contents on the document's sections. ``entries``: (level, title,
    target) in the source's order, a target being the anchor it links to ('ch1.xhtml_intro') and
    its file's ('ch1.xhtml'). An entry whose anchor pandoc lost is found by its heading: the next
    section of its file whose heading begins the entry's title ('I' for 'I: Bourgeois and …').
    An entry on the same section as the one before, one level deeper, names the heading it was
    joined with ('Erste Vorlesung.' + 'Geschichte der …'); entries on no section (matter left out)
    are dropped."""
    where: dict[str, int] = {}
    for index, section in enumerate(sections):
        for anchor in section.anchors:
            where.setdefault(anchor, index)
    files = {index for name, index in where.items() if name.endswith((".xhtml", ".html", ".htm", ".xml"))}
    found: list[TocEntry] = []
    last = -1
    for level, title, (anchor, file) in entries:
        index = where.get(anchor)
        if index is None and file in where:
            index = _by_heading(sections, title, max(where[file], last + 1), files)
        title = " ".join(title.split())
        if index is not None and index == last and found and level > found[-1].level and title:
            found[-1] = replace(found[-1], title=f"{found[-1].title} {title}")  # a heading joined with its subject
        if index is None or index <= last:
            continue
        found.append(TocEntry(index, title or sections[index].title, level))
        last = index
    if not found:
        return ()
    top = min(entry.level for entry in found)
    return tuple(replace(entry, level=entry.level - top + 1) for entry in found)


def _by_heading(sections, title: str, start: int, file_starts: set[int]) -> int | None:
    wanted = _folded(title)
    for index in range(start, len(sections)):
        if index > start and index in file_starts:
            return None
        heading = _folded(sections[index].title)
        if heading and wanted.startswith(heading):
            return index
    return None


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def parse(spec: str, count: int) -> list[int]:
    """'3-7', '1,4,6-8' -> chapter numbers (1-based, in order, each once); a wrong one is one line."""
    numbers: list[int] = []
    for part in spec.replace(" ", "").split(","):
        found = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not found:
            raise ConfigError(f"--chapters '{spec}' is not a list of chapters like 3-7 or 1,4,6-8")
        first, last = int(found.group(1)), int(found.group(2) or found.group(1))
        if not 1 <= first <= last <= count:
            raise ConfigError(f"--chapters '{spec}': the book has chapters 1 to {count}",
                              "see: python build.py toc FILE")
        numbers += [n for n in range(first, last + 1) if n not in numbers]
    return sorted(numbers)


def select(document: Document, spec: str) -> Document:
    """The document with only the chosen chapters; its subtitle says which."""
    chapters = of(document)
    chosen = [chapters[n - 1] for n in parse(spec, len(chapters))]
    sections = tuple(document.sections[i] for chapter in chosen for i in chapter.sections)
    toc, start = [], 0
    for chapter in chosen:
        toc.append(TocEntry(start, chapter.title, chapter.level))
        start += len(chapter.sections)
    which = f"Kapitel {spec.replace(' ', '')}"
    subtitle = f"{document.meta.subtitle} ({which})" if document.meta.subtitle else which
    return replace(document, sections=sections, toc=tuple(toc) if document.toc else (),
                   meta=replace(document.meta, subtitle=subtitle))


def table(document: Document) -> list[str]:
    """One line a chapter: its number, its title (indented by level), its length and listening time."""
    lines = []
    for number, chapter in enumerate(of(document), 1):
        blocks = [b for i in chapter.sections for b in document.sections[i].blocks]
        words = sum(len(s.text.split()) for block in blocks if block.kind != "note" for s in block.sentences)
        notes = sum(1 for block in blocks if block.kind == "note")
        minutes = words / WORDS_PER_MINUTE
        length = f"{words:>6} words  {int(minutes) // 60}:{int(minutes) % 60:02d} h" if minutes >= 60 else \
            f"{words:>6} words  {round(minutes) if minutes >= 0.5 else '<1':>3} min"
        extra = f"  ({notes} notes)" if notes else ""
        lines.append(f"{number:>3}  {'  ' * (chapter.level - 1)}{chapter.title}  [{length}]{extra}")
    return lines
