"""One MP3 per section (``sections/NN-<section-slug>.mp3``): what the EPUB's
Media Overlays play, and what a listener can pick out alone. Each is its
encoded pieces joined by stream copy (all sections in one ffmpeg run), tagged;
a rebuild leaves the sections whose pieces and tags did not change alone."""
from __future__ import annotations

import contextlib
import hashlib
import json

from ..audio.encode import MP3_COPY, join
from ..audio.tags import common, tag_mp3
from ..slug import slugify
from ..textio import replacing
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
        shared = hashlib.sha256(json.dumps(common(ctx)).encode() + (ctx.cover.read_bytes() if ctx.cover else b""))
        todo = []
        for n, (span, final) in enumerate(zip(spans, finals), 1):
            recipe = shared.copy()
            recipe.update(json.dumps([[ctx.pieces["mp3"][i].name for i in span.pieces], span.title, n, len(spans),
                                      MP3_COPY]).encode())
            if not ctx.unchanged(final, recipe.hexdigest()):  # a rebuild rejoins only the sections that changed
                todo.append((n, span, final))
            ctx.files[f"section-{n}"] = final
        if todo:
            with contextlib.ExitStack() as stack:  # every file replaced only if all were made
                temps = [stack.enter_context(replacing(final)) for _, _, final in todo]
                join([([ctx.pieces["mp3"][i] for i in span.pieces], temp) for (_, span, _), temp in zip(todo, temps)],
                     work, [], MP3_COPY)
                for (n, span, _), temp in zip(todo, temps):
                    tag_mp3(temp, ctx, title=span.title, track=f"{n}/{len(spans)}")
            for _, _, final in todo:
                ctx.record(final)
        keep = {final.name for final in finals}
        for stale in ctx.path(FOLDER).glob("*.mp3"):
            if stale.name not in keep:
                stale.unlink()
