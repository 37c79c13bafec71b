"""Lists of numbers joined by slashes: 'Karten zu 25/35/45 €' -> 'fünfundzwanzig, fünfunddreißig,
fünfundvierzig Euro', 'Größen 36/38/40'; small numbers joined by hyphens are one too: 'Einnahme 1-0-1'
-> 'eins, null, eins', 'im 4-4-2' -> 'vier, vier, zwei', a fertiliser's 'NPK 12-8-16'. Three numbers or
more are a list of alternatives, never a fraction; a file number ('2001/83/EG', 'Az. 12/3/4') keeps its
'Strich', and a date written with slashes ('24/12/2023') is left to the numbers. A unit after the list
is the last item's: 'Ø 16/20/24 cm'."""
import re

from .. import numbers
from ..patterns import FILE_NUMBER_BEFORE
from .measure import UNITS, units

NAME = "numberlist"
FIRST = r"\d"  # what a match begins with
PATTERN = (rf"(?<![\w./-])(?:(?P<items>\d{{1,4}}(?:/\d{{1,4}}){{2,}})(?![\w/]|[.,]\d)(?:\s(?P<unit>{UNITS})(?![\wÄÖÜäöü²³]))?"
           rf"|(?P<digits>\d{{1,2}}(?:-\d{{1,2}}){{2,3}})(?![\w-]|[.,]\d))")
_DATE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/(?:\d\d|\d{4})")


def verbalise(match, ctx):
    if match["digits"]:  # '1-0-1' (a dose: morning, noon, night), '4-4-2' (a team's formation), 'NPK 12-8-16'
        return ", ".join(numbers.cardinal(int(d)) for d in match["digits"].split("-"))
    items = match["items"]
    if _DATE.fullmatch(items) or re.search(FILE_NUMBER_BEFORE, ctx.text[:ctx.start] + items.split("/")[0]):
        return None
    spoken = ", ".join(numbers.cardinal(int(item)) for item in items.split("/"))
    return spoken + (" " + units()[match["unit"]][1] if match["unit"] else "")  # 'Ø 16/20/24 cm'
