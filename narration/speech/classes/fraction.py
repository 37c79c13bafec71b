"""Fractions: '3/4 der Mitglieder' -> 'drei Viertel der Mitglieder', '1/3' -> 'ein Drittel', '½' -> 'einhalb',
but before what it halves an adjective ('½ TL Salz' -> 'ein halber Teelöffel Salz', 'in ½ Stunde' -> 'in einer
halben Stunde', 'mit 1/2 Zitrone' -> 'mit einer halben Zitrone', 'eine ½ Stunde' -> 'eine halbe Stunde'),
'1½', '1 ½' and '1 1/2' -> 'eineinhalb', '2¼' -> 'zweieinviertel', '-1/22' -> 'minus ein Zweiundzwanzigstel',
'4/2' -> 'vier Halbe', '7/4' -> 'sieben Viertel', a blood pressure '140/90 mmHg' -> 'hundertvierzig zu neunzig
Millimeter Quecksilbersäule', a clock's 'um ½ 8' -> 'um halb acht', a rate '12/100.000' -> 'zwölf pro
einhunderttausend' (but '1/1.000' -> 'ein Tausendstel'), a position 'Seite 2/5' -> 'Seite zwei von fünf', a
score '9/10 Punkten' -> 'neun von zehn Punkten' and a mark 'Fazit: 8/10.' -> 'acht von zehn'. 'a/b' with a ≥ b
is not a fraction ('24/7') and is left to the numbers."""
import re
import unicodedata
from fractions import Fraction

from .. import data, grammar, numbers
from ..patterns import FILE_NUMBER_BEFORE, alternatives
from .time import CLOCK_WORDS

