"""Gender-inclusive forms: 'Schüler:innen', 'Lehrer*innen', 'ÄrztInnen' -> 'Schülerinnen
und Schüler', 'Ärztinnen und Ärzte' (both forms said, as German speakers read them
aloud); the masculine form is looked up in the noun lexicon ('Kolleg' -> 'Kollegen')."""
NAME = "gender"
PATTERN = (r"(?<![\w])(?P<stem>[A-ZÄÖÜ][a-zäöüß]+)(?:[*:_/]|/-)(?P<suffix>innen|in)(?![\w])"
           r"|(?<![\w])(?P<stem2>[A-ZÄÖÜ][a-zäöüß]+)(?P<suffix2>Innen|In)(?![\w])")


def _masculine(stem: str, nouns, reading: str) -> str:
    """The first of stem, stem+e, stem+en, stem+n that the lexicon knows in ``reading``
    ("pn": nominative plural, "mn": masculine nominative singular)."""
    for candidate in (stem, stem + "e", stem + "en", stem + "n"):
        analyses = nouns.analyses(candidate)
        if reading in (analyses[i:i + 2] for i in range(0, len(analyses), 2)):
            return candidate
    return stem


def verbalise(match, ctx):
    stem = match["stem"] or match["stem2"]
    if (match["suffix"] or match["suffix2"]).lower() == "innen":
        return f"{stem}innen und {_masculine(stem, ctx.nouns, 'pn')}"
    return f"{stem}in oder {_masculine(stem, ctx.nouns, 'mn')}"
