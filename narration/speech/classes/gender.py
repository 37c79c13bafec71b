"""Gender-inclusive forms: 'Schüler:innen', 'Lehrer*innen', 'ÄrztInnen' -> 'Schülerinnen
und Schüler', 'Ärztinnen und Ärzte' (both forms said, as German speakers read them
aloud); the masculine form is looked up in the noun lexicon ('Kolleg' -> 'Kollegen'). In the
singular each form takes its own article: 'ein/e Sachbearbeiter/in' -> 'eine Sachbearbeiterin
oder ein Sachbearbeiter' (data/gender_articles.tsv); alone, both: 'jede/r Zehnte' -> 'jede oder
jeder Zehnte'; 'Kaufmann/-frau' -> 'Kaufmann oder Kauffrau'."""
import re

from .. import data, grammar

NAME = "gender"
FIRST = "[A-ZÄÖÜ" + "".join(sorted({k[0] for k in data.rows("gender_articles.tsv")})) + "]"  # what a match begins with


def _forms(keys) -> str:
    """The table's written forms as one alternation, any separator for its slash: 'ein/e', 'Jede*r'."""
    return "|".join(sorted((f"[{k[0].upper()}{k[0]}]" + re.escape(k[1:]).replace("/", "[*:_/]") for k in keys),
                           key=len, reverse=True))


_ARTICLE = f"(?:(?P<article>\\b(?:{_forms(data.rows('gender_articles.tsv'))})) )?"
PATTERN = (_ARTICLE + r"(?<![\w])(?P<stem>[A-ZÄÖÜ][a-zäöüß]+)(?:[*:_/]|/-)(?P<suffix>innen|in)(?![\w])"
           r"|(?<![\w])(?P<stem2>[A-ZÄÖÜ][a-zäöüß]+)(?P<suffix2>Innen|In)(?![\w])"
           rf"|\b(?P<lone>{_forms(k for k in data.rows('gender_articles.tsv') if '/' in k)})(?![\w*:_/])"
           r"|(?<![\w])(?P<man>[A-ZÄÖÜ][a-zäöüß]*)mann/-?frau(?![\w])")  # 'Kaufmann/-frau'


_UMLAUT = str.maketrans("ÄÖÜäöü", "AOUaou")


def _without_umlaut(stem: str) -> str:
    """The stem with its last umlaut undone: the feminine form often has one the masculine lacks."""
    for i in range(len(stem) - 1, -1, -1):
        if stem[i] in "ÄÖÜäöü":
            return stem[:i] + stem[i].translate(_UMLAUT) + stem[i + 1:]
    return stem


def _masculine(stem: str, nouns, reading: str) -> str:
    """The first of stem, stem+e, stem+en, stem+n (then without its umlaut) that the noun table holds in ``reading``
    ("pn": nominative plural, "mn": masculine nominative singular); else, for a plural, by the
    stem's ending ("Autor" -> "Autoren", data/masculine_plurals.tsv); else as a compound's last part."""
    plain = _without_umlaut(stem)  # 'Ärzt*in' -> 'Arzt', 'Bäuer*innen' -> 'Bauern' (not the cage, 'Bauer')
    endings = ("", "e", "en", "n")
    candidates = tuple(dict.fromkeys([stem + end for end in endings] + [
        plain + end for end in (endings[::-1] if reading == "pn" else endings)]))
    for exact, lookup in ((True, nouns.exact), (False, nouns.analyses)):
        for candidate in candidates:
            analyses = lookup(candidate)
            if reading in (analyses[i:i + 2] for i in range(0, len(analyses), 2)):
                return candidate
        if exact and reading == "pn":
            endings = data.rows("masculine_plurals.tsv")
            ending = next((e for e in sorted(endings, key=len, reverse=True) if stem.endswith(e)), None)
            if ending is not None:
                return stem + (endings[ending][0] if endings[ending] else "")
    return stem


def verbalise(match, ctx):
    if match["man"]:  # 'Kaufmann/-frau': both, in the order written
        return f"{match['man']}mann oder {match['man']}frau"
    if match["lone"]:  # 'jede/r Zehnte': both articles, as the inclusive form is read
        feminine, masculine = _articles(match["lone"], ctx.before())
        return f"{feminine} oder {masculine}"
    stem = match["stem"] or match["stem2"]
    if match["stem2"] and not (ctx.nouns.analyses(stem) or any(  # 'LinkedIn': a name, not 'Linked' + 'In'
            ctx.nouns.exact(stem + end) for end in ("e", "en", "n"))):
        return None
    written = f"{match['article']} " if match["article"] else ""  # an article that stays as it is
    if (match["suffix"] or match["suffix2"]).lower() == "innen":
        return f"{written}{stem}innen und {_masculine(stem, ctx.nouns, 'pn')}"
    masculine = _masculine(stem, ctx.nouns, 'mn')
    articles = _articles(match["article"], ctx.before())
    if articles:
        return f"{articles[0]} {stem}in oder {articles[1]} {masculine}"
    return f"{written}{stem}in oder {masculine}"


_SEPARATORS = re.compile(r"[*:_]")


def _articles(written: str | None, before: list[str]) -> tuple[str, str] | None:
    """The feminine and masculine article for ``written`` ('ein/e', 'Jede*r'), capitalised as written;
    after a verb or preposition that takes the accusative, the masculine object ('sucht eine': einen)."""
    if not written:
        return None
    found = data.rows("gender_articles.tsv").get(_SEPARATORS.sub("/", written.lower()))
    if not found:
        return None
    masculine = found[1]
    if len(found) > 2 and before and grammar.cases_asked(before[-1].lower()) == ["acc"]:
        masculine = found[2]
    return (found[0].capitalize() if written[0].isupper() else found[0]), masculine

