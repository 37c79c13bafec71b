"""Ordinals: 'In der 2. Halbzeit' -> 'In der zweiten Halbzeit', 'Ihr 4. Album' -> 'Ihr viertes Album',
'Am 3. und 4. Juni' -> 'Am dritten und vierten Juni', '3.–5. Mai' -> 'dritter bis fünfter Mai', 'am
9./10. Juli' -> 'am neunten und zehnten Juli'. 'N.' is an ordinal only before what an ordinal
describes (a noun, a month, an adjective, an acronym like 'FC'); before 'Danach' it is a number
ending the sentence. In a match report '(23.)' is the 23rd minute. At a sentence's end after an
article ('in der 90.', 'zum 80.') it is an ordinal too, and so is a text that is nothing but 'N.' (a
list's number, a heading). '121tem' -> 'einhunderteinundzwanzigstem'; '3.-Klässler' ->
'dritte-Klässler'. Four digits and more are an ordinal only after an article ('der 1000. Besucher');
elsewhere they are a year ending a sentence ('seit 2015. Experten …')."""
import re

from .. import data, grammar, numbers
from . import abbreviation

NAME = "ordinal"
FIRST = r"\d"  # what a match begins with
_NEXT_ORDINAL = re.compile(r"\s*\d{1,3}\.")
_NAME_AFTER = re.compile(r"\s([A-ZÄÖÜ][\w-]+)\)")  # '(46. Jung)': a name, then the bracket closes
# '§. 12.', 'Cap. 2.', 'pag. 169.', 'Tom. 2.': a number named, kept with an old book's full stop
_NAMED_BEFORE = re.compile(r"(?:§\.?|\b(?:Cap|Kap|Fig|Tab|Nr|Nro|pag|p|Tom|Fol|Vol)\.)\s?$")
PATTERN = (r"(?<![\w.,])(?:(?P<n>\d{1,3})\.(?:\s?(?P<link>[–/-])\s?(?P<n2>\d{1,3})\.)?(?=\s|[A-ZÄÖÜ]{2,}\b|[),/])"
           r"|(?P<big>\d{4,7}|\d{1,3}(?:\.\d{3}){1,2})\.(?=\s)"
           r"|(?P<last>\d+)\.(?=[!?]?[\"'“”»«)\]]*$)"
           r"|(?P<suffixed>\d+)(?P<suffix>s?te[mnrs]?)(?![\w])"
           r"|(?P<prefix>\d{1,3})\.(?=-[A-ZÄÖÜ]))")  # '3.-Klässler', '1.-Mai-Kundgebung'
ARTICLES = _ARTICLES = frozenset(("der", "die", "das", "dem", "den", "des", "am", "im", "vom", "beim", "zum", "zur", "ins",
                       "ans", "aufs", "Der", "Die", "Das", "Dem", "Den", "Am", "Im", "Vom", "Zum", "Zur"))


_MINUTES_BEFORE = re.compile(r"\(\d{1,3}\.(?:,\s?\d{1,3}\.)*,\s?$")  # '(23., ' before a second minute
_PLACED = {"wurde", "wird", "wurden", "werden"}  # a placing: "Er wurde 2." (but "Er wurde 80." is an age)


_DETERMINERS = frozenset(("jeder", "jede", "jedes", "jeden", "jedem"))


def describes(word: str, after: list[str], nouns, before: list[str] = ()) -> bool:
    """Whether the word after 'N.' makes N an ordinal (shared with sentence splitting). After an article
    or 'jeder' any capitalised word but a sentence opener is what it counts, in the lexicon or not
    ('jeder 5. Befragte', 'der 3. Beste')."""
    if not word:
        return False
    if word.lower() in ("und", "oder", "bis", "–", "-", "sowie"):
        sibling = after[2:3] if after[1:2] and after[1] in ARTICLES else after[1:2]  # 'dem 1. und dem 15. Mai'
        if before and before[-1] in _ARTICLES and after[1:2] and after[1] in ARTICLES:
            return True  # 'zum 15. oder zum Monatsende': an article on each side
        return bool(sibling) and sibling[0][:1].isdigit() and sibling[0].endswith(".")
    if word[0].isdigit() or not word[0].isalpha():
        return False
    if word[0].islower():
        return True
    if word in data.words("sentence_words.txt") or word.rstrip(".") in data.rows("bible_books.tsv"):
        return False  # '13, 11. Matth. 18,7': a citation's verse, then the next book
    if before and (before[-1] in _ARTICLES or before[-1].lower() in _DETERMINERS):
        return True
    if grammar.is_month(word) or word.isupper():
        return True
    expanded = abbreviation.expansion(word)  # 'im 19. Jh.': the abbreviation's noun
    return nouns.is_noun((expanded or word).split(" ")[0].rstrip(".,;:!?"))


