"""Ranges: '10–20 Soldaten' -> 'zehn bis zwanzig Soldaten', '1914–1918' ->
'neunzehnhundertvierzehn bis neunzehnhundertachtzehn', '1–2 Tage' -> 'ein bis
zwei Tage'. A hyphen inside a name ('U-21', 'Windows-11') is not a range."""
from .. import data, grammar, numbers
from ..patterns import NUMBER

NAME = "range"
FIRST = r"\d"  # what a match begins with
PATTERN = (rf"(?<![\w.,–-])(?P<a>{NUMBER})\s?[–—-]\s?(?P<b>{NUMBER})(?![\w]|[.,:]\d|\.\s?[–-])")


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1100 <= int(text) <= 2099


def verbalise(match, ctx):
    a, b = match["a"], match["b"]
    label = ctx.previous_word() in data.words("label_words.txt")  # 'S. 1234–1245': pages, not years
    if _is_year(a) and (_is_year(b) or len(b) == 2) and not label:
        return f"{numbers.year(int(a))} {grammar.range_link(ctx.before())} {numbers.year(int(b)) if len(b) == 4 else numbers.cardinal(int(b))}"
    one = "ein" if ctx.next_word()[:1].isupper() else "eins"
    return f"{numbers.amount(a, one)} {grammar.range_link(ctx.before())} {numbers.amount(b)}"
