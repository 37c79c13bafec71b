"""Reader registry: file suffix -> reader module (one module per format).

A reader module declares ``FORMAT``, ``SUFFIXES`` and ``read(path, data)``;
adding a format means adding one module to ``_MODULES``.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ReaderError
from . import docx, epub, html, markdown, odt, plaintext

_MODULES = (plaintext, markdown, html, docx, odt, epub)
READERS = {suffix: module for module in _MODULES for suffix in module.SUFFIXES}
_HINTS = {
    ".doc": "save it as .docx",
    ".rtf": "save it as .docx or .odt",
    ".pdf": "PDF has no reliable reading order; export the text as .txt, .docx or .md",
    ".pages": "export it as .docx",
}


def reader_for(path: Path):
    suffix = path.suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        raise ReaderError(f"unknown file type '{suffix or path.name}'", _HINTS.get(suffix, f"known: {known}"))
    return READERS[suffix]


def is_source(path: Path) -> bool:
    return path.suffix.lower() in READERS
