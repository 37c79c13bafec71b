"""The normaliser's language data, read from the text files in ``data/``.

Words, abbreviations, units and their genders live in files (one entry a
line, tab-separated, ``# `` for comments: ``#`` followed by a space, or alone, so that
the symbol ``#`` can be an entry), so adding an abbreviation or a unit
is a one-line change that needs no code. Each file is read once per process.
"""
from __future__ import annotations

import functools
from pathlib import Path

FOLDER = Path(__file__).with_name("data")


def is_comment(line: str) -> bool:
    return line.strip() in ("", "#") or line.startswith("# ")


def _lines(name: str):
    for line in (FOLDER / name).read_text(encoding="utf-8").splitlines():
        if not is_comment(line):
            yield line.split("\t")


@functools.lru_cache(maxsize=None)
def rows(name: str) -> dict[str, list[str]]:
    """``key -> other columns`` of a ``.tsv`` file (a later line with the same key wins)."""
    return {cells[0]: [c.strip() for c in cells[1:]] for cells in _lines(name)}


@functools.lru_cache(maxsize=None)
def units() -> dict[str, list[str]]:
    """Unit symbol -> singular, plural, gender: CLDR's German units (``units_cldr.tsv``, derived by
    ``cldr_units``), then our own ``units.tsv``, which wins and adds what CLDR lacks. 'Micro' is
    written with the micro sign (µ) or the Greek mu (μ), the same to a reader: both are known."""
    table = {**rows("units_cldr.tsv"), **rows("units.tsv")}
    for symbol in [s for s in table if "µ" in s or "μ" in s]:
        table.setdefault(symbol.translate(_MICRO), table[symbol])
    return table


_MICRO = str.maketrans("µμ", "μµ")


@functools.lru_cache(maxsize=1)
def folded_units() -> dict[str, str]:
    """A unit symbol written in lower case ('2 kwh', '1 mv'), as careless text does -> the symbol,
    where only one unit folds to it and it is not a symbol or a German word of its own ('mw' could
    be mW or MW: left alone)."""
    table, seen = units(), {}
    for symbol in table:
        seen.setdefault(symbol.lower(), []).append(symbol)
    common = words("german_function_words.txt")
    return {low: found[0] for low, found in seen.items()
            if len(found) == 1 and low not in table and low.isalpha() and len(low) >= 2 and low not in common}


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The lines of a ``.txt`` word list."""
    return frozenset(cells[0].strip() for cells in _lines(name))
