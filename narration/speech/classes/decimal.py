"""Decimals: '2,5' -> 'zwei Komma fünf', '3,14' -> 'drei Komma eins vier', '1,5 Mio.' ->
'eins Komma fünf Millionen'. The digits after the comma are read one by one. Three or more numbers
joined by commas are a list ('1,2,3' -> 'eins, zwei, drei'), or, in groups of three digits, a number
written the English way ('1,000,123' -> 'eine Million einhundertdreiundzwanzig'), and so are
thousands ending in '00' ('250,000', '86,400': a decimal would not end so). A decimal over a whole
number is a rating: '4,5/5' -> 'vier Komma fünf von fünf'. Two decimals after a word of paying are a
price: 'für 29,99' -> 'neunundzwanzig neunundneunzig'."""
import re

from .. import data, grammar, numbers
from ..patterns import INT, SIGN, START, scales

NAME = "decimal"
FIRST = r"[\d+±−–-]"  # what a match begins with
PATTERN = (rf"{START}(?P<list>\d+(?:,\d+){{2,}})(?![\d]|,\d)"
           rf"|{START}(?P<sign>{SIGN})?(?P<w>{INT}),(?P<f>\d+)(?![\d]|,\d)(?:\s?(?P<scale>{scales()})|/(?P<of>\d{{1,3}})(?![\w/]|[.,]\d))?")


def verbalise(match, ctx):
    if match["list"]:
        head, *groups = match["list"].split(",")
        if len(head) <= 3 and all(len(g) == 3 for g in groups):
            return numbers.cardinal(int(match["list"].replace(",", "")))
        return ", ".join(numbers.cardinal(int(n)) for n in match["list"].split(","))
    sign = numbers.sign_words(match["sign"])
    if re.fullmatch(r"[1-9]\d{0,2}", match["w"]) and (re.fullmatch(r"\d00", match["f"]) and (
            match["f"] == "000" or len(match["w"]) > 1) or _counts_whole(match, ctx)):
        # '250,000 Stadien', '86,400 Sekunden': thousands the English way (no decimal ends in '00')
        return sign + numbers.cardinal(int(match["w"] + match["f"])) + \
            (" " + data.rows("scales.tsv")[match["scale"]][1] if match["scale"] else "")
    if _is_price(match, ctx):  # 'für 29,99': neunundzwanzig neunundneunzig, as a price is said
        cents = "" if match["f"] == "00" else " " + (numbers.digits(match["f"]) if match["f"][0] == "0"
                                                      else numbers.cardinal(int(match["f"])))
        return numbers.cardinal(numbers.parse_int(match["w"])) + cents
    spoken = sign + numbers.decimal(match["w"], match["f"])
    if match["of"]:  # a rating: '4,5/5' -> 'vier Komma fünf von fünf'
        return f"{spoken} von {numbers.cardinal(int(match['of']))}"
    if match["scale"]:
        spoken += " " + data.rows("scales.tsv")[match["scale"]][1]
    return spoken


def _counts_whole(match, ctx) -> bool:
    """Three digits after the comma before people or things counted in the plural are thousands, as old
    books write them ('1,234 Seelen', '3,456 Personen': nobody counts a thousandth of a person); a score
    keeps its decimals ('14,533 Punkte')."""
    if len(match["f"]) != 3 or match["scale"] or match["of"]:
        return False
    after = ctx.after()
    following = after[0].rstrip(".,;:!?") if after else ""
    if not following[:1].isupper() or following in data.words("score_nouns.txt") or after[1:2] in (["pro"], ["je"]):
        return False  # '2,345 Kinder pro Frau': an average
    if any(word.startswith(("Schnitt", "Durchschnitt", "durchschnittlich", "Mittel")) for word in ctx.before()[-4:]):
        return False
    analyses = ctx.nouns.analyses(following)
    return following == "Mann" or ("p" in analyses[::2] and not any(g in "mfn" for g in analyses[::2]))


def _is_price(match, ctx) -> bool:
    """Two decimals after a word of paying ('für', 'kostet', 'zahle'; ``data/price_cues.txt``), with no
    noun or unit after them: a price whose currency goes without saying. Adverbs between them are
    skipped, as they are before any governed number (``grammar.adverbs``)."""
    if match["sign"] or match["scale"] or match["of"] or len(match["f"]) != 2:
        return False
    # 'für nur 9,99', 'zahle aktuell 29,99'
    before = [w for w in ctx.before()[-3:] if w.lower() not in grammar.adverbs()]
    following = ctx.next_word()
    cues = data.words("price_cues.txt")
    return bool(before) and (before[-1] in cues or before[-1].lower() in cues) and not following[:1].isupper()
