"""Abbreviations from ``data/abbreviations.tsv``: 'z. B.' -> 'zum Beispiel', 'mind.' -> 'mindestens', 'e. V.' ->
'eingetragener Verein', 'S. 12' -> 'Seite 12' (only before a number: 'Thomas S.' stays), '2. mär. 2003' ->
'März', 'in der 88. Min.' -> 'Minute' (only after an ordinal), 'S. 46 f.' -> 'folgende' (only after a number),
'§ 3 Abs. 2 S. 1' -> 'Satz 1' (only in a law's citation), 'mit V. a. Herzinfarkt' -> 'Verdacht auf' (only
before a noun), 'WM 850 €' -> 'Warmmiete' (only before a sum or a share), 'LG Anna' -> 'Liebe Grüße' (only
closing a post), 'im EG' -> 'im Erdgeschoss' (only after the words listed), 'Goethestr. 12' -> 'Goethestraße
zwölf'. An abbreviation that ends the sentence keeps its full stop. One that opens a sentence is capitalised
('Z. B.', 'Ggf.', 'U. a.'), and so is its expansion ('Zum Beispiel'). An expansion ending in '-' is an
adjective and takes its ending from its noun ('die sog. Wutbürger' -> 'die sogenannten Wutbürger'). A person's
noun after a feminine article names a woman: 'die Pat.' -> 'die Patientin'."""
import dataclasses
import functools
import re

from .. import data, grammar
from ..patterns import ORDINAL_BEFORE, alternatives

NAME = "abbreviation"


KINDS = ("", "num", "after ordinal", "after number", "citation", "before date", "before noun",
         "before amount", "greeting")  # '': everywhere


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """kind (the third column) -> abbreviation without spaces -> what is said."""
    tables: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for short, cells in _entries():
        if cells[1:2] != ["after word"]:
            tables[cells[1] if len(cells) > 1 else ""][short.replace(" ", "")] = cells[0]
    return tables


