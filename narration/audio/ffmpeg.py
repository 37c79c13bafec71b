"""The ffmpeg binary from the imageio-ffmpeg wheel (no system ffmpeg needed)."""
from __future__ import annotations

import functools
import subprocess

from ..errors import AudioError


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def run(args: list[str], input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    command = [ffmpeg_exe(), "-hide_banner", *(["-nostdin"] if input_bytes is None else []), *args]
    result = subprocess.run(command, input=input_bytes, capture_output=True)
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise AudioError(f"ffmpeg failed: {tail[0][:200]}")
    return result


def decode_to_pcm(data: bytes, rate: int) -> bytes:
    """Any audio ffmpeg reads -> mono 16-bit PCM at ``rate``."""
    return run(["-loglevel", "error", "-i", "pipe:0", "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", "-ar", str(rate), "pipe:1"],
               input_bytes=data).stdout


def pydub_audio_segment():
    """pydub's AudioSegment, pointed at our ffmpeg (pydub warns at import when
    no ffmpeg is on PATH; ours comes from the wheel, so that warning is noise)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    return AudioSegment
