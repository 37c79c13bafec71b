"""Podcasting 2.0 JSON chapters (``podcast:chapters``): start times in seconds."""
from __future__ import annotations

import json

from ..textio import atomic_write
from .base import Writer, chapters as chapter_marks


class ChaptersJsonWriter(Writer):
    name = "chapters"

    def write(self, ctx):
        chapters = [{"startTime": start / 1000, "endTime": end / 1000, "title": title}
                    for start, end, title in chapter_marks(ctx)]
        path = ctx.path("chapters.json")
        atomic_write(path, json.dumps({"version": "1.2.0", "chapters": chapters}, ensure_ascii=False, indent=1))
        ctx.files["chapters"] = path
