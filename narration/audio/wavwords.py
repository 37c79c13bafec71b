"""Word times and levels carried inside a WAV clip, so the cache keeps sound and timing together.

eSpeak NG reports each word as it speaks it (``espeakEVENT_WORD``: where the
word starts in the text and in the audio). We store those events in a RIFF
chunk of our own (``wrds``, JSON ``[[char start, char length, sample], ...]``)
after the ``data`` chunk, and the clip's levels (``audio.levels``: where its
sound begins and ends, its peak) in another (``lvls``, JSON). RIFF readers skip
chunks they do not know, so the clip is still a plain WAV to Python's
``wave``, pydub and ffmpeg.
"""
from __future__ import annotations

import json
import struct

CHUNK = b"wrds"
LEVELS = b"lvls"


def _chunk(name: bytes, value) -> bytes:
    payload = json.dumps(value, separators=(",", ":")).encode("ascii")
    return name + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


def wav_parts(pcm: bytes, rate: int, words: list[tuple[int, int, int]], levels=None) -> tuple[bytes, bytes, bytes]:
    """A 16-bit mono WAV of ``pcm`` with our chunks after its data, as (header, samples, chunks):
    written one after another, never joined in memory. ``levels``: an ``audio.levels.Levels``."""
    chunks = _chunk(CHUNK, words) + (_chunk(LEVELS, levels.to_list()) if levels is not None else b"")
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)  # PCM, mono, 16-bit
    data = b"data" + struct.pack("<I", len(pcm))
    size = 4 + len(fmt) + len(data) + len(pcm) + len(pcm) % 2 + len(chunks)
    return b"RIFF" + struct.pack("<I", size) + b"WAVE" + fmt + data, pcm + (b"\0" if len(pcm) % 2 else b""), chunks


def _ours(wav: bytes) -> dict[bytes, object]:
    """The JSON values of our chunks in a WAV, found in one walk over its chunks."""
    found = {}
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        return found
    pos = 12
    while pos + 8 <= len(wav):
        kind, size = wav[pos:pos + 4], struct.unpack("<I", wav[pos + 4:pos + 8])[0]
        if kind in (CHUNK, LEVELS):
            try:
                found[kind] = json.loads(wav[pos + 8:pos + 8 + size])
            except ValueError:
                pass
        pos += 8 + size + (size % 2)
    return found


def carried(wav: bytes):
    """(word events, ``audio.levels.Levels`` or None) of a clip made by ``wav_parts``."""
    from .levels import from_list

    found = _ours(wav)
    words, levels = found.get(CHUNK), found.get(LEVELS)
    try:
        words = [tuple(w) for w in words] if words else []
    except TypeError:
        words = []
    return words, from_list(levels) if isinstance(levels, list) else None


def words_of(wav: bytes) -> list[tuple[int, int, int]]:
    """The word events of a clip made by ``wav_parts`` ([] for any other WAV)."""
    return carried(wav)[0]


def levels_of(wav: bytes):
    """The ``audio.levels.Levels`` a clip made by ``wav_parts`` carries, or None."""
    return carried(wav)[1]
