"""Measures: '5 km' -> 'fünf Kilometer', '1 t' -> 'eine Tonne', '2.500 m³/h' -> 'zweitausendfünfhundert
Kubikmeter pro Stunde', '40 l/m²' -> 'vierzig Liter pro Quadratmeter', '5,8 l/100 km' -> 'fünf Komma acht
Liter pro hundert Kilometer', '−8 °C' -> 'minus acht Grad Celsius', '10–15 cm' -> 'zehn bis fünfzehn
Zentimeter', '1,80 m' -> 'ein Meter achtzig', '400-m-Lauf' -> 'vierhundert-Meter-Lauf' (and '14"-Display';
'28"' alone is inches unless it closes a quotation), '2 kwh' -> 'zwei Kilowattstunden' (a symbol written in
lower case, where that is no other unit). A unit letter is only a unit right after a number; a unit alone only
after 'pro', 'je' or (two letters or more) 'in': 'Fläche in km²', or after an article when it is a symbol no
word is written like (mixed case or a power: 'Eine kWh kostet' -> 'Eine Kilowattstunde kostet'), or such a
symbol opening a compound ('m²-Preis' -> 'Quadratmeter-Preis'), or after an abbreviation and a slash ('233
Einw./km²' -> 'Einwohner pro Quadratkilometer')."""
import functools
import re

from .. import data, grammar, numbers
from . import abbreviation
from .time import CLOCK_WORDS
from ..patterns import NUMBER, SIGN, START, alternatives, scales

NAME = "measure"
UNITS = alternatives({**data.units(), **dict.fromkeys(data.folded_units())})
# symbols no word is written like, a unit even without a number: 'kWh', 'GHz', 'm²' (not 'GB', 'km', 'in')
_SYMBOLS = alternatives({s: 0 for s in data.units() if "." not in s and len(s) >= 2 and (
    re.search(r"[²³]", s) or (re.search(r"[A-Z]", s) and re.search(r"[a-z]", s) and not re.fullmatch(r"[A-Z][a-z]+", s)))})
# symbols that open a compound ('km-Stand', 'm²-Preis'): also lower-case ones that are no German word.
# Each of these alternatives is tried at every word start, so a cheap look-ahead first asks for what
# the symbols share (a hyphen soon after, a capital after a small letter, a power)
_COMPOUND_SYMBOLS = alternatives({s: 0 for s in data.units() if "." not in s and len(s) >= 2 and not re.fullmatch(
    r"[A-Z]+|[A-Z][a-z]+", s) and s.lower() not in data.words("german_function_words.txt")})
_ARTICLE = r"\b(?:[Ee]in|[Ee]ine[mnrs]?|[Dd]e[mnrs]|[Dd]ie|[Dd]as|[Jj]ede[mnrs]?)\s"
# what a quantity is per, after its unit: '/m²', '/Monat', '/100 km' (said by ``per_unit``)
PER = rf"(?:/(?:(?P<per_n>\d+)\s?(?P<per_unit>{UNITS})|(?P<per>{UNITS}|[A-ZÄÖÜ][a-zäöü]+|[da](?![\w]|\.\s?\d))))?"  # '2 l/d': a day; 'kWh/a': a year
PATTERN = (rf"(?:(?<=\b[Pp]ro\s)|(?<=\b[Jj]e\s))(?P<bare>{UNITS})(?![\wÄÖÜäöü²³])"
           rf"|(?P<article>{_ARTICLE})(?=\S*?(?:[a-zµμ][A-Z]|[A-Z]{{2}}|[²³]))(?P<bare_article>{_SYMBOLS})(?![\wÄÖÜäöü²³/-])"
           rf"|/(?<=[^\W\d]\./)(?P<per_abbreviation>{UNITS})(?![\wÄÖÜäöü²³])"
           rf"|\b(?=[\w/²³°]{{1,8}}-[A-ZÄÖÜ])(?P<compound>{_COMPOUND_SYMBOLS})(?=-[A-ZÄÖÜ])"
           rf"|(?:(?<=\bin\s)|(?<=\bIn\s))(?=[^\s.,;:!?)]{{2}})(?P<bare_in>{UNITS})(?:/(?P<bare_per>{UNITS}))?(?![\wÄÖÜäöü²³])"
           rf"|{START}(?P<inch>{NUMBER})[\"″](?=-[A-ZÄÖÜ]|[\s,;.)]|$)"  # '14"-Display', 'Damenrad, 28"'
           rf"|{START}(?P<cn>{NUMBER})-(?P<cunit>{UNITS})(?=-[\wÄÖÜäöü])|{START}(?P<sign>{SIGN})?(?P<n>{NUMBER})(?:(?:\s?[–-]\s?|\s(?P<bis>bis)\s)(?P<n2>{NUMBER}))?"
           rf"(?:\s?(?P<scale>{scales()}))?\s?(?:(?P<unit>{UNITS})|/(?P<per_only>{UNITS})(?!\s?\d))"
           rf"{PER}(?![\wÄÖÜäöü²³])")


