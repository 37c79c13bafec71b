"""Loudness to a podcast target, measured with ffmpeg's EBU R128 (BS.1770) meter.

Gain is planned, not guessed: measure the integrated loudness; where the
peaks would pass the ceiling after the gain, first limit the peaks at
(ceiling - gain) with ffmpeg's alimiter (latency-compensated, so no timing
moves), measure again, and only then apply a plain linear gain, so the result
lands on the target. Measuring goes piece by piece and is cached
(``PieceMeter``), so a rebuild meters only what changed.
"""
from __future__ import annotations

import hashlib
import json
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
    """ffmpeg's own integrated loudness of a whole PCM file: the independent figure the per-piece
    measurement is checked against."""
    chain = (filters + "," if filters else "") + "ebur128=framelog=quiet"
    return _parse_integrated(run([*raw_input_args(pcm, rate), "-af", chain, "-f", "null", "-"]).stderr)


GATE_ABSOLUTE_LUFS = -70.0  # BS.1770-4 gating
GATE_RELATIVE_LU = -10.0
METER_VERSION = 1


@dataclass(frozen=True)
class Measurement:
    lufs: float  # integrated, through the limiter at threshold_db
    peak: int  # highest sample magnitude before the limiter
    threshold_db: float


def integrate(blocks: list[float]) -> float:
    """Integrated loudness from 400 ms block loudnesses (BS.1770-4, both gates)."""
    def mean_power(values):
        return sum(10 ** ((v + 0.691) / 10) for v in values) / len(values)

    loud = [b for b in blocks if b > GATE_ABSOLUTE_LUFS]
    if not loud:
        return -math.inf
    relative = -0.691 + 10 * math.log10(mean_power(loud)) + GATE_RELATIVE_LU
    gated = [b for b in loud if b > relative]
    return -0.691 + 10 * math.log10(mean_power(gated))


class _MeterStream:
    """One ffmpeg meter and what was fed to it: (piece, offset in its stream, peak).

    A thread of its own writes to the meter, so assembling the next piece never waits for ffmpeg to
    take this one (the pipe holds 64 KiB; the meter is the slower of the two). At most ``QUEUED``
    writes wait, so memory still follows a few pieces, not the book."""

    QUEUED = 4

    def __init__(self, rate: int, threshold_db: float):
        import queue
        import subprocess
        import tempfile
        import threading

        from ..processes import die_with_parent
        from .ffmpeg import ffmpeg_exe

        self.fed: list[tuple[object, int, int]] = []
        self.offset = 0
        self.output, self.errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [ffmpeg_exe(), "-hide_banner", "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1",
             "-i", "pipe:0", "-af", f"{_chain(threshold_db, 0.0)},ebur128=metadata=1,"
             "ametadata=mode=print:key=lavfi.r128.M:file=-", "-f", "null", "-"],
            stdin=subprocess.PIPE, stdout=self.output, stderr=self.errors, preexec_fn=die_with_parent)
        self.pending: queue.Queue = queue.Queue(self.QUEUED)
        self.writer = threading.Thread(target=self._write, name="loudness meter feed", daemon=True)
        self.writer.start()

    def write(self, data: bytes) -> None:
        self.pending.put(data)

    def _write(self) -> None:
        """Until ``close``: whatever is queued goes to ffmpeg; if ffmpeg is gone, it is taken and
        dropped (``finish`` reports ffmpeg's own failure), so no ``write`` ever blocks for good."""
        broken = False
        while (data := self.pending.get()) is not None:
            if not broken:
                try:
                    self.process.stdin.write(data)
                except (BrokenPipeError, ValueError, OSError):
                    broken = True
        try:
            self.process.stdin.close()
        except OSError:
            pass

    def close(self) -> None:
        self.pending.put(None)

    def finish(self) -> int:
        """ffmpeg's exit status, once everything queued has been written and it has ended."""
        self.writer.join()
        return self.process.wait()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        if self.writer.is_alive():
            self.close()
            self.writer.join()
        self.process.wait()