@functools.lru_cache(maxsize=1)
def _after_word() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Kind "after word": abbreviation -> [(what is said, the words it must follow)] ('im EG': Erdgeschoss;
    'aus W': West, 'nach W': Westen)."""
    table: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for short, cells in _entries():
        if cells[1:2] == ["after word"]:
            table.setdefault(short.replace(" ", ""), []).append((cells[0], frozenset(cells[2].split())))
    return table


def _entries():
    path = data.FOLDER / "abbreviations.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not data.is_comment(line):
            cells = line.split("\t")
            yield cells[0], cells[1:]


def _pattern() -> str:
    shorts = {short.replace(" ", "") for short, _ in _entries()}
    shorts |= {s[0].upper() + s[1:].replace(" ", "") for s, cells in _entries()  # 'Ggf.', 'Z. B.' opening a sentence
               if s[0].islower() and cells[1:2] not in (["after ordinal"], ["after number"])}
    return rf"(?<![\wÄÖÜäöü.’'])(?:{_trie(shorts)})"  # "wir’s." is not "wir' siehe"


def _trie(shorts) -> str:
    """The abbreviations as one trie-shaped pattern: tried at nearly every capital and lower-case
    word start, a flat alternation of 460 entries was a third of the normaliser's time. A space may
    follow an inner full stop ('z. B.' = 'z.B.'); one that does not end in a full stop must end the
    word; the longest entry wins."""
    root: dict = {}
    for short in shorts:
        node = root
        for ch in short:
            node = node.setdefault(ch, {})
        node[""] = {}

    def tail(node: dict, after_dot: bool) -> str:
        parts = []
        for ch in sorted(k for k in node if k):
            step = r"\." + tail(node[ch], True) if ch == "." else re.escape(ch) + tail(node[ch], False)
            parts.append((r"\s?" if after_dot else "") + step)
        if "" in node:
            parts.append("" if after_dot else r"(?![\wÄÖÜäöü])")
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return tail(root, False)


# a street abbreviated inside its name: 'Goethestr.' -> 'Goethestraße' ('Str.' alone is in the table)
# and a number and a square so: 'Artikelnr.' -> 'Artikelnummer' (after a consonant: 'Heinr.' is Heinrich),
# 'Schillerpl.' -> 'Schillerplatz'
PATTERN = r"(?<![\wÄÖÜäöü.])(?:(?P<street>[A-ZÄÖÜ][a-zäöüß]+str\.)|(?P<numbered>[A-ZÄÖÜ][a-zäöüß]{2,}[bcdfghklmnprstz]nr\.)|(?P<square>[A-ZÄÖÜ][a-zäöüß]{3,}pl\.))|" + _pattern()


_INSIDE_A_NAME = {"street": ("str.", "straße"), "numbered": ("nr.", "nummer"), "square": ("pl.", "platz")}
_MONTH = "|".join(sorted((re.escape(m) for m in grammar.MONTH_WORDS), key=len, reverse=True))
# a date after it: '15.11.', '3. März 2024', or a month's name alone ('d. 29. Aug. rückte …')
_DATE_AFTER = re.compile(rf"\s?(?:\d{{1,2}}\.\s?(?:\d{{1,2}}\.|[A-ZÄÖÜ][a-zä]+\.?\s\d{{4}}|(?:{_MONTH})(?![\w]))"
                         rf"|(?:0[1-9]|1[0-2])/(?:\d{{4}}|\d\d)(?!\d)"  # or a month: 'EZ 05/2012'
                         rf"|\d{{1,2}}\.\s?d\.\s?M\.)")  # or a day of this month: 'v. 5. d. M.'

# a sum or a share after it: 'WM 850 €', 'KM 690,-', 'MA 17,2 %'
_INITIAL_NEXT = re.compile(r"\s?[A-ZÄÖÜ]\.\s?[A-ZÄÖÜ][a-zäöüß]")  # 'J. C. Schulze': another initial, then the name
_CURRENCIES = alternatives(data.rows("currencies.tsv"))
_AMOUNT_AFTER = re.compile(rf"\s?(?:\d[\d.]*,[-–]|\d[\d.,]*\s?(?:{_CURRENCIES}|%|Prozent)(?![\wÄÖÜäöü]))")
_CITATION_BEFORE = re.compile(r"(?:§|Abs\.|Art\.)\s?\d+[a-z]?\s?$")
# where a capitalised abbreviation opens what follows: the start, or after a colon or a note's number
# or a bracket ('Anmerkungen: 1) Vgl. S. 45. 2) Ebd.', '(Vgl. Kap. 3)')
_OPENS = re.compile(r"(?:^|[:(]|(?:^|\s)(?:\d{1,3}|[a-z])\))[\s\"'„“»«(]*$")
_NUMBER_BEFORE = re.compile(r"\d\s?$")
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}[.,;:]?")
_ONE_BEFORE = re.compile(r"(?<![\d.,])1\s?$")


def verbalise(match, ctx):
    for group, (short, whole) in _INSIDE_A_NAME.items():  # 'Goethestr.', 'Kundennr.', 'Schillerpl.'
        if match[group]:
            return match[group][:-len(short)] + whole + ("." if ctx.at_sentence_end() else "")
    key = re.sub(r"\s", "", match.group(0))
    tables = _table()
    general, numbered, ordinal, counted, cited, dating, naming, pricing, greeting = (tables[kind] for kind in KINDS)
    opening = False
    lowered = key[0].lower() + key[1:]
    placed = [said for said, words in _after_word().get(key, ()) if ctx.previous_word() in words]
    if placed and ctx.text[ctx.end:ctx.end + 1] != "-":  # 'im EG': Erdgeschoss; 'beim HA': Hausarzt
        spoken = placed[0]
    elif key in greeting and _signs_off(ctx):  # 'Danke & LG aus Köln': Liebe Grüße ('LG München I' a court)
        spoken = greeting[key]
    elif key in pricing and _AMOUNT_AFTER.match(ctx.text, ctx.end):  # 'WM 850 €': Warmmiete ('WM 2026' stays)
        spoken = pricing[key]
    elif key in dating and _DATE_AFTER.match(ctx.text, ctx.end):
        spoken = dating[key]  # 'Urt. v. 15.11.2023': vom; 'v. 14.' in an old citation is a verse
    elif key in cited and ctx.number_follows() and _CITATION_BEFORE.search(ctx.text[:ctx.start]):
        spoken = cited[key]  # '§ 20 Abs. 2 S. 1': a sentence of the law, not a page
    elif key in naming and ctx.next_word()[:1].isupper() and not (naming[key].endswith("-") and _ACRONYM.fullmatch(
            ctx.next_word())):  # 'mit V. a. Herzinfarkt': Verdacht auf; 're. UL' is rechts, not an adjective's stem
        spoken = naming[key]
    elif key in numbered and ctx.number_follows() and not (len(key) == 2 and _INITIAL_NEXT.match(ctx.text, ctx.end)):
        spoken = numbered[key]  # 'J. 1702': Jahre; but 'J. C. Schulze' is a name's initials, not 'J. 100'
    elif key in ordinal and ORDINAL_BEFORE.search(ctx.text[:ctx.start]):  # '2. mär. 2003': a month
        spoken = ordinal[key]
    elif key in counted and _NUMBER_BEFORE.search(ctx.text[:ctx.start]):  # 'S. 46 f.': folgende
        one = _ONE_BEFORE.search(ctx.text[:ctx.start]) and (numbered.get(key) or general.get(key))
        spoken = one or counted[key]  # '23 Abb.': Abbildungen; '1 Abb.': Abbildung
    elif key in general:
        spoken = general[key]
    elif lowered in general and _OPENS.search(ctx.text[:ctx.start]):  # 'Ggf.' opening the sentence, or a note
        spoken = general[lowered]
        opening = True
    else:
        return None
    if spoken.endswith(" d-"):  # 'i. S. d.': im Sinne des or der, as the noun after it asks
        spoken = spoken[:-2] + _genitive_article(ctx)
    elif spoken.endswith("-"):
        spoken = _declined(spoken[:-1], ctx)
    elif spoken == "Herr" and (grammar.cases_asked(ctx.previous_word().lower()) or ctx.previous_word().lower() in (
            "den", "dem", "des")):
        spoken = "Herrn"  # 'an Hr. Meier', 'mit Hrn. Meier': a weak noun, 'Herrn' in every case but the first
    elif spoken[:1].isupper() and " " not in spoken and ctx.previous_word() in grammar.GENITIVE_ARTICLES:
        spoken = grammar.genitive(spoken, ctx.nouns)  # 'des Art. 23': des Artikels dreiundzwanzig
    elif _feminine_article(ctx) and " " not in spoken and ctx.nouns.analyses(spoken + "in")[:1] == "f":
        spoken += "in"  # 'die 58-jährige Pat.', 'eine Prof.': Patientin, Professorin
    if opening:
        spoken = spoken[0].upper() + spoken[1:]
    if key.endswith(".") and ctx.at_sentence_end() and ")" not in ctx.text[ctx.end:]:  # not inside '(… M. A.)'
        spoken += "."
    elif ctx.text[ctx.end:ctx.end + 1].isalnum():  # 'St.Gallen', 'Nr.1': the word after it is one of its own
        spoken += " "
    return spoken


def _genitive_article(ctx) -> str:
    """'des' or 'der' for the noun after an abbreviated 'd.' ('i. S. d. § 2' -> des, 'i. S. d. Verordnung'
    -> der): by the noun table's genitive readings, 'des' before a paragraph sign."""
    following = ctx.next_word()
    if ctx.text[ctx.end:].lstrip().startswith("§"):
        return "des"
    codes = ctx.nouns.analyses(following)
    genitives = {codes[i] for i in range(0, len(codes), 2) if codes[i + 1] == "g"}
    return "der" if genitives and genitives <= {"f", "p"} else "des"


