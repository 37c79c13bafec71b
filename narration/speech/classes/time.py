"""Clock times: '14:30 Uhr', 'um 9:30', '14.30 Uhr' -> 'vierzehn Uhr dreißig' (and 'von 8.30 bis
17 Uhr': a dotted time that a range ends in 'Uhr'); a range of times is one token: '14.00–16.30 Uhr' ->
'vierzehn bis sechzehn Uhr dreißig', and so are two written with colons ('Mo–Fr 6:30–21:30');
'1 Uhr' is 'ein Uhr'. A colon near a score word ('gewann 2:1') is a score. Three parts are a
duration: 'in 2:05:30 Stunden' -> 'in zwei Stunden, fünf Minuten und dreißig Sekunden', or with 'Uhr' a
clock to the second: '02:02:23 Uhr' -> 'zwei Uhr zwei Minuten dreiundzwanzig Sekunden'. Two parts
before 'Stunden' or 'Minuten' are a duration too: '1:45 Stunden' -> 'eine Stunde und fünfundvierzig
Minuten', '45:12 Min.' -> 'fünfundvierzig Minuten und zwölf Sekunden'; 'one' takes the case the
words before ask for ('mit 1:42 Min. Vorsprung' -> 'mit einer Minute und zweiundvierzig Sekunden')."""
import re

from .. import data, numbers

NAME = "time"
FIRST = r"\d"  # what a match begins with
_HOUR = r"(?:[01]?\d|2[0-4])"
PATTERN = (rf"(?<![\w.,:])(?:(?=\d+[.:]\d\d\s?[–-]|\d+\s?[–-]\s?\d+[.:]\d)"
           rf"(?P<rh>{_HOUR})(?:[.:](?P<rm>[0-5]\d))?\s?[–-]\s?(?P<th>{_HOUR})(?:[.:](?P<tm>[0-5]\d))?\s?Uhr(?![\w])"
           rf"|(?P<fh>{_HOUR}):(?P<fm>[0-5]\d)\s?[–-]\s?(?P<uh>{_HOUR}):(?P<um>[0-5]\d)(?![\w:]|[.,]\d)"  # '6:30–21:30'
           r"|(?P<lm>\d{1,2}):(?P<ls>[0-5]\d),(?P<lf>\d{1,3})(?:\s?(?:Minuten|min|Min\.)(?![\w]))?"
           r"|(?P<long>\d{2,3}):(?P<ls2>[0-5]\d)\s?(?:Minuten|min|Min\.)(?![\w])"  # '45:12 Min.': a podcast's length
           r"|(?P<dh>\d{1,2}):(?P<dmin>[0-5]\d):(?P<ds>[0-5]\d)(?:\s?(?:Stunden|Std\.|h)(?![\w])|(?P<duhr>\s?Uhr(?![\w])))?"
           r"|(?P<h>[01]?\d|2[0-4])(?:(?P<colon>:)(?P<m>[0-5]\d)|\.(?P<dm>[0-5]\d)"
           r"(?=\s?Uhr|\s?(?:bis|–|-)\s?(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?\s?Uhr)"
           r"|(?:(?<=\bum\s\d)|(?<=\bum\s\d\d)|(?<=\bgegen\s\d)|(?<=\bgegen\s\d\d)|(?<=\bab\s\d)|(?<=\bab\s\d\d))"
           r"\.(?P<am>[0-5]\d)(?!\d))"  # 'um 20.15': a dotted time after a clock word
           r"(?:(?P<uhr>\s?Uhr(?![\w]))|(?P<hours>\s?(?:Stunden|Std\.|h)(?![\w]))"
           r"|(?P<minutes>\s?(?:Minuten|Min\.|min)(?![\w])))?)"
           r"(?:(?<=Uhr)|(?![\d:]|[.,]\d|\s\d{3}(?!\d)))")  # 'um 20:15 Uhr: Tatort' (a colon after 'Uhr' is no time's)


CLOCK_WORDS = frozenset(("um", "gegen", "ab", "bis", "seit"))  # a number after them is a clock time


def _near_score_word(ctx) -> bool:
    """A score word near, or a score right before: '31:28 (15:13)' is the score at half time."""
    cues, before = data.words("score_cues.txt"), ctx.before()
    return any(w.rstrip(".") in cues for w in before[-4:] + ctx.after()[:2]) or (
        bool(before) and _SCORE.fullmatch(before[-1]) is not None)


_SCORE = re.compile(r"\d{1,3}:\d{1,3}")


