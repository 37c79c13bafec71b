"""Scores and results: '2:0' -> 'zwei zu null', 'mit 3:1' -> 'mit drei zu eins'."""
from .. import numbers

NAME = "score"
PATTERN = r"(?<![\w.,:])(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\d:]|,\d)"


def verbalise(match, ctx):
    return f"{numbers.cardinal(int(match['a']))} zu {numbers.cardinal(int(match['b']))}"
