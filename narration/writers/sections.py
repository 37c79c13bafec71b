"""One MP3 per section (``sections/NN-<section-slug>.mp3``): what the EPUB's
Media Overlays play, and what a listener can pick out alone. Each is its
cached encoded piece, tagged."""
from __future__ import annotations

import os
import shutil

from ..audio.tags import tag_mp3
from ..slug import slugify
from ..textio import temp_path_for
from .base import Writer

FOLDER = "sections"


def section_file_name(number: int, title: str) -> str:
    return f"{number:02d}-{slugify(title, fallback='abschnitt', max_length=40)}.mp3"


class SectionsWriter(Writer):
    name = "sections"
    audio = True
    pieces = ("mp3",)

    def finish(self, ctx, work):
        total = len(ctx.timeline.sections)
        keep = set()
        for n, (piece, span) in enumerate(zip(ctx.pieces["mp3"], ctx.timeline.sections), 1):
            final = ctx.path(f"{FOLDER}/{section_file_name(n, span.title)}")
            temp = temp_path_for(final)
            try:
                shutil.copyfile(piece, temp)
                tag_mp3(temp, ctx, title=span.title, track=f"{n}/{total}")
                os.replace(temp, final)
            finally:
                temp.unlink(missing_ok=True)
            keep.add(final.name)
            ctx.files[f"section-{n}"] = final
        for stale in ctx.path(FOLDER).glob("*.mp3"):
            if stale.name not in keep:
                stale.unlink()
