"""Choosing a book's chapters: ``build.py toc FILE`` lists them, ``--chapters 3-7`` builds those.

A chapter is a section of the document (a heading and what follows it), numbered in reading order
as ``toc`` shows them. A subset keeps every id and every sentence's text as in the whole book, so
its clips are the whole book's: a later full build synthesises only what the subset lacked.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .errors import ConfigError
from .model import Document

WORDS_PER_MINUTE = 150  # heard German at eSpeak NG's 165 words a minute, with the pauses


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
    chosen = parse(spec, len(document.sections))
    sections = tuple(document.sections[n - 1] for n in chosen)
    which = f"Kapitel {spec.replace(' ', '')}"
    subtitle = f"{document.meta.subtitle} ({which})" if document.meta.subtitle else which
    return replace(document, sections=sections, meta=replace(document.meta, subtitle=subtitle))


def table(document: Document) -> list[str]:
    """One line a chapter: its number, its title (indented by level), its length and listening time."""
    lines = []
    for number, section in enumerate(document.sections, 1):
        words = sum(len(s.text.split()) for block in section.blocks if block.kind != "note"
                    for s in block.sentences)
        notes = sum(1 for block in section.blocks if block.kind == "note")
        minutes = words / WORDS_PER_MINUTE
        length = f"{words:>6} words  {int(minutes) // 60}:{int(minutes) % 60:02d} h" if minutes >= 60 else \
            f"{words:>6} words  {round(minutes) if minutes >= 0.5 else '<1':>3} min"
        extra = f"  ({notes} notes)" if notes else ""
        lines.append(f"{number:>3}  {'  ' * (section.level - 1)}{section.title}  [{length}]{extra}")
    return lines
