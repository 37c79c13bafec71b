"""Measures: '5 km' -> 'fünf Kilometer', '1 t' -> 'eine Tonne', '2.500 m³/h' ->
'zweitausendfünfhundert Kubikmeter pro Stunde', '40 l/m²' -> 'vierzig Liter pro
Quadratmeter', '−8 °C' -> 'minus acht Grad Celsius', '10–15 cm' -> 'zehn bis
fünfzehn Zentimeter', '1,80 m' -> 'ein Meter achtzig', '2 kwh' -> 'zwei Kilowattstunden' (a symbol
written in lower case, where that is no other unit). A unit letter is only a unit right after a number."""
import functools
import re

from .. import data, numbers
from ..patterns import NUMBER, SIGN, START, alternatives, scales

NAME = "measure"
_UNITS = alternatives({**data.units(), **dict.fromkeys(data.folded_units())})
PATTERN = (rf"(?<=\bpro\s)(?P<bare>{_UNITS})(?![\wÄÖÜäöü²³])|{START}(?P<sign>{SIGN})?(?P<n>{NUMBER})(?:\s?[–-]\s?(?P<n2>{NUMBER}))?"
           rf"(?:\s?(?P<scale>{scales()}))?\s?(?:(?P<unit>{_UNITS})|/(?P<per_only>{_UNITS}))"
           rf"(?:/(?P<per>{_UNITS}|[A-ZÄÖÜ][a-zäöü]+))?(?![\wÄÖÜäöü²³])")


@functools.lru_cache(maxsize=1)
def _units() -> dict:
    return {**data.units(), **{low: data.units()[symbol] for low, symbol in data.folded_units().items()}}


def verbalise(match, ctx):
    units = _units()
    if match["bare"]:  # 'pro m²': a unit after 'pro' needs no number
        return units[match["bare"]][0]
    sign = numbers.sign_words(match["sign"])
    if match["per_only"]:  # '56,3 /km²': so many per square kilometre
        return f"{sign}{numbers.amount(match['n'])} pro {units[match['per_only']][0]}"
    singular, plural, gender = units[match["unit"]]
    if match["scale"]:  # '90 Mio. g', '2 Millionen km/h'
        one, many = data.rows("scales.tsv")[match["scale"]]
        if one == "Tausend":
            counted = numbers.amount(match["n"], "ein")
            spoken = f"{counted}tausend {plural}"
        else:
            counted = numbers.amount(match["n"], "eine")
            spoken = f"{counted} {one if counted == 'eine' else many} {plural}"
    elif match["n2"]:
        spoken = f"{numbers.amount(match['n'])} bis {numbers.amount(match['n2'])} {plural}"
    elif match["unit"] == "m" and re.fullmatch(r"\d{1,2},\d\d", match["n"]) and not match["per"]:
        whole, cents = match["n"].split(",")  # a height or a distance: '1,80 m' = 'ein Meter achtzig'
        spoken = f"{'ein' if whole == '1' else numbers.cardinal(int(whole))} Meter"
        if int(cents):
            spoken += f" {numbers.cardinal(int(cents))}"
    else:
        one = numbers.ein(ctx.agreement().case, gender) if numbers.is_one(match["n"]) else "eins"
        counted = numbers.amount(match["n"], one)
        if match["unit"] == "J." and counted != one and ctx.agreement().case == "dat":
            plural += "n"  # 'ab 6 J.': ab sechs Jahren
        spoken = f"{counted} {singular if counted == one else plural}"
    per = match["per"]
    if per:
        spoken += " pro " + (units[per][0] if per in units else per)
    return sign + spoken