# '0,52 m' is no height said in metres and centimetres ('null Komma fünf zwei Meter'), '1,80 m' is one
_HEIGHT = re.compile(r"[1-9]\d?,\d\d")


def _heights(match) -> bool:
    return match["unit"] == "m" and bool(_HEIGHT.fullmatch(match["n"]) and _HEIGHT.fullmatch(match["n2"])) and not (
        match["per"] or match["per_n"] or match["scale"])


def _height(written: str, case: str) -> str:
    """A height or a distance in metres and centimetres: '1,80' -> 'ein Meter achtzig', '2,05' -> 'zwei Meter fünf'."""
    whole, cents = written.split(",")
    spoken = f"{numbers.ein(case, 'm') if whole == '1' else numbers.cardinal(int(whole))} Meter"
    return spoken + (f" {numbers.cardinal(int(cents))}" if int(cents) else "")


_NEXT_MEASURE = re.compile(rf"\s?\d+\s?(?:{UNITS})(?![\wÄÖÜäöü])")  # a duration goes on: '2 J. 6 Mon.'


@functools.lru_cache(maxsize=1)
def units() -> dict:
    return {**data.units(), **{low: data.units()[symbol] for low, symbol in data.folded_units().items()}}


def verbalise(match, ctx):
    table = units()
    if match["bare"]:  # 'pro m²': a unit after 'pro' needs no number
        return table[match["bare"]][0]
    if match["per_abbreviation"]:  # 'Einw./km²': so many per square kilometre
        return f" pro {table[match['per_abbreviation']][0]}"
    if match["bare_article"]:  # 'Eine kWh kostet': the article's noun
        return match["article"] + table[match["bare_article"]][0]
    if match["compound"]:  # 'm²-Preis': a compound's first part, with its linking 'n' ('Kilowattstunden-Preis')
        singular = table[match["compound"]][0]
        return singular + "n" if singular.endswith("e") else singular
    if match["bare_in"]:  # 'Fläche in km²', 'Angaben in Mio. Euro': what is counted, in the plural
        if abbreviation.expansion(match["bare_in"]) or abbreviation.names_a_number(match["bare_in"]):
            return None  # 'in St. Anton', 'in Gr. 38': an abbreviation of its own is a unit only after a number
        plural = table[match["bare_in"]][1]
        if re.fullmatch(r"\w+[^n]", plural) and "pd" in _pairs(ctx.nouns.analyses(plural + "n")):
            plural += "n"  # 'in Quadratkilometern': the dative plural
        return plural + (f" pro {table[match['bare_per']][0]}" if match["bare_per"] else "")
    if match["inch"]:  # '14"-Display': the inch mark opening a compound; 'Damenrad, 28"': inches
        if ctx.text[ctx.end:ctx.end + 1] == "-":
            return f"{numbers.amount(match['inch'])}-Zoll"
        return None if _closes_quote(ctx) or not _inches_here(ctx) else f"{numbers.amount(match['inch'])} Zoll"
    if match["cunit"]:  # '400-m-Lauf', '0,5-l-Flasche', '1-TB-SSD': the unit named inside a compound
        counted = numbers.amount(match["cn"], "ein")
        return f"{counted}-{table[match['cunit']][0 if counted == 'ein' else 1]}"
    currencies = data.rows("currencies.tsv")
    if match["bis"] and (match["unit"] in currencies or match["unit"] in data.rows("scales.tsv")
                         or ctx.next_word() in currencies):
        return None  # '100.000 bis 5 Mio. EUR': money's, the second amount its own
    sign = numbers.sign_words(match["sign"])
    if match["per_only"]:  # '56,3 /km²': so many per square kilometre; '14,2 Tsd./µl': thousand per microlitre
        scale = f" {data.rows('scales.tsv')[match['scale']][0]}" if match["scale"] else ""
        return f"{sign}{numbers.amount(match['n'])}{scale} pro {table[match['per_only']][0]}"
    if re.fullmatch(r"\d+[A-Z]", match.group(0)) and (ctx.text[ctx.end:ctx.end + 1] == "-" or match["unit"] == "K"):
        return None  # '4K-Auflösung', 'filmt in 8K': a name with a number; kelvins are written apart ('300 K')
    if abbreviation.names_a_number(match["unit"]) and ctx.number_follows() and not match["per"] \
            and not _NEXT_MEASURE.match(ctx.text, ctx.end):
        return None  # 'Abs. 2 S. 1': 'S.' names the 1 after it, it does not count the 2 ('2 J. 6 Mon.' counts)
    if match["unit"] == "h" and not match["scale"] and re.fullmatch(r"\d{1,2}", match["n"]) and int(match["n"]) <= 24 \
            and ctx.previous_word().lower() in CLOCK_WORDS:
        return f"{'ein' if match['n'] == '1' else numbers.cardinal(int(match['n']))} Uhr"  # 'um 14h': a clock time
    singular, plural, gender = table[match["unit"]]
    if match["scale"]:  # '90 Mio. g', '2 Millionen km/h'
        one, many = data.rows("scales.tsv")[match["scale"]]
        if one == "Tausend":
            counted = numbers.amount(match["n"], "ein")
            spoken = f"{counted}tausend {plural}"
        else:
            counted = numbers.amount(match["n"], "eine")
            spoken = f"{counted} {one if counted == 'eine' else many} {plural}"
    elif match["n2"] and match["unit"] == "h" and _opening_hours(ctx):  # 'Sa 10-14h': zehn bis vierzehn Uhr
        spoken = f"{numbers.amount(match['n'], 'ein')} bis {numbers.amount(match['n2'], 'ein')} Uhr"
    elif match["n2"] and _heights(match):  # '1,70–1,75 m': ein Meter siebzig bis ein Meter fünfundsiebzig
        link = "bis" if match["bis"] else grammar.range_link(ctx.before())
        spoken = f"{_height(match['n'], ctx.agreement().case)} {link} {_height(match['n2'], ctx.agreement().case)}"
    elif match["n2"]:
        link = "bis" if match["bis"] else grammar.range_link(ctx.before())
        spoken = f"{numbers.amount(match['n'])} {link} {numbers.amount(match['n2'])} {plural}"
    elif match["unit"] == "m" and _HEIGHT.fullmatch(match["n"]) and not (match["per"] or match["per_n"]):
        spoken = _height(match["n"], ctx.agreement().case)
    else:
        one = numbers.ein(ctx.agreement().case, gender) if numbers.is_one(match["n"]) else "eins"
        counted = numbers.amount(match["n"], one)
        head, space, rest = plural.partition(" ")  # 'Schläge pro Minute': the head noun declines
        if counted != one and re.fullmatch(r"\w+e", head) and "pd" in _pairs(ctx.nouns.exact(head + "n")) \
                and ctx.agreement().case == "dat":
            plural = head + "n" + space + rest  # 'ab 6 J.', 'bei 62 bpm': ab sechs Jahren, bei … Schlägen
        spoken = f"{counted} {singular if counted == one else plural}"
    return sign + spoken + per_unit(match, table)


