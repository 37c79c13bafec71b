"""Markdown with optional YAML front matter, through pandoc's markdown reader."""
from __future__ import annotations

from pathlib import Path

from ..textio import decode
from .base import RawDocument, split_front_matter
from .pandoc_ast import convert, to_raw_document

FORMAT = "markdown"
SUFFIXES = (".md", ".markdown")


def read(path: Path, data: bytes) -> RawDocument:
    meta, body = split_front_matter(decode(data))
    return to_raw_document(convert(body, "markdown", is_file=False), meta)
