"""One MP3 per section (``sections/NN-<section-slug>.mp3``): what the EPUB's
Media Overlays play, and what a listener can pick out alone. Each is its
encoded pieces joined by stream copy (all sections in one ffmpeg run), tagged."""
from __future__ import annotations

import os

from ..audio.encode import MP3_COPY, join
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
        spans = ctx.timeline.sections
        finals = [ctx.path(f"{FOLDER}/{section_file_name(n, span.title)}") for n, span in enumerate(spans, 1)]
        temps = [temp_path_for(final) for final in finals]
        try:
            join([([ctx.pieces["mp3"][i] for i in span.pieces], temp) for span, temp in zip(spans, temps)],
                 work, [], MP3_COPY)
            for n, (temp, final, span) in enumerate(zip(temps, finals, spans), 1):
                tag_mp3(temp, ctx, title=span.title, track=f"{n}/{len(spans)}")
                os.replace(temp, final)
                ctx.files[f"section-{n}"] = final
        finally:
            for temp in temps:
                temp.unlink(missing_ok=True)
        keep = {final.name for final in finals}
        for stale in ctx.path(FOLDER).glob("*.mp3"):
            if stale.name not in keep:
                stale.unlink()
