"""The semiotic classes, in the order they are tried at each position.

Each module declares ``NAME``, a regular expression ``PATTERN`` and
``verbalise(match, context) -> str | None`` (None: "not mine", and the next
class is asked), and may declare ``FIRST``, a character class every match begins
with: the registry checks it before the pattern, so a number's classes are not
tried at a word (half the normaliser's time otherwise went on such attempts). Earlier classes win where several could match: a date before
an ordinal, money before a plain number, a number's own classes before the
abbreviations and acronyms. Adding a class = one module + one line here.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Callable

ORDER = (
    "electronic", "identifier", "telephone", "filenumber", "verse", "postcode", "multiplication", "power", "date",
    "version", "time", "score", "money", "angle", "measure",
    "percent", "weekday", "numberlist", "range", "year", "fraction", "ordinal", "roman", "decimal", "alphanumeric", "cardinal", "abbreviation",
    "gender", "letters", "symbol",
)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass
class SemioticClass:
    name: str
    pattern: str
    verbalise: Callable
    first: str = ""  # a character class every match begins with, checked first
    regex: re.Pattern = field(init=False)
    combined: str = field(init=False)  # the pattern without group names, to join with the others

    def __post_init__(self):
        if self.first:
            self.pattern = f"(?={self.first})(?:{self.pattern})"
        self.regex = re.compile(self.pattern)
        self.combined = _NAMED_GROUP.sub("(?:", self.pattern)


def _load(name: str) -> SemioticClass:
    module = importlib.import_module(f"{__name__}.{name}")
    return SemioticClass(module.NAME, module.PATTERN, module.verbalise, getattr(module, "FIRST", ""))


CLASSES: list[SemioticClass] = [_load(name) for name in ORDER]
