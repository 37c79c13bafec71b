"""Word times carried inside a WAV clip, so the cache keeps sound and timing together.

eSpeak NG reports each word as it speaks it (``espeakEVENT_WORD``: where the
word starts in the text and in the audio). We store those events in a RIFF
chunk of our own (``wrds``, JSON ``[[char start, char length, sample], ...]``)
after the ``data`` chunk. RIFF readers skip chunks they do not know, so the
clip is still a plain WAV to Python's ``wave``, pydub and ffmpeg.
"""
from __future__ import annotations

import json
import struct

CHUNK = b"wrds"


def wav_parts(pcm: bytes, rate: int, words: list[tuple[int, int, int]]) -> tuple[bytes, bytes, bytes]:
    """A 16-bit mono WAV of ``pcm`` with the ``wrds`` chunk after its data, as (header, samples,
    chunk): written one after another, never joined in memory."""
    payload = json.dumps(words, separators=(",", ":")).encode("ascii")
    chunk = CHUNK + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)  # PCM, mono, 16-bit
    data = b"data" + struct.pack("<I", len(pcm))
    size = 4 + len(fmt) + len(data) + len(pcm) + len(pcm) % 2 + len(chunk)
    return b"RIFF" + struct.pack("<I", size) + b"WAVE" + fmt + data, pcm + (b"\0" if len(pcm) % 2 else b""), chunk


def words_of(wav: bytes) -> list[tuple[int, int, int]]:
    """The word events of a clip made by ``wav_parts`` ([] for any other WAV)."""
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        return []
    pos = 12
    while pos + 8 <= len(wav):
        name, size = wav[pos:pos + 4], struct.unpack("<I", wav[pos + 4:pos + 8])[0]
        if name == CHUNK:
            try:
                return [tuple(w) for w in json.loads(wav[pos + 8:pos + 8 + size])]
            except ValueError:
                return []
        pos += 8 + size + (size % 2)
    return []
