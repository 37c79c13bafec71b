"""Shared base for cue-per-sentence transcripts; each format only declares its
header, time format and escaping (after aeneas's data-configured subtitles)."""
from __future__ import annotations

from ..textio import atomic_write
from .base import Writer


def clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


class SubtitleWriter(Writer):
    suffix = ""
    header = ""
    decimal = "."
    numbered = False

    def escape(self, text: str) -> str:
        return text

    def write(self, ctx):
        lines = [self.header] if self.header else []
        for n, cue in enumerate(ctx.timeline.cues, 1):
            label = str(n) if self.numbered else cue.id
            times = f"{clock(cue.start_ms, self.decimal)} --> {clock(cue.end_ms, self.decimal)}"
            lines += [label, times, self.escape(" ".join(cue.text.split())), ""]
        path = ctx.path(f"{ctx.slug}{self.suffix}")
        atomic_write(path, "\n".join(lines))
        ctx.files[self.name] = path
