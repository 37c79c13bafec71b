"""Products and dimensions: '4x100-Meter-Staffel' -> 'vier mal hundert-Meter-Staffel', '2 × 3' ->
'zwei mal drei', '33.5 x 11.4 x 4.4 cm' -> '... mal ... mal vier Punkt vier Zentimeter' (a unit
after the last factor is named in the plural). 'x' only counts between two numbers."""
from .. import data, numbers
from ..patterns import alternatives

NAME = "multiplication"
_FACTOR = r"\d+(?:[.,]\d+)?"
_UNITS = alternatives(data.units())
PATTERN = (rf"(?<![\w.,])(?P<chain>{_FACTOR}(?:\s?[x×]\s?{_FACTOR})+)(?![\w.,]\d)"
           rf"(?:(?P<joined>-)?\s?(?P<unit>{_UNITS})(?![\wÄÖÜäöü²³]))?")


def _factor(text: str) -> str:
    if "," in text:
        whole, fraction = text.split(",")
        return numbers.decimal(whole, fraction)
    return " Punkt ".join(numbers.cardinal(int(part)) for part in text.split("."))  # '33.5': English style


def verbalise(match, ctx):
    import re

    factors = re.split(r"\s?[x×]\s?", match["chain"])
    spoken = " mal ".join(_factor(f) for f in factors)
    if match["unit"]:
        spoken += (match["joined"] or " ") + data.units()[match["unit"]][1]  # '4×400-m-Staffel': '…-Meter-Staffel'
    return spoken
