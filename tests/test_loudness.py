"""Loudness planning on signals whose answer we know (issue 4)."""
import numpy as np
import pytest

from narration.audio import loudness

RATE = 22050


def signal(tmp_path, samples: np.ndarray):
    path = tmp_path / "x.pcm"
    pcm = np.clip(samples, -32767, 32767).astype(np.int16).tobytes()
    path.write_bytes(pcm)
    return path, pcm


def metered(path, pcm, threshold):
    meter = loudness.StreamMeter(RATE, threshold)
    for start in range(0, len(pcm), 1 << 16):
        meter.feed(pcm[start:start + (1 << 16)])
    return meter


def test_quiet_tone_needs_gain_but_no_limiter(tmp_path):
    t = np.arange(RATE * 20) / RATE
    path, pcm = signal(tmp_path, 3000 * np.sin(2 * np.pi * 440 * t))  # about -24 LUFS, crest 3 dB
    plan = loudness.plan(path, RATE, metered(path, pcm, -11.0), -16.0, -1.5)
    assert plan.limiter_db is None
    after = loudness.integrated_loudness(path, RATE, plan.filters)
    assert abs(after - (-16.0)) < 0.3


@pytest.mark.parametrize("guess", [-11.0, -3.0, -25.0])
def test_peaky_signal_is_limited_into_the_window_whatever_the_guess(tmp_path, guess):
    rng = np.random.default_rng(7)
    speechy = rng.normal(0, 1500, RATE * 20)
    speechy[:: RATE // 5] = 32000  # sparse full-scale clicks: peak-to-loudness ratio far too high
    path, pcm = signal(tmp_path, speechy)
    plan = loudness.plan(path, RATE, metered(path, pcm, guess), -16.0, -1.5)
    assert plan.limiter_db is not None
    after = loudness.integrated_loudness(path, RATE, plan.filters)
    assert abs(after - plan.output_lufs) < 0.3 and plan.output_lufs >= -16.5
    assert plan.limiter_db + plan.gain_db <= -1.5 - loudness.PEAK_MARGIN_DB + 0.01
