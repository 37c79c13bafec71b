"""Numeric dates: '24.02.2022', '3.10.', '2026-03-15', '04/2024' and '08/25' (a month) -> 'vierundzwanzigster
Februar zweitausendzweiundzwanzig', with the day's ending from the words before it ('am vierundzwanzigsten',
'der dritte'). Written dates ('24. Februar') are an ordinal plus a month, and a year after a month is a year.
'am 1. 5.' (spaced) too. Two days of one month: '24./25.12.' -> 'vierundzwanzigster und fünfundzwanzigster
Dezember', '3.–5.10.' -> '… bis …'. A dash between two whole dates is 'bis' ('vom 24.12.–1.1.' -> 'vom
vierundzwanzigsten Dezember bis ersten Januar'), the second takes the first's ending."""
from .. import data, grammar, numbers

NAME = "date"
FIRST = r"\d|\s?[–—-]"  # what a match begins with (a dash: a second date)
MONTHS = grammar.MONTHS
DATE_WORDS = frozenset(("am", "vom", "bis", "zum", "ab", "seit", "ist", "war", "den", "dem"))  # a date may follow
PATTERN = (r"(?:(?<=\d\.)(?P<to>\s?[–—-]\s?)(?=\d{1,2}\.\d{1,2}\.)|(?<![\w.,:-])(?<![^.]/))"  # a dash: a second date
           r"(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d-])"
           r"|(?P<my>\d{4})-(?P<mm>0[1-9])(?![\d-])"  # '2003-03': March 2003 (a range would not write the 0)
           # 'Stand: 04/2024': a month of a year ('TÜV 08/25': a month with a zero is no fraction's numerator;
           # after 'TÜV', 'HU' or 'EZ' any month)
           r"|(?P<sm2>0[1-9]|1[0-2])/(?P<sy2>(?:1[89]|20)\d\d|(?<=0\d/)\d\d"
           r"|(?:(?<=TÜV 1\d/)|(?<=HU 1\d/)|(?<=EZ 1\d/))\d\d)(?![\d/])"
           r"|(?P<zd>\d\d)\.(?P<zm>\d\d)(?![\d.,])"  # '02.03': a day and month written with a zero
           r"|(?:(?P<d0>\d{1,2})\.\s?(?P<link>[/–-])\s?)?"  # '24./25.12.': two days of one month
           r"(?P<d>\d{1,2})\.(?:(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?|\s(?P<sm>\d{1,2})\.(?:\s?(?P<sy>\d{4}))?)(?![\d]))")


def spoken_year(text: str) -> str:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 50 else 1900
    return numbers.year(value)


def verbalise(match, ctx):
    if match["my"]:  # '2003-03'
        return f"{MONTHS[int(match['mm']) - 1]} {spoken_year(match['my'])}"
    if match["sm2"]:  # 'Stand: 04/2024'; but 'Heft 04/2024' is an issue's number
        if ctx.previous_word() in data.words("label_words.txt"):
            return None
        return f"{MONTHS[int(match['sm2']) - 1]} {spoken_year(match['sy2'])}"
    if match["zd"]:
        previous = ctx.previous_word()
        if ("0" not in (match["zd"][0], match["zm"][0]) or ctx.followed_by("Uhr")
                or previous in data.words("version_cues.txt") or (previous[:1].isupper() and previous.isalpha()
                                                                  and previous.lower() not in DATE_WORDS
                                                                  and not ctx.nouns.is_noun(previous))):
            return None  # '14.30' and '08.30 Uhr' are times, 'Version 10.02' and 'Ubuntu 22.04' (a name) versions
        day, month, year = int(match["zd"]), int(match["zm"]), None
    elif match["iy"]:
        day, month, year = int(match["id"]), int(match["im"]), match["iy"]
    else:
        day, month, year = int(match["d"]), int(match["m"] or match["sm"]), match["y"] or match["sy"]
        if ctx.previous_word() in data.words("version_cues.txt") or (
                not year and ctx.previous_word() in data.words("label_words.txt")):
            return None  # 'Version 2.1.', 'Raum 1.02.': a name, not a date
        if match["sm"] and not year and ctx.previous_word().lower() not in DATE_WORDS:
            return None  # '1. 5.' spaced, without a year, is a date only after 'am', 'vom', 'bis' ...
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    before = ctx.before()
    if (match["to"] or ctx.text[ctx.start - 2:ctx.start] == "./") and before:
        # '31.12./1.1.', '24.12.–1.1.': the second date takes the first's case
        before = before[:-1]
    agreement = grammar.agreement(before, [MONTHS[month - 1]], ctx.nouns)
    ending = grammar.adjective_ending(agreement)
    spoken = f"{grammar.date_article(before)}{numbers.ordinal(day, ending)} {MONTHS[month - 1]}"
    if match["d0"] and 1 <= int(match["d0"]) <= 31:  # 'am 24./25.12.': am vierundzwanzigsten und fünfundzwanzigsten
        spoken = f"{numbers.ordinal(int(match['d0']), ending)} {'und' if match['link'] == '/' else 'bis'} {spoken}"
    if year:
        spoken += " " + spoken_year(year)
    return f" bis {spoken}" if match["to"] else spoken
