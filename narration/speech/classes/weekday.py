"""Weekdays in opening hours and dates: 'Mo–Fr' -> 'Montag bis Freitag', 'Sa. - So.' -> 'Samstag bis Sonntag',
'Mo, Mi und Fr' -> 'Montag, Mittwoch und Freitag', 'Sa/So' -> 'Samstag und Sonntag'; one day before its hours
or date ('Fr 8–13 Uhr', 'Do bis 21 Uhr', 'am Fr., 12. Juli': 'Fr.' is not 'Frau' there) or before a colon and
a figure ('Mo: 14°/6°'; not 'So: 3 Fragen' opening a sentence), after 'am' or 'jeden', after 'seit', 'bis' or
'vom' before no name ('seit Fr. rund …'; 'seit Fr. Meier' is Frau Meier), or before 'geschlossen'. Elsewhere
'So' and 'Do' are words, and 'Fr.' is 'Frau'. From ``data/weekdays.tsv``."""
import re

from .. import data
from ..patterns import alternatives

NAME = "weekday"
FIRST = r"[MDFS]"  # what a match begins with
_ABBREVIATION = rf"(?:{alternatives(data.rows('weekdays.tsv'))})"
_DAY = rf"{_ABBREVIATION}\.?"
_HOURS_OR_DATE = r"(?<!^So)(?<![.!?] So):\s?[−-]?\d|\.?,?\s?(?:\d{1,2}\.\s?(?:(?:0?[1-9]|1[0-2])\.|[A-ZÄÖÜ])|\d{1,2}(?:[.:]\d\d)?\s?(?:[–-]|bis|Uhr)|geschlossen|Ruhetag|\s(?:bis|ab|von)\s\d{1,2}(?:[.:]\d\d)?\s?(?:Uhr|[–-]|bis\s\d))"
_ADVERBS = alternatives(data.words("number_adverbs.txt"))  # 'Do zusätzlich 14–18 Uhr'
_AFTER_WORD = "".join(rf"(?<=\b{word} )|" for word in ("am", "Am", "jeden", "Jeden", "ab", "Ab"))[:-1]
# after a word of time, a day with its full stop before what is no name: 'seit Fr. rund 120 Einsätze'
# ('seit Fr. Meier' is Frau Meier)
_AFTER_TIME_WORD = "".join(rf"(?<=\b{word} )|" for word in ("seit", "Seit", "bis", "vom", "zum", "nächsten", "letzten",
                                                             "kommenden", "vergangenen"))[:-1]
PATTERN = (rf"(?<![\wÄÖÜäöü])(?:(?P<days>{_DAY}(?:\s?(?:[–/+-]|bis|,|und)\s?{_DAY})+)"
           rf"|(?P<one>{_ABBREVIATION})(?=(?:\.?\s(?:{_ADVERBS}))?(?:{_HOURS_OR_DATE}))\.?|(?:{_AFTER_WORD})(?P<named>{_ABBREVIATION})\."
           rf"|(?:{_AFTER_TIME_WORD})(?P<timed>{_ABBREVIATION})\.(?=\s[a-zäöü\d]|[,;)]|$))(?![\wÄÖÜäöü])")
_NAMES = re.compile(r"(Mo|Di|Mi|Do|Fr|Sa|So)\.?")


def verbalise(match, ctx):
    names = data.rows("weekdays.tsv")
    spoken = _NAMES.sub(lambda m: names[m.group(1)][0], match.group(0))
    if not match["days"] and match.group(0).endswith(".") and ctx.at_sentence_end():
        spoken += "."
    spoken = re.sub(r"\s?\+\s?", " und ", spoken)  # 'Di. + Do.': Dienstag und Donnerstag
    listed = re.split(r"\s?/\s?", spoken)  # 'Sa/So': Samstag und Sonntag; 'Mo/Mi/Fr': Montag, Mittwoch und Freitag
    spoken = ", ".join(listed[:-1]) + " und " + listed[-1] if len(listed) > 1 else spoken
    return re.sub(r"\s?[–-]\s?", " bis ", spoken).replace(" ,", ",")
