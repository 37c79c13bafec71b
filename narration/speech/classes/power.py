"""Powers: '10⁸' -> 'zehn hoch acht', '10⁻⁹ mol/l' -> 'zehn hoch minus neun Mol pro Liter', '2^10' ->
'zwei hoch zehn'. Science writes large and small numbers so; in '3 × 10⁸ m/s' the product is the
multiplication class's, which says its last factor with ``spoken``. A square or cube after a unit
('m²') is the unit's."""
from .. import numbers
from ..patterns import START
from .measure import PER, UNITS, per_unit, units

NAME = "power"
FIRST = r"\d"  # what a match begins with
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
EXPONENT = rf"(?:[⁻⁺]?[{SUPERSCRIPT}]+|\^[-−+]?\d+)"
PATTERN = (rf"{START}(?P<base>\d+(?:,\d+)?)(?P<exponent>{EXPONENT})"
           rf"(?:\s?(?P<unit>{UNITS}){PER})?"
           r"(?![\wÄÖÜäöü²³])")
_PLAIN = str.maketrans(SUPERSCRIPT + "⁻⁺−", "0123456789-+-")


def spoken(base: str, exponent: str) -> str:
    """'10', '⁻⁹' -> 'zehn hoch minus neun'."""
    power = exponent.lstrip("^").translate(_PLAIN)
    sign = "minus " if power.startswith("-") else ""
    value = numbers.decimal(*base.split(",")) if "," in base else numbers.cardinal(int(base))
    return f"{value} hoch {sign}{numbers.cardinal(int(power.lstrip('+-')))}"


def verbalise(match, ctx):
    said = spoken(match["base"], match["exponent"])
    if match["unit"]:
        said += " " + units()[match["unit"]][1] + per_unit(match, units())
    return said
