"""Document -> speech script: what is said, in order, with the pause after each item.

The script is the bridge between text and audio: every item keeps the stable
id and the displayed text, adds the text the engine hears (lexicon, then
normalisation), and the pause that follows it. The optional spoken intro
(subtitle, author, date) is part of the first section.

What is spoken is article text only: a title the build derived from the lead
is shown but not spoken before that same lead, and an intro line says nothing
the text itself already carries (its byline or date).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from ..config import PauseOptions
from ..labels import label
from ..model import Document
from .lexicon import Lexicon
from .grammar import MONTHS
from .normalise import Normaliser, Token, spoken_text

MONTH_NAMES = MONTHS
log = logging.getLogger(__name__)
_TOLD: set[str] = set()  # documents' languages already said to be read without German rules


@dataclass(frozen=True)
class ScriptItem:
    id: str
    kind: str  # "heading", "intro" or a block kind
    text: str  # shown to readers
    speech: str  # heard from the engine
    section: int  # index into document.sections
    block: str  # block id ("" for headings and the intro)
    pause_ms: int  # silence after this item
    tokens: tuple = field(default=(), compare=False, repr=False)  # normalise.Token: display span -> spoken


def intro_lines(doc: Document) -> list[str]:
    """Subtitle, byline and date, each only if the opening text does not already say it; first the
    title, where the text opens with a heading of its own (a book's "Vorrede."), in the document's
    language."""
    meta, lines, language = doc.meta, [], doc.meta.language
    opening = _opening_text(doc)
    if opens_before_heading(doc):
        lines.append(meta.title.rstrip(".") + ".")
    if meta.subtitle and meta.subtitle.casefold() not in opening.casefold():
        lines.append(meta.subtitle.rstrip(".") + ".")
    byline = []
    authors = [a for a in meta.authors if a.casefold() not in opening.casefold()]
    if authors:
        names = authors[0] if len(authors) == 1 else \
            ", ".join(authors[:-1]) + f" {label('and', language)} " + authors[-1]
        byline.append(f"{label('by', language)} {names}")
    if meta.date and not _mentions_date(opening, meta.date):
        byline.append(german_date(meta.date) if language.split("-")[0] == "de" else _date_line(meta.date, language))
    if byline:
        lines.append(", ".join(byline) + ".")
    return lines


def opens_before_heading(doc: Document) -> bool:
    """Whether the title, subtitle and byline are said before the first heading: when that heading
    is the source's own and not the title (a book that opens with "Vorrede."), the listener hears
    what the book is first, and the reader sees it there too."""
    first = doc.sections[0]
    title = " ".join(doc.meta.title.split()).casefold()
    return bool(first.heading_in_source and title and title not in " ".join(first.heading.text.split()).casefold())


def _date_line(iso: str, language: str) -> str:
    """'published on October 19, 2017' in the document's language (CLDR's date format, through Babel)."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return f"{label('appeared', language)} {iso[:4]}"
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return f"{label('published', language)} {format_date(day, 'long', locale=language.replace('-', '_'))}"
    except (UnknownLocaleError, ValueError):
        return f"{label('published', language)} {day.isoformat()}"


def _opening_text(doc: Document, blocks: int = 3) -> str:
    first = doc.sections[0]
    texts = [first.heading.text] if first.heading_in_source else []
    texts += [s.text for block in first.blocks[:blocks] for s in block.sentences]
    return " ".join(texts)


def _mentions_date(text: str, iso: str) -> bool:
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return False
    forms = (rf"0?{day.day}\.\s?0?{day.month}\.\s?(?:{day.year}|{day.year % 100:02d})",
             rf"0?{day.day}\.\s?{MONTH_NAMES[day.month - 1]}\s{day.year}", day.isoformat())
    return any(re.search(form, text) for form in forms)


def _page_label(value: str) -> str:
    """A page's number as it is said: a lower-case Roman one ('xiv', front matter) in capitals."""
    return value.upper() if re.fullmatch(r"[ivxlc]+", value) else value


