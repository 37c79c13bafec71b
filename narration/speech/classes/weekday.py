"""Weekday ranges in opening hours: 'Mo–Fr' -> 'Montag bis Freitag', 'Sa. - So.' -> 'Samstag bis
Sonntag', 'Mo, Mi und Fr' -> 'Montag, Mittwoch und Freitag'. Only in a range or a list: 'So' and
'Do' alone are words, from ``data/weekdays.tsv``."""
from .. import data
from ..patterns import alternatives

NAME = "weekday"
_DAY = rf"(?:{alternatives(data.rows('weekdays.tsv'))})\.?"
PATTERN = (rf"(?<![\wÄÖÜäöü])(?P<days>{_DAY}(?:\s?(?:[–-]|bis|,|und)\s?{_DAY})+)(?![\wÄÖÜäöü])")


def verbalise(match, ctx):
    import re

    names = data.rows("weekdays.tsv")
    spoken = re.sub(r"(Mo|Di|Mi|Do|Fr|Sa|So)\.?", lambda m: names[m.group(1)][0], match["days"])
    return re.sub(r"\s?[–-]\s?", " bis ", spoken).replace(" ,", ",")
