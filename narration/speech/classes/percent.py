"""Percentages: '33 %', '33%', '2,5 Prozent' -> 'dreiunddreißig Prozent', '1 %' ->
'ein Prozent', '+3 %' -> 'plus drei Prozent', '5 bis 10 %' stays a range, '10%ige' -> 'zehnprozentige'."""
from .. import grammar, numbers
from ..patterns import NUMBER, SIGN, START

NAME = "percent"
FIRST = r"[\d+±−–-]"  # what a match begins with
PATTERN = (rf"{START}(?P<sign>{SIGN})?(?P<n>{NUMBER})(?:\s?[–-]\s?(?P<n2>{NUMBER}))?\s?"
           r"(?:(?<=\d)(?P<glued>[%‰])(?P<ending>ig[a-z]*)(?![\wäöü])|(?P<unit>-?%|‰|Prozent(?![\wäöü])|v\.\s?H\.))")


def verbalise(match, ctx):
    sign = numbers.sign_words(match["sign"])
    if match["glued"]:  # '10%ige' -> 'zehnprozentige'
        return f"{sign}{numbers.amount(match['n'])}{'promill' if match['glued'] == '‰' else 'prozent'}{match['ending']}"
    word = "Promille" if match["unit"] == "‰" else "Prozent"
    if match["n2"]:
        return f"{sign}{numbers.amount(match['n'])} {grammar.range_link(ctx.before())} {numbers.amount(match['n2'])} {word}"
    one = numbers.ein(ctx.agreement().case, "n") if numbers.is_one(match["n"]) else "eins"
    return f"{sign}{numbers.amount(match['n'], one)} {word}"