_SIGN_OFF_BEFORE = re.compile(r"(?:^|[.!?,&:)]|\bund)\s*$")
_AND_LOWER = re.compile(r"\s+(?:und|&)\s+[a-zäöüß]")  # 'LG und danke im Voraus!' ('LG und OLG' are courts)
_SIGN_OFF_AFTER = re.compile(r"\s*(?:(?:aus|von|an|und|euch|dir)\s)?(?:[A-ZÄÖÜ][\wäöüß-]*\s?){0,2}[.!:)]?\s*$")


def _signs_off(ctx) -> bool:
    """A letter's or a post's closing: at its start or after 'und', '&' or a stop, and nothing after it but
    a name or two, or 'und' and a word in lower case ('LG Anna', 'Danke und LG aus Köln', 'LG und danke!');
    'das LG München hat …' is a court."""
    if not _SIGN_OFF_BEFORE.search(ctx.text, 0, ctx.start):
        return False
    return bool(_SIGN_OFF_AFTER.fullmatch(ctx.text, ctx.end) or _AND_LOWER.match(ctx.text, ctx.end))


def _feminine_article(ctx) -> bool:
    """A feminine article before the abbreviation, over the adjectives between ('die 58-jährige Pat.')."""
    feminine = grammar.feminine_articles()
    before = ctx.before()[-4:]
    skipped = False
    while before and before[-1].lower() not in feminine and (  # a number only in '58-jährige'
            before[-1].isdigit() and skipped or before[-1][:1].islower() and before[-1].endswith("e")):
        before, skipped = before[:-1], True
    return bool(before) and before[-1].lower() in feminine


