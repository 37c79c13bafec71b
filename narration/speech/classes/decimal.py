"""Decimals: '2,5' -> 'zwei Komma fünf', '3,14' -> 'drei Komma eins vier', '1,5 Mio.' ->
'eins Komma fünf Millionen'. The digits after the comma are read one by one."""
from .. import data, numbers
from ..patterns import INT, SIGN, START, scales

NAME = "decimal"
PATTERN = rf"{START}(?P<sign>{SIGN})?(?P<w>{INT}),(?P<f>\d+)(?![\d]|,\d)(?:\s?(?P<scale>{scales()}))?"


def verbalise(match, ctx):
    sign = numbers.sign_words(match["sign"])
    spoken = sign + numbers.decimal(match["w"], match["f"])
    if match["scale"]:
        spoken += " " + data.rows("scales.tsv")[match["scale"]][1]
    return spoken
