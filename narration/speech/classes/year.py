"""Years, decades and seasons: '1990' -> 'neunzehnhundertneunzig' where the context
says year, '1990er' -> 'neunzehnhundertneunziger', '90er-Jahre' -> 'neunziger-Jahre',
'2023/24' -> 'zweitausenddreiundzwanzig vierundzwanzig'. A four-digit number
before a plural noun is a count ('1850 Kunden'), and so is one after 'rund' or
'etwa', or after a label word ('Seite 1234') or a journal's year ('NJW 2020, 1234': a page); after
'Jahr', a month or a season it is always a year."""
import re

from .. import data, numbers

NAME = "year"
FIRST = r"\d"  # what a match begins with
PATTERN = (r"(?<![\w.,:/])(?:(?P<a>(?:1[1-9]|20)\d\d)/(?P<b>\d{2}|\d{4})(?![\d/])"
           r"|(?P<decade>\d{2,4})er(?P<ending>n|s)?(?![a-zäöüß])"
           r"|(?P<y>(?:1[1-9]|20)\d\d)(?![\d]|[.,:/]\d|[a-zäöüß]))")


def verbalise(match, ctx):
    if match["a"]:
        first, second = int(match["a"]), int(match["b"])
        if second % 100 != (first + 1) % 100:
            return None
        return f"{numbers.year(first)} {numbers.year(second) if len(match['b']) == 4 else numbers.cardinal(second)}"
    if match["decade"]:
        value = int(match["decade"])
        words = numbers.year(value) if len(match["decade"]) == 4 else numbers.cardinal(value)
        if words.endswith("eins"):
            words = words[:-1]
        return words + "er" + (match["ending"] or "")
    return numbers.year(int(match["y"])) if is_year(ctx) else None


_CITED_PAGE = re.compile(r"\b(?=[A-Za-z]*[A-Z][a-z]*[A-Z])[A-Z][A-Za-z]{1,5}\s(?:1[89]|20)\d\d,\s$")  # a journal and its year: 'NJW 2020, '


_RANGE_FROM_YEAR = re.compile(r"\b(?:[Vv]on|[Zz]wischen|[Ss]eit)\s(?:1[1-9]|20)\d\d\s(?:bis|und)\s$")


def is_year(ctx) -> bool:
    before = ctx.before()
    previous = before[-1].lower() if before else ""
    if previous in data.words("year_cues.txt"):
        return True
    if previous in data.words("quantity_cues.txt") or before[-1:] and before[-1] in data.words("label_words.txt") \
            or ctx.text[ctx.start - 1:ctx.start] == "#" or _CITED_PAGE.search(ctx.text, 0, ctx.start):
        return False  # 'rund 1200'; 'Seite 1234', 'Nr. 1492', 'Bug #1234'; 'NJW 2020, 1234': a page
    if _RANGE_FROM_YEAR.search(ctx.text, max(0, ctx.start - 30), ctx.start):
        return True  # 'von 1871 bis 1890 Reichskanzler': a range's end is what its start is
    following = ctx.next_word().rstrip(".,;:!?")  # 'Mitarbeiter.' ending the sentence is still the noun
    if following[:1].isupper():
        analyses = ctx.nouns.analyses(following)
        if "p" in analyses[::2]:  # '1850 Kunden', and '1999 Mitarbeiter' (the plural looks like the singular)
            return False
    return True
