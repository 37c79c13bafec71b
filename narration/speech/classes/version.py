"""Version numbers: 'Version 3.2.1' -> 'Version drei Punkt zwei Punkt eins', 'Web 2.0' -> 'Web zwei
Punkt null', 'iOS 12.x' -> 'iOS zwölf Punkt x'. German writes decimals with a comma, so two
numbers joined by a dot are a version (or an English decimal, read the same way), unless they
are a thousand ('2.500'), a clock time ('8.30 Uhr', 'von 8.30 bis 17 Uhr') or a date after a
date word ('am 20.10'): those are other classes'. Three or more parts are always a version."""
from .. import data, numbers
from .date import DATE_WORDS
from .time import CLOCK_WORDS

NAME = "version"
FIRST = r"[\dv]"  # what a match begins with
PATTERN = r"(?<![\w.,])(?P<v>v)?(?P<parts>\d+(?:\.\d+){1,3}|\d+(?=\.[xX]))(?P<x>\.[xX])?(?![\w]|[.,]\d)"
# words after which two numbers joined by a dot are a clock time or a day and month ('um 8.30', 'am 20.10')
_TIME_OR_DATE_WORDS = DATE_WORDS | CLOCK_WORDS | {"von", "zwischen", "ca.", "etwa", "uhr"}


def verbalise(match, ctx):
    parts = match["parts"].split(".")
    cue = ctx.previous_word() in data.words("version_cues.txt")
    if ctx.previous_word() in data.words("label_words.txt") and not all(len(p) == 3 for p in parts[1:]):
        cue = True  # 'Raum 1.02': a room, not a date ('Folge 4.146' is thousands)
    if not (cue or match["v"] or match["x"]):
        if all(len(p) == 3 for p in parts[1:]):
            return None  # '1.000.000' is a million, '2.500' two thousand five hundred
        if len(parts) == 2 and _clock_or_date(parts, ctx):
            return None
    spoken = " Punkt ".join(numbers.digits(p) if p.startswith("0") and len(p) > 1 else numbers.cardinal(int(p))
                            for p in parts)  # 'Ubuntu 22.04': zweiundzwanzig Punkt null vier
    if match["x"]:
        spoken += " Punkt x"
    return ("Version " if match["v"] else "") + spoken


def _clock_or_date(parts, ctx) -> bool:
    first, second = int(parts[0]), int(parts[1])
    if ctx.followed_by("Uhr", within=4) or (ctx.text[ctx.end:ctx.end + 1] == "." and 1 <= first <= 31 and 1 <= second <= 12):
        return True  # '14.30 Uhr', 'von 8.30 bis 17 Uhr'; '20.10.' a day and month
    return ctx.previous_word().lower() in _TIME_OR_DATE_WORDS and (1 <= first <= 31 and (1 <= second <= 12 or len(parts[1]) == 2))