NAME = "fraction"
# every vulgar fraction Unicode has, with its value from the Unicode database: '⅘' -> 4/5
GLYPHS = {ch: Fraction(unicodedata.numeric(ch)).limit_denominator(10).as_integer_ratio()
           for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"}
FIRST = rf"[\d\-−{''.join(GLYPHS)}]"  # what a match begins with
PATTERN = (rf"(?<![\w.,/])(?:(?:(?P<whole>\d+)\s?)?(?P<glyph>[{''.join(GLYPHS)}])"
           r"|(?P<sign>(?<![\w])[-−])?(?:(?P<mixed>\d{1,2})\s)?(?P<a>\d{1,3})/(?P<b>\d{1,3}(?:\.\d{3})*)(?![\d/]|[.,]\d))"
           rf"(?:\s(?P<unit>{alternatives(data.units())})(?![\wÄÖÜäöü²³]))?")


def parts(numerator: int, denominator: int) -> str:
    name = numbers.fraction_denominator(denominator)
    if denominator == 2:
        return "einhalb" if numerator == 1 else f"{numbers.cardinal(numerator)} Halbe"
    return f"{'ein' if numerator == 1 else numbers.cardinal(numerator)} {name}"


_CLOCK_PARTS = {"½": "halb", "¼": "viertel", "¾": "dreiviertel"}
_HOUR_NEXT = re.compile(r"\s?(?:[1-9]|1[0-2])(?![\d,:]|\.\d)")


def verbalise(match, ctx):
    if match["glyph"] in _CLOCK_PARTS and not match["whole"] and not match["unit"] and _HOUR_NEXT.match(
            ctx.text, ctx.end) and ctx.previous_word().lower() in CLOCK_WORDS:
        return _CLOCK_PARTS[match["glyph"]]  # 'um ½ 8': um halb acht
    if (match["glyph"] == "½" and not match["whole"]) or (
            (match["a"], match["b"]) == ("1", "2") and not (match["mixed"] or match["sign"] or match["unit"])):
        # a unit's symbol after '1/2' keeps the figure's 'einhalb' ('1/2 l': einhalb Liter)
        half = _half(match, ctx)
        if half:
            return half
    if match["a"] and not match["mixed"] and len(match["a"]) > 1 and len(match["b"]) == 2 \
            and match["b"] not in ("16", "32", "64") and int(match["a"]) < int(match["b"]):
        return None  # 'Größe 38/40', 'Saison 23/24': two numbers, no share ('15/16 Zoll' is one)
    if match["b"] and "." in match["b"] and match["a"] == "1" and re.fullmatch(r"10*\.000", match["b"]):
        return f"ein {numbers.fraction_denominator(numbers.parse_int(match['b']))}"  # '≥ 1/1.000': ein Tausendstel
    if match["b"] and "." in match["b"]:  # '12/100.000': a rate, twelve per hundred thousand
        return f"{numbers.cardinal(int(match['a']))} pro {numbers.cardinal(numbers.parse_int(match['b']))}"
    if _is_pressure(match, ctx):  # '140/90 mmHg', 'Blutdruck 120/80': systolic to diastolic
        spoken = f"{numbers.cardinal(int(match['a']))} zu {numbers.cardinal(int(match['b']))}"
        return spoken + (" " + data.units()[match["unit"]][1] if match["unit"] else "")
    of = ctx.previous_word() in data.words("position_words.txt") or ctx.next_word().rstrip(".,;:!?") in data.words(
        "score_nouns.txt") or _is_rating(match, ctx)
    if match["a"] and not match["mixed"] and not match["unit"] and of and int(match["a"]) <= numbers.parse_int(match["b"]):
        return f"{numbers.cardinal(int(match['a']))} von {numbers.cardinal(numbers.parse_int(match['b']))}"  # 'Seite 2/5'
    if match["a"] and ctx.previous_word() in data.words("label_words.txt"):
        return None  # 'Heft 12/23', 'Nr. 3/4': an issue's or an item's number, not a fraction
    spoken = _amount(match)
    if spoken and spoken.startswith("ein "):  # 'zu 1/3': zu einem Drittel
        spoken = {"dat": "einem ", "gen": "eines "}.get(_case_asked(ctx.before()), "ein ") + spoken[4:]
    elif spoken and spoken.endswith("tel") and match["a"] and not (match["unit"] or match["mixed"]) and _stands_alone(ctx) \
            and _case_asked(ctx.before()) == "dat":
        spoken += "n"  # 'zu 2/3', 'mit 3/4 der Stimmen': a dative plural
    if spoken is not None and match["unit"]:  # '1 1/2 ft' -> 'eineinhalb Fuß'
        spoken += " " + data.units()[match["unit"]][1]
    return spoken


def _stands_alone(ctx) -> bool:
    """Whether a fraction is a noun of its own: after 'zu' ('zu 2/3') or before what it is a share of
    ('3/4 der Stimmen'); not before the noun it measures ('in 8⅓ Minuten'), in a compound ('2/3-Mehrheit')
    or as a mark ('mit 7/10 angegeben')."""
    if ctx.text[ctx.end:ctx.end + 1] == "-":
        return False
    return ctx.previous_word() == "zu" or bool(grammar.analyses(ctx.next_word().lower()))


def _is_rating(match, ctx) -> bool:
    """A mark out of five or ten, given on its own after a colon or an exclamation: 'Fazit: 8/10.',
    'Bewertung: 4/5', 'Gerne wieder! 5/5' (but '3/10 der Befragten' counts a share)."""
    if match["b"] == "10" and ctx.previous_word() in data.words("rating_scales.txt"):
        return True  # 'NRS 6/10': a mark on a pain scale
    if match["a"] == match["b"] and match["b"] in ("5", "10") and not match["mixed"]:
        return True  # 'Preis-Leistung 10/10!': nobody writes ten tenths
    return bool(match["b"] in ("5", "10") and re.search(r"[:!]\s*$", ctx.text[:ctx.start])
                and re.match(r"\s*(?:[.,;!?)]|$)", ctx.text[ctx.end:]))


def _amount(match):
    if match["glyph"]:
        numerator, denominator = GLYPHS[match["glyph"]]
        if match["whole"]:
            return mixed(int(match["whole"]), numerator, denominator)
        return parts(numerator, denominator)
    if re.search(FILE_NUMBER_BEFORE, match.string[:match.start("b") - 1]):
        return None  # '2 BvF 1/22': a file number, its slash is 'Strich'
    numerator, denominator = int(match["a"]), int(match["b"])
    improper = 0 < numerator <= 12 and 2 <= denominator <= 10 and not match["mixed"]  # '4/2', '7/4-Takt'
    if not (0 < numerator < denominator or improper):
        return None
    sign = "minus " if match["sign"] else ""
    if match["mixed"]:  # '1 1/2 Stunden': eineinhalb
        return sign + mixed(int(match["mixed"]), numerator, denominator)
    return sign + parts(numerator, denominator)


def _is_pressure(match, ctx) -> bool:
    """A blood pressure: two numbers with a slash, the first the larger, in mmHg or after 'Blutdruck' or 'RR'
    (Riva-Rocci, the doctors' abbreviation)."""
    if not match["a"] or match["mixed"] or match["sign"] or int(match["a"]) <= int(match["b"]):
        return False
    return match["unit"] == "mmHg" or any(word.startswith("Blutdruck") or word == "RR" for word in ctx.before()[-4:])


def _half(match, ctx) -> str | None:
    """'ein halber Teelöffel', 'in einer halben Stunde': 'halb' agrees with the unit or noun after it
    (mixed declension after 'ein'). The case is the one the start, a preposition or a verb of our
    tables asks for; where it is unknown a feminine or neuter says the same in both likely cases
    ('wartete eine halbe Stunde'), a masculine keeps 'einhalb', which has no case to get wrong."""
    case = _case_asked(ctx.before())
    if match["unit"]:
        singular, _, gender = data.units()[match["unit"]][:3]
        said = " " + singular
    else:
        found = ctx.agreement()
        if not found.noun or found.plural or not ctx.nouns.analyses(found.noun.rstrip(".")):
            return None
        gender, said = found.gender, ""
    if gender not in ("m", "f", "n"):
        return None
    article = ctx.previous_word().lower()
    if article in _AFTER_ARTICLE:  # 'eine ½ Stunde', 'nach einer 1/2 Stunde': the article is written
        ending = _AFTER_ARTICLE[article] or ("er" if gender == "m" else "es")
        return f"halb{ending}{said}"
    if case is None and gender == "m":
        return None
    case = case or "acc"  # 'eine halbe', 'ein halbes': nominative and accusative alike
    ending = grammar.adjective_ending(grammar.Agreement(case, gender, False, "mixed"))
    return f"{numbers.ein(case, gender)} halb{ending}{said}"


_AFTER_ARTICLE = {"ein": "", "eine": "e", "einer": "en", "einem": "en", "einen": "en", "eines": "en"}


def _case_asked(before: list[str]) -> str | None:
    """The case the words before ask for: nominative with none, else the first case of the
    preposition or verb right before ('in': dative, 'kostet': accusative); None if unknown."""
    if not before:
        return "nom"
    cases = grammar.cases_asked(before[-1].lower())
    return cases[0] if cases else None


def mixed(whole: int, numerator: int, denominator: int) -> str:
    """'1½', '1 1/2' -> 'eineinhalb'; '2¼' -> 'zweieinviertel', '2¾' -> 'zweidreiviertel'; other parts
    are said after 'und': '6⅝' -> 'sechs und fünf Achtel'."""
    words = numbers.cardinal(whole)
    if numerator != 1 and (numerator, denominator) != (3, 4):
        return f"{words} und {parts(numerator, denominator)}"
    words = words[:-1] if words.endswith("eins") else words
    return words + parts(numerator, denominator).replace(" ", "").lower()
