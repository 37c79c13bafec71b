"""German speech normalisation: classify each token, then verbalise it in context.

Shaped like the field's text normalisers (Google's Kestrel/Sparrowhawk, NeMo):
every stretch of text that is not plain words is found by one of the
semiotic classes in ``classes/`` (date, money, measure, ordinal, letters ...),
tried in the registry's order at each position, and spoken by that class with
what surrounds it (the article before a number, the noun after it). A class
may decline a match ("3.2.1" without "Version" is not a version), and then
the next class is asked. The user's pronunciation lexicon is the first class,
so it wins over everything.

Every spoken token keeps the span of display text it came from (``Token``),
so later stages can map spoken words back to what readers see, and
``build.py script --explain`` can show each decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from . import grammar, nouns as noun_lexicon, parts
from .classes import CLASSES, SemioticClass


@dataclass(frozen=True)
class Token:
    start: int  # span in the text given to the normaliser (the display text)
    end: int
    text: str
    kind: str  # the semiotic class, or "plain"
    spoken: str


class Context:
    """What a class may look at around its match."""

    def __init__(self, normaliser: "Normaliser", text: str, start: int, end: int, caps_line: bool):
        self.normaliser, self.text, self.start, self.end, self.caps_line = normaliser, text, start, end, caps_line

    @property
    def nouns(self):
        return self.normaliser.nouns

    def before(self) -> list[str]:
        return grammar.words_before(self.text, self.start)

    def after(self, end: int | None = None) -> list[str]:
        return grammar.words_after(self.text, self.end if end is None else end)

    def previous_word(self) -> str:
        words = self.before()
        return words[-1] if words else ""

    def next_word(self, end: int | None = None) -> str:
        words = self.after(end)
        return words[0] if words else ""

    def number_follows(self) -> bool:
        """A number right after this token ('S. 12', 'Nr.5', 'Kap. IV'), not one past a separator
        ('352 S. · 24 €')."""
        return bool(_NUMBER_NEXT.match(self.text, self.end))

    def followed_by(self, word: str, within: int = 3) -> bool:
        """Whether ``word`` comes within the next few words, a sentence's full stop aside ('… 14.05 Uhr.')."""
        return word in (w.rstrip(".") for w in self.after()[:within])

    def agreement(self, end: int | None = None) -> grammar.Agreement:
        """Agreement with the noun the number counts, looked for up to a bracket: in 'Sätze 1 bis 7
        (gesichteter Teil)' the 1 does not count 'Teil'."""
        end = self.end if end is None else end
        bracket = self.text.find("(", end)
        after = grammar.words_after(self.text[:bracket] if bracket >= 0 else self.text, end)
        return grammar.agreement(self.before(), after, self.nouns)

    def at_sentence_end(self, end: int | None = None) -> bool:
        return not self.text[self.end if end is None else end:].strip(" \"'“”„«»)]")


_CLOSERS = " \"'“”»«)]"
_NUMBER_NEXT = re.compile(r"\s?(?:\d|[IVXLC]+\b)")  # 'Kap. 4', 'Kap. IV'
_CAPS_WORD = re.compile(r"[A-ZÄÖÜ]{2,}")
_LOWER = re.compile(r"[a-zäöüß]")


def is_caps_line(text: str) -> bool:
    """A headline set in capitals ('ALARM IN DER STADT'): its words are read as words."""
    return len(_CAPS_WORD.findall(text)) >= 2 and not _LOWER.search(text)


