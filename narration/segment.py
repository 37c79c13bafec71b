"""German sentence splitting with SoMaJo, plus one rule SoMaJo lacks.

SoMaJo knows German abbreviations (z. B., Nr., Dr.), ordinals before months
("am 24. Februar"), initials and ellipses. It does split inside quotations,
though ("Er sagte: „Gut. Sehr gut.“" becomes two sentences), and a listener
hears a quotation as one unit, so sentences are re-joined while a quotation is
still open. And it takes every "42." before a capital for an ordinal, so
"mit dem ICE 42. Danach" stays one sentence; we split there unless the word
after the number is what an ordinal describes (a noun, a month, an acronym),
the same test the normaliser uses.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)
_OPENERS = {"„": "“", "»": "«", "“": "”", "«": "»"}


_SOMAJO_ARGS = ("de_CMC",)
_SOMAJO_OPTIONS = {"split_camel_case": False, "character_offsets": True}


@functools.lru_cache(maxsize=1)
def _tokenizer():
    """SoMaJo spends about a quarter of a second compiling its patterns. It is not kept between
    runs: the only way to keep compiled patterns is a pickle, and a pickle in a cache that may be
    shared or restored can run code. Paragraphs split before come from ``SplitMemo`` instead."""
    from somajo import SoMaJo

    _skip_tokens_without_emoji()
    return SoMaJo(*_SOMAJO_ARGS, **_SOMAJO_OPTIONS)


EMOJI_SEARCH_CHECKED = "2.5.0"  # the SoMaJo release whose emoji search was read and tested


def _skip_tokens_without_emoji() -> None:
    """SoMaJo looks for emoji one character at a time, with a regex it looks up anew for each one:
    600,000 lookups for a novel, about 40 % of its time. A token without a single emoji character
    (or variation selector) cannot hold an emoji, and SoMaJo then splits nothing, so such tokens
    skip the search. Only for the release read; a test checks both corpora split the same."""
    from somajo import tokenizer

    from .versions import installed_version

    original = tokenizer.Tokenizer._split_emojis
    if installed_version("SoMaJo") != EMOJI_SEARCH_CHECKED or getattr(original, "narration_skips", False):
        return
    import regex

    any_emoji = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")

    def split_emojis(self, node, token_class="emoticon"):
        if any_emoji.search(node.value.text):
            original(self, node, token_class)

    split_emojis.narration_skips, split_emojis.original = True, original
    tokenizer.Tokenizer._split_emojis = split_emojis


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph of running text into sentences (original spelling kept)."""
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    pieces = []
    for tokens in _tokenizer().tokenize_text([paragraph]):
        if not tokens:  # SoMaJo yields an empty sentence for text it drops whole (e.g. only a zero-width space)
            continue
        start, end = tokens[0].character_offset[0], tokens[-1].character_offset[1]
        for piece in _split_after_numbers(paragraph[start:end]):
            pieces.extend(_split_after_dots(piece))
    return _join_open_quotations(_join_after_abbreviations(_join_big_ordinals(pieces)))


def _join_after_abbreviations(pieces: list[str]) -> list[str]:
    """SoMaJo ends a sentence after an abbreviation it does not know ('6 Mon. Haft', '3 Bio. US-Dollar');
    one from our table that does not end sentences, before a word that does not open one, ends none."""
    from .speech import data
    from .speech.classes.abbreviation import continues

    joined: list[str] = []
    for piece in pieces:
        last = joined[-1].rsplit(" ", 1)[-1] if joined else ""
        first = piece.split(" ", 1)[0]
        if last and continues(last) and first not in data.words("sentence_words.txt") \
                and "any" not in _final_kinds(joined[-1]):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


_ARTICLE_THEN_NUMBER = re.compile(r"(?:^|\s)(\S+)\s\d{4,7}\.$")


def _join_big_ordinals(pieces: list[str]) -> list[str]:
    """SoMaJo ends a sentence after every 'NNNN.'; after an article and before what an ordinal
    describes it is an ordinal: 'Er feierte den 1000. Sieg.' is one sentence."""
    from .speech import nouns
    from .speech.classes.ordinal import ARTICLES, describes
    from .speech.grammar import words_after

    joined: list[str] = []
    for piece in pieces:
        found = _ARTICLE_THEN_NUMBER.search(joined[-1]) if joined else None
        if found and found.group(1) in ARTICLES and describes(words_after(piece, 0)[0] if piece else "",
                                                             words_after(piece, 0), nouns.default()):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


