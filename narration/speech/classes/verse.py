"""Bible citations: 'Joh. 17,3' -> 'Johannes siebzehn, Vers drei', 'Röm 8,14' -> 'Römer acht, Vers
vierzehn', '1 Cor. 12,4-6' -> 'Erster Korinther zwölf, Verse vier bis sechs', 'Col. 1:15' (the
English colon) too. After a book from ``data/bible_books.tsv`` a chapter and verse are neither a
decimal nor a time."""
from .. import data, numbers
from ..patterns import alternatives

NAME = "verse"
FIRST = r"[1-5A-ZÄÖÜ]"  # what a match begins with
PATTERN = (rf"(?<![\wÄÖÜäöü.])(?:(?P<nth>[1-5])\.?\s?)?(?P<book>{alternatives(data.rows('bible_books.tsv'))})(?P<dot>\.)?\s"
           r"(?P<chapter>\d{1,3})[,:]\s?(?P<verse>\d{1,3})(?:\s?[-–]\s?(?P<to>\d{1,3}))?"
           r"(?:\s?(?P<ff>ff?\.))?(?![\d,])")


def verbalise(match, ctx):
    spoken = f"{data.rows('bible_books.tsv')[match['book']][0]} {numbers.cardinal(int(match['chapter']))}, "
    if match["nth"]:  # '1. Kor. 13,4': the first letter to the Corinthians
        spoken = numbers.ordinal(int(match["nth"]), "er").capitalize() + " " + spoken
    if match["to"]:
        spoken += f"Verse {numbers.cardinal(int(match['verse']))} bis {numbers.cardinal(int(match['to']))}"
    else:
        spoken += f"Vers {numbers.cardinal(int(match['verse']))}"
    if match["ff"]:
        spoken += " folgende" if match["ff"] == "ff." else " folgender"
    return spoken
