"""German speech normalisation: small named rules, applied in a visible order.

Each rule takes the text and returns it with one kind of thing written out as
words; its docstring says what it protects. Only the engine hears the result:
readers, transcripts and the EPUB keep the original sentence. The order in
``RULES`` matters (dates before ordinals, currency before plain numbers), and
the list can be replaced by a caller, like gTTS's pre-processors.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

from num2words import num2words

from . import german as de

Rule = Callable[[str], str]

_NUM = r"\d+(?:,\d+)?"
_MONTHS = "|".join(de.MONTHS)
_WORD_BEFORE = r"(?:(?P<before>[A-Za-zÄÖÜäöüß]+)\s+)?"


def cardinal(number: str) -> str:
    """'1.000' / '2,5' / '-3' -> words; decimals read digit by digit after 'Komma'."""
    number = number.replace(".", "").replace("\u202f", "").replace(" ", "")
    sign = ""
    if number.startswith(("-", "−")):
        sign, number = "minus ", number[1:]
    whole, _, frac = number.partition(",")
    words = num2words(int(whole), lang="de") if whole else "null"
    if frac:
        words += " Komma " + " ".join(num2words(int(d), lang="de") for d in frac)
    return sign + words


def year(number: str) -> str:
    value = int(number)
    return num2words(value, lang="de", to="year") if 1100 <= value <= 2099 else cardinal(number)


def ordinal(number: int, before: str | None) -> str:
    """Ordinal with the ending the preceding word asks for (am -> -en, der -> -e, none -> -er)."""
    base = num2words(number, lang="de", to="ordinal")
    word = (before or "").lower()
    if word in de.ORDINAL_EN_BEFORE:
        return base + "n"
    if word in de.ORDINAL_E_BEFORE:
        return base
    return base + "r"


def _keep(before: str | None) -> str:
    return f"{before} " if before else ""


def urls_and_emails(text: str) -> str:
    """Say 'www Punkt beispiel Punkt de' instead of spelling 'https://' and slashes."""
    def url(match):
        address = re.sub(r"^https?://", "", match.group(0)).rstrip("/")
        return _spell_address(address)

    text = re.sub(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", lambda m: _spell_address(m.group(0)), text)
    return re.sub(r"\b(?:https?://|www\.)[^\s<>\"„“»«]+[^\s<>\"„“»«.,;:!?)]", url, text)


def _spell_address(address: str) -> str:
    return " ".join("".join(de.URL_WORDS.get(ch, ch) for ch in address).split())


def dates(text: str) -> str:
    """'am 24.02.2022' -> 'am vierundzwanzigsten Februar zweitausendzweiundzwanzig' (not a decimal, not a thousand)."""
    def repl(match):
        day, month, yr = int(match["day"]), int(match["month"]), match["year"]
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return match.group(0)
        spoken = f"{ordinal(day, match['before'])} {de.MONTHS[month - 1]}"
        if yr:
            spoken += " " + year(yr if len(yr) == 4 else "20" + yr)
        return _keep(match["before"]) + spoken

    return re.sub(_WORD_BEFORE + r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2}(?!\d))?", repl, text)


def times(text: str) -> str:
    """'14:30 Uhr' -> 'vierzehn Uhr dreißig'; '9 Uhr' stays a plain cardinal."""
    def repl(match):
        hours, minutes = int(match["h"]), int(match["m"])
        spoken = f"{num2words(hours, lang='de')} Uhr"
        if minutes:
            spoken += f" {num2words(minutes, lang='de')}"
        return spoken

    return re.sub(r"\b(?P<h>[01]?\d|2[0-4])[:.](?P<m>[0-5]\d)\s*Uhr\b", repl, text)


def ranges(text: str) -> str:
    """'1914–1918' -> 'neunzehnhundertvierzehn bis neunzehnhundertachtzehn'; '10-20' -> 'zehn bis zwanzig'."""
    def repl(match):
        a, b = match["a"], match["b"]
        if len(a) == 4 and len(b) == 4:
            return f"{year(a)} bis {year(b)}"
        return f"{a} bis {b}"

    return re.sub(r"(?<![\d.,])(?P<a>\d+(?:,\d+)?)\s?[–-]\s?(?P<b>\d+(?:,\d+)?)(?![\d.])", repl, text)


def currency(text: str) -> str:
    """'5 €', '€ 5', '3 Mio. €', '5,50 €', '$5' -> 'fünf Euro', 'drei Millionen Euro', 'fünf Euro fünfzig'."""
    symbols = "|".join(re.escape(s) for s in sorted(de.CURRENCIES, key=len, reverse=True))
    scales = "|".join(re.escape(s) for s in de.SCALES)

    def spoken(amount: str, scale: str | None, unit: str) -> str:
        name = de.CURRENCIES[unit]
        if scale:
            scale_word = de.SCALES[scale]
            if amount == "1":
                return f"eine {de.SCALES_ONE[scale_word]} {name}"
            return f"{cardinal(amount)} {scale_word} {name}"
        whole, _, cents = amount.partition(",")
        words = "ein" if whole.replace(".", "") == "1" else cardinal(whole)
        if cents and cents.strip("0-"):
            return f"{words} {name} {cardinal(cents.ljust(2, '0'))}"
        return f"{words} {name}"

    amount = r"(?P<amount>\d{1,3}(?:\.\d{3})+(?:,\d+|,-)?|\d+(?:,\d+|,-)?)"
    text = re.sub(amount + rf"\s?(?:(?P<scale>{scales})\s?)?(?P<unit>{symbols})(?![A-Za-zÄÖÜäöü])",
                  lambda m: spoken(m["amount"], m["scale"], m["unit"]), text)
    return re.sub(r"(?P<unit>[€$£])\s?" + amount + rf"(?:\s?(?P<scale>{scales}))?",
                  lambda m: spoken(m["amount"], m["scale"], m["unit"]), text)


def percent(text: str) -> str:
    """'33 %', '33%', '2,5 Prozent' -> 'dreiunddreißig Prozent' (the number read as a cardinal)."""
    return re.sub(r"(?P<n>-?\d+(?:,\d+)?)\s?(?:%|(?P<word>Prozent))",
                  lambda m: f"{cardinal(m['n'])} Prozent", text)


def units(text: str) -> str:
    """'5 km' -> 'fünf Kilometer', '1 t' -> 'eine Tonne'; a bare 'm' without a number is left alone."""
    names = "|".join(re.escape(u) for u in sorted(de.UNITS, key=len, reverse=True))

    def repl(match):
        number, unit = match["n"], match["unit"]
        singular, plural = de.UNITS[unit]
        if number == "1":
            return ("eine " if unit in de.FEMININE_UNITS else "ein ") + singular
        return f"{cardinal(number)} {plural}"

    return re.sub(rf"(?P<n>-?\d+(?:,\d+)?)\s?(?P<unit>{names})(?![\wÄÖÜäöü²³])", repl, text)


@functools.lru_cache(maxsize=1)
def _abbreviation_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """All abbreviations in one pattern, longest first, so each sentence is scanned once."""
    shorts = sorted(de.ABBREVIATIONS, key=len, reverse=True)
    either = "|".join(re.escape(short).replace(r"\ ", r"\s?") for short in shorts)
    words = {"".join(short.split()): de.ABBREVIATIONS[short] for short in shorts}
    return re.compile(rf"(?<![\wÄÖÜäöü])(?P<short>{either})(?P<end>\s*$)?"), words


def abbreviations(text: str) -> str:
    """'z. B.', 'u. a.', 'Nr.', 'Dr.' -> full words; a sentence-final 'usw.' keeps its full stop."""
    pattern, words = _abbreviation_pattern()
    return pattern.sub(lambda m: words["".join(m["short"].split())] + ("." if m["end"] is not None else ""), text)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_numerals(text: str) -> str:
    """'Wilhelm II.' -> 'Wilhelm der Zweite', 'unter Wilhelm II.' -> 'unter Wilhelm dem Zweiten'."""
    def repl(match):
        value = _roman_value(match["roman"])
        if value is None:
            return match.group(0)
        base = num2words(value, lang="de", to="ordinal").capitalize()
        before = (match["before"] or "").lower()
        article = "dem" if before in ("unter", "mit", "von", "bei", "nach", "zu", "vor", "seit", "aus") else "der"
        ending = "n" if article == "dem" else ""
        end = "." if match["end"] is not None else ""
        return f"{_keep(match['before'])}{match['name']} {article} {base}{ending}{end}"

    return re.sub(_WORD_BEFORE + r"(?P<name>[A-ZÄÖÜ][a-zäöüß]+)\s(?P<roman>[IVXLC]{1,6})\.(?P<end>\s*$)?", repl, text)


def _roman_value(numeral: str) -> int | None:
    total, previous = 0, 0
    for ch in reversed(numeral):
        value = _ROMAN[ch]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total < 200 else None


def ordinals(text: str) -> str:
    """'am 24. Februar' -> 'am vierundzwanzigsten Februar', 'der 3. Mai' -> 'der dritte Mai',
    'im 21. Jahrhundert' -> 'im einundzwanzigsten Jahrhundert'. A number that ends the
    sentence ('im Jahr 2021.') is not an ordinal."""
    nouns = "|".join(de.ORDINAL_NOUNS)

    def repl(match):
        return _keep(match["before"]) + ordinal(int(match["n"]), match["before"]) + " "

    pattern = _WORD_BEFORE + rf"\b(?P<n>\d{{1,3}})\.\s(?=(?:{_MONTHS}|{nouns})\b|[a-zäöüß])"
    return re.sub(pattern, repl, text)


def years_after_months(text: str) -> str:
    """'Juli 2021' -> 'Juli zweitausendeinundzwanzig', 'im Jahr 1990' -> '... neunzehnhundertneunzig'."""
    return re.sub(rf"\b(?P<w>{_MONTHS}|Jahr|Jahre|Jahres|Sommer|Winter|Frühjahr|Herbst)\s(?P<y>\d{{4}})\b(?![.,]\d)",
                  lambda m: f"{m['w']} {year(m['y'])}", text)


def thousands(text: str) -> str:
    """'10.000' and '1 000 000' are one number, not a decimal or three numbers."""
    return re.sub(r"(?<![\d,.])\d{1,3}(?:[.\u202f ]\d{3})+(?![\d]|,\d)", lambda m: cardinal(m.group(0)), text)


def acronyms(text: str) -> str:
    """'USA', 'US-Präsident', 'UN-Botschafter' -> spelled letters ('U-Ess-A'); 'NATO' -> 'Nato'."""
    def repl(match):
        word = match.group(0)
        if word in de.WORD_ACRONYMS:
            return de.WORD_ACRONYMS[word]
        if word in de.MIXED_ACRONYMS or (word.isupper() and 2 <= len(word) <= 5):
            return "-".join(de.LETTERS.get(ch.upper(), ch) for ch in word if ch.isalpha())
        return word

    text = re.sub(r"(?<![\wÄÖÜäöü])[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,6}(?![\wÄÖÜäöü])", repl, text)
    return text


def symbols(text: str) -> str:
    """'§ 5' -> 'Paragraf 5', '&' -> 'und'; dashes and slashes become pauses, not words."""
    for symbol in sorted(de.SYMBOLS, key=len, reverse=True):
        text = text.replace(symbol, f" {de.SYMBOLS[symbol]} ")
    text = re.sub(r"\s[–—-]\s", ", ", text)
    return re.sub(r"(?<=\w)/(?=\w)", " ", text)


def cardinals(text: str) -> str:
    """Every number left: '150' -> 'einhundertfünfzig', '2,5' -> 'zwei Komma fünf', '1 Kind' -> 'ein Kind'."""
    def repl(match):
        number = match.group(0)
        if number == "1" and re.match(r"\s+[A-Za-zÄÖÜäöüß]", text[match.end():match.end() + 2]):
            return "ein"
        if len(number) == 4 and number.isdigit():
            return year(number)
        return cardinal(number)

    return re.sub(r"(?<![\d,])-?\d+(?:,\d+)?(?![\d])", repl, text)


def tidy(text: str) -> str:
    return " ".join(text.split()).replace(" ,", ",").replace(" .", ".")


RULES: list[Rule] = [
    urls_and_emails, dates, times, ranges, currency, percent, units, years_after_months,
    roman_numerals, ordinals, abbreviations, thousands, acronyms, symbols, cardinals, tidy,
]


def normalise(text: str, rules: list[Rule] | None = None) -> str:
    for rule in RULES if rules is None else rules:
        text = rule(text)
    return text
