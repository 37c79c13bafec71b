"""The ffmpeg binary from the imageio-ffmpeg wheel (no system ffmpeg needed)."""
from __future__ import annotations

import functools
import subprocess

from ..errors import AudioError


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """The binary's path. imageio-ffmpeg checks it first by running ``ffmpeg -version`` (about 15 ms),
    so a build asks on a thread of its own while it reads (``pipeline.build_article``)."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def run(args: list[str], input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    """ffmpeg as a child that dies with the build (``processes.run``)."""
    from ..processes import run as run_child

    command = [ffmpeg_exe(), "-hide_banner", *(["-nostdin"] if input_bytes is None else []), *args]
    result = run_child(command, input_bytes)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = next((line for line in reversed(lines) if "No space left" in line or "too large" in line
                       or "Permission denied" in line or "Read-only" in line), lines[-1] if lines else "")
        if result.returncode < 0:
            reason = reason or f"stopped by signal {-result.returncode}"
        raise AudioError(f"ffmpeg failed: {(reason or 'no output')[:200]}")
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
