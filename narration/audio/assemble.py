"""Clips + pauses -> one PCM file on disk and the timeline, section by section.

pydub joins each section's clips and silences in one pass (a list joined
once, never ``+=`` on a growing segment), and the section is written to disk
before the next is loaded, so memory follows the longest section, not the book.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ..speech.script import ScriptItem
from ..timeline import Cue, SectionSpan, Timeline, ms, to_samples
from .ffmpeg import decode_to_pcm, pydub_audio_segment
from .frames import CODEC_TAIL, slot

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


def assemble(items: list[ScriptItem], section_titles: list[tuple[str, str]], load_clip, rate: int,
             pcm_path: Path, trim: bool = True, sink=None) -> Timeline:
    """Write the whole narration as raw PCM to ``pcm_path``; return its timeline.

    ``load_clip(item) -> bytes, suffix`` fetches a clip (from the cache).
    ``section_titles[i]`` is (title, heading id) of section i.
    ``sink(bytes)``, if given, sees every section too (the loudness meter).
    Each section is padded to a codec-friendly slot (``audio.frames``).
    """
    import hashlib

    timeline = Timeline(sample_rate=rate)
    by_section: dict[int, list[ScriptItem]] = {}
    for item in items:
        by_section.setdefault(item.section, []).append(item)
    position = 0
    last = len(section_titles) - 1
    with open(pcm_path, "wb") as out:
        for index, (title, heading_id) in enumerate(section_titles):
            section_start = position
            parts: list[bytes] = []
            for item in by_section.get(index, []):
                payload, suffix = load_clip(item)
                clip = clip_segment(payload, suffix, rate, trim)
                length = len(clip.raw_data) // 2
                timeline.cues.append(Cue(item.id, item.kind, item.text, index, item.block,
                                         ms(position, rate), ms(position + length, rate)))
                pause = to_samples(item.pause_ms, rate)
                parts.append(clip.raw_data)
                parts.append(b"\0\0" * pause)
                position += length + pause
            spoken = position - section_start
            length = slot(spoken)
            padding = length - CODEC_TAIL - spoken
            parts.append(b"\0\0" * padding)
            section = AudioSegment(data=b"".join(parts), sample_width=2, frame_rate=rate, channels=1)
            digest = hashlib.sha256(section.raw_data).hexdigest()
            tail = b"" if index == last else b"\0\0" * CODEC_TAIL  # decoders trim the last tail themselves
            for chunk in (section.raw_data, tail):
                out.write(chunk)
                if sink is not None:
                    sink(chunk)
            audio_samples = spoken + padding
            position = section_start + audio_samples + len(tail) // 2
            timeline.sections.append(SectionSpan(
                index, title, heading_id, ms(section_start, rate), ms(position, rate),
                ms(section_start + audio_samples, rate), section_start, audio_samples, ms(padding, rate), digest))
    timeline.total_samples = position
    timeline.check()
    return timeline
