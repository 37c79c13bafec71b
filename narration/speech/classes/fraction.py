"""Fractions: '3/4 der Mitglieder' -> 'drei Viertel der Mitglieder', '1/3' -> 'ein Drittel',
'½' -> 'einhalb', '1½', '1 ½' and '1 1/2' -> 'eineinhalb', '2¼' -> 'zweieinviertel', '-1/22' -> 'minus ein
Zweiundzwanzigstel', '4/2' -> 'vier Halbe', '7/4' -> 'sieben Viertel'. 'a/b' with a ≥ b is
not a fraction ('24/7') and is left to the numbers."""
import re

from .. import data, numbers
from ..patterns import FILE_NUMBER_BEFORE, alternatives

NAME = "fraction"
_GLYPHS = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅕": (1, 5), "⅛": (1, 8)}
PATTERN = (r"(?<![\w.,/])(?:(?:(?P<whole>\d+)\s?)?(?P<glyph>[½¼¾⅓⅔⅕⅛])"
           r"|(?P<sign>(?<![\w])[-−])?(?:(?P<mixed>\d{1,2})\s)?(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\d/]|,\d))"
           rf"(?:\s(?P<unit>{alternatives(data.units())})(?![\wÄÖÜäöü²³]))?")


def _parts(numerator: int, denominator: int) -> str:
    name = numbers.fraction_denominator(denominator)
    if denominator == 2:
        return "einhalb" if numerator == 1 else f"{numbers.cardinal(numerator)} Halbe"
    return f"{'ein' if numerator == 1 else numbers.cardinal(numerator)} {name}"


def verbalise(match, ctx):
    spoken = _amount(match)
    if spoken is not None and match["unit"]:  # '1 1/2 ft' -> 'eineinhalb Fuß'
        spoken += " " + data.units()[match["unit"]][1]
    return spoken


def _amount(match):
    if match["glyph"]:
        numerator, denominator = _GLYPHS[match["glyph"]]
        if match["whole"]:
            return _mixed(int(match["whole"]), numerator, denominator)
        return _parts(numerator, denominator)
    if re.search(FILE_NUMBER_BEFORE, match.string[:match.start("b") - 1]):
        return None  # '2 BvF 1/22': a file number, its slash is 'Strich'
    numerator, denominator = int(match["a"]), int(match["b"])
    improper = 0 < numerator <= 12 and 2 <= denominator <= 10 and not match["mixed"]  # '4/2', '7/4-Takt'
    if not (0 < numerator < denominator or improper):
        return None
    sign = "minus " if match["sign"] else ""
    if match["mixed"]:  # '1 1/2 Stunden': eineinhalb
        return sign + _mixed(int(match["mixed"]), numerator, denominator)
    return sign + _parts(numerator, denominator)


def _mixed(whole: int, numerator: int, denominator: int) -> str:
    """'1½', '1 1/2' -> 'eineinhalb'; '2¼' -> 'zweieinviertel'."""
    words = numbers.cardinal(whole)
    words = words[:-1] if words.endswith("eins") else words
    return words + _parts(numerator, denominator).replace(" ", "").lower()