def _declined(stem: str, ctx) -> str:
    """An adjective's ending from the words around it ('die o. g. Regeln' -> 'oben genannten', 'die
    stv. Leiterin' -> 'stellvertretende'); a noun made of one from its article ('die Vors.' ->
    'Vorsitzende', 'Vors. Müller' -> 'Vorsitzender'). Without a noun it stays bare ('allg. bekannt')."""
    before = ctx.before()
    while before and re.fullmatch(r"\d+\.(?:[–-]\d+\.)?", before[-1]):
        before = before[:-1]  # 'des 1. Vors.', 'am 10.–12. postop. Tag': the article before the ordinal
    if stem[:1].isupper():
        agreement = grammar.agreement(before, [], ctx.nouns)
        return stem + grammar.adjective_ending(agreement)
    agreement = ctx.agreement() if before == ctx.before() else grammar.agreement(before, ctx.after(), ctx.nouns)
    if before and re.fullmatch(r"\d[\d.]*", before[-1]) and before[-1] != "1":  # '600 rheinl. Fuß': many of them
        agreement = dataclasses.replace(agreement, plural=True)
    known = len(agreement.noun.rstrip(".")) > 1 and grammar.known_noun(agreement.noun, ctx.nouns)
    return stem + grammar.adjective_ending(agreement) if known else stem  # 'Int. Epiz.': no noun we know


def continues(word: str) -> bool:
    """Whether a word ending a sentence split is one of our abbreviations ('Mon.', 'Bio.'), a unit's
    ('2 fl. 30 kr.') or a book of the Bible ('Matth. 5, 3'), so the text goes on."""
    general, numbered = _table()[""], _table()["num"]
    return word.endswith(".") and (word in general or word in numbered or word in data.units()
                                   or word[:-1] in data.rows("bible_books.tsv"))


def names_a_number(word: str) -> bool:
    """Whether the abbreviation names the number after it ('S. 1', 'Nr. 5')."""
    return word in _table()["num"]


def expansion(word: str) -> str | None:
    """What an abbreviation written as one word stands for ('Jh.' -> 'Jahrhundert')."""
    return _table()[""].get(word)


def counted(word: str) -> str | None:
    """The noun a number before an abbreviation counts, in the singular ('1 Abb.': Abbildung, as
    in 'Abb. 3'; '1 Tbl.': Tablette)."""
    return _table()[""].get(word) or _table()["num"].get(word)