_NUMBER_THEN_CAPITAL = re.compile(
    r"(?<![\w.,])(?:(?P<date>\d{1,2}\.\d{1,2})|(?P<decimal>\d+,\d+)|\d{1,3})\.(?=\s+[A-ZÄÖÜ])")


def _split_after_numbers(sentence: str) -> list[str]:
    """'… mit dem ICE 42. Danach …' and '… am 3.10. Die …' -> two sentences; 'In der 2. Halbzeit …' stays one."""
    from .speech import nouns
    from .speech.classes.ordinal import describes
    from .speech.grammar import words_after

    from .speech import data
    from .speech.grammar import words_before

    pieces, start = [], 0
    for match in _NUMBER_THEN_CAPITAL.finditer(sentence):
        after = words_after(sentence, match.end())
        before = words_before(sentence, match.start())
        label = bool(before) and before[-1] in data.words("label_words.txt")  # 'die Linie RB 35. Reisende ...'
        if sentence.count("(", 0, match.start()) > sentence.count(")", 0, match.start()):
            ends = False  # inside a bracket: '(46. Jung)', a line-up's substitution
        elif match["decimal"]:  # '… bei 102,5. Anleger …': no ordinal has a comma
            ends = bool(after)
        elif match["date"]:  # 'am 3.10. Die Einheit …': a whole date; a word that opens sentences begins one
            ends = bool(after) and after[0] in data.words("sentence_words.txt")
        else:
            ends = bool(after) and (label or not describes(after[0], after, nouns.default(), before))
        if ends:
            pieces.append(sentence[start:match.end()])
            start = match.end() + 1
    pieces.append(sentence[start:])
    return [p.strip() for p in pieces if p.strip()]


def _final_kinds(text: str) -> set[str]:
    """What must follow the abbreviations that end ``text`` for a sentence to end there ('any' after 'v. Chr.',
    'opener' after 'Jh.' and 'Hauptstr.'; ``data/final_abbreviations.tsv``); empty if it ends in none."""
    from .speech import data

    return {kind[0] for short, kind in data.rows("final_abbreviations.tsv").items() if text.endswith(short)}


_AFTER_NUMBER = re.compile(r"\d\s?$")
_DOT_THEN_WORD = re.compile(r"(\S+)\.\s+(?=([A-ZÄÖÜ][\wäöüß]*)\b)")
_ROMAN = re.compile(r"[IVXLC]+")


def _split_after_dots(sentence: str) -> list[str]:
    """Where SoMaJo took a full stop for an abbreviation's: after a Roman numeral ('Elisabeth II. Sie
    ...'), a hyphenated name ('aus Rottal-Inn. In ...'), an elided 'es' ('zwingen wir’s. Und ...'), an
    abbreviation that ends sentences ('im 12. Jh. Später ...') or a unit or abbreviation after a number
    ('9,58 Sek. Niemand ...'), a word that opens sentences begins a new one."""
    from .speech import data
    from .speech.classes.abbreviation import expansion
    from .speech.classes.measure import is_counted

    pieces, start = [], 0
    for match in _DOT_THEN_WORD.finditer(sentence):
        token, following = match.group(1), match.group(2)
        elided = token.endswith(("’s", "'s"))  # 'zwingen wir’s. Und …': SoMaJo took 's.' for an abbreviation
        tail = sentence[max(start, match.start(1) - 3):match.end(1) + 1]
        kinds = _final_kinds(tail)
        if following not in data.words("sentence_words.txt") and not elided and "any" not in kinds:
            continue  # after "’s." or "v. Chr." any capitalised word begins one, else only an opener
        counted = bool(_AFTER_NUMBER.search(sentence, start, match.start(1))) and (
            is_counted(token + ".") or expansion(token + ".") is not None)
        final = bool(kinds) or counted  # '… 9,58 Sek. Niemand …', '… 200 Pers. Die …': a count ends it
        hyphenated = "-" in token and token[-1].isalpha() and expansion(token.rsplit("-", 1)[-1] + ".") is None
        if final or _ROMAN.fullmatch(token) or hyphenated or elided:
            pieces.append(sentence[start:match.start(1) + len(token) + 1])
            start = match.end()
    pieces.append(sentence[start:])
    return [p.strip() for p in pieces if p.strip()]


