"""Percentages: '33 %', '33%', '2,5 Prozent' -> 'dreiunddreißig Prozent', '1 %' ->
'ein Prozent', '+3 %' -> 'plus drei Prozent', '5 bis 10 %' stays a range."""
from .. import numbers
from ..patterns import NUMBER, SIGN, START

NAME = "percent"
PATTERN = (rf"{START}(?P<sign>{SIGN})?(?P<n>{NUMBER})(?:\s?[–-]\s?(?P<n2>{NUMBER}))?\s?"
           r"(?P<unit>%|‰|Prozent(?![\wäöü])|v\.\s?H\.)")


def verbalise(match, ctx):
    sign = numbers.sign_words(match["sign"])
    word = "Promille" if match["unit"] == "‰" else "Prozent"
    if match["n2"]:
        return f"{sign}{numbers.amount(match['n'])} bis {numbers.amount(match['n2'])} {word}"
    one = numbers.ein(ctx.agreement().case, "n") if numbers.is_one(match["n"]) else "eins"
    return f"{sign}{numbers.amount(match['n'], one)} {word}"