class PieceMeter:
    """Measures loudness piece by piece, through the limiter at a threshold.

    Each piece's 400 ms blocks (ffmpeg's EBU R128 meter, every 100 ms) and
    its sample peak are cached under its digest, so a rebuild meters only the
    pieces that changed; the integrated loudness is gated over all blocks, as
    BS.1770 does over the whole programme (pieces meet in pauses, where blocks
    are silent either way). Each piece goes on the 100 ms grid and is followed
    by 400 ms of silence, so its blocks never depend on its neighbours; so the
    pieces can be fed to several ffmpeg meters at once (one per core, the next
    started once the others hold ``STREAM_SECONDS`` of audio), each while the
    PCM is still being written.
    """

    STREAM_SECONDS = 60

    def __init__(self, rate: int, threshold_db: float, cache_dir: Path | None = None, streams: int = 0):
        import os

        self.rate, self.threshold_db, self.cache_dir = rate, round(threshold_db, 2), cache_dir
        self.grid = rate // 10
        self.found: dict[int, dict] = {}  # piece index -> {"peak", "blocks"}
        self.streams: list[_MeterStream] = []
        self.most = max(1, streams or os.cpu_count() or 1)

    def _key_path(self, digest: str) -> Path | None:
        if self.cache_dir is None:
            return None
        from .ffmpeg import ffmpeg_exe

        blob = json.dumps([digest, self.threshold_db, self.rate, ffmpeg_exe(), METER_VERSION])
        key = hashlib.sha256(blob.encode()).hexdigest()
        return self.cache_dir / key[:2] / f"{key}.json"

    def _stream(self) -> _MeterStream:
        """The meter with the least audio so far, or a new one if every meter is busy enough."""
        if len(self.streams) < self.most and all(s.offset >= self.STREAM_SECONDS * self.rate for s in self.streams):
            self.streams.append(_MeterStream(self.rate, self.threshold_db))
        return min(self.streams, key=lambda s: s.offset)

    def known(self, piece) -> bool:
        """Whether the piece was metered before (its entry is then taken from the cache)."""
        if piece.index not in self.found:
            path = self._key_path(piece.digest)
            try:
                self.found[piece.index] = json.loads(path.read_text(encoding="utf-8"))
            except (AttributeError, OSError, ValueError):
                return False
        return True

    def feed(self, piece, pcm: bytes, peak: int | None = None) -> None:
        """Meter a piece; ``peak``, its largest sample magnitude, if it is known already."""
        if self.known(piece):
            return
        if peak is None:
            from .levels import peak_of

            peak = peak_of(pcm)
        samples = len(pcm) // 2
        stream = self._stream()
        stream.fed.append((piece, stream.offset, peak))
        padded = -(-(stream.offset + samples) // self.grid) * self.grid + 4 * self.grid
        stream.write(pcm)
        stream.write(b"\0\0" * (padded - stream.offset - samples))
        stream.offset = padded

    def _collect(self) -> None:
        for stream in self.streams:
            stream.close()
        for stream in self.streams:
            self._collect_one(stream)
        self.streams = []

    def _collect_one(self, stream: _MeterStream) -> None:
        if stream.finish() != 0:
            stream.errors.seek(0)
            detail = stream.errors.read().decode("utf-8", "replace").strip().splitlines()
            raise AudioError("ffmpeg's loudness meter failed" + (f": {detail[-1]}" if detail else ""))
        stream.output.seek(0)
        blocks: dict[int, list[float]] = {piece.index: [] for piece, _, _ in stream.fed}
        spans = [(offset, offset + piece.samples, piece.index) for piece, offset, _ in stream.fed]
        window_start, k = None, 0
        for line in stream.output.read().decode("ascii", "replace").splitlines():
            if line.startswith("frame:"):
                window_start = int(re.search(r"pts:(-?\d+)", line).group(1)) - 3 * self.grid
            elif line.startswith("lavfi.r128.M=") and window_start is not None and window_start >= 0:
                while k < len(spans) and window_start >= spans[k][1]:
                    k += 1
                if k < len(spans) and spans[k][0] <= window_start:
                    blocks[spans[k][2]].append(round(float(line.split("=", 1)[1]), 3))
        from ..textio import atomic_write

        for piece, _, peak in stream.fed:
            entry = {"peak": peak, "blocks": [b for b in blocks[piece.index] if b > GATE_ABSOLUTE_LUFS]}
            self.found[piece.index] = entry
            path = self._key_path(piece.digest)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, json.dumps(entry), durable=False)  # torn by a power cut: not JSON, metered again

    def result(self) -> Measurement:
        self._collect()
        entries = [self.found[i] for i in sorted(self.found)]
        blocks = [b for entry in entries for b in entry["blocks"]]
        return Measurement(integrate(blocks), max((e["peak"] for e in entries), default=0), self.threshold_db)

    def abort(self) -> None:
        for stream in self.streams:
            stream.kill()

    def measure_spread(self, spread, store, pieces) -> None:
        """Meter every piece not known yet as jobs of ``spread`` (a cluster's workers), from the PCM
        file ``store`` holds: runs of pieces, about equal in samples, one per job."""
        from ..spread import share_out

        todo = [piece for piece in pieces if not self.known(piece)]
        store.ensure([piece.index for piece in todo])
        runs = share_out(todo, lambda piece: piece.samples, 2 * spread.slots)
        pcm, cache_dir = str(Path(store.path).resolve()), str(Path(self.cache_dir).resolve()) if self.cache_dir else ""
        jobs = [MeterJob(pcm, self.rate, self.threshold_db, cache_dir,
                         tuple((p.index, p.digest, store.offsets[p.index], p.samples) for p in run)) for run in runs]
        for found in spread.map(run_meter_job, jobs):
            self.found.update(found)


