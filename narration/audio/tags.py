"""Tags and chapters with mutagen: ID3v2.4 CHAP/CTOC for MP3, iTunes atoms for M4B.

What a file is tagged with arrives as plain values (``Tags``, and chapters as (start ms, end ms,
title)); the writers make them from the article."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TRCK,
    CTOCFlags,
)
from mutagen.mp4 import MP4, MP4Cover


@dataclass(frozen=True)
class Tags:
    title: str
    author: str
    album: str
    date: str
    language: str  # ISO 639-2 (``iso639_2``)
    comment: str
    cover: Path | None = None  # a PNG

    def identity(self) -> bytes:
        """What the tags are made of, for a recipe: their values and the cover's bytes."""
        import json

        fields = [self.title, self.author, self.album, self.date, self.language, self.comment]
        return json.dumps(fields).encode() + (self.cover.read_bytes() if self.cover else b"")


class _ChaptersInTimeOrder(ID3):
    """mutagen writes frames by importance, then by size, so CHAP frames come out in an order
    that is not time order; ffmpeg (and with it ffprobe, VLC, mpv and many podcast back ends)
    lists chapters in file order. The frames mutagen serialised are put back in time order."""

    def _write(self, config):
        data = bytes(super()._write(config))
        frames, pos = [], 0
        while pos + 10 <= len(data) and data[pos:pos + 4].strip(b"\0"):
            size = _frame_size(data[pos + 4:pos + 8], config.v2_version)
            frames.append(data[pos:pos + 10 + size])
            pos += 10 + size
        chapters = iter(sorted((f for f in frames if f[:4] == b"CHAP"), key=_chapter_start))
        ordered = [next(chapters) if f[:4] == b"CHAP" else f for f in frames]
        return bytearray().join(ordered) + data[pos:]


def _frame_size(raw: bytes, version: int) -> int:
    if version == 4:  # ID3v2.4 sizes are synchsafe: 7 bits a byte
        return (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]
    return int.from_bytes(raw, "big")


def _chapter_start(frame: bytes) -> int:
    body = frame[10:]
    end_of_id = body.index(b"\0")
    return int.from_bytes(body[end_of_id + 1:end_of_id + 5], "big")


ISO639_2 = {"de": "deu", "en": "eng", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld"}


def iso639_2(language: str) -> str:
    return ISO639_2.get(language.split("-")[0], "und")


def tag_mp3(path: Path, info: Tags, title: str | None = None, track: str = "",
            chapters: Iterable[tuple[int, int, str]] = ()):
    tags = _ChaptersInTimeOrder()
    tags.add(TIT2(encoding=3, text=title or info.title))
    tags.add(TPE1(encoding=3, text=info.author))
    tags.add(TALB(encoding=3, text=info.title if track else info.album))
    if info.date:
        tags.add(TDRC(encoding=3, text=info.date))
    tags.add(TLAN(encoding=3, text=info.language))
    tags.add(COMM(encoding=3, lang=info.language, desc="", text=info.comment))
    if track:
        tags.add(TRCK(encoding=3, text=track))
    if info.cover is not None:
        tags.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=info.cover.read_bytes()))
    chapters = list(chapters)
    if chapters:
        ids = []
        for n, (start_ms, end_ms, chapter_title) in enumerate(chapters, 1):
            ids.append(f"chp{n}")
            tags.add(CHAP(element_id=f"chp{n}", start_time=start_ms, end_time=end_ms,
                          sub_frames=[TIT2(encoding=3, text=chapter_title)]))
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                      sub_frames=[TIT2(encoding=3, text="Kapitel")]))
    tags.save(str(path), v2_version=4)


def tag_m4b(path: Path, info: Tags):
    audio = MP4(str(path))
    audio["\xa9nam"] = info.title
    audio["\xa9ART"] = info.author
    audio["aART"] = info.author
    audio["\xa9alb"] = info.title
    audio["\xa9gen"] = "Audiobook"
    audio["\xa9cmt"] = info.comment
    if info.date:
        audio["\xa9day"] = info.date
    if info.cover is not None:
        audio["covr"] = [MP4Cover(info.cover.read_bytes(), imageformat=MP4Cover.FORMAT_PNG)]
    audio.save()


def tag_m4a(path: Path, info: Tags, title: str, track: str):
    """A section as AAC in MP4: its own title, the article as album, track n/total."""
    audio = MP4(str(path))
    audio["\xa9nam"] = title
    audio["\xa9ART"] = info.author
    audio["\xa9alb"] = info.title
    number, total = (int(x) for x in track.split("/"))
    audio["trkn"] = [(number, total)]
    audio.save()