def _placed_subject(before: list[str]) -> list[str] | None:
    """The words between a verb of placing and a sentence's final 'N.', when they are a pronoun or a
    name or an article and noun ('wurde sie 2.', 'wurde Linus Straßer 4.', 'wurde der Norweger 2.'); None
    when no such verb is there."""
    for count in range(0, 4):
        if len(before) > count and before[-1 - count].lower() in _PLACED:
            between = before[len(before) - count:]
            if all(w[:1].isupper() and w.isalpha() or w in ("er", "sie", "der", "die") for w in between):
                return between if count else []
            return None
    return None


def _feminine_subject(before: list[str]) -> bool:
    """A placing's ending from its subject: 'Sie wurde 2.', 'Die Läuferin kam als 2.': zweite."""
    return any(word in ("Sie", "sie", "Die", "die") for word in before)


def _enumerated(value: int, ctx) -> bool:
    """An item of a list written in one line: after a colon, comma, semicolon or an opening quote or
    bracket, with the item before it or after it numbered so too ('Diagnosen: 1. Pneumonie, 2.
    Hypertonie'), the list counting from 1. The same word after both is an ordinal ('1. Zwischenüberschrift …; 2.
    Zwischenüberschrift …': the first and the second)."""
    if _listed_after_colon(value, ctx):
        return True
    if not re.search(r"(?:^|[:;,„“\"(])\s*$", ctx.text[:ctx.start]):
        return False
    if value > 1 and not re.search(r"(?:^|[:;,„“\"(])\s*1\.\s", ctx.text[:ctx.start]):
        return False  # a list counts from 1; '… c. 12, 19. c. 14, 17.' is a citation's verses
    word = re.match(r"\s*(\S+)", ctx.text[ctx.end:])
    following = re.search(rf"[:;,]\s*{value + 1}\.\s+(\S+)", ctx.text[ctx.end:])
    preceding = re.search(rf"(?:^|[:;,„“\"(])\s*{value - 1}\.\s+(\S+)", ctx.text[:ctx.start]) if value > 1 else None
    other = following or preceding
    return bool(other) and not (word and word.group(1) == other.group(1))


def _listed_after_colon(value: int, ctx) -> bool:
    """A list after a colon written without commas: 'Diagnosen: 1. Gastritis 2. Anämie 3. Adipositas' (the
    numbers after the colon count 1, 2, 3 …, at least two of them, with a different word after each)."""
    colon = ctx.text.rfind(":", 0, ctx.start)
    if colon < 0:
        return False
    items = re.findall(r"(?:^|\s)(\d{1,2})\.\s+(\S+)", ctx.text[colon + 1:])
    numbers_said = [int(n) for n, _ in items]
    return (len(items) >= 2 and numbers_said == list(range(1, len(items) + 1)) and value <= len(items)
            and len({word for _, word in items}) == len(items))


