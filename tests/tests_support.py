"""Small helpers for tests that read audio back with ffmpeg."""
import re
import subprocess

from conftest import ffmpeg


def mp3_duration_ms(data: bytes) -> float:
    """Decoded length, as a player hears it (gapless trim applied by ffmpeg)."""
    out = subprocess.run([ffmpeg(), "-hide_banner", "-i", "pipe:0", "-f", "null", "-"], input=data,
                         capture_output=True).stderr.decode()
    h, m, s = re.findall(r"time=(\d+):(\d+):([\d.]+)", out)[-1]
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000
