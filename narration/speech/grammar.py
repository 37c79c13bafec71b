"""Agreement: which case, gender and declension a number before a noun takes.

German numbers inflect like adjectives: "in der 2. Halbzeit" is "zweiten",
"ihr 4. Album" is "viertes", "nur 1 Person" is "eine". The article,
possessive or preposition before the number gives the case (and the
declension: weak after "der", mixed after "ein"/"ihr", strong with none); the
noun after it gives gender and number. Siblings share both: in "am 3. und 4.
Juni" the second ordinal looks past "3. und" to "am", the first past "und 4."
to "Juni".
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import data

_LINKS = {"und", "oder", "bis", "sowie", "beziehungsweise", "bzw.", "–", "-", ","}
_DECLINED = re.compile(r"[a-zäöüß]{3,}(?:e|en|em|er|es)")  # an attributive adjective's form
_CASE_NAMES = {"n": "nom", "a": "acc", "d": "dat", "g": "gen"}  # the noun table's case letters
_NUMBERISH = re.compile(r"[\d.,:/–-]*\d[\d.,:/–-]*\.?$")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
MONTH_WORDS = frozenset(MONTHS + ("Jänner", "Jan.", "Feb.", "Febr.", "Mär.", "Mrz.", "Apr.", "Jun.", "Jul.", "Aug.",
                                  "Sep.", "Sept.", "Okt.", "Nov.", "Dez.",
                                  "Septbr.", "Oct.", "Octbr.", "Novbr.", "Dec.", "Decbr."))  # old books' spellings


def is_month(word: str) -> bool:
    """'Mai', 'Jan.', 'Mai.' or 'Jänner.' ending a sentence, 'JULI' in a headline set in capitals."""
    return word in MONTH_WORDS or word.rstrip(".") in MONTH_WORDS or word.rstrip(".").capitalize() in MONTH_WORDS


_WEEKDAYS = frozenset(("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonnabend", "Sonntag",
                       "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."))
# a word, a number, a link; and a biography's birth or death mark before a date, which governs it as 'am' does
_WORDS = re.compile(r"\d(?:[\d.,:/–-]*\d)?\.?|[^\W\d_][\w-]*\.?|[–,]|[*†](?=\s?(?:\d|$))")


@dataclass(frozen=True)
class Agreement:
    case: str = "nom"  # nom acc dat gen
    gender: str = "m"  # m f n
    plural: bool = False
    declension: str = "strong"  # weak (after der/am/zur), mixed (after ein/ihr), strong (no article)
    noun: str = ""  # the noun found after the number, if any


def words_before(text: str, start: int) -> list[str]:
    return _WORDS.findall(text, max(0, start - 60), start)


def words_after(text: str, end: int) -> list[str]:
    return _WORDS.findall(text, end, end + 80)


@functools.lru_cache(maxsize=256)
def analyses(name: str) -> list[tuple[str, str, bool, str]]:
    row = data.rows("determiners.tsv").get(name)
    if not row:
        return []
    result = []
    for part in row[0].split(";"):
        case, gender, number, declension = part.split()
        result.append((case, gender, number == "p", declension))
    return tuple(result)


@functools.lru_cache(maxsize=1)
def feminine_articles() -> frozenset[str]:
    """Determiners read first as feminine singular nominative ('die', 'eine', 'jede', 'meine'; data/determiners.tsv)."""
    return frozenset(word.lower() for word, row in data.rows("determiners.tsv").items()
                     if row[0].split(";")[0].split()[:3] == ["nom", "f", "s"])


@functools.lru_cache(maxsize=1)
def adverbs() -> frozenset[str]:
    """Words between a preposition and its number that leave its case alone ('mit rund 28')."""
    return data.words("quantity_cues.txt") | data.words("number_adverbs.txt")


def governing_word(before: list[str]) -> tuple[str, str]:
    """(determiner or preposition, the preposition before that determiner), skipping sibling numbers."""
    words = list(before)
    skipped = list(words)
    while len(skipped) >= 2 and skipped[-1].lower() in adverbs():  # 'mit rund 28 Punkten', 'mit nun 28 Punkten'
        skipped = skipped[:-1]
    if not analyses(skipped[-1].lower() if skipped else ""):  # but 'einen ca. 1,80 m großen Mann': the article is the man's
        words = skipped
    if len(words) >= 2 and _DECLINED.fullmatch(words[-1]) and not analyses(words[-1]) and analyses(words[-2].lower()):
        words = words[:-1]  # 'aus dem frühen 9. Jahrhundert': an adjective between the article and its ordinal
    while len(words) >= 2 and words[-1].lower() in _LINKS:
        if _NUMBERISH.match(words[-2]):  # 'am 3. und 4. Juni'
            words = words[:-2]
        elif len(words) >= 3 and _NUMBERISH.match(words[-3]) and (
                words[-2][:1].isupper() or words[-2].endswith(".") or words[-2] in data.units()):
            words = words[:-3]  # 'zu 2 J. und 6 Mon.', 'am 11. Febr., 14. Mai': siblings share the case
        else:
            break
    while len(words) >= 3 and words[-1] in data.units() and _NUMBERISH.match(words[-2]) and not words[-2].endswith("."):
        words = words[:-2]  # '2 J. 6 Mon.', '1 Std. 30 Min.': a duration's parts share the case
    if len(words) >= 3 and words[-1] == "," and words[-2] in _WEEKDAYS:  # "am Montag, 3. Juni": dem dritten
        words = words[:-2]
    elif len(words) >= 3 and words[-1] in _WEEKDAYS and words[-2].lower() == "am" and cases_asked(words[-3].lower()):
        words = words[:-2]  # 'kostete am Montag 1,63 €': when it was so, the verb's case is the amount's
    elif len(words) >= 2 and words[-1] in _WEEKDAYS:  # "am Do. 18.1.": the weekday's own article
        words = words[:-1]
    last = words[-1].lower() if words else ""
    previous = words[-2].lower() if len(words) >= 2 else ""
    return last, previous


def range_link(before: list[str]) -> str:
    """The word a dash between two numbers is read as: 'bis', but 'und' after 'zwischen' ('zwischen
    10 – 15 Grad': zwischen zehn und fünfzehn Grad)."""
    return "und" if before and before[-1].lower() == "zwischen" else "bis"


def date_article(before: list[str]) -> str:
    """The article a bare preposition implies before a date, with its space: 'seit 1.3.' -> 'dem ',
    'bis 31.12.' -> 'zum '; '' after an article or a contraction ('am', 'vom'), in a range or with none.
    Duden prefers 'ab dem ersten Januar' (or 'ab erstem') to the colloquial 'ab ersten Januar'."""
    words = list(before)
    while len(words) >= 2 and words[-1].lower() in adverbs():  # 'bis spätestens 30.6.': bis spätestens zum
        words = words[:-1]
    if not words or words[-1].lower() not in data.rows("prepositions.tsv"):
        return ""
    if words[-1].lower() == "bis" and len(words) >= 2 and _NUMBERISH.match(words[-2]):
        return ""  # 'vom 3. bis 5. Mai': a range's second date takes none
    row = data.rows("prepositions.tsv")[words[-1].lower()]
    return row[1] + " " if len(row) > 1 else ""


def following_noun(after: list[str], nouns) -> tuple[str, str]:
    """(noun, its analyses) after a number: past sibling numbers ("und 4.") and up to two adjectives."""
    words = list(after)
    adjectives = 0
    stop = data.words("sentence_words.txt")
    while words:
        word = words.pop(0)
        if word.lower() in _LINKS and words and _NUMBERISH.match(words[0]):
            words.pop(0)
            continue
        if _NUMBERISH.match(word) or word in (",", "–"):
            return "", ""
        if is_month(word):
            return word, "mnmamdmg"
        if word[0].isupper():
            if word in stop:
                return "", ""
            return word, abbreviated_noun(word, nouns) or nouns.analyses(word.rstrip("."))  # 'Amp.': Ampulle, not 'Amp'
        if not word.endswith(("e", "en", "er", "es", "em")):  # an attributive adjective is declined;
            break  # 'A 1 führt von Heiligenhafen': a verb, not an adjective before 'Heiligenhafen'
        adjectives += 1
        if adjectives > 2:
            break
    return "", ""


def cases_asked(word: str) -> list[str]:
    """The cases a preposition or verb of our tables asks for, most likely first ('in': dative,
    accusative; 'kostet': accusative); [] for any other word."""
    row = data.rows("prepositions.tsv").get(word) or data.rows("case_verbs.tsv").get(word)
    return row[0].split() if row else []


GENITIVE_ARTICLES = frozenset(("des", "eines", "dieses", "jedes"))  # before a masculine or neuter genitive


def genitive(noun: str, nouns) -> str:
    """A masculine or neuter noun's genitive singular ('Artikel' -> 'Artikels', 'Absatz' ->
    'Absatzes', 'Paragraf' -> 'Paragrafen'), as the noun table has it; the noun itself otherwise."""
    for ending in ("s", "es", "en", "n"):
        codes = nouns.exact(noun + ending)
        if any(codes[i:i + 2] in ("mg", "ng") for i in range(0, len(codes), 2)):
            return noun + ending
    for start in range(1, len(noun) - 2):  # a compound the table lacks takes its head's ending ('Baugesetzbuch')
        head = noun[start].upper() + noun[start + 1:]
        if nouns.exact(head):
            said = genitive(head, nouns)
            return noun + said[len(head):]
    return noun


def plural_gender(word: str, nouns) -> str:
    """The gender of a plural's singular, found by taking off one to three letters ('Frauen' ->
    'Frau': f, 'Patienten' -> 'Patient': m, 'Autos' -> 'Auto': n); 'm' where none is a noun."""
    for cut in (1, 2, 3):
        codes = nouns.exact(word[:-cut]) if len(word) - cut >= 3 else ""
        genders = [codes[i] for i in range(0, len(codes), 2) if codes[i] in "mfn"]
        if genders:
            return genders[0]
    return "m"


def known_noun(word: str, nouns) -> bool:
    """Whether the noun table knows ``word`` (a full stop after it dropped), or the noun an
    abbreviation of it stands for ('Tbl.': Tablette)."""
    return bool(abbreviated_noun(word, nouns) or nouns.analyses(word.rstrip(".")))


def abbreviated_noun(word: str, nouns) -> str:
    """The analyses of the noun an abbreviation stands for ('1 Tbl.': eine Tablette)."""
    from .classes.abbreviation import counted

    expanded = counted(word) if word.endswith(".") else None
    return nouns.analyses(expanded.split(" ")[-1]) if expanded and expanded[:1].isupper() else ""


def agreement(before: list[str], after: list[str], nouns) -> Agreement:
    """Case, gender, number and declension for a number between ``before`` and ``after``."""
    governor, previous = governing_word(before)
    noun, codes = following_noun(after, nouns)
    noun_readings = [(codes[i + 1], codes[i]) for i in range(0, len(codes), 2)]  # (case letter, gender or p)
    readings = [(_CASE_NAMES[c], g) for c, g in noun_readings]

    def fits(case, gender, plural, reading):
        r_case, r_gender = reading
        if r_case != case:
            return False
        return r_gender == "p" if plural else r_gender == gender

    determiner = analyses(governor)
    prepositions = data.rows("prepositions.tsv")
    if determiner:
        allowed = prepositions.get(previous, [""])[0].split()
        options = [d for d in determiner if not allowed or d[0] in allowed] or determiner
        if readings:
            matching = [d for d in options if any(fits(d[0], d[1], d[2], r) for r in readings)]
            if matching:
                # a noun of two genders the determiner cannot tell apart ('sein 10. Tor'): the one
                # news text means (data/usual_genders.tsv); else the determiner's first reading
                options = sorted(matching, key=lambda d: d[1] != _usual_gender(noun.rstrip(".,;:!?")))
        case, gender, plural, declension = options[0]
        if gender == "*":
            gender = next((g for c, g in readings if g != "p"), "m")
        return Agreement(case, gender, plural, declension, noun)
    if governor in prepositions and not _siblings_disagree(before, governor, prepositions[governor][0].split(), nouns):
        # before a month the article is implied ('ab 3. Mai': ab dem dritten Mai); before another noun
        # there is none, and the ending is strong ('in 2. Lesung': in zweiter Lesung)
        declension = "implied" if is_month(noun) else "strong"
        cases = prepositions[governor][0].split()
        for case in cases:
            for r_case, r_gender in readings:
                if r_case == case:
                    return Agreement(case, "m" if r_gender == "p" else r_gender, r_gender == "p", declension, noun)
        gender = next((g for _, g in readings if g != "p"), "m")
        return Agreement(cases[0], gender, bool(readings) and all(g == "p" for _, g in readings), declension, noun)
    if _measured(after, noun):  # 'den Teig 1 cm dick', '1 Monat alt': a measure before its adjective is accusative
        gender = next((g for c, g in readings if g != "p" and c == "a"), None) or next(
            (g for _, g in readings if g != "p"), "m")
        return Agreement("acc", gender, bool(readings) and all(g == "p" for _, g in readings), "strong", noun)
    verbs = data.rows("case_verbs.tsv")
    verb_case = verbs.get(governor) or (verbs.get(previous) if governor in ("es", "sie", "er") else None) \
        or _verb_before_phrase(before, verbs)
    if verb_case:  # 'kostet 1 €': einen Euro; 'gab es 1 Toten': einen
        gender = next((g for c, g in readings if g != "p" and c == verb_case[0]), "m")
        plural = bool(readings) and all(g == "p" for _, g in readings)
        return Agreement(verb_case[0], gender, plural, "strong", noun)
    if readings:
        for wanted in ("nom", "acc", "dat", "gen"):
            for r_case, r_gender in readings:
                if r_case == wanted:
                    return Agreement(wanted, "m" if r_gender == "p" else r_gender, r_gender == "p", "strong", noun)
    return Agreement(noun=noun)


def _verb_before_phrase(before: list[str], verbs: dict) -> list[str] | None:
    """A verb of our table before a place or time between it and its amount ('kostet in der Schweiz rund
    1,78 Fr.', 'beträgt im Schnitt 1 Euro'): its case, else None."""
    words = [w for w in before[-6:] if w.lower() not in adverbs()]
    for k in range(len(words) - 2, 0, -1):
        if words[k].lower() in data.rows("prepositions.tsv") or words[k].lower() in ("im", "am", "beim", "zum", "vom"):
            phrase = words[k + 1:]
            if phrase and phrase[-1][:1].isupper() and all(analyses(w.lower()) or w[:1].isupper() for w in phrase):
                return verbs.get(words[k - 1].lower())
            return None
    return None


@functools.lru_cache(maxsize=4096)
def _usual_gender(noun: str) -> str:
    """The gender news text means by a noun of two, or by a compound ending in one ('Saisontor')."""
    return next((row[0] for word, row in data.rows("usual_genders.tsv").items()
                 if noun == word or noun.endswith(word.lower())), "")


def _siblings_disagree(before: list[str], governor: str, cases: list[str], nouns) -> bool:
    """Whether a noun counted by a sibling number between the preposition and this number cannot take
    the preposition's case: in 'von 480 €, 2 Punkte und 1 Monat' 'Punkte' is no dative, so the list
    is not the preposition's and 'ein Monat' is nominative."""
    if not before or before[-1].lower() not in _LINKS:
        return False
    lowered = [w.lower() for w in before]
    start = len(lowered) - 1 - lowered[::-1].index(governor) if governor in lowered else len(before)
    for number, noun in zip(before[start + 1:], before[start + 2:]):
        if _NUMBERISH.match(number) and not number.endswith(".") and noun[:1].isupper():  # a count, not '3. Zimmer'
            codes = nouns.analyses(noun)
            plural = number.rstrip(".") != "1"  # 'zwei Punkte': only its plural readings ('dem Punkte' is old)
            readings = {_CASE_NAMES[codes[i + 1]] for i in range(0, len(codes), 2) if (codes[i] == "p") == plural}
            if readings and not readings & set(cases):
                return True
    return False


def _measured(after: list[str], noun: str) -> bool:
    """Whether an adjective of dimension follows the number's noun, or the number when its unit was
    part of it ('1 cm dick', '1 Jahr alt'; ``data/measure_adjectives.txt``)."""
    rest = after[after.index(noun) + 1:] if noun and noun in after else after
    return bool(rest) and rest[0].rstrip(".,;:!?") in data.words("measure_adjectives.txt")


_STRONG = {("nom", "m"): "er", ("nom", "f"): "e", ("nom", "n"): "es", ("acc", "m"): "en", ("acc", "f"): "e",
           ("acc", "n"): "es", ("dat", "m"): "em", ("dat", "f"): "er", ("dat", "n"): "em", ("gen", "m"): "en",
           ("gen", "f"): "er", ("gen", "n"): "en"}
_STRONG_PLURAL = {"nom": "e", "acc": "e", "dat": "en", "gen": "er"}


def adjective_ending(a: Agreement) -> str:
    """The ending an ordinal takes: 'der dritte', 'am dritten', 'ihr viertes', 'dritter Platz'."""
    if a.declension in ("weak", "implied"):
        if not a.plural and (a.case == "nom" or (a.case == "acc" and a.gender in ("f", "n"))):
            return "e"
        return "en"
    if a.declension == "mixed":
        if a.plural:
            return "en"
        if a.case == "nom" and a.gender == "m":
            return "er"
        if a.case in ("nom", "acc") and a.gender == "n":
            return "es"
        if a.case in ("nom", "acc") and a.gender == "f":
            return "e"
        return "en"
    if a.plural:
        return _STRONG_PLURAL[a.case]
    return _STRONG[(a.case, a.gender)]
