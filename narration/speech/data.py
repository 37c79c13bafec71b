"""The normaliser's language data, read from the text files in ``data/``.

Words, abbreviations, units and their genders live in files (one entry a
line, tab-separated, ``#`` for comments), so adding an abbreviation or a unit
is a one-line change that needs no code. Each file is read once per process.
"""
from __future__ import annotations

import functools
from pathlib import Path

FOLDER = Path(__file__).with_name("data")


def _lines(name: str):
    for line in (FOLDER / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@functools.lru_cache(maxsize=None)
def rows(name: str) -> dict[str, list[str]]:
    """``key -> other columns`` of a ``.tsv`` file (a later line with the same key wins)."""
    return {cells[0]: [c.strip() for c in cells[1:]] for cells in _lines(name)}


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The lines of a ``.txt`` word list."""
    return frozenset(cells[0].strip() for cells in _lines(name))
