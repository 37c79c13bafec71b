"""The audiobook: AAC in MP4 with chapter marks (titles and times) and tags,
joined from the encoded pieces by stream copy. The joined stream starts with
the first piece's encoder priming; a negative start offset makes the MP4
muxer write the edit list that skips it, so sentence times stay exact."""
from __future__ import annotations

from ..audio.encode import AAC_PRIMING, ffmetadata, join
from ..audio.tags import tag_m4b
from ..textio import replacing
from .base import Writer, audio_tags, chapters


class M4bWriter(Writer):
    name = "m4b"
    audio = True
    pieces = ("aac",)

    def finish(self, ctx, work):
        final = ctx.path(f"{ctx.slug}.m4b")
        chapters_file = work / "chapters.ffmeta"
        chapters_file.write_text(ffmetadata(ctx.doc.meta.title, chapters(ctx)), encoding="utf-8")
        offset = f"{-AAC_PRIMING / ctx.timeline.sample_rate:.9f}"
        with replacing(final) as temp:
            join([(ctx.pieces["aac"], temp)], work, ["-f", "ffmetadata", "-i", str(chapters_file.resolve())],
                 ["-map_chapters", "1", "-map_metadata", "1", "-c", "copy", "-output_ts_offset", offset,
                  "-movflags", "+faststart", "-f", "mp4"], ctx.spread)
            tag_m4b(temp, audio_tags(ctx))
        ctx.files["m4b"] = final
