"""Telephone numbers, digit by digit in their groups: '030 98765432' ->
'null drei null, neun acht sieben sechs fünf vier drei zwei'. Read as a
count, a phone number means nothing to a listener; a country code written apart is said as the
number it is called by: '+49 30 …' -> 'plus neunundvierzig, drei null, …'."""
import re

from .. import numbers

NAME = "telephone"
FIRST = r"[+(\d]"  # what a match begins with
PATTERN = (r"(?<![\w+.,])(?:\+\d{1,3}\s?(?:\(0\)\s?)?\d{1,5}|\(0\d{2,5}\)|0\d{2,5})"
           r"(?:\s?[/-]\s?|\s)?\d{2,}(?:(?:\s?[/-]\s?|\s)?\d{2,}){0,3}(?![\w.,]?\d)")


def verbalise(match, ctx):
    text = match.group(0).replace("(0)", " ")
    groups = [g for g in re.split(r"[\s/()-]+", text) if g]
    if sum(len(g.lstrip("+")) for g in groups) < 6:
        return None
    spoken = []
    for group in groups:
        if re.fullmatch(r"\+\d{1,3}", group):  # a country code alone is said as a number: 'plus neunundvierzig'
            spoken.append("plus " + numbers.cardinal(int(group[1:])))
        else:
            spoken.append(("plus " if group.startswith("+") else "") + numbers.digits(group))
    return ", ".join(spoken)
