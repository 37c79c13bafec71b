"""The one timing map every output shares.

Times are counted in samples while clips are joined (no float drift, nothing
re-measured afterwards, as in aeneas) and exposed in whole milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Word:
    """A word as readers see it (``text[start:end]`` of its sentence) and when it is heard."""
    text: str
    start: int
    end: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str
    text: str
    section: int
    block: str
    start_ms: int
    end_ms: int
    words: tuple[Word, ...] = ()  # from the engine's word events; none for engines without them (gTTS)


@dataclass(frozen=True)
class Piece:
    """A run of whole paragraphs, encoded on its own and cached (``audio.frames``).
    Its PCM is ``samples`` long from ``start_sample``; its pauses were
    lengthened or shortened by ``stretch`` samples in all to fill whole codec
    frames; the ``digest`` of its PCM keys its encodings and its loudness."""
    index: int
    section: int
    start_sample: int
    samples: int
    stretch: int
    digest: str


@dataclass(frozen=True)
class SectionSpan:
    """A section's place in the joined audio. Its own audio (the section file,
    its pieces joined) runs from ``start_ms`` to ``audio_end_ms``; the rest, up
    to ``end_ms``, is the codecs' delay and padding after its last piece."""
    index: int
    title: str
    heading_id: str
    start_ms: int
    end_ms: int
    audio_end_ms: int
    pieces: tuple[int, ...]  # indices into Timeline.pieces


@dataclass
class Timeline:
    sample_rate: int
    cues: list[Cue] = field(default_factory=list)
    sections: list[SectionSpan] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    total_samples: int = 0
    loudness: dict = field(default_factory=dict)

    @property
    def duration_ms(self) -> int:
        return ms(self.total_samples, self.sample_rate)

    def section_cues(self, index: int) -> list[Cue]:
        return [c for c in self.cues if c.section == index]

    def check(self) -> None:
        """Invariants every writer relies on: ordered, non-overlapping, non-empty, inside the audio."""
        previous_end = 0
        for cue in self.cues:
            if cue.start_ms < previous_end or cue.end_ms <= cue.start_ms:
                raise ValueError(f"timeline broken at {cue.id}: {cue.start_ms}-{cue.end_ms} after {previous_end}")
            previous_end = cue.end_ms
        if previous_end > self.duration_ms:
            raise ValueError("timeline runs past the end of the audio")
        for a, b in zip(self.sections, self.sections[1:]):
            if a.end_ms != b.start_ms:
                raise ValueError(f"sections {a.index} and {b.index} do not meet")

    def to_dict(self) -> dict:
        """Plain data; the cues (a ten-hour book has a hundred thousand words in them) as a
        generator, made one by one as ``writers.manifest`` writes them."""
        return {"sample_rate": self.sample_rate, "duration_ms": self.duration_ms, "loudness": self.loudness,
                "sections": [plain(s) for s in self.sections], "pieces": [plain(p) for p in self.pieces],
                "cues": (plain(c) for c in self.cues)}


def plain(value):
    """``dataclasses.asdict`` without its deep copy of every leaf: ours are strings and numbers,
    and copying them was half of writing a long book's manifest (tested equal to asdict)."""
    if hasattr(type(value), "__dataclass_fields__"):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def ms(samples: int, rate: int) -> int:
    return (samples * 1000 + rate // 2) // rate


def to_samples(milliseconds: int, rate: int) -> int:
    return milliseconds * rate // 1000
