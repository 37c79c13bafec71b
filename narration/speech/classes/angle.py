"""Angles and positions in degrees, minutes and seconds: '52° 31′ N' -> 'zweiundfünfzig Grad
einunddreißig Minuten Nord', '13° 10’ 35”' -> 'dreizehn Grad zehn Minuten fünfunddreißig Sekunden',
and minutes and seconds alone where both are written ('7 St. 43’ 11”'). Books on astronomy,
geography and navigation are full of them; a lone '52°' is the measure class's ('Grad'). The signs
and the compass letters after a position are in ``data/angle_words.tsv``."""
import re

from .. import data, numbers

NAME = "angle"
FIRST = r"\d"  # what a match begins with
_MINUTE, _SECOND = "′’'", "″”\""
_PART = r"\d+(?:,\d+)?"
PATTERN = (rf"(?<![\w.,])(?:(?P<degrees>{_PART})\s?°(?:\s?(?P<minutes>{_PART})\s?[{_MINUTE}]"
           rf"(?:\s?(?P<seconds>{_PART})\s?[{_SECOND}])?)?(?:\s?(?P<point>[NSOWE])(?![\wÄÖÜäöü-]|\.\w))?"
           r"|(?P<minutes_only>\d+)[′’]\s?(?P<seconds_only>\d+(?:,\d+)?)[″”])")


def _said(amount: str, sign: str) -> str:
    one, many = data.rows("angle_words.tsv")[sign]
    if amount == "1":
        return f"{'ein' if one == 'Grad' else 'eine'} {one}"
    value = numbers.decimal(*amount.split(",")) if "," in amount else numbers.cardinal(int(amount))
    return f"{value} {many}"


def verbalise(match, ctx):
    gap = " " if ctx.text[ctx.end:ctx.end + 1].isalnum() else ""  # '52"9': a tenth written after the mark
    if match["minutes_only"]:
        return f"{_said(match['minutes_only'], '′')} {_said(match['seconds_only'], '″')}{gap}"
    if not (match["minutes"] or match["point"]):
        return None  # '52°' alone: a measure
    spoken = [_said(match["degrees"], "°")]
    if match["minutes"]:
        spoken.append(_said(match["minutes"], "′"))
    if match["seconds"]:
        spoken.append(_said(match["seconds"], "″"))
    if match["point"]:
        spoken.append(data.rows("angle_words.tsv")[match["point"]][0])
    return " ".join(spoken) + gap
