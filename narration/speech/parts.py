"""Language switches inside a speech text: the parts an engine speaks in another voice.

A sentence's speech text stays one string (it keys the clip cache, it is what word events index),
so a passage in another language is marked inside it: ``SWITCH + "en" + END`` switches to English,
``BACK`` returns to the document's language. The marks come from the normaliser, which knows the
sentence's language spans, as tokens of no display width, so word timing maps around them; they
are characters of Unicode's private use area, which no text or voice uses. Engines split the text
at them (``split``) and speak each part in its language; everything else sees ``plain`` text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SWITCH = "\ue000"
END = "\ue001"
BACK = SWITCH + END  # back to the document's language
_MARK = re.compile(f"{SWITCH}([^{END}]*){END}")


@dataclass(frozen=True)
class Part:
    language: str  # "" for the document's own
    start: int  # where its text begins in the marked speech text (word events index that string)
    text: str


def switch(language: str) -> str:
    return f"{SWITCH}{language}{END}"


def has_parts(speech: str) -> bool:
    return SWITCH in speech


def split(speech: str) -> list[Part]:
    """The speech text's parts in order, each with its language ("" the document's), empty ones left out."""
    parts, language, position = [], "", 0
    for mark in _MARK.finditer(speech):
        if mark.start() > position:
            parts.append(Part(language, position, speech[position:mark.start()]))
        language, position = mark.group(1), mark.end()
    if position < len(speech):
        parts.append(Part(language, position, speech[position:]))
    return [p for p in parts if p.text.strip()]


def languages(speech: str) -> set[str]:
    return {mark.group(1) for mark in _MARK.finditer(speech) if mark.group(1)}


def plain(speech: str) -> str:
    return _MARK.sub("", speech)


def readable(speech: str) -> str:
    """For people: 'Er rief [en: America First] und ging.'"""
    return _MARK.sub(lambda m: f"[{m.group(1)}: " if m.group(1) else "]", speech)
