"""Speech text for a passage in another language: its numbers in that language, the rest as written.

Our normaliser's rules are German (cases, genders, "Komma"), so a passage marked English or French
is left to its voice, which reads words in its own language well; only numbers are written out,
by num2words in the passage's language ("1984" in an English title is "nineteen eighty-four"), since
a voice's own reading of digits is its weakest point. A language num2words does not know keeps its
digits for the voice.
"""
from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_YEAR_LIKE = re.compile(r"1[1-9]\d\d|20\d\d")


def verbalise_numbers(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, spoken) of each number in ``text`` that num2words can say in ``language``."""
    from num2words import num2words

    found = []
    for match in _NUMBER.finditer(text):
        number = match.group(0)
        try:
            if _YEAR_LIKE.fullmatch(number):
                spoken = num2words(int(number), lang=language, to="year")
            elif "," in number or "." in number:
                spoken = num2words(float(number.replace(",", ".")), lang=language)
            else:
                spoken = num2words(int(number), lang=language)
        except (NotImplementedError, KeyError, ValueError, OverflowError):
            continue
        found.append((match.start(), match.end(), spoken))
    return found