class Normaliser:
    """``normaliser.tokens(text)`` classifies and verbalises; ``normaliser(text)`` gives the spoken string."""

    def __init__(self, lexicon_entries: Iterable[tuple[str, str]] = (), nouns=None,
                 classes: list[SemioticClass] | None = None, foreign_lexicons: dict | None = None):
        self._nouns = nouns
        self.foreign_lexicons = foreign_lexicons or {}  # language -> (grapheme, alias) entries
        classes = list(CLASSES if classes is None else classes)
        entries = sorted(lexicon_entries, key=lambda e: len(e[0]), reverse=True)
        if entries:
            classes.insert(0, _lexicon_class(dict(entries)))
        self.classes = classes
        # no class begins inside a word at a lower-case letter: skipping those positions at once spares
        # trying every class's pattern there (most of any text)
        alternation = "|".join(f"(?P<c{i}>{c.combined})" for i, c in enumerate(classes))
        self.pattern = re.compile(rf"(?!\B[a-zäöüß])(?:{alternation})" if alternation else r"(?!)")

    @property
    def nouns(self):
        return self._nouns if self._nouns is not None else noun_lexicon.default()

    def __call__(self, text: str) -> str:
        return spoken_text(self.tokens(text))

    def tokens(self, text: str, spans=(), language: str = "de") -> list[Token]:
        """``spans``: the sentence's ``model.Span``s; a "lang" span is a passage in another language,
        and ``language`` is the document's. Only German text goes through our (German) classes; a
        passage in another language keeps its words for its own voice, its numbers said in its
        language (``foreign``), between marks that switch the voice (``parts``)."""
        runs = _runs(text, spans, language)
        if len(runs) == 1 and _german(runs[0][2]):
            return self._german_tokens(text)
        tokens: list[Token] = []
        for start, end, lang in runs:
            german = _german(lang)
            if not german:
                tokens.append(Token(start, start, "", "lang", parts.switch(lang)))
            piece = text[start:end]
            made = self._german_tokens(piece) if german else _foreign_tokens(
                piece, lang, self.foreign_lexicons.get(lang) or self.foreign_lexicons.get(lang.split("-")[0], ()))
            tokens += [Token(t.start + start, t.end + start, t.text, t.kind, t.spoken) for t in made]
            if not german:
                tokens.append(Token(end, end, "", "lang", parts.BACK))
        return tokens

    def _german_tokens(self, text: str) -> list[Token]:
        caps = is_caps_line(text)
        tokens: list[Token] = []
        pos = plain_from = 0
        while True:
            match = self.pattern.search(text, pos)
            if match is None:
                break
            start = match.start()
            first = int(match.lastgroup[1:])
            found = None
            for cls in self.classes[first:]:
                sub = cls.regex.match(text, start)
                if sub is None or sub.end() == start:
                    continue
                spoken = cls.verbalise(sub, Context(self, text, start, sub.end(), caps))
                if spoken is not None and sub.group(0).endswith(".") and not spoken.endswith("."):
                    # 'alle 10 Min.': the dot also ends the sentence; not one inside a bracket ('(80.)')
                    rest = text[sub.end():]
                    if not rest.strip(_CLOSERS) and ")" not in rest and "]" not in rest:
                        spoken += "."
                if spoken is not None:
                    found = (cls.name, sub.end(), spoken)
                    break
            if found is None:
                pos = start + 1
                continue
            if start > plain_from:
                tokens.append(Token(plain_from, start, text[plain_from:start], "plain", text[plain_from:start]))
            kind, end, spoken = found
            tokens.append(Token(start, end, text[start:end], kind, spoken))
            pos = plain_from = end
        if plain_from < len(text):
            tokens.append(Token(plain_from, len(text), text[plain_from:], "plain", text[plain_from:]))
        return tokens


def _german(language: str) -> bool:
    return language.split("-")[0].lower() in ("de", "gsw", "")


def _runs(text: str, spans, language: str) -> list[tuple[int, int, str]]:
    """The text cut at its language spans: (start, end, language) in order, covering all of it."""
    marked = sorted((s.start, s.end, s.value) for s in spans if s.kind == "lang" and s.end > s.start)
    runs, position = [], 0
    for start, end, lang in marked:
        if start < position:
            continue  # overlapping spans: the first wins
        if start > position:
            runs.append((position, start, language))
        runs.append((start, end, lang))
        position = end
    if position < len(text) or not runs:
        runs.append((position, len(text), language))
    return runs


def _foreign_tokens(text: str, language: str, lexicon=()) -> list[Token]:
    """A passage in ``language``: that language's lexicon entries (``lexicon.<lang>.pls``) and its
    numbers in words of that language; everything else as written, for its voice."""
    from .foreign import verbalise_numbers

    found = []
    for grapheme, alias in lexicon:  # longest first, as loaded
        for match in re.finditer(rf"(?<![\wÄÖÜäöüß]){re.escape(grapheme)}(?![\wÄÖÜäöüß])", text):
            if not any(s < match.end() and match.start() < e for s, e, _, _ in found):
                found.append((match.start(), match.end(), "lexicon", alias))
    for start, end, spoken in verbalise_numbers(text, language.split("-")[0].lower()):
        if not any(s < end and start < e for s, e, _, _ in found):
            found.append((start, end, f"number ({language})", spoken))
    tokens, position = [], 0
    for start, end, kind, spoken in sorted(found):
        if start > position:
            tokens.append(Token(position, start, text[position:start], "plain", text[position:start]))
        tokens.append(Token(start, end, text[start:end], kind, spoken))
        position = end
    if position < len(text):
        tokens.append(Token(position, len(text), text[position:], "plain", text[position:]))
    return tokens


