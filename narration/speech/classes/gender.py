"""Gender-inclusive forms: 'Schüler:innen', 'Lehrer*innen', 'ÄrztInnen' -> 'Schülerinnen
und Schüler', 'Ärztinnen und Ärzte' (both forms said, as German speakers read them
aloud); the masculine plural is looked up in the noun lexicon ('Kolleg' -> 'Kollegen')."""
NAME = "gender"
PATTERN = (r"(?<![\w])(?P<stem>[A-ZÄÖÜ][a-zäöüß]+)(?:[*:_/]|/-)(?P<suffix>innen|in)(?![\w])"
           r"|(?<![\w])(?P<stem2>[A-ZÄÖÜ][a-zäöüß]+)(?P<suffix2>Innen|In)(?![\w])")


def verbalise(match, ctx):
    stem = match["stem"] or match["stem2"]
    plural = (match["suffix"] or match["suffix2"]).lower() == "innen"
    if plural:
        for candidate in (stem, stem + "e", stem + "en", stem + "n"):
            analyses = ctx.nouns.analyses(candidate)
            if "pn" in [analyses[i:i + 2] for i in range(0, len(analyses), 2)]:
                return f"{stem}innen und {candidate}"
        return f"{stem}innen und {stem}"
    for candidate in (stem, stem + "e"):
        if "mn" in [ctx.nouns.analyses(candidate)[i:i + 2] for i in range(0, len(ctx.nouns.analyses(candidate)), 2)]:
            return f"{stem}in oder {candidate}"
    return f"{stem}in oder {stem}"
