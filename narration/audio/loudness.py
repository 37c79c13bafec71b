"""Loudness to a podcast target, measured with ffmpeg's EBU R128 (BS.1770) meter.

Gain is planned, not guessed: measure the integrated loudness; where the
peaks would pass the ceiling after the gain, first limit the peaks at
(ceiling - gain) with ffmpeg's alimiter (latency-compensated, so no timing
moves), measure again, and only then apply a plain linear gain, so the result
lands on the target. Every pass streams from disk.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError
from .ffmpeg import run

PEAK_MARGIN_DB = 1.5  # sample peaks stay this far below the true-peak ceiling (MP3 and inter-sample overshoot)
PEAK_WINDOW_DB = 1.5  # ... but no more than this much further below (no needless limiting)
MAX_PASSES = 3


@dataclass(frozen=True)
class LoudnessPlan:
    measured_lufs: float  # as metered (through the guessed limiter, if it engaged)
    input_peak_dbfs: float
    gain_db: float
    limiter_db: float | None  # limiter threshold in dBFS (before the gain), or None
    output_lufs: float

    @property
    def filters(self) -> str:
        """The ffmpeg chain. Values in 0.1 dB steps: a one-sentence edit moves the measured loudness by
        hundredths of a LU, and the same chain keeps every unchanged section's encoded piece valid."""
        limiter = None if self.limiter_db is None else round(self.limiter_db, 1)
        return _chain(limiter, round(self.gain_db, 1))

    def to_dict(self) -> dict:
        return {"measured_lufs": self.measured_lufs, "input_sample_peak_dbfs": self.input_peak_dbfs,
                "gain_db": round(self.gain_db, 2), "limiter_threshold_dbfs": self.limiter_db,
                "output_lufs": self.output_lufs}


def _chain(limiter_db: float | None, gain_db: float) -> str:
    chain = f"volume={gain_db:.2f}dB"
    if limiter_db is not None:
        limit = min(1.0, max(0.0625, 10 ** (limiter_db / 20)))
        chain = f"alimiter=limit={limit:.4f}:attack=2:release=40:level=false:latency=1," + chain
    return chain


def raw_input_args(pcm: Path, rate: int) -> list[str]:
    return ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]


def _parse_integrated(stderr: bytes) -> float:
    found = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", stderr.decode("utf-8", "replace"))
    if not found:
        raise AudioError("could not measure loudness (ffmpeg ebur128 printed no summary)")
    return float(found[-1]) if found[-1] != "-inf" else -math.inf


def integrated_loudness(pcm: Path, rate: int, filters: str = "") -> float:
    chain = (filters + "," if filters else "") + "ebur128=framelog=quiet"
    return _parse_integrated(run([*raw_input_args(pcm, rate), "-af", chain, "-f", "null", "-"]).stderr)


class StreamMeter:
    """Measures loudness (through the limiter at a guessed threshold) and the
    sample peak while the PCM is being written: ffmpeg's meter reads a pipe on
    the other core, so measuring costs no extra pass in the usual case."""

    def __init__(self, rate: int, threshold_db: float):
        import subprocess

        from .ffmpeg import ffmpeg_exe

        self.peak = 0
        self.threshold_db = threshold_db
        self.process = subprocess.Popen(
            [ffmpeg_exe(), "-hide_banner", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
             "-af", f"{_chain(threshold_db, 0.0)},ebur128=framelog=quiet", "-f", "null", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def feed(self, pcm: bytes) -> None:
        import numpy as np

        samples = np.frombuffer(pcm, dtype=np.int16)
        if samples.size:  # max and min of the int16 view: no copy of a section that may be 100 MB
            self.peak = max(self.peak, int(samples.max()), -int(samples.min()))
        self.process.stdin.write(pcm)

    def result(self) -> float:
        _, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise AudioError("ffmpeg's loudness meter failed")
        return _parse_integrated(stderr)

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def plan(pcm: Path, rate: int, meter: StreamMeter, target_lufs: float, ceiling_dbtp: float) -> LoudnessPlan:
    """Gain (and limiter) that put the narration on target with its peaks under the ceiling.

    After the gain, peaks sit at (limiter threshold + gain) when the limiter
    engages; that must stay between ``PEAK_MARGIN_DB`` and ``PEAK_MARGIN_DB +
    PEAK_WINDOW_DB`` below the ceiling (the margin covers inter-sample and MP3
    overshoot; the window keeps us from limiting harder than needed). The
    meter measured through a limiter at a guessed threshold; when the guess
    misses the window, a secant step picks a better threshold and one more
    pass measures it (at most ``MAX_PASSES``).
    """
    measured = meter.result()
    peak_db = 20 * math.log10(max(meter.peak, 1) / 32768)
    if math.isinf(measured):
        return LoudnessPlan(measured, round(peak_db, 2), 0.0, None, measured)
    highest = ceiling_dbtp - PEAK_MARGIN_DB
    threshold = meter.threshold_db
    gain = target_lufs - measured
    if peak_db <= threshold and peak_db + gain <= highest:  # the limiter did nothing, and none is needed
        return LoudnessPlan(measured, round(peak_db, 2), gain, None, round(target_lufs, 2))
    tried = [(threshold, min(peak_db, threshold) + gain)]
    for _ in range(MAX_PASSES):
        level = tried[-1][1]
        if highest - PEAK_WINDOW_DB <= level <= highest:
            break
        if len(tried) == 1:
            slope = 0.5  # peaks after make-up gain move about half as far as the threshold
        else:
            (t0, l0), (t1, l1) = tried[-2], tried[-1]
            slope = (l1 - l0) / (t1 - t0) if t1 != t0 else 0.5
        threshold = tried[-1][0] + (highest - PEAK_WINDOW_DB / 2 - level) / max(slope, 0.1)
        gain = target_lufs - integrated_loudness(pcm, rate, _chain(threshold, 0.0))
        tried.append((threshold, min(peak_db, threshold) + gain))
    threshold, level = tried[-1]
    shortfall = max(0.0, level - highest)  # still too hot after the passes: give up loudness, never the ceiling
    return LoudnessPlan(measured, round(peak_db, 2), gain - shortfall, round(threshold, 2),
                        round(target_lufs - shortfall, 2))
