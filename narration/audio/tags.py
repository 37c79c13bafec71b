"""Tags and chapters with mutagen: ID3v2.4 CHAP/CTOC for MP3, iTunes atoms for M4B."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from ..writers.base import BuildContext

ISO639_2 = {"de": "deu", "en": "eng", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld"}


def common(ctx: BuildContext) -> dict:
    meta = ctx.doc.meta
    return {"title": meta.title, "author": ", ".join(meta.authors) or ctx.options.podcast.author,
            "album": ctx.options.podcast.title, "date": meta.date,
            "language": ISO639_2.get(meta.language.split("-")[0], "und"),
            "comment": meta.description or f"Vorgelesen von {ctx.narrator}."}


def tag_mp3(path: Path, ctx: BuildContext, title: str | None = None, track: str = "", chapters: bool = False):
    info = common(ctx)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title or info["title"]))
    tags.add(TPE1(encoding=3, text=info["author"]))
    tags.add(TALB(encoding=3, text=info["title"] if track else info["album"]))
    if info["date"]:
        tags.add(TDRC(encoding=3, text=info["date"]))
    tags.add(TLAN(encoding=3, text=info["language"]))
    tags.add(COMM(encoding=3, lang=info["language"], desc="", text=info["comment"]))
    if track:
        tags.add(TRCK(encoding=3, text=track))
    if ctx.cover is not None:
        tags.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=ctx.cover.read_bytes()))
    if chapters:
        ids = []
        for n, span in enumerate(ctx.timeline.sections, 1):
            ids.append(f"chp{n}")
            tags.add(CHAP(element_id=f"chp{n}", start_time=span.start_ms, end_time=span.end_ms,
                          sub_frames=[TIT2(encoding=3, text=span.title)]))
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                      sub_frames=[TIT2(encoding=3, text="Kapitel")]))
    tags.save(str(path), v2_version=4)


def tag_m4b(path: Path, ctx: BuildContext):
    info = common(ctx)
    audio = MP4(str(path))
    audio["\xa9nam"] = info["title"]
    audio["\xa9ART"] = info["author"]
    audio["aART"] = info["author"]
    audio["\xa9alb"] = info["title"]
    audio["\xa9gen"] = "Audiobook"
    audio["\xa9cmt"] = info["comment"]
    if info["date"]:
        audio["\xa9day"] = info["date"]
    if ctx.cover is not None:
        audio["covr"] = [MP4Cover(ctx.cover.read_bytes(), imageformat=MP4Cover.FORMAT_PNG)]
    audio.save()
