"""German number words: cardinals, ordinals with their endings, years, digits.

num2words knows the words; what it cannot know is the context, so every
function here takes what the grammar decided (an ending, a gender) as input.
"""
from __future__ import annotations

import functools

from num2words import num2words

DIGITS = ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")


@functools.lru_cache(maxsize=4096)
def cardinal(value: int) -> str:
    """12 -> 'zwölf'; 1 -> 'eins' (counted, with no noun after it)."""
    if value < 0:
        return "minus " + cardinal(-value)
    return num2words(value, lang="de")


def parse_int(text: str) -> int:
    """'25 000', '1.000.000', '1 000' -> int (group separators dropped)."""
    return int("".join(ch for ch in text if ch.isdigit()))


@functools.lru_cache(maxsize=4096)
def ordinal_stem(value: int) -> str:
    """3 -> 'dritt', 21 -> 'einundzwanzigst': the ending is added by agreement. 100 -> 'einhundertst'
    and 1000 -> 'eintausendst', as our cardinals say 'einhundert' and num2words itself says
    'einhunderterste' for 101 (it alone drops the 'ein' of 100 and 1000)."""
    stem = num2words(value, lang="de", to="ordinal")[:-1]
    return "ein" + stem if stem.startswith(("hundert", "tausend")) else stem


def ordinal(value: int, ending: str) -> str:
    """ordinal(3, 'en') -> 'dritten'."""
    return ordinal_stem(value) + ending


@functools.lru_cache(maxsize=1024)
def year(value: int) -> str:
    """1990 -> 'neunzehnhundertneunzig', 2021 -> 'zweitausendeinundzwanzig'."""
    if 1100 <= value <= 1999:
        return num2words(value, lang="de", to="year")
    return cardinal(value)


def digits(text: str) -> str:
    """'030' -> 'null drei null' (telephone numbers, codes)."""
    return " ".join(DIGITS[int(ch)] for ch in text if ch.isdigit())


def decimal(whole: str, fraction: str = "") -> str:
    """'2', '5' -> 'zwei Komma fünf'; the fraction is read digit by digit, as Germans say it."""
    words = cardinal(parse_int(whole)) if whole.strip() else "null"
    if fraction:
        words += " Komma " + digits(fraction)
    return words


# The indefinite article's forms, which a "1" before a noun takes ("mit 1 Stimme" = "mit einer Stimme").
_EIN = {("nom", "m"): "ein", ("nom", "n"): "ein", ("nom", "f"): "eine",
        ("acc", "m"): "einen", ("acc", "n"): "ein", ("acc", "f"): "eine",
        ("dat", "m"): "einem", ("dat", "n"): "einem", ("dat", "f"): "einer",
        ("gen", "m"): "eines", ("gen", "n"): "eines", ("gen", "f"): "einer"}


def ein(case: str, gender: str) -> str:
    return _EIN.get((case, gender), "ein")


def einer(case: str, gender: str) -> str:
    """'one' standing for a noun, as in 'einer von zehn': the pronoun's endings where the article has none."""
    return {("nom", "m"): "einer", ("nom", "n"): "eines", ("acc", "n"): "eines"}.get((case, gender), ein(case, gender))


_DENOMINATORS = {2: "halb", 3: "Drittel", 4: "Viertel"}


def fraction_denominator(value: int) -> str:
    """4 -> 'Viertel', 5 -> 'Fünftel', 20 -> 'Zwanzigstel', 100 -> 'Hundertstel', 1000 -> 'Tausendstel'."""
    if value in _DENOMINATORS:
        return _DENOMINATORS[value]
    stem = ordinal_stem(value)
    if stem.startswith("einhundert") or stem == "eintausendst":  # 'ein Hundertstel', 'ein Tausendstel'
        stem = stem[len("ein"):]
    return (stem + "el").capitalize()


SIGNS = {"-": "minus ", "−": "minus ", "–": "minus ", "+": "plus ", "±": "plus minus "}


def sign_words(sign: str | None) -> str:
    """'−' -> 'minus ', '±' -> 'plus minus ', none -> ''."""
    return SIGNS.get(sign or "", "")


def amount(text: str, one: str = "eins") -> str:
    """A number as written ('1.000', '2,5', '25 000', '−3') in words; ``one`` is what a
    lone 1 becomes before its noun ('ein', 'eine', 'einem' ...)."""
    sign = sign_words(text[:1])
    if sign:
        text = text[1:]
    whole, _, fraction = text.partition(",")
    if fraction:
        return sign + decimal(whole, fraction)
    value = parse_int(whole)
    return sign + (one if value == 1 else cardinal(value))


def is_one(text: str) -> bool:
    """'1' (not '1,0', not '−1'): the number that agrees with its noun."""
    return text.strip() == "1"