_MAY_SPLIT = re.compile(r"[.!?…]")  # anywhere but at its end: the middle might hold two sentences
_QUOTES = re.compile(r"[\"„“”»«‚‘’']")


class SplitMemo:
    """Sentences of paragraphs split before, kept per source file, so that
    SoMaJo (a third of a second just to start) is loaded only when a paragraph
    is new. Entries are keyed by the paragraph's text, and the whole memo by
    SoMaJo's version and this module's code, so it can never be stale."""

    def __init__(self, path: Path | None):
        from .versions import installed_version

        self.path = path
        self.version = hashlib.sha256(installed_version("SoMaJo").encode() + Path(__file__).read_bytes()).hexdigest()
        self.known: dict[str, list[str]] = {}
        self.used: dict[str, list[str]] = {}
        if path is not None:
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
                if stored.get("version") == self.version:
                    self.known = stored["paragraphs"]
            except (OSError, ValueError, KeyError, AttributeError):
                pass

    def split(self, paragraph: str) -> list[str]:
        key = hashlib.sha256(paragraph.encode("utf-8")).hexdigest()
        if key not in self.used:
            found = self.known.get(key)
            if not isinstance(found, list):
                found = self._one_sentence_edit(" ".join(paragraph.split())) or split_sentences(paragraph)
            self.used[key] = found
        return self.used[key]

    def _one_sentence_edit(self, paragraph: str) -> list[str] | None:
        """An editor's usual change: one sentence of a known paragraph reworded, added or removed.
        If the new paragraph is a known one's first and last sentences around a middle that
        cannot hold a sentence boundary (no full stop, question or exclamation mark, ellipsis or
        quotation mark before its end), the middle is one sentence and SoMaJo, a quarter of a
        second to start, is not needed. Anything less certain goes to SoMaJo."""
        best = None
        for sentences in self.known.values():
            if not isinstance(sentences, list) or not sentences:
                continue
            head = 0
            while head < len(sentences) and paragraph.startswith(" ".join(sentences[:head + 1]) + " "):
                head += 1
            tail = 0
            while (tail < len(sentences) - head
                   and paragraph.endswith(" " + " ".join(sentences[len(sentences) - tail - 1:]))):
                tail += 1
            if not head and not tail:
                continue
            prefix = " ".join(sentences[:head])
            suffix = " ".join(sentences[len(sentences) - tail:]) if tail else ""
            kept = sentences[len(sentences) - tail:] if tail else []
            if prefix and suffix and f"{prefix} {suffix}" == paragraph:  # a sentence removed
                candidate = sentences[:head] + kept
            else:
                middle = paragraph[len(prefix):len(paragraph) - len(suffix)].strip()
                if " ".join(p for p in (prefix, middle, suffix) if p) != paragraph:
                    continue
                if not middle or _MAY_SPLIT.search(middle[:-1]) or _QUOTES.search(middle):
                    continue
                candidate = sentences[:head] + [middle] + kept
            if best is None or head + tail > best[0]:
                best = (head + tail, candidate)
        return best[1] if best else None

    def save(self) -> None:
        """Keep what this build used (so the memo follows the source), if that differs from what was stored."""
        if self.path is None or self.used == self.known:
            return
        from .textio import atomic_write

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps({"version": self.version, "paragraphs": self.used}, ensure_ascii=False),
                         durable=False)  # torn by a power cut: not JSON, so the paragraphs are split again
        except OSError as exc:  # a memo is an optimisation: never fail the build over it
            log.debug("sentence memo not saved: %s", exc)


def _join_open_quotations(pieces: list[str]) -> list[str]:
    sentences: list[str] = []
    pending = ""
    for piece in pieces:
        pending = f"{pending} {piece}" if pending else piece
        if not _quotation_open(pending):
            sentences.append(pending)
            pending = ""
    if pending:
        sentences.append(pending)
    return sentences


def _quotation_open(text: str) -> bool:
    straight = text.count('"') % 2 == 1
    stack: list[str] = []
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in ("„", "»") or (ch in ("“", "«") and not stack):
            stack.append(_OPENERS[ch])
    return straight or bool(stack)
