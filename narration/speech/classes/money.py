"""Money: '5,50 €' -> 'fünf Euro fünfzig', '0,40 €' -> 'vierzig Cent', '€ 20' -> 'zwanzig Euro', '2,5
Mrd. Dollar' -> 'zwei Komma fünf Milliarden Dollar', '€ 25,-' -> 'fünfundzwanzig Euro', 'CHF 20.50',
'Fr. 20.50' -> 'zwanzig Franken fünfzig' (Swiss), '1 €' -> 'ein Euro' ('mit 1 €' -> 'mit einem
Euro'), '12,50 €/m²' -> 'zwölf Euro fünfzig pro Quadratmeter'. A range whose first amount has cents is
money at both ends: '9,80 bis 12,40 €' -> 'neun Euro achtzig bis zwölf Euro vierzig' (not 'neun Komma acht
null'); '10–20 €' stays 'zehn bis zwanzig Euro'."""
import re

from .. import data, grammar, numbers
from ..patterns import NUMBER, START, alternatives, scales
from .measure import PER, per_unit, units as measure_units

NAME = "money"
_UNITS = alternatives(data.rows("currencies.tsv"))
_BEFORE = alternatives(k for k in data.rows("currencies.tsv") if not k[0].isalpha() or k.isupper())
_AMOUNT = rf"(?P<sign>[-−+])?(?P<n>{NUMBER})(?P<dash>,(?:--|[-–—]))?"
_FROM = r"(?:(?P<from>\d+,\d\d)(?P<link>\s?[–—-]\s?|\s(?:bis|und)\s)(?=[-−+]?\d))?"  # '9,80 bis 12,40 €'
PATTERN = (rf"{START}(?:{_FROM}{_AMOUNT}(?:\s?(?P<scale>{scales()}))?\s?(?P<unit>{_UNITS})"
           rf"|(?P<unit2>{_BEFORE}|Fr\.(?=\s?\d+(?:['’]\d{{3}})*\.(?:\d\d(?!\d)|[–-])))\s?(?P<sign2>[-−])?(?P<n2>\d+\.\d\d(?!\d)|{NUMBER})(?P<dash2>[.,](?:--|[-–—])(?![\d]))?"
           rf"(?:\s?(?P<scale2>{scales()}))?)"
           rf"{PER}(?![\wÄÖÜäöü²³])")


def verbalise(match, ctx):
    spoken = _amount(match, ctx)
    if spoken and match["from"]:
        link = match["link"].strip()
        link = link if link.isalpha() else grammar.range_link(ctx.before())
        whole, cents = match["from"].split(",")
        start = _sum(whole, int(cents), data.rows("currencies.tsv")[match["unit"]], ctx.agreement().case)
        spoken = f"{start} {link} {spoken}"
    return spoken + per_unit(match, measure_units()) if spoken else spoken


def _amount(match, ctx):
    unit = match["unit"] or match["unit2"]
    number, scale = match["n"] or match["n2"], match["scale"] or match["scale2"]
    if re.fullmatch(r"\d+\.\d\d", number):  # 'CHF 20.50': Swiss German writes the cents after a dot
        number = number.replace(".", ",")
    sign = "minus " if (match["sign"] or match["sign2"] or "") in "-−" and (match["sign"] or match["sign2"]) else ""
    name, hundredth, gender = data.rows("currencies.tsv")[unit]
    if scale:
        singular, plural = data.rows("scales.tsv")[scale]
        one = "ein" if singular == "Tausend" else "eine"
        counted = numbers.amount(number, one)
        if singular == "Tausend":
            return f"{sign}{'ein' if counted == one else counted}tausend {name}"
        return f"{sign}{counted} {singular if counted == one else plural} {name}"
    whole, _, cents = number.partition(",")
    if len(cents) > 2:  # '2,200 €' is 2,20 €; '2,2010 $' is 2,201 $: zeros at the end say nothing
        cents = cents[:2] + cents[2:].rstrip("0")
    case = ctx.agreement().case if numbers.is_one(whole) else "nom"
    if len(cents) > 2:
        return f"{sign}{numbers.decimal(whole, cents)} {name}"
    return sign + _sum(whole, int(cents.ljust(2, "0")) if cents else 0, (name, hundredth, gender), case)


def _sum(whole: str, cents: int, currency, case: str) -> str:
    """A sum as prices are said: 'zwei Euro zwanzig', 'vierzig Cent' (no whole units), 'einen Euro' (the
    case the words before ask for)."""
    name, hundredth, gender = currency
    if numbers.parse_int(whole) == 0 and cents:
        return f"{numbers.amount(str(cents), 'ein')} {hundredth}"
    spoken = f"{numbers.amount(whole, numbers.ein(case, gender))} {name}"
    return spoken + (f" {numbers.cardinal(cents)}" if cents else "")
