"""Clips + pauses -> the timeline, piece by piece, and each piece's PCM when it is needed.

Each piece's clips and silences are joined in one pass (a list joined once,
never ``+=`` on a growing segment), and the piece is written to disk before
the next is loaded, so memory follows the longest piece, not the book. What a
piece came to (its layout) is remembered, so a rebuild decodes only the
pieces it has to meter or encode.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..speech.script import ScriptItem
from ..speech.wordmap import display_words
from ..timeline import Cue, Piece, SectionSpan, Timeline, Word, ms, plain, to_samples
from .wavwords import carried
from .ffmpeg import decode_to_pcm, pydub_audio_segment
from .frames import CODEC_TAIL, MIN_GAPS, stretch
from .levels import SILENCE_THRESHOLD, Levels, measure

AudioSegment = pydub_audio_segment()

KEEP_MS = 20  # of silence kept at each end of a trimmed clip


def clip_segment(payload: bytes, suffix: str, rate: int, trim: bool) -> tuple[AudioSegment, list, int]:
    """A cached clip as mono 16-bit pydub audio at the timeline rate, its word events
    ((char start, length, first sample) in the returned audio; [] if the engine gave none) and its
    peak. The levels the clip carries are used when it needs no conversion; else they are measured."""
    words, levels = [], None
    if suffix == ".wav":
        segment = AudioSegment.from_wav(io.BytesIO(payload))
        scale = rate / segment.frame_rate
        events, levels = carried(payload)
        words = [(c, n, round(s * scale)) for c, n, s in events]
        if segment.frame_rate != rate or segment.channels != 1 or segment.sample_width != 2:
            segment = segment.set_channels(1).set_sample_width(2).set_frame_rate(rate)
            levels = None  # they were measured on the samples before the conversion
    else:
        segment = AudioSegment(data=decode_to_pcm(payload, rate), sample_width=2, frame_rate=rate, channels=1)
    if levels is None or levels.end > len(segment.raw_data) // 2:
        levels = measure(segment.raw_data)
    if not trim:
        return segment, words, levels.peak
    segment, head = trim_silence(segment, levels)
    length = len(segment.raw_data) // 2
    return segment, [(c, n, min(max(0, s - head), length - 1)) for c, n, s in words], levels.peak


def trim_silence(segment: AudioSegment, levels: Levels) -> tuple[AudioSegment, int]:
    """Cut the engine's own leading/trailing silence so our pauses are the pauses; also says how
    many samples came off the front (word times move by that much)."""
    if levels.end == 0:  # silence throughout: kept as it is
        return segment, 0
    keep = to_samples(KEEP_MS, segment.frame_rate)
    start, end = max(0, levels.first - keep), min(len(segment.raw_data) // 2, levels.end + keep)
    return segment._spawn(segment.raw_data[start * 2:end * 2]), start


LONG_PIECE = 4 * MIN_GAPS  # items after which a piece may end inside a paragraph (novels have long ones)


def piece_groups(items: list[ScriptItem]) -> list[list[ScriptItem]]:
    """One section's items cut into pieces: where a block (paragraph, heading)
    ends, once a piece holds MIN_GAPS items (or after any sentence, once it
    holds LONG_PIECE), and only while at least MIN_GAPS items remain, so every
    piece's stretch is spread thin. The cut points depend on the items, never
    on their sound, so rewording a sentence changes exactly one piece."""
    groups: list[list[ScriptItem]] = [[]]
    for i, item in enumerate(items):
        groups[-1].append(item)
        rest = len(items) - i - 1
        block_ends = not rest or items[i + 1].block != item.block or not item.block
        size = len(groups[-1])
        if rest >= MIN_GAPS and (size >= LONG_PIECE or (block_ends and size >= MIN_GAPS)):
            groups.append([])
    return groups


@dataclass(frozen=True)
class Layout:
    """What one piece's clips and pauses came to: its PCM digest and length,
    its stretch, where each clip sits in it (offset, length in samples), and
    each clip's word events (char start, char length, sample from the clip's start), and its
    largest sample magnitude (the loudness meter's peak)."""
    digest: str
    samples: int
    stretch: int
    cues: tuple[tuple[int, int], ...]
    words: tuple[tuple[tuple[int, int, int], ...], ...] = ()
    peak: int = 0


class StaleLayout(Exception):
    """A remembered layout no longer matches its clips (a damaged clip was synthesised anew)."""


def render(group: list[ScriptItem], load_clip, rate: int, trim: bool, last: bool) -> tuple[bytes, Layout]:
    """One piece: its clips decoded and trimmed, joined with its pauses, stretched to whole frames."""
    decoded = [clip_segment(*load_clip(item), rate, trim) for item in group]
    clips = [segment.raw_data for segment, _, _ in decoded]
    words = tuple(tuple(tuple(w) for w in events) for _, events, _ in decoded)
    gaps = [to_samples(item.pause_ms, rate) for item in group]
    gaps[-1] = max(0, gaps[-1] - CODEC_TAIL)
    changes = stretch(sum(len(c) // 2 for c in clips) + sum(gaps), gaps, last=last)
    parts, cues, position = [], [], 0
    for clip, gap, change in zip(clips, gaps, changes):
        cues.append((position, len(clip) // 2))
        parts += [clip, b"\0\0" * (gap + change)]
        position += len(clip) // 2 + gap + change
    pcm = b"".join(parts)
    peak = max((peak for _, _, peak in decoded), default=0)  # the pauses are silence
    return pcm, Layout(hashlib.sha256(pcm).hexdigest(), len(pcm) // 2, sum(changes), tuple(cues), words, peak)


class Layouts:
    """Layouts remembered between builds, keyed by a piece's recipe: the
    checksums of its clips, its pauses and everything else ``render`` depends
    on. With the layout known, a piece whose encodings and loudness are
    cached is never decoded at all: a rebuild reads clips only where it must."""

    def __init__(self, root: Path | None, rate: int, trim: bool):
        from .ffmpeg import ffmpeg_exe

        self.root = root
        code = b"".join(Path(m).read_bytes() for m in (__file__, *(Path(__file__).with_name(f"{name}.py")
                                                                 for name in ("frames", "levels", "wavwords"))))
        self.context = json.dumps([hashlib.sha256(code).hexdigest(), rate, trim, SILENCE_THRESHOLD, KEEP_MS,
                                   ffmpeg_exe()])

    def recipe(self, group: list[ScriptItem], clip_digests: list[str | None], last: bool) -> str | None:
        if self.root is None or None in clip_digests:
            return None
        blob = json.dumps([self.context, last, [[d, i.pause_ms] for d, i in zip(clip_digests, group)]])
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, recipe: str) -> Path:
        return self.root / recipe[:2] / f"{recipe}.json"

    def get(self, recipe: str | None) -> Layout | None:
        if recipe is None:
            return None
        try:
            data = json.loads(self._path(recipe).read_text(encoding="utf-8"))
            words = tuple(tuple(tuple(w) for w in clip) for clip in data["words"])
            return Layout(data["digest"], data["samples"], data["stretch"], tuple(map(tuple, data["cues"])), words,
                          data["peak"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, recipe: str | None, layout: Layout) -> None:
        if recipe is not None:
            from ..textio import atomic_write

            # no fsync (as for clips): after a power cut a torn entry is not JSON, so it is made again
            atomic_write(self._path(recipe), json.dumps(plain(layout)), durable=False)


class PieceStore:
    """The PCM of the pieces something needs (the meter, an encoder), one
    after another in one work file; a piece is rendered the first time it is
    asked for. Memory holds one piece at a time."""

    def __init__(self, path: Path):
        self.path = path
        self.offsets: dict[int, int] = {}  # piece index -> first sample in the file
        self.size = 0
        self.pieces: dict[int, tuple[object, Layout]] = {}  # piece index -> (render it, its layout)
        path.write_bytes(b"")

    def register(self, index: int, make, layout: Layout) -> None:
        """``make() -> (pcm, layout)`` renders piece ``index``, which must come out as ``layout``."""
        self.pieces[index] = (make, layout)

    def add(self, index: int, pcm: bytes) -> None:
        with open(self.path, "ab") as out:
            out.write(pcm)
        self.offsets[index] = self.size
        self.size += len(pcm) // 2

    def _render(self, index: int) -> bytes:
        make, expected = self.pieces[index]
        pcm, layout = make()
        if layout != expected:
            raise StaleLayout(f"piece {index} no longer sounds as remembered")
        self.add(index, pcm)
        return pcm

    def layout(self, index: int) -> Layout:
        return self.pieces[index][1]

    def ensure(self, indices) -> None:
        for index in indices:
            if index not in self.offsets:
                self._render(index)

    def read(self, index: int) -> bytes:
        if index not in self.offsets:
            return self._render(index)  # just made: no need to read it back
        with open(self.path, "rb") as source:
            source.seek(self.offsets[index] * 2)
            return source.read(self.pieces[index][1].samples * 2)


def assemble(items: list[ScriptItem], section_titles: list[tuple[str, str]], load_clip, rate: int,
             store: PieceStore, trim: bool = True, layouts: Layouts | None = None, clip_digest=None,
             meter=None, progress=None) -> Timeline:
    """The timeline of the whole narration, piece by piece.

    ``load_clip(item) -> bytes, suffix`` fetches a clip (from the cache) and
    ``clip_digest(item)`` its checksum (for the layout recipe).
    ``section_titles[i]`` is (title, heading id) of section i.
    A piece is rendered only if its layout is not remembered or the
    ``meter`` (``known``/``feed``) has not measured it; ``store`` can render
    any piece later, when an encoder needs it.
    ``progress.advance(n)`` hears of the n clips of every piece.
    Pieces are stretched to codec-friendly lengths (``audio.frames``).
    """
    timeline = Timeline(sample_rate=rate)
    by_section: dict[int, list[ScriptItem]] = {}
    for item in items:
        by_section.setdefault(item.section, []).append(item)
    groups = [(index, group) for index in range(len(section_titles))
              for group in piece_groups(by_section.get(index, [])) if group]
    position = 0
    for number, (section, group) in enumerate(groups):
        last = number == len(groups) - 1

        def make(group=group, last=last):
            return render(group, load_clip, rate, trim, last)

        recipe = layouts.recipe(group, [clip_digest(item) for item in group], last) if layouts else None
        layout = layouts.get(recipe) if layouts else None
        pcm = None
        if layout is None:
            pcm, layout = make()
            if layouts:
                layouts.put(recipe, layout)
        piece = Piece(number, section, position, layout.samples, layout.stretch, layout.digest)
        timeline.pieces.append(piece)
        store.register(number, make, layout)
        if pcm is not None:
            store.add(number, pcm)
        for n, (item, (offset, length)) in enumerate(zip(group, layout.cues)):
            start, end = ms(position + offset, rate), ms(position + offset + length, rate)
            events = layout.words[n] if n < len(layout.words) else ()
            words = tuple(Word(item.text[b:e], b, e, s, u) for b, e, s, u in display_words(item, events, rate, start, end))
            timeline.cues.append(Cue(item.id, item.kind, item.text, section, item.block, start, end, words))
        if meter is not None and not meter.known(piece):
            meter.feed(piece, pcm if pcm is not None else store.read(number), layout.peak)
        if progress is not None:
            progress.advance(len(group))
        position += layout.samples + (0 if last else CODEC_TAIL)  # decoders trim the last tail
    for index, (title, heading_id) in enumerate(section_titles):
        own = [p for p in timeline.pieces if p.section == index]
        if not own:  # nothing of it is heard (a section of notes that are not read): no length, where it stands
            at = timeline.sections[-1].end_ms if timeline.sections else 0
            timeline.sections.append(SectionSpan(index, title, heading_id, at, at, at, ()))
            continue
        end = own[-1].start_sample + own[-1].samples
        following = position if own[-1].index == len(timeline.pieces) - 1 else end + CODEC_TAIL
        timeline.sections.append(SectionSpan(index, title, heading_id, ms(own[0].start_sample, rate),
                                             ms(following, rate), ms(end, rate), tuple(p.index for p in own)))
    timeline.total_samples = position
    timeline.check()
    return timeline
