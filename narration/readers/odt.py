"""ODT documents (metadata from the document's own properties), through pandoc."""
from __future__ import annotations

from pathlib import Path

from .base import RawDocument
from .pandoc_ast import convert, to_raw_document

FORMAT = "odt"
SUFFIXES = (".odt",)


def read(path: Path, data: bytes) -> RawDocument:
    return to_raw_document(convert(path, FORMAT, is_file=True))
