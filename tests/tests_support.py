"""Small helpers for tests that read audio back with ffmpeg."""
import re
import subprocess

from conftest import ffmpeg


def decoded_ms(source) -> float:
    """Decoded length of a file (Path) or of audio bytes, as a player hears it (gapless trim and
    MP4 edit lists applied): the decoded samples counted at the stream's own rate. (ffmpeg's
    progress 'time=' reports the last packet's start, tens of ms short for AAC.)"""
    piped = isinstance(source, bytes)
    run = subprocess.run([ffmpeg(), "-hide_banner", "-i", "pipe:0" if piped else str(source), "-f", "s16le", "-ac", "1",
                          "pipe:1"], input=source if piped else None, capture_output=True)
    rate = int(re.search(r"Audio: .*?, (\d+) Hz", run.stderr.decode()).group(1))
    return len(run.stdout) / 2 / rate * 1000


def decode(path, rate):
    import numpy as np

    raw = subprocess.run([ffmpeg(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(float)


def assert_sections_in_place(joined, section_files, timeline):
    """Each section's speech sits in the joined file at its timeline time (within about 2 ms),
    found by cross-correlating the first half second of its first cue against the section's own file."""
    import numpy as np

    rate = timeline["sample_rate"]
    whole = decode(joined, rate)
    assert abs(len(whole) / rate * 1000 - timeline["duration_ms"]) <= 5
    assert len(section_files) == len(timeline["sections"])
    for path, span in zip(section_files, timeline["sections"]):
        part = decode(path, rate)
        cue = next(c for c in timeline["cues"] if c["section"] == span["index"])
        local = round((cue["start_ms"] - span["start_ms"]) * rate / 1000)
        reference = part[local: local + rate // 2]
        expected = round(cue["start_ms"] * rate / 1000)
        best = max(range(max(-400, -expected), 401),
                   key=lambda shift: float(np.dot(whole[expected + shift: expected + shift + len(reference)], reference)))
        assert abs(best) <= rate // 500, (path.name, best)
