"""Symbols left after every other class: '§ 5' -> 'Paragraf 5', '&' -> 'und', '+' ->
'plus', '*' is silent, a slash between words is a pause ('und/oder'), a dash between
spaces is a comma. From ``data/symbols.tsv``."""
from .. import data
from ..patterns import alternatives

NAME = "symbol"
PATTERN = rf"(?P<dash>\s[–—-](?=\s))|(?P<between>(?<=[^\W\d])[–—](?=[^\W\d]))|(?P<slash>/)|(?P<minus>−)|(?P<symbol>{alternatives(data.rows('symbols.tsv'))})"


def verbalise(match, ctx):
    if match["dash"]:
        return ","
    if match["between"]:  # 'Köln–Frankfurt'
        return " "
    if match["slash"]:
        return " "
    if match["minus"]:
        return " minus "
    words = data.rows("symbols.tsv")[match["symbol"]]
    return f" {words[0]} " if words and words[0] else " "
