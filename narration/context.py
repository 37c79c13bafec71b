"""The build context: everything one article's outputs are made from, handed from stage to
stage (audio encoding, then every writer). It lives apart from the writers so the audio layer
can use it without importing them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Document
from .speech.lexicon import Lexicon
from .speech.script import ScriptItem
from .timeline import Timeline


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
    engine: str = ""  # the engine that spoke ("espeak", "gtts"): with "auto", what was decided
    modified: object = None  # datetime the outputs carry (pipeline.source_date), never the clock
    cover_job: object = None  # Future of the square PNG for this article (drawn while the audio encodes)
    store: object = None  # audio.assemble.PieceStore: the pieces' PCM, rendered when needed
    spread: object = None  # where ffmpeg jobs run: spread.ThreadSpread here, or a cluster's workers
    audio_filters: str = ""  # loudness chain for ffmpeg
    files: dict[str, Path] = field(default_factory=dict)  # produced outputs by role
    pieces: dict[str, list[Path]] = field(default_factory=dict)  # encoded pieces by codec (cached)
    previous: dict = field(default_factory=dict)  # what the last build made: file -> [recipe, size, mtime]
    made: dict = field(default_factory=dict)  # the same, for this build (kept in the build stamp)
    captions: list | None = None  # caption cues of the whole timeline, made once for VTT and SRT

    @property
    def cover(self) -> Path | None:
        """The article's cover, waited for if it is still being drawn (``background``)."""
        return None if self.cover_job is None else self.cover_job.result()

    def path(self, name: str) -> Path:
        return self.out_dir / name

    def unchanged(self, path: Path, recipe: str) -> bool:
        """Whether ``path`` is still the file the last build made from this same recipe (and nobody
        touched it since), so it need not be made again. Either way the recipe is recorded."""
        name = path.relative_to(self.out_dir).as_posix()
        before = self.previous.get(name)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        same = stat is not None and before == [recipe, stat.st_size, stat.st_mtime_ns]
        self.made[name] = before if same else [recipe]
        return same

    def record(self, path: Path) -> None:
        """Note the size and time of a file just made from its recipe (see ``unchanged``)."""
        name = path.relative_to(self.out_dir).as_posix()
        stat = path.stat()
        self.made[name] = [self.made[name][0], stat.st_size, stat.st_mtime_ns]
