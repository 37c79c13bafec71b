"""Products and dimensions: '4x100-Meter-Staffel' -> 'vier mal hundert-Meter-Staffel', '2 × 3' -> 'zwei mal
drei', '33.5 x 11.4 x 4.4 cm' -> '... mal ... mal vier Punkt vier Zentimeter' (a unit after the last factor is
named in the plural; but three digits after a dot are thousands: '2.412 x 1.080'), '3 × 10⁸ m/s' and '3·10⁸
m/s' -> 'drei mal zehn hoch acht Meter pro Sekunde'. Labelled dimensions: 'B 120 x H 85 x T 45 cm' -> 'Breite
einhundertzwanzig mal Höhe fünfundachtzig mal Tiefe fünfundvierzig Zentimeter'. 'x' only counts between two
numbers, and '0x80070005' is a hexadecimal number (alphanumeric's)."""
import re

from .. import numbers
from . import power
from .measure import PER, UNITS, per_unit, units

NAME = "multiplication"
FIRST = r"[\dBHTL]"  # what a match begins with (a dimension's letter: 'B 120 x H 85 cm')
_DIMENSIONS = {"B": "Breite", "H": "Höhe", "T": "Tiefe", "L": "Länge"}
_FACTOR = rf"(?:\d{{1,3}}(?:\.\d{{3}})+(?![\d.])|\d+(?:[.,]\d+)?){power.EXPONENT}?"  # '2.412 x 1.080': thousands
_LABELLED = r"[BHTL]\s\d+(?:,\d+)?"  # 'B 120 x H 85 x T 45 cm': a piece of furniture's width, height, depth
PATTERN = (rf"(?<![\w.,])(?!0x[\dA-Fa-f])(?P<chain>{_FACTOR}(?:\s?[x×·⋅⨉]\s?{_FACTOR})+"
           rf"|{_LABELLED}(?:\s[x×]\s{_LABELLED})+|(?P<names>[BHTL](?:\s[x×]\s[BHTL])+(?![\w])))(?![\w.,]\d)"
           rf"(?:(?P<joined>-)?\s?(?P<unit>{UNITS}){PER}"
           r"(?![\wÄÖÜäöü²³]))?")


def _factor(text: str) -> str:
    if text[:1] in _DIMENSIONS:  # 'B 120': Breite einhundertzwanzig
        return f"{_DIMENSIONS[text[0]]} {_factor(text[1:].strip())}"
    exponent = re.search(power.EXPONENT + "$", text)
    if exponent:  # '3 × 10⁸'
        return power.spoken(text[:exponent.start()], exponent.group(0))
    if "," in text:
        whole, fraction = text.split(",")
        return numbers.decimal(whole, fraction)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # '2.412 x 1.080 Pixel': a German number's thousands
        return numbers.cardinal(numbers.parse_int(text))
    return " Punkt ".join(numbers.cardinal(int(part)) for part in text.split("."))  # '33.5': English style


def verbalise(match, ctx):
    if match["names"]:  # 'Maße (B x H x T)': Breite mal Höhe mal Tiefe
        return " mal ".join(_DIMENSIONS[letter] for letter in re.findall(r"[BHTL]", match["names"]))
    factors = re.split(r"\s?[x×·⋅⨉]\s?", match["chain"])
    spoken = " mal ".join(_factor(f) for f in factors)
    if match["unit"] and factors[-1] == "1" and not match["joined"]:  # '2 x 1 g': zwei mal ein Gramm
        spoken = spoken[:-len("eins")] + numbers.ein("nom", units()[match["unit"]][2])
    if match["unit"]:  # '4×400-m-Staffel': '…-Meter-Staffel'
        spoken += (match["joined"] or " ") + units()[match["unit"]][1] + per_unit(match, units())
    return spoken
