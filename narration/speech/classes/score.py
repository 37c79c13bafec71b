"""Scores, results and ratios: '2:0' -> 'zwei zu null', 'mit 3:1' -> 'mit drei zu eins', 'eine Quote
von 1:4,5' -> 'eins zu vier Komma fünf', 'Maßstab 1:25.000' -> 'eins zu fünfundzwanzigtausend'."""
from .. import numbers
from ..patterns import INT

NAME = "score"
PATTERN = rf"(?<![\w.,:])(?P<a>\d{{1,3}}(?:,\d+)?):(?P<b>{INT}(?:,\d+)?)(?![\d:]|,\d)"


def _number(text: str) -> str:
    return numbers.decimal(*text.split(",")) if "," in text else numbers.cardinal(numbers.parse_int(text))


def verbalise(match, ctx):
    return f"{_number(match['a'])} zu {_number(match['b'])}"
