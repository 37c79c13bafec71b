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


def with_words(wav: bytes, words: list[tuple[int, int, int]]) -> bytes:
    payload = json.dumps(words, separators=(",", ":")).encode("ascii")
    chunk = CHUNK + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")
    body = wav[8:] + chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def words_of(wav: bytes) -> list[tuple[int, int, int]]:
    """The word events of a clip made by ``with_words`` ([] for any other WAV)."""
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