def verbalise(match, ctx):
    if match["prefix"]:  # '3.-Klässler', '2.-Liga-Klub': a compound's first part, 'dritte-Klässler'
        return numbers.ordinal(int(match["prefix"]), "e")
    if match["suffixed"]:  # '121tem', '3ter', '20sten': the ending is written
        return numbers.ordinal(int(match["suffixed"]), match["suffix"].lstrip("s")[1:])
    if match["last"]:  # the text ends here
        value = int(match["last"])
        before = ctx.before()
        stop = "" if ctx.text[match.end():match.end() + 1] in ("!", "?") else "."  # 'zum 90.!': the '!' ends it
        called = value >= 100 and (before[-1:] and before[-1].lower() in ("die", "das") or before[-2:-1] == ["unter"])
        if before and before[-1] in _ARTICLES and not called:
            # 'in der 90.': the minute; 'zum 80.': the birthday; but 'Sie wählte die 112.' and 'unter der 110.'
            # are numbers called
            return numbers.ordinal(value, grammar.adjective_ending(ctx.agreement())) + stop
        if not ctx.text[:match.start()].strip():  # nothing but 'N.': a list's number, a heading
            return numbers.ordinal(value, "er") + stop
        placed = _placed_subject(before)
        if placed is not None and value <= 10:  # 'Er wurde 2.', 'wurde sie 2.', 'wurde Linus Straßer 4.'
            # with no pronoun or article, a given name's ending: most German ones in -a and -e are women's
            feminine = _feminine_subject(before) or bool(placed) and placed[0].endswith(("a", "e"))
            return numbers.ordinal(value, "e" if feminine else "er").capitalize() + stop
        return None
    if match["big"]:  # 'der 1000. Besucher', 'sein 1.000.000. Besucher': four digits and more only after an
        before, after = ctx.before(), ctx.after()  # article or a determiner (else a year ends a sentence)
        determined = before and (before[-1] in _ARTICLES or grammar.analyses(before[-1].lower()))
        if not (determined and describes(after[0] if after else "", after, ctx.nouns)):
            return None
        return numbers.ordinal(int(match["big"].replace(".", "")), grammar.adjective_ending(ctx.agreement()))
    following = ctx.text[match.end():match.end() + 1]
    name = _NAME_AFTER.match(ctx.text, match.end())
    opened = ctx.text[:match.start()].endswith("(") or _MINUTES_BEFORE.search(
        ctx.text, max(0, match.start() - 40), match.start())
    if opened and (following in "),/" or (name and not ctx.nouns.is_noun(name[1]))):
        # a match report's minute: '(23.)', '(89., Elfmeter)', '(38./Foulelfmeter)', a substitution '(46. Jung)',
        # the next of a list of minutes: '(23., 71.)'
        return numbers.ordinal(int(match["n"]), "e") + ("," if following in " /" else "")
    if following in "),":
        if following == "," and _NEXT_ORDINAL.match(ctx.text, match.end() + 1):  # 'am 3., 4. und 5. Mai'
            return numbers.ordinal(int(match["n"]), grammar.adjective_ending(ctx.agreement()))
        return None
    if following.isalpha():  # '1.FC Nürnberg': an acronym right after the dot
        return numbers.ordinal(int(match["n"]), "e" if ctx.previous_word().lower() in ("der", "die", "das") else "er") + " "
    if _enumerated(int(match["n"]), ctx) and not match["n2"]:  # 'Diagnosen: 1. Pneumonie, 2. Hypertonie': erstens
        return numbers.ordinal(int(match["n"]), "ens")
    after = ctx.after()
    if not describes(after[0] if after else "", after, ctx.nouns, ctx.before()) \
            or _NAMED_BEFORE.search(ctx.text, max(0, ctx.start - 8), ctx.start):
        return None  # '§. 12. näher', 'Cap. 2. angeführt': an old book's numbers keep a full stop, and are no ordinals
    ending = grammar.adjective_ending(ctx.agreement())
    before = ctx.before()
    if before[-1:] == ["als"] and after and after[0][:1].islower():  # 'Sie kam als 3. ins Ziel': a placing
        ending = "e" if _feminine_subject(before) else "er"
    elif after and after[0].rstrip(".,;:!?") == "Klasse" and before and before[-1][:1].isupper() \
            and not grammar.analyses(before[-1].lower()) \
            and ctx.text[max(0, ctx.start - 2):ctx.start].rstrip()[-1:].isalpha():
        ending = "er"  # 'Fahrkarte 2. Klasse', 'Orden 1. Klasse': a genitive after the noun ('in der 2. Klasse' agrees)
    spoken = numbers.ordinal(int(match["n"]), ending)
    if after and grammar.is_month(after[0]):  # 'seit 3. Mai': seit dem dritten Mai
        spoken = grammar.date_article(ctx.before()) + spoken
    if match["n2"]:  # '3.–5. Mai': dritten bis fünften; '9./10. Juli': neunten und zehnten
        spoken += (" und " if match["link"] == "/" else " bis ") + numbers.ordinal(int(match["n2"]), ending)
    return spoken
