"""Clock times: '14:30 Uhr', 'um 9:30', '14.30 Uhr' -> 'vierzehn Uhr dreißig';
'1 Uhr' is 'ein Uhr'. A colon near a score word ('gewann 2:1') is a score."""
from .. import data, numbers

NAME = "time"
PATTERN = (r"(?<![\w.,:])(?P<h>[01]?\d|2[0-4])(?:(?P<colon>:)(?P<m>[0-5]\d)|\.(?P<dm>[0-5]\d)(?=\s?Uhr))"
           r"(?P<uhr>\s?Uhr(?![\w]))?(?![\d:]|,\d)")


def _near_score_word(ctx) -> bool:
    cues = data.words("score_cues.txt")
    return any(w.rstrip(".") in cues for w in ctx.before()[-4:] + ctx.after()[:2])


def verbalise(match, ctx):
    if not match["uhr"] and _near_score_word(ctx):
        return None
    hours, minutes = int(match["h"]), int(match["m"] or match["dm"])
    spoken = ("ein" if hours == 1 else numbers.cardinal(hours)) + " Uhr"
    if minutes:
        spoken += " " + numbers.cardinal(minutes)
    return spoken
