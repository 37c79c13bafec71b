"""One MP3 per section (``sections/NN-<section-slug>.mp3``): what the EPUB's
Media Overlays play, and what a listener can pick out alone."""
from __future__ import annotations

import os

from ..audio.tags import tag_mp3
from ..slug import slugify
from ..textio import temp_path_for
from ..timeline import to_samples
from .base import Encode, Writer
from .mp3 import mp3_args

FOLDER = "sections"


def section_file_name(number: int, title: str) -> str:
    return f"{number:02d}-{slugify(title, fallback='abschnitt', max_length=40)}.mp3"


class SectionsWriter(Writer):
    name = "sections"
    audio = True

    def encodes(self, ctx):
        rate, out = ctx.timeline.sample_rate, []
        for n, span in enumerate(ctx.timeline.sections, 1):
            final = ctx.path(f"{FOLDER}/{section_file_name(n, span.title)}")
            trim = (f"atrim=start_sample={to_samples(span.start_ms, rate)}:end_sample={to_samples(span.end_ms, rate)},"
                    "asetpts=PTS-STARTPTS")
            out.append(Encode(mp3_args(ctx), temp_path_for(final), final, filter=trim))
        return out

    def finish(self, ctx, encodes):
        total = len(encodes)
        keep = set()
        for n, (encode, span) in enumerate(zip(encodes, ctx.timeline.sections), 1):
            tag_mp3(encode.temp, ctx, title=span.title, track=f"{n}/{total}")
            os.replace(encode.temp, encode.final)
            keep.add(encode.final.name)
            ctx.files[f"section-{n}"] = encode.final
        for stale in ctx.path(FOLDER).glob("*.mp3"):
            if stale.name not in keep:
                stale.unlink()
