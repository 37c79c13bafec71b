"""Acronyms and words in capitals: 'USA' -> 'U-Ess-A', 'NATO' -> 'Nato', 'NGOs' -> 'Enn-Ge-Os', from
``data/acronyms.tsv``; an unknown one in mixed case that begins and ends in a capital is spelled too
('IfSG' -> 'I-Eff-Ess-Ge'), and so is a chemical formula ('NaCl'). An unknown all-caps word of four or
more letters that can be pronounced is a word ('NICHT' -> 'nicht'), and in a headline set in capitals
('ALARM IN DER STADT') every unknown word is."""
import re

from .. import clusters, data, grammar, numbers
from . import roman
from .ordinal import ARTICLES
from ..patterns import ORDINAL_BEFORE, SUBSCRIPT_DIGITS

NAME = "letters"
# acronyms with one capital ('Pkw', 'Lkw', 'Kfz') only as listed; with two or more, any word
_LISTED = "|".join(re.escape(k) for k in data.rows("acronyms.tsv") if sum(c.isupper() for c in k) < 2)
PATTERN = (r"(?<![\w])(?=[\wÄÖÜäöü]*[A-ZÄÖÜ][\wÄÖÜäöü]*[A-ZÄÖÜ])[A-Za-zÄÖÜäöüßₓ]+[₀-₉]*(?![\w])"  # 'NOₓ', 'SpO₂'
           rf"|(?<![\w])(?:{_LISTED})s?(?![\w])"
           r"|(?<![\w.@-])(?P<voiceless>[bcdfghjklmnpqrstvwxzß]{2,5})(?![\w.@/-])")


def spell(letters: str) -> str:
    """'USA' -> 'U-Ess-A'; a plural 's' stays a sound: 'NGOs' -> 'Enn-Ge-Os'."""
    if len(letters) > 1 and letters.endswith("s") and letters[:-1].isupper():
        return spell(letters[:-1]) + "s"
    names = data.rows("letters.tsv")
    return "-".join(names[ch.upper()][0] if ch.upper() in names else ch for ch in letters)


def pronounceable(word: str) -> bool:
    """Four letters or more, a vowel, and consonants before the first vowel and after the last that
    begin and end German words ('ALDI', 'LIDL', 'ALARM'); 'DOSB', 'BASF', 'FACC', 'NEJM' are spelled."""
    upper = word.upper()
    if len(word) < 4 or not any(ch in clusters.VOWELS for ch in upper) or re.search(f"[{clusters.VOWELS}]{{3}}", upper):
        return False  # no vowel, or three in a row ('UIAA'): spelled
    first, last = clusters.edges(word)
    initial, final = clusters.known()
    return first in initial and last in final


def as_word(word: str, ctx) -> str:
    """'ALARM' -> 'Alarm' (a noun), 'DER' -> 'der'; the first word of a line is capitalised."""
    lower = word.lower()
    capitalised = lower.capitalize()
    if not ctx.text[:ctx.start].strip(" \"'„“»«("):
        return capitalised
    if capitalised in data.words("sentence_words.txt") or lower in data.words("german_function_words.txt"):
        return lower  # 'DER', 'SICH': no noun, whatever a compound guess says
    return capitalised if ctx.nouns.is_noun(capitalised) else lower


_ELEMENT = re.compile(r"([A-Z][a-z]?)([₀-₉]*)")


def is_formula(word: str) -> bool:
    """Made of chemical elements' symbols only (each with its count), two or more, one of them with
    a small letter ('NaCl', 'CaCO₃'); no brand we know is ('PayPal', 'McDonald', 'CeBIT' are not)."""
    parts = _ELEMENT.findall(word)
    return ("".join(a + b for a, b in parts) == word and len(parts) >= 2 and any(len(a) == 2 for a, _ in parts)
            and all(a in data.words("elements.txt") for a, _ in parts))


