"""What a reader hands on: text and structure, before sentences and ids.

Readers only know their format. Sentence splitting, ids, metadata defaults and
validation happen once, in :mod:`narration.document`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# an image's alt text that is only its file's name ('footnote-b_02_02_11.png'): a converter's default,
# no description; read aloud it is noise, so it counts as no alt text (WCAG F30)
_FILE_NAME = re.compile(r"[\w./-]+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?)", re.IGNORECASE)


def real_alt(alt: str) -> str:
    """The alt text, or '' when it is only a file name."""
    return "" if _FILE_NAME.fullmatch(alt.strip()) else alt


@dataclass
class RawBlock:
    kind: str
    text: str
    group: int = 0
    ordered: bool = False
    row: int = 0
    col: int = 0
    header: bool = False
    image: str = ""  # path as written in the source (vetted later)
    alt: str = ""
    credit: str = ""  # figure: its credit line ("Foto: dpa"), shown beside the caption, never spoken
    languages: list = field(default_factory=list)  # (start, end, tag) of passages in another language
    marks: list = field(default_factory=list)  # (position, kind, value, ref): page breaks, note references
    ref: str = ""  # note: its id in the source, which references link to
    label: str = ""  # note: its number or sign ("1", "*)")


@dataclass
class RawSection:
    title: str | None
    level: int = 1
    blocks: list[RawBlock] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # ids in the source that land here (a book's TOC links)


@dataclass
class RawDocument:
    meta: dict
    sections: list[RawSection]
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, why): what the reader left out
    toc: list = field(default_factory=list)  # the source's table of contents: (level, title, (anchor, file))
    matter: list = field(default_factory=list)  # model.Matter: what is shown and not read


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (``---`` ... ``---``) at the top of Markdown or text. PyYAML (18 ms to
    import) is loaded only for a text that has some."""
    if not text.startswith("---\n"):
        return {}, text
    import yaml

    from ..errors import ReaderError

    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    close = text.find("\n", end + 4)
    body = text[close + 1:] if close >= 0 else ""
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ReaderError(f"front matter is not valid YAML{where}") from exc
    if not isinstance(meta, dict):
        raise ReaderError("front matter must be a YAML mapping (key: value)")
    return meta, body
