"""Shared base for the transcripts (WebVTT, SRT); each format only declares its
header, time format and escaping (after aeneas's data-configured subtitles).

Cues follow caption conventions: at most two lines of at most 42 characters.
A longer sentence becomes several cues, cut between words at the times the
engine reported for them, at a comma or other clause mark where one is near.
Without word times (gTTS) nothing is invented: the sentence stays one cue,
wrapped. Cue ids derive from the sentence id (``s-1-2-3``, ``s-1-2-3-2`` ...).
"""
from __future__ import annotations

from ..textio import atomic_write
from .base import Writer

LINE = 42
LINES = 2


def clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def wrap(text: str) -> list[str]:
    """Lines of at most LINE characters (a longer word stands alone), the first no longer than
    needed to keep two lines even."""
    words = text.split()
    lines = _greedy(words, LINE)
    if len(lines) == 2:  # balance two lines: the narrowest width that still gives two
        narrowest = min(max(len(" ".join(words[:i])), len(" ".join(words[i:]))) for i in range(1, len(words)))
        return _greedy(words, narrowest)
    return lines


def _greedy(words: list[str], width: int) -> list[str]:
    """Each line as full as ``width`` allows (what ``textwrap`` does with whole words, but a
    caption asks it thousands of times per article)."""
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def fits(text: str) -> bool:
    return len(text) <= LINES * (LINE + 1) and len(_greedy(text.split(), LINE)) <= LINES


def caption_cues(cue) -> list[tuple[str, int, int, list[str]]]:
    """(id, start ms, end ms, lines) for one sentence."""
    text = " ".join(cue.text.split())
    if fits(text) or not cue.words:
        return [(cue.id, cue.start_ms, cue.end_ms, wrap(text))]
    words = list(cue.words)
    begins = [_opening(cue.text, w.start) for w in words]  # an opening quote goes with its word
    following = {id(w): (begins[i + 1] if i + 1 < len(words) else len(cue.text)) for i, w in enumerate(words)}
    begin_of = {id(w): b for w, b in zip(words, begins)}

    def span_text(group) -> str:  # the group's words and the punctuation after the last of them
        return " ".join(cue.text[begin_of[id(group[0])]:following[id(group[-1])]].split())

    groups: list[list] = []
    current: list = []
    for word in words:
        trial = current + [word]
        if current and not fits(span_text(trial)):
            cut = _clause_cut(cue.text, current)
            groups.append(current[:cut])
            current = current[cut:] + [word]
        else:
            current = trial
    groups.append(current)
    result = []
    for n, group in enumerate(groups):
        start = cue.start_ms if n == 0 else group[0].start_ms
        end = cue.end_ms if n == len(groups) - 1 else groups[n + 1][0].start_ms
        piece = " ".join(cue.text[0 if n == 0 else begin_of[id(group[0])]:following[id(group[-1])]].split())
        result.append((cue.id if n == 0 else f"{cue.id}-{n + 1}", start, end, wrap(piece)))
    return result


def _opening(text: str, start: int) -> int:
    while start > 0 and text[start - 1] in "\"„‚»«“‘(":
        start -= 1
    return start


def _clause_cut(text: str, words) -> int:
    """Where to end a cue: after the last word followed by a clause mark in the second half of
    the words gathered, else after all of them."""
    for i in range(len(words) - 1, len(words) // 2 - 1, -1):
        after = text[words[i].end:words[i].end + 1]
        if after in (",", ";", ":", ".", "!", "?", "–", ")") and i + 1 < len(words):
            return i + 1
    return len(words)


class SubtitleWriter(Writer):
    suffix = ""
    header = ""
    decimal = "."
    numbered = False

    def escape(self, text: str) -> str:
        """Text is never markup: '<', '>' and '&' as entities (both formats read tags)."""
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def write(self, ctx):
        lines = [self.header] if self.header else []
        if ctx.captions is None:  # VTT and SRT show the same cues: fitted once
            ctx.captions = [caption for cue in ctx.timeline.cues for caption in caption_cues(cue)]
        for n, (cue_id, start, end, text_lines) in enumerate(ctx.captions, 1):
            label = str(n) if self.numbered else cue_id
            times = f"{clock(start, self.decimal)} --> {clock(end, self.decimal)}"
            lines += [label, times, *(self.escape(line) for line in text_lines), ""]
        path = ctx.path(f"{ctx.slug}{self.suffix}")
        atomic_write(path, "\n".join(lines))
        ctx.files[self.name] = path