def spoken_text(tokens: list[Token]) -> str:
    """Join the spoken tokens; a token inside a hyphenated compound is joined by hyphens
    ('3:1-Sieg' -> 'drei-zu-eins-Sieg')."""
    return spoken_with_origins(tokens)[0]


def spoken_with_origins(tokens: list[Token]) -> tuple[str, list[tuple[int, int]]]:
    """The spoken text, and for each of its characters the span of display text it came from:
    a character of plain text comes from itself, a character of a verbalised token from the
    whole token ('vierundzwanzigsten' from '24.'). This maps a spoken word back to what
    readers see (word timing, captions)."""
    chars: list[str] = []
    origins: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        spoken = token.spoken
        if token.kind == "plain":
            chars += spoken
            end = token.start + len(spoken)
            origins += zip(range(token.start, end), range(token.start + 1, end + 1))
            continue
        following = "".join(t.text for t in tokens[i + 1:i + 3])  # '95-%-KI': '-' then 'KI'
        if spoken and following[:1] == "-" and following[1:2].isalpha():
            previous = tokens[i - 1].text[-1:] if i else ""
            if previous in ("-", " ", ""):  # '49-€-Ticket': the hyphens are the text's, not ours twice
                spoken = spoken.strip()
            spoken = spoken.rstrip().replace(" ", "-")
        chars += spoken
        origins += [(token.start, token.end)] * len(spoken)
    text, origins = _tidy_tracked(chars, origins)
    opens = tokens and tokens[0].kind != "plain" and tokens[0].text[:1].isnumeric()  # a digit or "½"
    if opens and tokens[-1].text.rstrip("\"'“”»«)").endswith((".", "!", "?")) and text[:1].islower():
        text = text[0].upper() + text[1:]  # '1990 fiel die Mauer.' opens a sentence
    return text, origins


_SILENT = parts.SWITCH + parts.END


_RUNS = re.compile(r"\s+|[,.;:!?]|[^\s,.;:!?]+")
# what tidying would change: two spaces, a space at an end, before punctuation or after an opening
# bracket or quote, other white space, a pause before anything is said, a voice switch
_UNTIDY = re.compile(r"\s\s|^\s|\s$|\s[,.;:!?]|[(\[„]\s|[^\S ]|^[,;:]|[\ue000\ue001]")


def _tidy_tracked(chars, origins):
    """``tidy`` on characters that keep their origins: runs of white space become one space,
    none at either end, none before punctuation and none after an opening bracket or German opening quote.
    Worked run by run, not character by character: it is on every sentence's path."""
    text = "".join(chars)
    if not _UNTIDY.search(text):  # most sentences: nothing to tidy
        return text, list(origins)
    out: list[str] = []
    kept: list[tuple[int, int]] = []
    said = False
    for run in _RUNS.finditer(text):
        start, piece = run.start(), run.group(0)
        if piece[0].isspace():
            if out and out[-1][-1] not in " ([„":
                out.append(" ")
                kept.append(origins[start])
            continue
        if len(piece) == 1 and piece in ",.;:!?":
            if piece in ",;:" and not said:
                continue  # a pause before anything is said ('+++ Eilmeldung'): nothing to pause after
            said = True
            if out and out[-1] == " ":
                out.pop()
                kept.pop()
            out.append(piece)
            kept.append(origins[start])
            continue
        said = said or bool(piece.strip(_SILENT))
        out.append(piece)
        kept.extend(origins[start:start + len(piece)])
    if out and out[-1] == " ":
        out.pop()
        kept.pop()
    return "".join(out), kept


def tidy(text: str) -> str:
    return _tidy_tracked(list(text), [(0, 0)] * len(text))[0]


def _lexicon_class(entries: dict[str, str]) -> SemioticClass:
    words = "|".join(re.escape(g) for g in entries)
    return SemioticClass("lexicon", rf"(?<![\wÄÖÜäöüß])(?:{words})(?![\wÄÖÜäöüß])",
                         lambda m, ctx: entries[m.group(0)])


_DEFAULT: Normaliser | None = None


def normalise(text: str) -> str:
    """The spoken form of ``text`` with the default classes and no user lexicon."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Normaliser()
    return _DEFAULT(text)
