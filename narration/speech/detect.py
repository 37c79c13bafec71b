"""Unmarked passages in another language: quoted titles and slogans ("America First").

German news quotes English and French titles, slogans and names of papers without marking them.
Where it is safe, we find them: only a quoted phrase of two words or more is a candidate (a single
word or a name stays German: the pronunciation lexicon is for those), a cheap test lets through only
phrases that do not read as German (most German quotations never reach the model), and then a
language-identification library, restricted to German, English and French, must name English or
French with high confidence (see README, "Languages", for why lingua and the measured threshold).
What it finds becomes a "lang" span like a marked one; a wrong find is corrected in the source by
marking the phrase German (``[...]{lang=de}``, ``lang="de"``), which this never overrides, or
turned off for a project (``[build] detect_languages = false``).
"""
from __future__ import annotations

import functools
import re

from ..model import Span

CONFIDENCE = 0.6  # measured: bench/languages.py (no German phrase of the corpora above it)
CONFIDENCE_WITH_CUE = 0.3
_QUOTED = re.compile(r"[„\"“»«‚](?P<inner>[^„\"“”»«‚‘]{3,120}?)[“\"”«»‘]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
LANGUAGES = ("en", "fr")


def quoted_phrases(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inner text of two or more words."""
    found = []
    for match in _QUOTED.finditer(text):
        inner = match.group("inner")
        if len(_WORD.findall(inner)) >= 2:
            start = match.start("inner")
            found.append((start + len(inner) - len(inner.lstrip()), start + len(inner.rstrip())))
    return found


@functools.lru_cache(maxsize=1)
def _german_words() -> frozenset[str]:
    from . import data

    return data.words("german_function_words.txt")


def reads_german(phrase: str) -> bool:
    """A quarter of its words or more German function words or written with ä, ö, ü, ß (German
    prose has far more, an English or French title none), or one word said twice ('Gregor!
    Gregor!'): not sent to the model, which then never loads for most German texts. Capitalised
    words are no evidence: German has borrowed most English nouns ('Star', 'Bank')."""
    words = _WORD.findall(phrase)
    if len({w.lower() for w in words}) < 2:
        return True
    german = sum(1 for w in words if w.lower() in _german_words() or re.search(r"[äöüß]", w.lower()))
    return german > 0 and german * 4 >= len(words)


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH, Language.FRENCH).build()


def language_of(phrase: str) -> str | None:
    """'en' or 'fr' when the detector is sure enough, else None. A phrase with that language's
    function words ('the', 'of'; 'le', 'et') needs less confidence (``CONFIDENCE_WITH_CUE``), and
    with two of them and no German one ('Let it be') it is that language whatever the model says."""
    from lingua import Language

    words = {w.lower() for w in _WORD.findall(phrase)}
    for language, cues in _cues().items():  # two function words of one language and none German: that one
        if len(words & cues) >= 2 and not words & _german_words():
            return language
    best = _detector().compute_language_confidence_values(phrase)[0]
    language = {Language.ENGLISH: "en", Language.FRENCH: "fr"}.get(best.language)
    if language is None:
        return None
    cued = bool(words & _cues().get(language, set()))
    return language if best.value >= (CONFIDENCE_WITH_CUE if cued else CONFIDENCE) else None


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, set[str]]:
    """Language -> its function words (``data/foreign_function_words.tsv``)."""
    from . import data

    found: dict[str, set[str]] = {}
    for line in (data.FOLDER / "foreign_function_words.tsv").read_text(encoding="utf-8").splitlines():
        if not data.is_comment(line):
            language, word = line.split("\t")
            found.setdefault(language, set()).add(word.strip())
    return found


def foreign_spans(text: str, marked=()) -> tuple[Span, ...]:
    """Spans for the quoted foreign phrases of a German sentence, none where ``marked`` spans are."""
    found = []
    for start, end in quoted_phrases(text):
        if any(s.start < end and start < s.end for s in marked):
            continue  # the source said which language it is
        phrase = text[start:end]
        if reads_german(phrase):
            continue
        language = language_of(phrase)
        if language:
            found.append(Span(start, end, "lang", language))
    return tuple(found)


def with_foreign_spans(document):
    """The document with the foreign passages found in its German sentences as "lang" spans."""
    from dataclasses import replace

    if document.meta.language.split("-")[0] != "de":
        return document

    def sentence(s):
        if not quoted_phrases(s.text):  # most sentences: a regular expression, nothing more
            return s
        found = foreign_spans(s.text, [x for x in s.spans if x.kind == "lang"])
        return replace(s, spans=tuple(sorted(s.spans + found, key=lambda x: x.start))) if found else s

    sections = tuple(replace(sec, heading=sentence(sec.heading),
                             blocks=tuple(replace(b, sentences=tuple(sentence(s) for s in b.sentences))
                                          for b in sec.blocks))
                     for sec in document.sections)
    return replace(document, sections=sections)
