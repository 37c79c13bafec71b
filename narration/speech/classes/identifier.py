"""Identifiers, digit by digit in their groups: 'ISBN 978-3-16-148410-0' -> 'neun sieben acht,
drei, eins sechs, eins vier acht vier eins null, null'; 'IBAN DE89 3704 0044 …' -> 'De-E acht
neun, drei sieben null vier, …'. An ISBN read as numbers ('neunhundertachtundsiebzig bis drei')
is a count or a range nobody meant; nobody reads an identifier by its value. Only after a word that
names one (data/identifier_labels.txt), or in an IBAN's own shape ('Konto DE12 3456 …')."""
import re

from .. import data, numbers
from .letters import spell

NAME = "identifier"
FIRST = r"[\dA-Z]"  # what a match begins with
PATTERN = (r"(?<![\w.,/-])(?:[A-Z]{2}\d{2}(?:\s?[\dA-Z]{4}){2,7}(?:\s?[\dA-Z]{1,3})?"  # an IBAN
           r"|\d+(?:[\s.-]\d+)+(?:[\s-][\dX])?|\d{3,}X?)(?![\w.,-]?\d)")  # '1234567.00.00': dotted groups too
_GROUP = re.compile(r"[A-Z]+|\d+")
_IBAN = re.compile(r"[A-Z]{2}\d{2}(?:\s?\d{4}){3,7}(?:\s?\d{1,3})?")  # a country, its check digits, the account


def verbalise(match, ctx):
    before = ctx.before()
    # 'Zul.-Nr.:' is one label as written, two words to the grammar
    written = ctx.text[max(0, ctx.start - 40):ctx.start].split()
    labels = data.words("identifier_labels.txt")
    iban = bool(_IBAN.fullmatch(match.group(0)))  # 'DE12 3456 7890 1234 5678 90': an IBAN names itself
    if not (iban or (before and before[-1].rstrip(":") in labels) or (written and written[-1].rstrip(":") in labels)):
        return None
    groups = re.split(r"[\s.-]+", match.group(0))
    return ", ".join(" ".join(spell(part) if part.isalpha() else numbers.digits(part)
                              for part in _GROUP.findall(group)) for group in groups)
