"""German sentence splitting with SoMaJo, plus one rule SoMaJo lacks.

SoMaJo knows German abbreviations (z. B., Nr., Dr.), ordinals before months
("am 24. Februar"), initials and ellipses. It does split inside quotations,
though ("Er sagte: „Gut. Sehr gut.“" becomes two sentences), and a listener
hears a quotation as one unit, so sentences are re-joined while a quotation is
still open.
"""
from __future__ import annotations

import functools

_OPENERS = {"„": "“", "»": "«", "“": "”", "«": "»"}


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph of running text into sentences (original spelling kept)."""
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    pieces = []
    for tokens in _tokenizer().tokenize_text([paragraph]):
        start, end = tokens[0].character_offset[0], tokens[-1].character_offset[1]
        pieces.append(paragraph[start:end])
    return _join_open_quotations(pieces)


def _join_open_quotations(pieces: list[str]) -> list[str]:
    sentences: list[str] = []
    pending = ""
    for piece in pieces:
        pending = f"{pending} {piece}" if pending else piece
        if not _quotation_open(pending):
            sentences.append(pending)
            pending = ""
    if pending:
        sentences.append(pending)
    return sentences


def _quotation_open(text: str) -> bool:
    straight = text.count('"') % 2 == 1
    stack: list[str] = []
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in ("„", "»") or (ch in ("“", "«") and not stack):
            stack.append(_OPENERS[ch])
    return straight or bool(stack)
