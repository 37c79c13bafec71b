"""Persistent, content-addressed clip cache.

Key: SHA-256 of everything that changes the sound (engine, engine version,
voice, language, rate, pitch, format) plus the exact speech text. An entry is
``sha256(payload) + payload``, written to a temporary file and renamed, so a
reader never sees half an entry, two builds can fill the cache at once (the
last rename wins with identical bytes), and a truncated or damaged entry fails
its checksum and is synthesised again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

from .textio import atomic_write

log = logging.getLogger(__name__)
_DIGEST = 32


def clip_key(identity: dict, speech: str) -> str:
    blob = json.dumps({**identity, "text": speech}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ClipCache:
    def __init__(self, root: Path, suffix: str):
        self.root = Path(root)
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        payload = blob[_DIGEST:]
        if len(blob) <= _DIGEST or hashlib.sha256(payload).digest() != blob[:_DIGEST]:
            log.warning("cache entry %s is damaged; synthesising it again", path.name)
            path.unlink(missing_ok=True)
            return None
        return payload

    def digest(self, key: str) -> str | None:
        """The checksum an entry was written with (its first bytes): names the clip's content without
        reading it. ``get`` still verifies the whole entry wherever the clip is used."""
        try:
            with open(self.path(key), "rb") as entry:
                head = entry.read(_DIGEST)
        except OSError:
            return None
        return head.hex() if len(head) == _DIGEST else None

    def has(self, key: str) -> bool:
        """Whether an entry exists. Cheap on purpose: ``get`` verifies the checksum when the clip is
        used, and a damaged entry is synthesised again there."""
        return self.path(key).is_file()

    def has_all(self, keys) -> bool:
        return all(self.has(key) for key in keys)

    def put(self, key: str, payload: bytes) -> None:
        write_entry(self.path(key), (payload,))


def write_entry(path: Path, parts: tuple[bytes, ...]) -> None:
    """One cache entry whose payload is ``parts`` joined (written one after another, never joined in
    memory): what ``ClipCache.put`` writes, callable where the clip is made (an engine's worker)."""
    if not any(parts):
        raise ValueError("refusing to cache an empty clip")
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    # no fsync: after a power cut a torn entry fails its checksum in ``get`` and is made again,
    # so durability would buy nothing here, at half a millisecond a clip
    atomic_write(Path(path), (digest.digest(), *parts), durable=False)


def clear(root: Path) -> int:
    """Delete the cache folder; returns the number of entries removed."""
    root = Path(root)
    if not root.exists():
        return 0
    count = sum(1 for p in root.rglob("*") if p.is_file())
    shutil.rmtree(root)
    return count
