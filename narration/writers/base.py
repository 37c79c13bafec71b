"""What every output writer declares, and the build context they share.

Like Sphinx builders, a writer states its ``name`` (the ``--formats`` word),
what it needs (other formats it links to or embeds) and implements ``write``.
Audio writers instead contribute outputs to one shared ffmpeg run
(``encodes``) and finish their files afterwards (tags, chapters), so the PCM
is read once and the encoders run side by side.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document
from ..speech.lexicon import Lexicon
from ..speech.script import ScriptItem
from ..timeline import Timeline


@dataclass
class BuildContext:
    doc: Document
    slug: str
    out_dir: Path
    script: list[ScriptItem]
    timeline: Timeline
    options: object  # narration.config.Options
    lexicon: Lexicon
    narrator: str  # e.g. "eSpeak NG (de), synthetic voice"
    cover: Path | None = None  # square PNG for this article
    pcm: Path | None = None  # the joined narration, raw s16le mono
    audio_filters: str = ""  # loudness chain for ffmpeg
    files: dict[str, Path] = field(default_factory=dict)  # produced outputs by role

    def path(self, name: str) -> Path:
        return self.out_dir / name


@dataclass
class Encode:
    """One ffmpeg output: an optional filter on its own branch, codec args, a temporary path."""
    args: list[str]
    temp: Path
    final: Path
    filter: str = ""


class Writer:
    name = ""
    requires: tuple[str, ...] = ()
    audio = False

    def encodes(self, ctx: BuildContext) -> list[Encode]:
        return []

    def finish(self, ctx: BuildContext, encodes: list[Encode]) -> None:
        """Tag the encoded temporaries, then move them into place."""

    def write(self, ctx: BuildContext) -> None:
        """Write this format's file(s) into ctx.out_dir."""
