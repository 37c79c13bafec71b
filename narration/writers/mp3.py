"""The podcast episode: one MP3 with ID3v2.4 tags and one CHAP frame per section,
joined from the encoded pieces by copying their frames (libmp3lame at a speech bitrate:
the most compatible podcast format and one of the cheapest encodes)."""
from __future__ import annotations

from ..audio.encode import join_mp3s
from ..audio.tags import tag_mp3
from ..textio import replacing
from .base import Writer, audio_tags, chapters


class Mp3Writer(Writer):
    name = "mp3"
    audio = True
    pieces = ("mp3",)

    def finish(self, ctx, work):
        final = ctx.path(f"{ctx.slug}.mp3")
        with replacing(final) as temp:
            join_mp3s([(ctx.pieces["mp3"], temp)], work, ctx.spread)
            tag_mp3(temp, audio_tags(ctx), chapters=chapters(ctx))
        ctx.files["mp3"] = final
