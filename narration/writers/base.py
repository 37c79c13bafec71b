"""What every output writer declares, and the build context they share.

Like Sphinx builders, a writer states its ``name`` (the ``--formats`` word),
what it needs (other formats it links to or embeds) and implements ``write``.
Audio writers instead declare the encoded section ``pieces`` they need (one
shared, cached encoding step makes them) and ``finish`` their files from those
pieces: joined by stream copy, tagged, chaptered.
"""
from __future__ import annotations

from pathlib import Path

from ..context import BuildContext  # noqa: F401 - writers take it from here


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
