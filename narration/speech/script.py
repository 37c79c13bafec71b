"""Document -> speech script: what is said, in order, with the pause after each item.

The script is the bridge between text and audio: every item keeps the stable
id and the displayed text, adds the text the engine hears (lexicon, then
normalisation), and the pause that follows it. The optional spoken intro
(subtitle, author, date) is part of the first section.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import PauseOptions
from ..model import Document
from .lexicon import Lexicon
from .normalise import normalise

MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember")


@dataclass(frozen=True)
class ScriptItem:
    id: str
    kind: str  # "heading", "intro" or a block kind
    text: str  # shown to readers
    speech: str  # heard from the engine
    section: int  # index into document.sections
    block: str  # block id ("" for headings and the intro)
    pause_ms: int  # silence after this item


def intro_lines(doc: Document) -> list[str]:
    meta, lines = doc.meta, []
    if meta.subtitle:
        lines.append(meta.subtitle.rstrip(".") + ".")
    byline = []
    if meta.authors:
        names = meta.authors[0] if len(meta.authors) == 1 else ", ".join(meta.authors[:-1]) + " und " + meta.authors[-1]
        byline.append(f"Von {names}")
    if meta.date:
        byline.append(german_date(meta.date))
    if byline:
        lines.append(", ".join(byline) + ".")
    return lines


def german_date(iso: str) -> str:
    """'2022-02-24' -> 'veröffentlicht am 24. Februar 2022' (display text; the normaliser speaks it)."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return f"erschienen {iso[:4]}"
    return f"veröffentlicht am {day.day}. {MONTH_NAMES[day.month - 1]} {day.year}"


def build_script(doc: Document, lexicon: Lexicon | None = None, pauses: PauseOptions = PauseOptions(),
                 intro: bool = True) -> list[ScriptItem]:
    lexicon = lexicon or Lexicon()

    def speech(text: str) -> str:
        return normalise(lexicon.apply(text))

    raw: list[tuple[str, str, str, int, str]] = []
    for index, section in enumerate(doc.sections):
        raw.append((section.heading.id, "heading", section.heading.text, index, ""))
        if index == 0 and intro:
            for n, line in enumerate(intro_lines(doc), start=2):
                line = line[0].upper() + line[1:]
                raw.append((f"{section.heading.id[:-2]}-{n}", "intro", line, index, ""))
        for block in section.blocks:
            texts = block.sentences or ()
            for sentence in texts:
                raw.append((sentence.id, block.kind, sentence.text, index, block.id))
    items = []
    for i, (item_id, kind, text, section, block) in enumerate(raw):
        after = raw[i + 1] if i + 1 < len(raw) else None
        if after is None:
            pause = 0
        elif after[3] != section:
            pause = pauses.section_ms
        elif kind in ("heading", "intro"):
            pause = pauses.heading_ms
        elif after[4] != block:
            pause = pauses.paragraph_ms
        else:
            pause = pauses.sentence_ms
        items.append(ScriptItem(item_id, kind, text, speech(text), section, block, pause))
    return items
