"""The few words the outputs add to a book's own text, in the book's language.

A note read aloud is announced ("Anmerkung 2", "Note 2"), a print page number that is said is
introduced ("Seite 12"), and a note's way back has an accessible name: in a German book in German,
in an English one in English. The words are data (``data/labels.tsv``); a language without them
gets English.
"""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table() -> dict[tuple[str, str], str]:
    table = {}
    text = resources.files(__package__).joinpath("data/labels.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, language, words = line.split("\t")
            table[(key, language)] = words
    return table


def label(key: str, language: str) -> str:
    """The words for ``key`` in ``language`` (a BCP 47 tag: its base decides), else in English."""
    table = _table()
    return table.get((key, language.split("-")[0].lower())) or table[(key, "en")]