def formula(word: str) -> str:
    """'CaCO₃' -> 'Zee-A-Zee-O-drei': the letters spelled, each count said as a number."""
    return "-".join(spell(a) + (f"-{numbers.cardinal(int(b.translate(SUBSCRIPT_DIGITS)))}" if b else "")
                    for a, b in _ELEMENT.findall(word))


_SHORT_PRONOUNS = ("ER", "ES", "DU")
_ORDINANCE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{3,}VO")


def _stressed(word: str, ctx) -> bool:
    """A listed acronym that is also a word opening sentences ('SO'), written in capitals for stress
    before the word it stresses ('SO schön'): not in a list ('Südost, SO'), nor after a preposition or
    an article ('Wind aus SO', 'im SO der Stadt')."""
    following = ctx.text[ctx.end:].lstrip()
    return (word.isupper() and word.capitalize() in data.words("sentence_words.txt") and following[:1].islower()
            and not grammar.cases_asked(ctx.previous_word().lower()) and ctx.previous_word() not in ARTICLES)


def verbalise(match, ctx):
    word = match.group(0)
    if match["voiceless"]:  # 'dpa/lsw': lower case, no vowel, no word: a short name, spelled
        if word in data.units() and ORDINAL_BEFORE.search(ctx.text, 0, ctx.start):
            return data.units()[word][0]  # 'ab dem 21. km': the unit an ordinal counts
        return None if word in data.words("interjections.txt") else spell(word)
    known = data.rows("acronyms.tsv")
    if ctx.caps_line and (word.lower() in data.words("german_function_words.txt") or grammar.analyses(word.lower())):
        return as_word(word, ctx)  # 'DAS ENDE DES KRIEGES': the article, not the stent 'DES'
    if word in known and _stressed(word, ctx):  # 'Das ist SO schön': the word, stressed; 'aus SO' the compass
        return as_word(word, ctx)
    for candidate, suffix in ((word, ""), (word[:-1], "s") if word.endswith("s") else (word, "")):
        if candidate in known:
            how = known[candidate][0]
            if how != "spell" and not suffix and ctx.previous_word() in grammar.GENITIVE_ARTICLES:
                how = grammar.genitive(how, ctx.nouns)  # 'des StGB': des Strafgesetzbuchs
            return (spell(candidate) if how == "spell" else how) + suffix
    if _ORDINANCE.fullmatch(word):  # 'HundeVO', 'BauVO': a regulation named by its subject
        return word[:-2] + "verordnung"
    core, suffix = (word[:-1], "s") if word.endswith("s") and word[:-1].isupper() else (word, "")
    if sum(c.isupper() for c in core) < 2:
        return None
    if not core.isupper():
        if is_formula(core):  # 'NaCl', 'CaCO₃': a chemical formula, said letter by letter
            return formula(core) + suffix
        if re.fullmatch(r"[a-z][A-Z]{3,}", core):  # 'eGFR', 'eID' is not: a lower-case letter before an acronym
            return spell(core) + suffix
        if core[0].isupper() and core[-1].isupper() and len(core) <= 6:
            return spell(core) + suffix  # a law's or an office's short name: 'IfSG', 'KfW', 'EuGH'
        if re.fullmatch(r"[A-Z]{2,4}[a-z]", core):
            return spell(core) + suffix  # capitals and one small letter: 'IMDb', 'BMVg', 'BMWi'
        return None  # mixed case we do not know ('McDonald', 'iPhone', 'macOS'): leave it to the voice
    if re.fullmatch(r"[IVX]{2,}", core) and roman.value(core):  # 'Band III', 'Kapitel XII': a number
        return numbers.cardinal(roman.value(core))
    stressed = core.capitalize() in data.words("sentence_words.txt") and (len(core) > 2 or core in _SHORT_PRONOUNS)
    if ctx.caps_line or pronounceable(core) or stressed:
        # a stressed pronoun or particle ('muss SIE sich', 'während ER nach') is the word; two capitals
        # that are not a pronoun are a name ('Tarifzone AB', not 'ab')
        return as_word(core, ctx) + suffix
    return spell(core) + suffix
