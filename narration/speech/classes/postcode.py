"""Postal codes, digit by digit, as they are dictated: '80331 München' -> 'acht null drei drei eins München',
'D-01067 Dresden', 'CH-8001 Zürich'. Five digits before a capitalised word are a postal code unless that word
is a plural noun (or its abbreviation), a unit or a scale they count ('12000 Besucher', '12000 Einw.', '58000
Fuß'); a code that starts with 0, or follows a house number and a comma ('Am Markt 3, 99423 Weimar'), is one
whatever follows, and so is one a few words after 'PLZ' or 'Postleitzahl' (or a compound of them: 'in den
PLZ-Bereichen 35510 und 35516'). Four digits after a house number, or after 'in' before a place, are an
Austrian or Swiss code ('Maria-Theresien-Straße 18, 6020 Innsbruck', 'in 1030 Wien')."""
import functools
import re

from .. import data, numbers
from . import abbreviation, letters

NAME = "postcode"
FIRST = r"[\dA-Z]"  # what a match begins with
PATTERN = (r"(?<![\w.,+-])(?:(?P<country>[A-Z]{1,2})-(?P<foreign>\d{4,5})(?=\s[A-ZÄÖÜ][\wäöüß]+)"
           r"|(?P<code>\d{4,5})(?=\s[A-ZÄÖÜ][\wäöüß]+)|(?<=PLZ )(?P<named>\d{5})(?!\d)"
           r"|(?:(?<=Postleitzahl )|(?<=PLZ lautet )|(?<=Postleitzahl lautet )|(?<=PLZ: ))(?P<said>\d{5})(?!\d)"
           r"|(?P<near>\d{5})(?![\d.,]\d|\d))")
_AFTER_HOUSE = re.compile(r"(?<![\d.])\d{1,3}[a-z]?,\s?$")


def verbalise(match, ctx):
    if match["foreign"]:
        return f"{letters.spell(match['country'])} {numbers.digits(match['foreign'])}"
    if match["named"] or match["said"]:  # 'die PLZ 10115', 'Die Postleitzahl lautet 10115'
        return numbers.digits(match["named"] or match["said"])
    if match["near"]:  # 'in den PLZ-Bereichen 35510 und 35516': a postal code named a few words before
        named = any("PLZ" in word or "Postleitzahl" in word for word in ctx.before()[-4:])
        return numbers.digits(match["near"]) if named else None
    code = match["code"]
    if len(code) == 4:  # Austria's and Switzerland's codes have four digits: only after an address, or
        # after 'in' before a place ('Zahnarzt in 1030 Wien'; 'in 1848 Revolutionen' counts them)
        placed = ctx.previous_word() == "in" and not 1800 <= int(code) < 2100 and not _counts(ctx)
        return numbers.digits(code) if _AFTER_HOUSE.search(ctx.text[:ctx.start]) or placed else None
    if not (code.startswith("0") or _AFTER_HOUSE.search(ctx.text[:ctx.start]) or not _counts(ctx)):
        return None
    return numbers.digits(code)


def _counts(ctx) -> bool:
    """'12000 Besucher', '58000 Fuß', '80000 Erdweiten', '34000 Mill.': the word after is a noun in the
    plural (a compound's by its last part), a unit or a scale, so the number counts it."""
    word = ctx.next_word()
    bare = word.rstrip(".,;:!?")  # 'Fuß.' ending the sentence
    if word in data.rows("scales.tsv") or {word, bare} & _unit_words():
        return True
    expanded = abbreviation.expansion(word) if word.endswith(".") else None  # '12000 Einw.': Einwohner
    analyses = ctx.nouns.analyses(expanded or bare)
    return any(analyses[i] == "p" for i in range(0, len(analyses), 2))


@functools.lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """Every unit's symbol and its names ('ft', 'Fuß')."""
    return frozenset(data.units()) | frozenset(name for row in data.units().values() for name in row[:2])