def _duration(match, one: str) -> str:
    """'2:05:30' (a race, a film) -> 'zwei Stunden, fünf Minuten und dreißig Sekunden'."""
    parts = []
    for value, single, many in ((int(match["dh"]), "Stunde", "Stunden"), (int(match["dmin"]), "Minute", "Minuten"),
                                (int(match["ds"]), "Sekunde", "Sekunden")):
        if value:
            parts.append(f"{one} {single}" if value == 1 else f"{numbers.cardinal(value)} {many}")
    return ", ".join(parts[:-1]) + (" und " if len(parts) > 1 else "") + parts[-1] if parts else "null Sekunden"


def _one(ctx) -> str:
    """A duration's 'one' in the case the words before ask for ('mit einer Minute Vorsprung'); asked only
    where a duration has a one, not for every clock time."""
    return numbers.ein(ctx.agreement().case, "f")


def _clock(hours: int, minutes: int, uhr: bool = True) -> str:
    spoken = "ein" if hours == 1 and uhr else numbers.cardinal(hours)
    return spoken + (" Uhr" if uhr else "") + (" " + numbers.cardinal(minutes) if minutes else "")


def verbalise(match, ctx):
    if match["rh"]:  # '14.00–16.30 Uhr' -> 'vierzehn bis sechzehn Uhr dreißig'
        first = int(match["rm"] or 0)
        return (f"{_clock(int(match['rh']), first, uhr=bool(first))} bis "
                f"{_clock(int(match['th']), int(match['tm'] or 0))}")
    if match["fh"]:  # '6:30–21:30' without 'Uhr': two clock times written so are a range of them
        return f"{_clock(int(match['fh']), int(match['fm']))} bis {_clock(int(match['uh']), int(match['um']))}"
    if match["lm"]:  # a lap: '1:32,456 Minuten' -> 'eine Minute, zweiunddreißig Komma vier fünf sechs Sekunden'
        minutes = int(match["lm"])
        head = f"{_one(ctx)} Minute" if minutes == 1 else f"{numbers.cardinal(minutes)} Minuten"
        fraction = match["lf"].rstrip("0")  # '3:26,00 min': no hundredths to say
        return f"{head}, {numbers.decimal(match['ls'].lstrip('0') or '0', fraction)} Sekunden"
    if match["long"]:  # '45:12 Min.': minutes and seconds past a clock's hours
        seconds = int(match["ls2"])
        said = f"{numbers.cardinal(int(match['long']))} Minuten"
        return said + (f" und {_one(ctx) + ' Sekunde' if seconds == 1 else numbers.cardinal(seconds) + ' Sekunden'}" if seconds else "")
    if match["duhr"]:  # '02:02:23 Uhr': a clock to the second
        hours, minutes, seconds = int(match["dh"]), int(match["dmin"]), int(match["ds"])
        return (f"{'ein' if hours == 1 else numbers.cardinal(hours)} Uhr "
                f"{'eine' if minutes == 1 else numbers.cardinal(minutes)} {'Minute' if minutes == 1 else 'Minuten'} "
                f"{'eine' if seconds == 1 else numbers.cardinal(seconds)} {'Sekunde' if seconds == 1 else 'Sekunden'}")
    if match["dh"]:
        return _duration(match, _one(ctx))
    clock_hours = match["hours"] and (ctx.previous_word().lower() in CLOCK_WORDS or match["m"] == "00")
    if clock_hours:  # 'um 14:00h', 'Beginn 14:00h': a clock time written with an 'h'
        return _clock(int(match["h"]), int(match["m"] or match["dm"] or match["am"] or 0))  # 'um 10.30 h'
    if match["colon"] and (match["hours"] or match["minutes"]):  # '1:45 Stunden', '2:30 Minuten': a duration
        big, small = int(match["h"]), int(match["m"])
        units = (("Stunde", "Stunden"), ("Minute", "Minuten")) if match["hours"] else (
            ("Minute", "Minuten"), ("Sekunde", "Sekunden"))
        parts = [f"{_one(ctx)} {single}" if value == 1 else f"{numbers.cardinal(value)} {many}"
                 for value, (single, many) in zip((big, small), units) if value]
        return " und ".join(parts) or f"null {units[1][1]}"
    if match["hours"] or match["minutes"]:
        return None  # '14.30 h' without a colon: not ours
    if not match["uhr"] and ctx.previous_word().lower() not in CLOCK_WORDS and _near_score_word(ctx):
        return None  # 'gewann 2:1', 'wie 16:25' (a ratio); but 'wie immer um 14:30' is a time
    return _clock(int(match["h"]), int(match["m"] or match["dm"] or match["am"]))
