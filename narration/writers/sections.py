"""One audio file per section: what the EPUB's Media Overlays play, and what a
listener can pick out alone. ``sections`` makes MP3 (``sections/NN-<slug>.mp3``),
``sections_aac`` AAC-LC in MP4 (``.m4a``, what Kobo's and Apple's readers play in
overlays). Each is its encoded pieces joined (MP3 by copying frames, AAC by
ffmpeg's stream copy, all sections in one run), tagged; a rebuild leaves the
sections whose pieces and tags did not change alone."""
from __future__ import annotations

import contextlib
import hashlib
import json

from ..audio.encode import AAC_PRIMING, MP3_COPY, join, join_mp3s
from ..audio.tags import tag_m4a, tag_mp3
from ..slug import slugify
from ..textio import replacing
from .base import Writer, audio_tags

FOLDER = "sections"


def section_file_name(number: int, title: str, suffix: str = ".mp3") -> str:
    return f"{number:02d}-{slugify(title, fallback='abschnitt', max_length=40)}{suffix}"


class SectionsWriter(Writer):
    name = "sections"
    audio = True
    pieces = ("mp3",)
    suffix = ".mp3"
    role = "section"  # ctx.files[f"{role}-{n}"]

    def copy_args(self, ctx) -> list[str]:
        return MP3_COPY

    def join(self, ctx, groups, work) -> None:
        join_mp3s(groups, work, ctx.spread)

    def tag(self, path, ctx, title: str, track: str) -> None:
        tag_mp3(path, audio_tags(ctx), title=title, track=track)

    def finish(self, ctx, work):
        spans = [span for span in ctx.timeline.sections if span.pieces]  # a section with nothing heard has no file
        codec = self.pieces[0]
        finals = [ctx.path(f"{FOLDER}/{section_file_name(span.index + 1, span.title, self.suffix)}") for span in spans]
        shared = hashlib.sha256(audio_tags(ctx).identity())
        todo = []
        for n, (span, final) in enumerate(zip(spans, finals), 1):
            recipe = shared.copy()
            recipe.update(json.dumps([[ctx.pieces[codec][i].name for i in span.pieces], span.title, n, len(spans),
                                      self.copy_args(ctx)]).encode())
            if not ctx.unchanged(final, recipe.hexdigest()):  # a rebuild rejoins only the sections that changed
                todo.append((n, span, final))
            ctx.files[f"{self.role}-{span.index + 1}"] = final
        if todo:
            with contextlib.ExitStack() as stack:  # every file replaced only if all were made
                temps = [stack.enter_context(replacing(final)) for _, _, final in todo]
                self.join(ctx, [([ctx.pieces[codec][i] for i in span.pieces], temp)
                                for (_, span, _), temp in zip(todo, temps)], work)
                for (n, span, _), temp in zip(todo, temps):
                    self.tag(temp, ctx, span.title, f"{n}/{len(spans)}")
            for _, _, final in todo:
                ctx.record(final)
        keep = {final.name for final in finals}
        for stale in ctx.path(FOLDER).glob(f"*{self.suffix}"):
            if stale.name not in keep:
                stale.unlink()


class SectionsAacWriter(SectionsWriter):
    """The same sections as AAC-LC in MP4; like the M4B, the muxer's edit list skips the
    encoder's priming so every section starts exactly with its first sentence."""
    name = "sections_aac"
    pieces = ("aac",)
    suffix = ".m4a"
    role = "section-aac"

    def copy_args(self, ctx) -> list[str]:
        offset = f"{-AAC_PRIMING / ctx.timeline.sample_rate:.9f}"
        return ["-c", "copy", "-map_metadata", "-1", "-output_ts_offset", offset, "-movflags", "+faststart",
                "-f", "mp4"]

    def join(self, ctx, groups, work) -> None:
        join(groups, work, [], self.copy_args(ctx), ctx.spread)

    def tag(self, path, ctx, title: str, track: str) -> None:
        tag_m4a(path, audio_tags(ctx), title=title, track=track)
