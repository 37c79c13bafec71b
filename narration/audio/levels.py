"""Where a clip's speech begins and ends, and its loudest sample.

Measured once, where the clip is made (in an eSpeak NG worker, alongside the
others), and carried inside the clip (``wavwords``): assembling then slices
instead of scanning samples, and the build's own process never loads numpy
(a tenth of a second before the first piece could be assembled). Clips that
carry no levels (gTTS's MP3s, clips made before) are measured while assembled.
"""
from __future__ import annotations

from dataclasses import dataclass

SILENCE_THRESHOLD = 0.004  # of full scale (about -48 dBFS): quieter samples are silence to trimming
SILENCE = int(SILENCE_THRESHOLD * 32768)  # the same as a sample magnitude: sound is above it


@dataclass(frozen=True)
class Levels:
    first: int  # first sample above SILENCE (0 when there is none)
    end: int  # one past the last sample above SILENCE (0 when there is none)
    peak: int  # the largest sample magnitude
    silence: int = SILENCE  # the threshold they were measured at

    def to_list(self) -> list[int]:
        return [self.first, self.end, self.peak, self.silence]


def measure(pcm: bytes) -> Levels:
    """The levels of mono 16-bit PCM. Run in each clip's fork, where every page it allocates costs a
    fault: one byte a sample for the mask, no wider copy of the samples, no index array."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype=np.int16)
    if not samples.size:
        return Levels(0, 0, 0)
    peak = _peak(samples)
    loud = samples > SILENCE
    loud |= samples < -SILENCE
    if not loud.any():
        return Levels(0, 0, peak)
    return Levels(int(loud.argmax()), samples.size - int(loud[::-1].argmax()), peak)


def peak_of(pcm: bytes) -> int:
    """The largest sample magnitude of mono 16-bit PCM (without a copy of it)."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype=np.int16)
    return _peak(samples) if samples.size else 0


def _peak(samples) -> int:
    """Of a non-empty int16 array, in Python ints: ``abs`` of -32768 would wrap around in int16."""
    return max(int(samples.max()), -int(samples.min()))


def from_list(values) -> Levels | None:
    """Levels as carried in a clip, if they were measured at today's threshold."""
    try:
        levels = Levels(*(int(v) for v in values))
    except (TypeError, ValueError):
        return None
    return levels if levels.silence == SILENCE else None
