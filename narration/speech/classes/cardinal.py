"""Cardinals: '150' -> 'einhundertfünfzig', '25 000' and '10.000' are one number, '−8' -> 'minus acht', '1
Person' -> 'eine Person', '1-Zimmer-Wohnung' -> 'ein-Zimmer-Wohnung' ('mit 1 Stimme' -> 'mit einer Stimme', '1
von 10 Frauen' -> 'eine von zehn'), a lone '1' -> 'eins' (and 'Nr. 1' too), '2 Mio.' -> 'zwei Millionen',
'2er' -> 'zweier', '3x' -> 'dreimal', 'für 299,-' -> 'für zweihundertneunundneunzig' (a price), '030' (a
leading zero: a code) -> 'null drei null', '5a' (a house, an article) -> 'fünf a', 'G7' -> 'Ge-sieben', 'A380'
-> 'A-dreihundertachtzig' (five digits and more one by one: 'KB5034441'), 'PM2,5' -> 'Pe-Emm-zwei Komma fünf',
'ID.3' -> 'I-De-drei'. The hyphen in 'Windows-11' or 'Covid-19' is part of a name, never a minus."""
import re

from .. import data, grammar, numbers
from ..patterns import INT, SIGN, START, SUBSCRIPT_DIGITS, scales
from . import letters

NAME = "cardinal"
FIRST = r"[\dA-ZÄÖÜ+±−–-]"  # what a match begins with
PATTERN = (rf"(?<![\w.,])(?P<code>(?:[A-ZÄÖÜ]+[\d₀-₉]+|\d+[A-ZÄÖÜ]+)[A-ZÄÖÜ\d₀-₉]*)(?P<fraction>,\d+|\.\d+(?![\w.]))?(?![\w]|,\d)"
           rf"|(?<![\w.,])(?P<dotted>[A-Z]{{2,3}})\.(?P<model>\d{{1,2}})(?![\w.])"
           rf"|{START}(?P<sign>{SIGN})?(?P<n>{INT})(?:(?P<suffix>er|fach|mal|[x×](?![\w])|\s[x×](?=\s(?:tgl\.|[A-ZÄÖÜ][a-zäöüß]|(?:täglich|wöchentlich|monatlich|jährlich|pro|je|im|am|in)\b)))|(?P<letter>[a-z](?![\w]))|(?P<price>,(?:--|[-–—])(?![\w\d])))?"
           rf"(?:\s?(?P<scale>{scales()}))?(?![\d])")
_RUNS = re.compile(r"\d+|[^\d]+")
_ONE_OF = re.compile(r"\svon\s[\d.]+(?:\s(?P<noun>[A-ZÄÖÜ][a-zäöüß]+))?")  # '1 von 10 Patienten'
_ORDINAL_NEXT = re.compile(r",\s?(?:\d+\.\s|\d{4,5}\s[A-ZÄÖÜ])")  # '1, 2. OG', '1, 8001 Zürich'


