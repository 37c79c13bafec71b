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

LIMITER_MARGIN_DB = 3.0  # below the ceiling: alimiter is not true-peak aware, and MP3 encoding overshoots


@dataclass(frozen=True)
class LoudnessPlan:
    input_lufs: float
    input_peak_dbfs: float
    gain_db: float
    limiter_db: float | None  # limiter threshold in dBFS (before the gain), or None
    output_lufs: float

    @property
    def filters(self) -> str:
        return _chain(self.limiter_db, self.gain_db)

    def to_dict(self) -> dict:
        return {"input_lufs": self.input_lufs, "input_sample_peak_dbfs": self.input_peak_dbfs,
                "gain_db": round(self.gain_db, 2), "limiter_ceiling_dbfs": self.limiter_db,
                "output_lufs": self.output_lufs}


def _chain(limiter_db: float | None, gain_db: float) -> str:
    chain = f"volume={gain_db:.2f}dB"
    if limiter_db is not None:
        limit = min(1.0, max(0.0625, 10 ** (limiter_db / 20)))
        chain = f"alimiter=limit={limit:.4f}:attack=2:release=40:level=false:latency=1," + chain
    return chain


def raw_input_args(pcm: Path, rate: int) -> list[str]:
    return ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]


def integrated_loudness(pcm: Path, rate: int, filters: str = "") -> float:
    chain = (filters + "," if filters else "") + "ebur128=framelog=quiet"
    result = run([*raw_input_args(pcm, rate), "-af", chain, "-f", "null", "-"])
    found = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", result.stderr.decode("utf-8", "replace"))
    if not found:
        raise AudioError("could not measure loudness (ffmpeg ebur128 printed no summary)")
    return float(found[-1]) if found[-1] != "-inf" else -math.inf


def plan(pcm: Path, rate: int, sample_peak: float, target_lufs: float, ceiling_dbtp: float) -> LoudnessPlan:
    measured = integrated_loudness(pcm, rate)
    if math.isinf(measured):
        return LoudnessPlan(measured, -math.inf, 0.0, None, measured)
    peak_db = 20 * math.log10(max(sample_peak, 1) / 32768)
    gain = target_lufs - measured
    if peak_db + gain <= ceiling_dbtp - LIMITER_MARGIN_DB:
        return LoudnessPlan(measured, round(peak_db, 2), gain, None, round(measured + gain, 2))
    threshold = ceiling_dbtp - LIMITER_MARGIN_DB - gain
    limited = integrated_loudness(pcm, rate, _chain(threshold, 0.0))
    return LoudnessPlan(measured, round(peak_db, 2), target_lufs - limited, round(threshold, 2), round(target_lufs, 2))