@functools.lru_cache(maxsize=1)
def _opening() -> re.Pattern:
    """The words that announce opening hours (data/opening_cues.txt), or a weekday right before."""
    return re.compile(rf"\b(?:{alternatives(data.words('opening_cues.txt'))})"
                      rf"|\b(?:{alternatives(data.rows('weekdays.tsv'))})\.?:?\s$")


def _opening_hours(ctx) -> bool:
    """A range of hours written with 'h' is a span of the clock in opening hours ('Öffnungszeiten: 9-17h',
    'Sa 10-14h', 'von 9-17h'), else hours counted ('Schlaf: 6-8h')."""
    return ctx.previous_word().lower() in CLOCK_WORDS | {"von"} or bool(_opening().search(ctx.text, 0, ctx.start))


def _inches_here(ctx) -> bool:
    """A lone '28"' is inches only after words, in a text without degrees or minutes of arc: an old
    book's tables ('10"', '4’ 22"', 'Geschw. in 1"') write seconds with it."""
    before = ctx.text[:ctx.start]
    return (bool(re.search(r"[^\W\d]{2}", before)) and not re.search(r"\d\s?[°’′]", ctx.text)
            and ctx.previous_word() != "in")


def _closes_quote(ctx) -> bool:
    """Whether a straight double quote after a number closes a quotation ('sein Album "1989"') rather than
    marking inches: a quotation is open before it."""
    before = ctx.text[:ctx.start]
    return before.count('"') % 2 == 1 or before.count("„") > before.count("“")