@dataclass(frozen=True)
class MeterJob:
    """Pieces to meter from a PCM file (index, digest, first sample in the file, samples): plain
    data, so a cluster's worker that shares the cache folder can run it."""
    pcm: str
    rate: int
    threshold_db: float
    cache_dir: str
    pieces: tuple[tuple[int, str, int, int], ...]


def run_meter_job(job: MeterJob) -> dict[int, dict]:
    """Each piece's blocks and peak (also put in the cache, as any meter does)."""
    from ..timeline import Piece

    with open(job.pcm, "rb") as source:
        def read(piece):
            source.seek(piece.start_sample * 2)
            return source.read(piece.samples * 2)

        pieces = [Piece(index, 0, offset, samples, 0, digest) for index, digest, offset, samples in job.pieces]
        _, found = _meter_all(read, pieces, job.rate, job.threshold_db,
                              Path(job.cache_dir) if job.cache_dir else None, streams=1)
    return {index: found[index] for index, _, _, _ in job.pieces}


def measure_pieces(read, pieces, rate: int, threshold_db: float, cache_dir: Path | None = None,
                   peak=None) -> Measurement:
    """Meter ``pieces`` (cached ones are not read); ``read(piece)`` gives a piece's PCM and
    ``peak(piece)`` its peak, if that is known (else it is measured)."""
    return _meter_all(read, pieces, rate, threshold_db, cache_dir, peak=peak)[0]


def _meter_all(read, pieces, rate: int, threshold_db: float, cache_dir: Path | None,
               streams: int = 0, peak=None) -> tuple[Measurement, dict[int, dict]]:
    """The measurement of ``pieces`` and each one's entry (blocks and peak), reading only those the
    cache does not know."""
    meter = PieceMeter(rate, threshold_db, cache_dir, streams)
    try:
        for piece in pieces:
            if not meter.known(piece):
                meter.feed(piece, read(piece), peak(piece) if peak else None)
        return meter.result(), meter.found
    finally:
        meter.abort()


def plan(first: Measurement, remeasure, target_lufs: float, ceiling_dbtp: float) -> LoudnessPlan:
    """Gain (and limiter) that put the narration on target with its peaks under the ceiling.

    After the gain, peaks sit at (limiter threshold + gain) when the limiter
    engages; that must stay between ``PEAK_MARGIN_DB`` and ``PEAK_MARGIN_DB +
    PEAK_WINDOW_DB`` below the ceiling (the margin covers inter-sample and MP3
    overshoot; the window keeps us from limiting harder than needed). The
    meter measured through a limiter at a guessed threshold; when the guess
    misses the window, a secant step picks a better threshold and one more
    pass measures it (at most ``MAX_PASSES``); ``remeasure(threshold)``
    returns the integrated loudness through a limiter at that threshold.
    """
    measured = first.lufs
    peak_db = 20 * math.log10(max(first.peak, 1) / 32768)
    if math.isinf(measured):
        return LoudnessPlan(measured, round(peak_db, 2), 0.0, None, measured)
    highest = ceiling_dbtp - PEAK_MARGIN_DB
    threshold = first.threshold_db
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
        gain = target_lufs - remeasure(threshold)
        tried.append((threshold, min(peak_db, threshold) + gain))
    threshold, level = tried[-1]
    shortfall = max(0.0, level - highest)  # still too hot after the passes: give up loudness, never the ceiling
    return LoudnessPlan(measured, round(peak_db, 2), gain - shortfall, round(threshold, 2),
                        round(target_lufs - shortfall, 2))
