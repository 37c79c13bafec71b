"""Plain text as pasted from a news site.

Conventions (what people actually paste): blank lines separate paragraphs;
lines inside a paragraph are hard wraps and are joined; a single short line
without sentence-final punctuation, followed by more text, is a subheading;
the first paragraph is the lead.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..textio import decode
from .base import RawBlock, RawDocument, RawSection, split_front_matter

FORMAT = "text"
SUFFIXES = (".txt", ".text")
MAX_HEADING_CHARS = 90
MAX_HEADING_WORDS = 12
_FINAL = tuple(".!?:;…,\"“”»«'’)")


def read(path: Path, data: bytes) -> RawDocument:
    meta, body = split_front_matter(decode(data))
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    sections = [RawSection(title=None, level=1)]
    for index, paragraph in enumerate(paragraphs):
        lines = [line.strip() for line in paragraph.strip().split("\n")]
        has_next = index + 1 < len(paragraphs)
        if has_next and len(lines) == 1 and is_subheading(lines[0]):
            sections.append(RawSection(title=lines[0], level=2))
            continue
        sections[-1].blocks.append(RawBlock("paragraph", join_wrapped(lines)))
    if not sections[0].blocks:
        sections.pop(0)
    return RawDocument(meta, sections)


def is_subheading(line: str) -> bool:
    return (
        len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and not line.endswith(_FINAL)
        and any(ch.isalpha() for ch in line)
    )


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines, healing words split by a wrap hyphen ("Verteidi-/gung")."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif re.search(r"[a-zäöüß]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text
