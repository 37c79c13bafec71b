"""Spoken words back to the words readers see, with their times.

The engine reports where each word of the *speech text* starts (eSpeak NG's
word events). ``normalise.spoken_with_origins`` knows which display text each
spoken character came from, so a spoken word maps to a span of the sentence
as shown: 'vierundzwanzigsten Februar zweitausendzweiundzwanzig' all map to
'24.02.2022' and become one display word with the start of the first and the
end of the last.
"""
from __future__ import annotations

from .normalise import spoken_with_origins


def display_words(item, events: list[tuple[int, int, int]], rate: int, start_ms: int, end_ms: int):
    """``events``: (speech char start, char length, sample from the cue's start) of each spoken word.
    Returns [(display start, display end, start ms, end ms)], increasing and inside the cue."""
    if not events or not item.tokens:
        return []
    speech, origins = spoken_with_origins(list(item.tokens))
    spans = []
    for char, length, sample in events:
        covered = origins[max(0, char):max(0, char) + max(1, length)]
        if not covered:
            continue
        begin, end = min(o[0] for o in covered), max(o[1] for o in covered)
        begin, end = _strip(item.text, begin, end)
        if begin >= end:
            continue
        at = start_ms + (sample * 1000 + rate // 2) // rate
        at = min(max(at, start_ms), end_ms - 1)
        if spans and begin < spans[-1][1]:  # part of the display word before ('24.02.2022')
            spans[-1][1] = max(spans[-1][1], end)
            continue
        if spans and at <= spans[-1][2]:
            at = spans[-1][2] + 1
            if at >= end_ms:
                break
        spans.append([begin, end, at])
    words = []
    for i, (begin, end, at) in enumerate(spans):
        until = spans[i + 1][2] if i + 1 < len(spans) else end_ms
        limit = spans[i + 1][0] if i + 1 < len(spans) else len(item.text)
        while end < limit and not item.text[end].isspace():  # 'US' of 'US-Soldaten': the whole word
            end += 1
        words.append((*_strip(item.text, begin, end), at, until))
    return words


def _strip(text: str, begin: int, end: int) -> tuple[int, int]:
    """No punctuation or space at a display word's edges ('Februar,' -> 'Februar')."""
    while begin < end and not text[begin].isalnum():
        begin += 1
    while end > begin and not text[end - 1].isalnum():
        end -= 1
    return begin, end
