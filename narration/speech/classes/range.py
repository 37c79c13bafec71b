"""Ranges: '10–20 Soldaten' -> 'zehn bis zwanzig Soldaten', '1914–1918' ->
'neunzehnhundertvierzehn bis neunzehnhundertachtzehn', '1–2 Tage' -> 'ein bis
zwei Tage'. A hyphen inside a name ('U-21', 'Windows-11') is not a range, nor one that goes down
('Boeing 747-8') or follows a name the noun table does not know ('Boeing 737-800', 'Airbus A350-900'):
a model's number is said in its parts."""
import re

from .. import data, grammar, numbers
from ..patterns import NUMBER

NAME = "range"
FIRST = r"\d"  # what a match begins with
PATTERN = (rf"(?<![\w.,–-])(?P<a>{NUMBER})\s?[–—-]\s?(?P<b>{NUMBER})(?![\w]|[.,:]\d|\.\s?[–-])")


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1100 <= int(text) <= 2099


def verbalise(match, ctx):
    a, b = match["a"], match["b"]
    label = ctx.previous_word() in data.words("label_words.txt") or bool(
        re.search(r"\d:\s?$", ctx.text[:ctx.start]))  # 'S. 1234–1245', a journal's '388: 1234–1245': pages, not years
    if _is_year(a) and (_is_year(b) or len(b) == 2) and not label:
        short = numbers.digits(b) if b.startswith("0") else numbers.cardinal(int(b))  # '1905–07': bis null sieben
        return f"{numbers.year(int(a))} {grammar.range_link(ctx.before())} {numbers.year(int(b)) if len(b) == 4 else short}"
    if _is_model(match, ctx, label):
        return f"{numbers.amount(a)} {numbers.amount(b)}"
    one = "ein" if ctx.next_word()[:1].isupper() else "eins"
    return f"{numbers.amount(a, one)} {grammar.range_link(ctx.before())} {numbers.amount(b)}"


def _is_model(match, ctx, label: bool) -> bool:
    """'747-8', '737-800' after a name: written with a bare hyphen, and going down from three digits
    (not a clock's '22-6 Uhr') or after a capitalised word that is neither a noun nor a month
    ('Boeing', not 'Seiten' or 'März')."""
    if label or "-" not in match.group(0) or " " in match.group(0) or not (match["a"].isdigit() and match["b"].isdigit()):
        return False
    if int(match["b"]) < int(match["a"]) and len(match["a"]) >= 3:
        return True
    before = ctx.before()
    name = before[-1] if before else ""
    return (name[:1].isupper() and name.isalpha() and len(before) > 1 and not grammar.is_month(name)
            and not ctx.nouns.analyses(name))
