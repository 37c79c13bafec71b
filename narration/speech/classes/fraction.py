"""Fractions: '3/4 der Mitglieder' -> 'drei Viertel der Mitglieder', '1/3' -> 'ein Drittel',
'½' -> 'einhalb', '1½' -> 'eineinhalb', '2¼' -> 'zweieinviertel'. 'a/b' with a ≥ b is
not a fraction ('24/7') and is left to the numbers."""
from .. import numbers

NAME = "fraction"
_GLYPHS = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅕": (1, 5), "⅛": (1, 8)}
PATTERN = (r"(?<![\w.,/])(?:(?P<whole>\d+)?(?P<glyph>[½¼¾⅓⅔⅕⅛])"
           r"|(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\d/]|,\d))")


def _parts(numerator: int, denominator: int) -> str:
    name = numbers.fraction_denominator(denominator)
    if denominator == 2:
        return "einhalb"
    return f"{'ein' if numerator == 1 else numbers.cardinal(numerator)} {name}"


def verbalise(match, ctx):
    if match["glyph"]:
        numerator, denominator = _GLYPHS[match["glyph"]]
        if match["whole"]:
            whole = numbers.cardinal(int(match["whole"]))
            whole = whole[:-1] if whole.endswith("eins") else whole
            return whole + _parts(numerator, denominator).replace(" ", "").lower()
        return _parts(numerator, denominator)
    numerator, denominator = int(match["a"]), int(match["b"])
    if not 0 < numerator < denominator:
        return None
    return _parts(numerator, denominator)