def verbalise(match, ctx):
    if match["dotted"]:  # 'VW ID.3': a model's name
        return f"{letters.spell(match['dotted'])}-{numbers.cardinal(int(match['model']))}"
    if match["code"]:
        code = match["code"].translate(SUBSCRIPT_DIGITS)  # 'CO₂' is 'CO2'
        known = data.rows("acronyms.tsv").get(code)
        if known and known[0] != "spell":
            return known[0]
        runs = _RUNS.findall(code)
        said = [_code_number(run) if run.isdigit() else _code_letters(run) for run in runs]
        worded = any(" " in part for run, part in zip(runs, said) if not run.isdigit())
        spoken = (" " if worded else "-").join(said)  # '3ZKB': drei Zimmer, Küche, Bad
        if match["fraction"]:  # 'PM2,5': Komma; an ICD code 'F32.1': Punkt
            spoken += (" Komma " if match["fraction"][0] == "," else " Punkt ") + numbers.digits(match["fraction"][1:])
        return spoken

    if match["sign"] and ctx.text[ctx.end:ctx.end + 1] == ":" and ctx.text[ctx.end + 1:ctx.end + 2].isdigit():
        return None  # '+1:02 min': a signed time or score, for its own class after the sign
    sign = numbers.sign_words(match["sign"])
    if re.fullmatch(r"0\d+", match["n"]) and not match["suffix"] and not match["scale"]:
        return sign + numbers.digits(match["n"])  # '030', '007': a code, said digit by digit
    value = numbers.parse_int(match["n"])
    if match["price"]:  # 'für 299,-': a price in whole units, its currency unsaid
        return sign + numbers.cardinal(value)
    if match["suffix"]:  # '2er' -> 'zweier', '3fach' -> 'dreifach', '3x' -> 'dreimal'
        words = numbers.cardinal(value)
        suffix = "mal" if match["suffix"].strip() in ("x", "×") else match["suffix"]  # '3x', '3 x tgl.': dreimal
        return sign + (words[:-1] if words.endswith("eins") else words) + suffix
    if match["letter"]:  # a house, an article, a model: 'Goethestraße 5a', 'Art. 20a GG', 'GPT-4o' -> 'fünf a'
        return f"{sign}{numbers.cardinal(value)} {match['letter']}"
    if match["scale"]:
        singular, plural = data.rows("scales.tsv")[match["scale"]]
        if singular == "Tausend":
            return f"{sign}{'ein' if value == 1 else numbers.cardinal(value)}tausend"
        if value == 1:
            return f"{sign}eine {singular}"
        return f"{sign}{numbers.cardinal(value)} {plural}"
    if value == 1 and not sign:
        if ctx.followed_by("Uhr", within=1):
            return "ein"
        before = ctx.text[max(0, ctx.start - 2):ctx.start]
        if ctx.previous_word() in data.words("label_words.txt") or re.search(r"[#§]\s?$|\w-$", before):
            # 'Nr. 1', 'Abs. 1 GG', '#1', '§ 1 Abs. 2', 'Formel-1-Saison', 'ISO-8859-1': a name
            return "eins"
        if re.match(r"-[^\W\d]", ctx.text[ctx.end:ctx.end + 2]):  # a compound's first part: '1-Zimmer-Wohnung'
            return "ein"
        if _ORDINAL_NEXT.match(ctx.text, ctx.end):  # 'Rathausplatz 1, 2. OG', 'Platz 1, 8001 Zürich': not ours
            return "eins"
        if ctx.previous_word() == "davon":  # '3 Verletzte, davon 1 schwer': einer
            return "einer"
        share = _ONE_OF.match(ctx.text, ctx.end)
        if share:  # '1 von 10 Patienten': einer von zehn; 'bei 1 von 100 Frauen': bei einer
            cases = grammar.cases_asked(ctx.previous_word().lower()) if ctx.before() else []
            gender = grammar.plural_gender(share["noun"], ctx.nouns) if share["noun"] else "m"
            return numbers.einer(cases[0] if cases else "nom", gender)
        agreement = ctx.agreement()
        if agreement.noun.rstrip(".") == "Uhr":  # 'von 1 bis 7 Uhr': an hour, not one clock
            return "eins"
        if agreement.noun and grammar.known_noun(agreement.noun, ctx.nouns):  # '1 Tbl.': eine Tablette;
            return numbers.ein(agreement.case, agreement.gender)  # 'Platz 1, 11011 Berlin': no noun
        return "eins"
    return sign + numbers.cardinal(value)


def _code_letters(run: str) -> str:
    """A code's letters: spelled ('G7', 'RTX4090'), unless German could say them as a word ('SOMMER24',
    'COVID19'), as the letters class decides for words in capitals, or our acronyms say them so ('3ZKB':
    Zimmer, Küche, Bad)."""
    known = data.rows("acronyms.tsv").get(run)
    if known and known[0] != "spell":
        return known[0]
    return run.capitalize() if letters.pronounceable(run) else letters.spell(run)


def _code_number(run: str) -> str:
    """A code's number: 'A380' -> 'dreihundertachtzig', but five digits and more one by one
    ('KB5034441': nobody says 'fünf Millionen …' for an update's number), as is a leading zero."""
    return numbers.digits(run) if len(run) >= 5 or (run.startswith("0") and len(run) > 1) else numbers.cardinal(int(run))