def _pairs(analyses: str) -> set[str]:
    return {analyses[i:i + 2] for i in range(0, len(analyses), 2)}


def is_counted(word: str) -> bool:
    """Whether a word ending in a full stop is a unit a number counts ('Sek.', 'Min.', 'Mitgl.')."""
    return word in units()


# symbols only after a slash ('2 l/d', '9.500 kWh/a'; '1756 d. 29. Aug.' is an old book's 'den', 'a' a word)
_PER_WORDS = {"d": "Tag", "a": "Jahr"}
_TIMES = frozenset(("s", "Sek.", "min", "Min.", "h", "Std.", "Tag", "Tage", "d"))  # a rate per so many of them


def per_unit(match, table) -> str:
    """'/m²' -> ' pro Quadratmeter', '/Monat' -> ' pro Monat', '/100 km' -> ' pro hundert Kilometer'; a
    noun that names a number after it is a second item ('10 Sek./Stufe 5': zehn Sekunden, Stufe fünf);
    the same unit after the slash, or a number that is no power of ten, is a second value ('18°/9°': a day's
    high and the night's low; '230 V/50 Hz')."""
    if match["per_n"]:
        count = int(match["per_n"])
        unit = match.groupdict().get("unit")
        if unit == match["per_unit"] or (unit in table and unit not in _TIMES and match["per_unit"] not in _TIMES
                                         and not re.fullmatch(r"10*", match["per_n"])):
            # '18°/9°': a high and a low; '230 V/50 Hz': two ratings; a rate of measures is per 1, 10, 100 …
            # ('l/100 km'); money or a time is a rate per any count ('15 €/45 Min.')
            return f", {numbers.cardinal(count)} {table[match['per_unit']][1]}"
        return f" pro {'hundert' if count == 100 else numbers.cardinal(count)} {table[match['per_unit']][1]}"
    per = match["per"]
    if per and per not in table and re.match(r"\s\d", match.string[match.end():match.end() + 2]):
        return f", {per}"  # '10 Sek./Stufe 5' (a recipe's step): ten seconds, speed five
    return " pro " + (table[per][0] if per in table else _PER_WORDS.get(per, per)) if per else ""
