"""Clips + pauses -> one PCM file on disk and the timeline, piece by piece.

Each piece's clips and silences are joined in one pass (a list joined once,
never ``+=`` on a growing segment), and the piece is written to disk before
the next is loaded, so memory follows the longest piece, not the book.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np

from ..speech.script import ScriptItem
from ..timeline import Cue, Piece, SectionSpan, Timeline, ms, to_samples
from .ffmpeg import decode_to_pcm, pydub_audio_segment
from .frames import CODEC_TAIL, MIN_GAPS, stretch

AudioSegment = pydub_audio_segment()

SILENCE_THRESHOLD = 0.004  # of full scale (about -48 dBFS)
KEEP_MS = 20  # of silence kept at each end of a trimmed clip


def clip_segment(payload: bytes, suffix: str, rate: int, trim: bool) -> AudioSegment:
    """A cached clip as mono 16-bit pydub audio at the timeline rate."""
    if suffix == ".wav":
        segment = AudioSegment.from_wav(io.BytesIO(payload))
        if segment.frame_rate != rate or segment.channels != 1 or segment.sample_width != 2:
            segment = segment.set_channels(1).set_sample_width(2).set_frame_rate(rate)
    else:
        segment = AudioSegment(data=decode_to_pcm(payload, rate), sample_width=2, frame_rate=rate, channels=1)
    return trim_silence(segment) if trim else segment


def trim_silence(segment: AudioSegment) -> AudioSegment:
    """Cut the engine's own leading/trailing silence so our pauses are the pauses."""
    samples = np.frombuffer(segment.raw_data, dtype=np.int16)
    loud = np.flatnonzero(np.abs(samples) > SILENCE_THRESHOLD * 32768)
    if loud.size == 0:
        return segment
    keep = to_samples(KEEP_MS, segment.frame_rate)
    start, end = max(0, loud[0] - keep), min(samples.size, loud[-1] + 1 + keep)
    return segment._spawn(samples[start:end].tobytes())


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


def assemble(items: list[ScriptItem], section_titles: list[tuple[str, str]], load_clip, rate: int,
             pcm_path: Path, trim: bool = True, sink=None, progress=None) -> Timeline:
    """Write the whole narration as raw PCM to ``pcm_path``; return its timeline.

    ``load_clip(item) -> bytes, suffix`` fetches a clip (from the cache).
    ``section_titles[i]`` is (title, heading id) of section i.
    ``sink(piece, pcm)``, if given, sees every piece (the loudness meter);
    ``progress.advance(n)`` hears of the n clips of every piece.
    Pieces are stretched to codec-friendly lengths (``audio.frames``); one
    piece is in memory at a time.
    """
    timeline = Timeline(sample_rate=rate)
    by_section: dict[int, list[ScriptItem]] = {}
    for item in items:
        by_section.setdefault(item.section, []).append(item)
    groups = [(index, group) for index in range(len(section_titles))
              for group in piece_groups(by_section.get(index, [])) if group]
    position = 0
    with open(pcm_path, "wb") as out:
        for number, (section, group) in enumerate(groups):
            clips = [clip_segment(*load_clip(item), rate, trim).raw_data for item in group]
            gaps = [to_samples(item.pause_ms, rate) for item in group]
            gaps[-1] = max(0, gaps[-1] - CODEC_TAIL)
            changes = stretch(sum(len(c) // 2 for c in clips) + sum(gaps), gaps, last=number == len(groups) - 1)
            start, parts = position, []
            for item, clip, gap, change in zip(group, clips, gaps, changes):
                length = len(clip) // 2
                timeline.cues.append(Cue(item.id, item.kind, item.text, section, item.block,
                                         ms(position, rate), ms(position + length, rate)))
                parts += [clip, b"\0\0" * (gap + change)]
                position += length + gap + change
            pcm = b"".join(parts)
            piece = Piece(number, section, start, len(pcm) // 2, sum(changes), hashlib.sha256(pcm).hexdigest())
            timeline.pieces.append(piece)
            tail = b"" if number == len(groups) - 1 else b"\0\0" * CODEC_TAIL  # decoders trim the last tail
            out.write(pcm)
            out.write(tail)
            if sink is not None:
                sink(piece, pcm)
            if progress is not None:
                progress.advance(len(group))
            position += len(tail) // 2
    for index, (title, heading_id) in enumerate(section_titles):
        own = [p for p in timeline.pieces if p.section == index]
        end = own[-1].start_sample + own[-1].samples
        following = position if index == len(section_titles) - 1 else end + CODEC_TAIL
        timeline.sections.append(SectionSpan(index, title, heading_id, ms(own[0].start_sample, rate),
                                             ms(following, rate), ms(end, rate), tuple(p.index for p in own)))
    timeline.total_samples = position
    timeline.check()
    return timeline
