"""Roman numerals: 'Wilhelm II.' -> 'Wilhelm der Zweite', 'unter Wilhelm II.' -> 'unter Wilhelm dem Zweiten',
'Elizabeth II.' -> 'Elizabeth die Zweite', 'Teil III' -> 'Teil drei', 'Seiten XII–XV' -> 'Seiten zwölf bis
fünfzehn', 'NYHA III' -> 'Enn-Üpsilon-Ha-A drei' (after an acronym a stage or class). Only after a name (with its
full stop) or a counting word, so the letters of 'CDU' or an English 'I' are never numbers; after an article
and before its noun an ordinal: 'im II. Akt' -> 'im zweiten Akt'. 'L' and 'C' alone are letters ('Klasse C',
'Größe L'): nobody numbers a part 50 or 100 with one letter."""
import re

from .. import data, grammar, numbers
from .ordinal import ARTICLES, describes

NAME = "roman"
FIRST = r"[IVXLCM]"  # what a match begins with
PATTERN = (r"(?<![\w])(?P<year>M{1,2}[MDCLXVI]{2,12})\.?(?![\wÄÖÜäöü])"  # 'Anno MCCCXLVIII', a title page's year
           r"|(?<![\w])(?P<roman>[IVXLC]{1,7})(?:[–-](?P<last>[IVXLC]{1,7}))?(?P<dot>\.)?(?![\wÄÖÜäöü])")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CANONICAL = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
              ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_ARTICLES = {"nom": ("der", "die", "e"), "acc": ("den", "die", "en"), "dat": ("dem", "der", "en"),
             "gen": ("des", "der", "en")}

# Two-way prepositions that, before a person, point at them and take the accusative: 'Brief an Papst Paul
# den Dritten', 'Rede über Kaiser Wilhelm den Zweiten', 'auf Ludwig den Vierzehnten folgte'.
_TOWARDS_A_PERSON = frozenset(("an", "auf", "über"))
_CLOSING_QUOTES = frozenset("“”\"«»’'")


def value(numeral: str) -> int | None:
    total = _parsed(numeral)
    if not total or total >= 200:
        return None
    return total if _written(total) == numeral or _additive(numeral) else None


def _parsed(numeral: str) -> int | None:
    """The numeral's value read greedily, thousands and all; None when letters are left over."""
    total, rest = 0, numeral
    for letters, amount in _CANONICAL:
        while rest.startswith(letters):
            total, rest = total + amount, rest[len(letters):]
    return None if rest else total


def _additive(numeral: str) -> bool:
    """The old form without subtraction, as old books and clocks write it: 'IIII', 'VIIII'."""
    values = [_VALUES[letter] for letter in numeral]
    return values == sorted(values, reverse=True) and numeral.count("V") <= 1 and numeral.count("L") <= 1


def _written(number: int) -> str:
    """The canonical numeral; 'VV' is two letters ('Nr. 3100 VV RVG'), not 10."""
    written = ""
    for letters, amount in _CANONICAL:
        while number >= amount:
            written, number = written + letters, number - amount
    return written


def _genitive(name: str) -> bool:
    """'Ludwigs', 'Karls', 'Heinrichs': a name with the genitive s after a consonant (names that end
    in a vowel and s, 'Johannes', 'Nikolaus', are nominative)."""
    return len(name) > 3 and name.endswith("s") and name[-2].lower() not in "aeiouäöüsxz"


def _case(before: list[str], feminine: bool) -> str:
    """The case of a ruler's name, from the article or preposition before it, past a title ('mit
    Papst Leo XIV.', 'des Königs Ludwig XIV.', 'der Königin Elisabeth II.'); nominative otherwise
    (after a verb the name may be subject or object: we cannot tell)."""
    words = before[:-1]
    while words and words[-1] in data.words("ruler_titles.txt"):
        words = words[:-1]
    word = words[-1].lower() if words else ""
    gender = "f" if feminine else "m"
    for case, genders, plural, _ in grammar.analyses(word):
        if not plural and genders in (gender, "*"):
            return case
    if word in _TOWARDS_A_PERSON:
        return "acc"
    return data.rows("prepositions.tsv").get(word, ["nom"])[0].split()[0]


def _year(numeral: str) -> int | None:
    """A year written in Roman numerals, in canonical form ('MDCCCXXVII' -> 1827), from 1000 to 2099."""
    total = _parsed(numeral)
    return total if total and 1000 <= total < 2100 and _written(total) == numeral else None


def verbalise(match, ctx):
    if match["year"]:  # five letters at least, or after 'Anno': 'MCV' is a blood count, not 1105
        named = ctx.previous_word() in ("Anno", "anno", "Domini")
        year = _year(match["year"]) if len(match["year"]) >= 5 or named else None
        return numbers.year(year) + ("." if match.group(0).endswith(".") and ctx.at_sentence_end() else "") \
            if year else None
    number = value(match["roman"])
    if number is None or match["roman"] in ("L", "C"):  # 'Klasse C', 'Größe L': a letter, not 50 or 100
        return None
    before = ctx.before()
    name = before[-1] if before else ""
    end = "." if match["dot"] and ctx.at_sentence_end() else ""
    named = data.rows("acronyms.tsv").get(name, ["spell"])[0] != "spell"  # 'ALG I': Arbeitslosengeld eins
    staged = len(name) > 1 and name.isupper() and name.isalpha() and not ctx.caps_line and (
        match["roman"] != "I" or named or not ctx.next_word()[:1].isalpha())  # 'CDU I Gruppe': an English 'I' maybe
    if name in data.words("roman_cues.txt") or staged:
        # 'Teil III'; after an acronym a stage or class: 'NYHA III'
        last = value(match["last"]) if match["last"] else None
        return numbers.cardinal(number) + (f" bis {numbers.cardinal(last)}" if last else "") + end
    if match["last"]:
        return None  # 'XII–XV' as a range only after a counting word ('Seiten XII–XV')
    if not match["dot"] and ctx.text[ctx.end:ctx.end + 1] in _CLOSING_QUOTES and name[:1].isupper() \
            and name.isalpha() and ctx.text[:ctx.start].endswith(name + " "):
        return numbers.cardinal(number)  # a title's part: '„Faust I“' is Faust eins, 'Rocky II' in quotes
    following = ctx.next_word()
    if match["dot"] and re.search(r"(?:^|:)\s*$", ctx.text[:ctx.start]) and following[:1].isupper() and (
            len(match["roman"]) > 1 or following in ARTICLES):  # one letter may be an initial: 'V. Müller'
        return numbers.cardinal(number) + "."  # 'Gründe: I. Die Parteien …': a heading's number
    after = ctx.after()
    if match["dot"] and name in ARTICLES and after and describes(after[0], after, ctx.nouns, before):
        return numbers.ordinal(number, grammar.adjective_ending(ctx.agreement()))  # 'im II. Akt': im zweiten Akt
    if not (match["dot"] and name[:1].isupper() and name.isalpha()) or name in data.words("sentence_words.txt") \
            or not ctx.text[:ctx.start].endswith(name + " "):  # 'Gründe: I. Die Parteien …': a heading's number
        return None
    female = name in data.words("female_names.txt")
    case = "gen" if _genitive(name) else _case(before, female)  # 'des Hofes Ludwigs XIV.': des Vierzehnten
    masculine, feminine, ending = _ARTICLES[case]
    article = feminine if female else masculine
    return f"{article} {numbers.ordinal(number, ending).capitalize()}{end}"
