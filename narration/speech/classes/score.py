"""Scores, results and ratios: '2:0' -> 'zwei zu null', 'mit 3:1' -> 'mit drei zu eins', 'eine Quote
von 1:4,5' -> 'eins zu vier Komma fünf', 'Maßstab 1:25.000' -> 'eins zu fünfundzwanzigtausend',
'(45.+1)' -> 'fünfundvierzig plus eins' (added time), a vote '(9:0:1)' -> 'neun zu null zu eins'."""
from .. import numbers
from ..patterns import INT

NAME = "score"
FIRST = r"\d"  # what a match begins with
PATTERN = rf"(?<![\w.,:])(?P<minute>\d{{1,3}})\.\s?\+\s?(?P<extra>\d{{1,2}})(?!\d)|(?<![\w.,:])(?P<a>\d{{1,3}}(?:,\d+)?)(?::|\s:\s)(?P<b>{INT}(?:,\d+)?)(?::(?P<c>\d{{1,3}}))?(?![\d:]|,\d)"


def _number(text: str) -> str:
    return numbers.decimal(*text.split(",")) if "," in text else numbers.cardinal(numbers.parse_int(text))


def verbalise(match, ctx):
    if match["minute"]:  # '(45.+1)': a minute of added time
        return f"{numbers.cardinal(int(match['minute']))} plus {numbers.cardinal(int(match['extra']))}"
    spoken = f"{_number(match['a'])} zu {_number(match['b'])}"
    return spoken + (f" zu {_number(match['c'])}" if match["c"] else "")  # a vote: '(9:0:0)', yes, no, abstained
