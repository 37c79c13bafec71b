"""Names and handles that mix letters and digits: 'Rainer555' -> 'Rainer fünfhundertfünfundfünfzig',
'6aus49' -> 'sechs aus neunundvierzig', 'Park4Night' -> 'Park vier Night', 'sb002' -> 'sb null null
zwei'. Each run of digits is a number (with leading zeros, digit by digit) and each run of letters stays
a word. Codes in capitals ('G7', 'A380') are the cardinal class's; '2er', '3fach', '1990er' (digits,
then letters only) belong to the number classes. A long hexadecimal id (a commit, an image's object id:
twelve and more of 0-9 and a-f, both mixed in) is not said: it means nothing heard. A hexadecimal number
written '0x…' (an error code) is said sign by sign."""
import re

from .. import data, numbers
from .letters import spell

NAME = "alphanumeric"
_L = "A-Za-zÄÖÜäöüß"
PATTERN = (r"(?<![\w.,])0x(?P<hex>[\dA-Fa-f]+)(?![\w])|"
           rf"(?<![\w.,])(?=[\w]*[a-zäöüß])"
           rf"(?:[{_L}]+\d+[{_L}\d]*|\d+[{_L}]+\d+[{_L}\d]*)(?![\w])")
_RUNS = re.compile(r"\d+|\D+")
_HEX_ID = re.compile(r"(?=(?:[a-f]*\d){3})(?=(?:\d*[a-f]){2})[0-9a-f]{12,}")


def verbalise(match, ctx):
    if match["hex"]:  # an error code '0x80070005': 'null x acht null null sieben …', as it is typed
        return "null x " + " ".join(numbers.digits(ch) if ch.isdigit() else spell(ch.upper()) for ch in match["hex"])
    known = data.rows("acronyms.tsv").get(match.group(0))
    if known:  # 'HbA1c': said as listed
        return spell(match.group(0)) if known[0] == "spell" else known[0]
    if _HEX_ID.fullmatch(match.group(0)):  # a hash or an object id ('61979e4b849388…'): nothing to hear
        return " "
    words = []
    for run in _RUNS.findall(match.group(0)):
        if run.isdigit():
            words.append(numbers.digits(run) if run.startswith("0") and len(run) > 1 else numbers.cardinal(int(run)))
        else:
            words.append(run)
    return " ".join(words)
