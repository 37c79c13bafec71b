"""Reader registry: file suffix -> reader module (one module per format).

A reader module declares ``FORMAT``, ``SUFFIXES`` and ``read(path, data)``;
adding a format means adding one module and its suffixes here. Modules are
imported on use (pandoc, lxml and friends are not needed to find sources).
"""
from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import ReaderError

READERS = {
    ".txt": "plaintext", ".text": "plaintext",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".odt": "odt", ".epub": "epub",
    ".url": "url",  # a web page by its address, fetched once and kept beside it (narration.fetch)
}
SIDECAR_SUFFIXES = (".yaml", ".yml")  # metadata beside a source: <name>.yaml
LEXICON_FILE = "lexicon.pls"  # pronunciation lexicon for every source in a folder
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
    module = importlib.import_module(f"{__name__}.{READERS[suffix]}")
    if suffix not in module.SUFFIXES:
        raise RuntimeError(f"reader {module.__name__} does not claim {suffix}")
    return module


def is_source(path: Path) -> bool:
    return path.suffix.lower() in READERS


def companions(source: Path) -> list[Path]:
    """The files beside ``source`` that shape its outputs (whether or not they exist)."""
    kept = [source.with_suffix(s) for s in (".webpage", ".webpage.json")] if source.suffix.lower() == ".url" else []
    others = sorted(source.parent.glob("lexicon.*.pls"))  # one per other language
    return [source.with_suffix(s) for s in SIDECAR_SUFFIXES] + [source.parent / LEXICON_FILE] + others + kept