def heading_is_spoken(section) -> bool:
    """A title the build made up from the lead is shown, not read before that same lead;
    a title cut short with '…' is never read."""
    if section.heading_in_source:
        return True
    title = section.heading.text
    if title.endswith("…"):
        return False
    lead = next((b.sentences[0].text for b in section.blocks if b.sentences), "")
    return not lead.startswith(title)


def german_date(iso: str) -> str:
    """'2022-02-24' -> 'veröffentlicht am 24. Februar 2022' (display text; the normaliser speaks it)."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return f"erschienen {iso[:4]}"
    return f"veröffentlicht am {day.day}. {MONTH_NAMES[day.month - 1]} {day.year}"


def build_script(doc: Document, lexicon: Lexicon | None = None, pauses: PauseOptions = PauseOptions(),
                 intro: bool = True, notes: str = "skip", page_numbers: bool = False) -> list[ScriptItem]:
    """``notes``: "skip" (notes are shown, not read), "inline" (read where they stand, after a
    short label: "Anmerkung 1") or "end-of-chapter" (read so, after the chapter's text).
    ``page_numbers``: say each print page's number ("Seite 12") where it begins: before the
    sentence it begins with, else after the sentence it falls in (never inside one); its item's id
    is the page break's, so an overlay plays it on the page break, typed so it can be skipped."""
    lexicon = lexicon or Lexicon()
    speech = Normaliser(lexicon.entries, foreign_lexicons={other.language: other.entries for other in lexicon.others})
    language = doc.meta.language
    if language.split("-")[0].lower() != "de" and language not in _TOLD:
        _TOLD.add(language)
        log.info("%s: the document is in '%s': its own voice reads it; number and abbreviation rules are "
                 "German only", doc.source or "document", language)

    raw: list[tuple[str, str, str, int, str, tuple]] = []
    page_word, note_word = label("page", language), label("note", language)
    first = opens_before_heading(doc)
    for index, section in enumerate(doc.sections):
        if notes == "skip" and index > 0 and section.blocks and all(b.kind == "note" for b in section.blocks):
            continue  # a book's "Endnotes": shown, and its heading not said over nothing
        opening = [(f"{section.heading.id[:-2]}-{n}", "intro", line[0].upper() + line[1:], index, "", ())
                   for n, line in enumerate(intro_lines(doc), start=2)] if index == 0 and intro else []
        raw += opening if first else []
        if heading_is_spoken(section):
            raw.append((section.heading.id, "heading", section.heading.text, index, "", section.heading.spans))
        raw += [] if first else opening
        for block in section.blocks_notes_last() if notes == "end-of-chapter" else section.blocks:
            if block.kind == "note" and notes == "skip":  # shown where they belong, not read (issue 24)
                continue
            for sentence in block.sentences:
                pages = [s for s in sentence.spans if s.kind == "pagebreak" and s.ref] if page_numbers else []
                said = [(page.ref, "pagenumber", f"{page_word} {_page_label(page.value)}", index, block.id, ())
                        for page in pages]
                raw += [item for page, item in zip(pages, said) if page.start == 0]
                raw.append((sentence.id, block.kind, sentence.text, index, block.id, sentence.spans))
                raw += [item for page, item in zip(pages, said) if page.start > 0]
    note_labels = {b.id: b.label for s in doc.sections for b in s.blocks if b.kind == "note"}
    items = []
    for i, (item_id, kind, text, section, block, spans) in enumerate(raw):
        after = raw[i + 1] if i + 1 < len(raw) else None
        if after is None:
            pause = 0
        elif after[3] != section:
            pause = pauses.section_ms
        elif kind in ("heading", "intro"):
            pause = pauses.heading_ms
        elif after[4] != block:
            pause = pauses.paragraph_ms
        else:
            pause = pauses.sentence_ms
        tokens = speech.tokens(text, spans, language)
        if kind == "note" and (i == 0 or raw[i - 1][4] != block):  # a note's first sentence: after its label
            number = note_labels.get(block, "")
            said = spoken_text(speech.tokens(f"{note_word} {number}" if number.isalnum() else note_word, (), language))
            tokens = [Token(0, 0, "", "label", f"{said}: ")] + tokens
        items.append(ScriptItem(item_id, kind, text, spoken_text(tokens), section, block, pause, tuple(tokens)))
    return items
