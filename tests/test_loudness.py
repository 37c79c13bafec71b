"""Loudness planning on signals whose answer we know (issue 4)."""
import hashlib

import numpy as np
import pytest

from narration.audio import loudness
from narration.errors import AudioError
from narration.timeline import Piece

RATE = 22050


def signal(tmp_path, samples: np.ndarray):
    path = tmp_path / "x.pcm"
    pcm = np.clip(samples, -32767, 32767).astype(np.int16).tobytes()
    path.write_bytes(pcm)
    return path, pcm


def whole(pcm):
    return [Piece(0, 0, 0, len(pcm) // 2, 0, hashlib.sha256(pcm).hexdigest())]


def reader(path):
    def read(piece):
        with open(path, "rb") as source:
            source.seek(piece.start_sample * 2)
            return source.read(piece.samples * 2)
    return read


def planned(path, pcm, guess):
    def remeasure(threshold):
        return loudness.measure_pieces(reader(path), whole(pcm), RATE, threshold).lufs

    return loudness.plan(loudness.measure_pieces(reader(path), whole(pcm), RATE, guess), remeasure, -16.0, -1.5)


def test_quiet_tone_needs_gain_but_no_limiter(tmp_path):
    t = np.arange(RATE * 20) / RATE
    path, pcm = signal(tmp_path, 3000 * np.sin(2 * np.pi * 440 * t))  # about -24 LUFS, crest 3 dB
    plan = planned(path, pcm, -11.0)
    assert plan.limiter_db is None
    after = loudness.integrated_loudness(path, RATE, plan.filters)
    assert abs(after - (-16.0)) < 0.3


@pytest.mark.parametrize("guess", [-11.0, -3.0, -25.0])
def test_peaky_signal_is_limited_into_the_window_whatever_the_guess(tmp_path, guess):
    rng = np.random.default_rng(7)
    speechy = rng.normal(0, 1500, RATE * 20)
    speechy[:: RATE // 5] = 32000  # sparse full-scale clicks: peak-to-loudness ratio far too high
    path, pcm = signal(tmp_path, speechy)
    plan = planned(path, pcm, guess)
    assert plan.limiter_db is not None
    after = loudness.integrated_loudness(path, RATE, plan.filters)
    assert abs(after - plan.output_lufs) < 0.3 and plan.output_lufs >= -16.5
    assert plan.limiter_db + plan.gain_db <= -1.5 - loudness.PEAK_MARGIN_DB + 0.01


def pieces_of(pcm: bytes, cuts: list[int]) -> list[Piece]:
    bounds = [0, *cuts, len(pcm) // 2]
    return [Piece(i, 0, a, b - a, 0, hashlib.sha256(pcm[2 * a: 2 * b]).hexdigest())
            for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def test_metering_piece_by_piece_agrees_with_metering_the_whole(tmp_path):
    """Pieces meet in pauses; gating their cached blocks together gives what ffmpeg's own meter gives
    for the joined programme, and a second pass reads every piece from the cache."""
    rng = np.random.default_rng(3)
    parts, cuts, position = [], [], 0
    for n in range(12):  # "sentences" of varying level and length, with pauses between them
        burst = rng.normal(0, rng.uniform(800, 4000), int(RATE * rng.uniform(1.5, 6)))
        pause = np.zeros(int(RATE * rng.uniform(0.35, 0.9)))
        parts += [burst, pause]
        position += len(burst) + len(pause)
        if n % 3 == 2 and n < 11:
            cuts.append(position - len(pause) // 2)  # cut inside the pause, as assemble does
    path, pcm = signal(tmp_path, np.concatenate(parts))
    cache = tmp_path / "loudness"
    pieces = pieces_of(pcm, cuts)
    by_pieces = loudness.measure_pieces(reader(path), pieces, RATE, 0.0, cache)
    assert abs(by_pieces.lufs - loudness.integrated_loudness(path, RATE)) < 0.1
    assert by_pieces.peak == int(np.max(np.abs(np.frombuffer(pcm, dtype=np.int16))))
    assert len(list(cache.rglob("*.json"))) == len(pieces)
    path.write_bytes(b"")  # nothing left to read: the second measurement must come from the cache
    assert loudness.measure_pieces(reader(path), pieces, RATE, 0.0, cache) == by_pieces


def test_pieces_metered_by_several_meters_at_once_measure_exactly_as_by_one(tmp_path, monkeypatch):
    """A long book's pieces go to one ffmpeg meter per core; a piece's blocks must not depend on which
    meter, or after what, it was measured."""
    rng = np.random.default_rng(5)
    parts, cuts, position = [], [], 0
    for n in range(9):
        burst = rng.normal(0, rng.uniform(500, 6000), int(RATE * rng.uniform(1, 4)))
        pause = np.zeros(int(RATE * 0.6))
        parts += [burst, pause]
        position += len(burst) + len(pause)
        if n < 8:
            cuts.append(position - len(pause) // 2)
    path, pcm = signal(tmp_path, np.concatenate(parts))
    pieces = pieces_of(pcm, cuts)

    def metered(streams):
        meter = loudness.PieceMeter(RATE, -3.0, streams=streams)
        for piece in pieces:
            meter.feed(piece, reader(path)(piece))
        used = len(meter.streams)
        return meter.result(), used, meter.found

    monkeypatch.setattr(loudness.PieceMeter, "STREAM_SECONDS", 2)
    one, used_one, entries_one = metered(1)
    three, used_three, entries_three = metered(3)
    assert (used_one, used_three) == (1, 3)
    assert entries_three == entries_one and three == one


def test_a_meter_that_dies_is_an_error_not_a_hang(tmp_path):
    """The meter is written to by a thread of its own; if ffmpeg dies, feeding more audio must still
    return, and the result must say the meter failed."""
    import threading

    rng = np.random.default_rng(7)
    path, pcm = signal(tmp_path, rng.normal(0, 3000, RATE * 30))
    pieces = pieces_of(pcm, [RATE * k for k in range(3, 30, 3)])
    meter = loudness.PieceMeter(RATE, -3.0, streams=1)
    meter.feed(pieces[0], reader(path)(pieces[0]))
    meter.streams[0].process.kill()
    fed = threading.Thread(target=lambda: [meter.feed(p, reader(path)(p)) for p in pieces[1:]], daemon=True)
    fed.start()
    fed.join(timeout=20)
    assert not fed.is_alive(), "feeding a dead meter blocked"
    with pytest.raises(AudioError, match="loudness meter failed"):
        meter.result()
    meter.abort()
