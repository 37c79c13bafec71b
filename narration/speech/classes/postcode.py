"""Postal codes, digit by digit, as they are dictated: '80331 München' -> 'acht null drei drei eins
München', 'D-01067 Dresden', 'CH-8001 Zürich'. Five digits before a capitalised word are a postal
code unless that word is a plural noun they count ('12000 Besucher'); a code that starts with 0, or
follows a house number and a comma ('Am Markt 3, 99423 Weimar'), is one whatever follows."""
import re

from .. import numbers
from . import letters

NAME = "postcode"
PATTERN = (r"(?<![\w.,+-])(?:(?P<country>[A-Z]{1,2})-(?P<foreign>\d{4,5})|(?P<code>\d{5}))"
           r"(?=\s[A-ZÄÖÜ][\wäöüß]+)")
_AFTER_HOUSE = re.compile(r"\d[a-z]?,\s?$")


def verbalise(match, ctx):
    if match["foreign"]:
        return f"{letters.spell(match['country'])} {numbers.digits(match['foreign'])}"
    code = match["code"]
    if not (code.startswith("0") or _AFTER_HOUSE.search(ctx.text[:ctx.start]) or not _counts(ctx)):
        return None
    return numbers.digits(code)


def _counts(ctx) -> bool:
    """'12000 Besucher': the word after is a noun in the plural, so the number counts it."""
    analyses = ctx.nouns.exact(ctx.next_word().rstrip(".,"))
    return any(analyses[i] == "p" for i in range(0, len(analyses), 2))
