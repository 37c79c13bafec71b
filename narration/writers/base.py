"""What every output writer declares, and the build context they share.

Like Sphinx builders, a writer states its ``name`` (the ``--formats`` word),
what it needs (other formats it links to or embeds) and implements ``write``.
Audio writers instead declare the encoded section ``pieces`` they need (one
shared, cached encoding step makes them) and ``finish`` their files from those
pieces: joined by stream copy, tagged, chaptered.
"""
from __future__ import annotations

from pathlib import Path

from ..audio.tags import Tags, iso639_2
from ..context import BuildContext  # noqa: F401 - writers take it from here


def audio_tags(ctx: BuildContext) -> Tags:
    """What every audio file of the article is tagged with."""
    meta = ctx.doc.meta
    return Tags(title=meta.title, author=", ".join(meta.authors) or ctx.options.podcast.author,
                album=ctx.options.podcast.title, date=meta.date, language=iso639_2(meta.language),
                comment=meta.description or f"Vorgelesen von {ctx.narrator}.", cover=ctx.cover)


def chapters(ctx: BuildContext) -> list[tuple[int, int, str]]:
    """(start ms, end ms, title) of each chapter (:mod:`narration.chapters`): the chapter marks of the
    MP3 and the M4B, ``chapters.json`` and the player's list. A chapter with nothing heard (notes
    not read) has none."""
    from ..chapters import of

    marks = []
    for chapter in of(ctx.doc):
        spans = [ctx.timeline.sections[i] for i in chapter.sections if ctx.timeline.sections[i].pieces]
        if spans:
            marks.append((spans[0].start_ms, spans[-1].end_ms, chapter.title))
    return marks


class Writer:
    name = ""
    requires: tuple[str, ...] = ()
    audio = False
    pieces: tuple[str, ...] = ()  # codecs of the encoded sections an audio writer is made from

    @classmethod
    def requirements(cls, options) -> tuple[str, ...]:
        """What this writer needs, which may depend on the options (the EPUB's audio codec)."""
        return cls.requires

    def finish(self, ctx: BuildContext, work: Path) -> None:
        """Audio writers: make the file(s) from ``ctx.pieces``, tag them, move them into place."""

    def write(self, ctx: BuildContext) -> None:
        """Write this format's file(s) into ctx.out_dir."""
