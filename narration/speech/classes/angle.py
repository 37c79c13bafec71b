"""Angles and positions in degrees, minutes and seconds: '52° 31′ N' -> 'zweiundfünfzig Grad
einunddreißig Minuten Nord', '13° 10’ 35”' -> 'dreizehn Grad zehn Minuten fünfunddreißig Sekunden',
and minutes and seconds alone where both are written ('7 St. 43’ 11”', '59’ 8⅓“'). Books on
astronomy, geography and navigation are full of them; a lone '52°' is the measure class's ('Grad').
A tenth written after the seconds' mark is a decimal ('9’ 11"7': elf Komma sieben Sekunden). Minutes
or seconds alone ('etwa 30’ beträgt', 'jährlich 50”') are read so where no quotation of that kind is
open before them (a closing quote after a number is no second), and never with the straight '"'
('28"' is an inch). The signs and the compass letters after a position are in
``data/angle_words.tsv``."""
import re

from .. import data, numbers
from . import fraction

NAME = "angle"
FIRST = rf"[\d{''.join(fraction.GLYPHS)}]"  # what a match begins with
_MINUTE, _SECOND = "′’'", "″”“\""
_GLYPH = "".join(fraction.GLYPHS)
_PART = rf"(?:\d+(?:,\d+)?[{_GLYPH}]?|[{_GLYPH}])"
_TENTHS = r"(?:,?(?P<{}>\d+))?"  # '11"7', '50”,2': a tenth after the mark
PATTERN = (rf"(?<![\w.,])(?:(?P<degrees>{_PART})\s?°(?:\s?(?P<minutes>{_PART})\s?[{_MINUTE}]"
           rf"(?:\s?(?P<seconds>{_PART})\s?[{_SECOND}]{_TENTHS.format('tenths')})?)?"
           rf"(?:\s?(?P<point>[NSOWE])(?![\wÄÖÜäöü-]|\.\w))?"
           rf"|(?P<minutes_only>{_PART})[′’]\s?(?P<seconds_only>{_PART})[″”“\"]{_TENTHS.format('tenths_only')}"
           rf"|(?P<single>{_PART})(?P<mark>[′’″”“]){_TENTHS.format('tenths_single')}(?=\s[a-zäöü\d–—-]|[,;:.)]))")
_SPEED = re.compile(r"\s(?:in|pro|je)\s")
_OPENED = {"′": "‚‘", "’": "‚‘", "″": "„“\"", "”": "„“\"", "“": "„\""}  # the quotes a mark could close


def _said(amount: str, sign: str, tenths: str | None = None) -> str:
    one, many = data.rows("angle_words.tsv")[sign]
    glyph = amount[-1] if amount[-1] in fraction.GLYPHS else ""
    whole = amount[:-1] if glyph else amount
    if glyph:  # '8⅓' -> 'achteindrittel', '⅐' -> 'ein Siebtel'
        numerator, denominator = fraction.GLYPHS[glyph]
        value = fraction.mixed(int(whole), numerator, denominator) if whole else fraction.parts(numerator, denominator)
        return f"{value} {many if whole else one}"
    if tenths:  # '11"7': elf Komma sieben Sekunden
        return f"{numbers.decimal(whole, tenths)} {many}"
    if whole == "1":
        return f"{'ein' if one == 'Grad' else 'eine'} {one}"
    value = numbers.decimal(*whole.split(",")) if "," in whole else numbers.cardinal(int(whole))
    return f"{value} {many}"


def verbalise(match, ctx):
    gap = " " if ctx.text[ctx.end:ctx.end + 1].isalnum() else ""
    if match["single"]:  # 'etwa 30’ beträgt': minutes, unless a quotation of that kind is open before
        before = ctx.text[:ctx.start]
        if any(quote in before for quote in _OPENED[match["mark"]]) or _SPEED.match(ctx.text, ctx.end):
            return None  # a quotation's end; '119’ in der Sekunde' is feet, a speed
        sign = "′" if match["mark"] in "′’" else "″"
        return _said(match["single"], sign, match["tenths_single"] if sign == "″" else None) + gap
    if match["minutes_only"]:
        return f"{_said(match['minutes_only'], '′')} {_said(match['seconds_only'], '″', match['tenths_only'])}{gap}"
    if not (match["minutes"] or match["point"]):
        return None  # '52°' alone: a measure
    spoken = [_said(match["degrees"], "°")]
    if match["minutes"]:
        spoken.append(_said(match["minutes"], "′"))
    if match["seconds"]:
        spoken.append(_said(match["seconds"], "″", match["tenths"]))
    if match["point"]:
        spoken.append(data.rows("angle_words.tsv")[match["point"]][0])
    return " ".join(spoken) + gap
