"""The document model every reader produces and every later stage reads.

Kept deliberately small and frozen (like pandoc's AST): a document is metadata
plus ordered sections, a section is a heading plus blocks, a block holds
sentences. Ids come from position only, so the same source always yields the
same ids, and every output (audio timing, EPUB spans, transcripts, the web
page) can refer to them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("paragraph", "list_item", "quote", "table_cell", "figure", "note")


@dataclass(frozen=True)
class Metadata:
    title: str
    language: str = "de"
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    publisher: str = ""
    description: str = ""
    rights: str = ""
    identifier: str = ""
    cover: str = ""  # absolute path to a vetted image inside the source folder, or ""
    source_url: str = ""  # the web page the article was read from (http/https only), or ""


@dataclass(frozen=True)
class Span:
    """A typed stretch of a sentence's text (character offsets): ``kind`` "lang" marks a passage in
    another language (``value`` its BCP 47 tag); "pagebreak" (no width) a print page's start
    (``value`` its number); "noteref" (no width) a reference to a note (``value`` its label, ``ref``
    the note's id). Every writer, the normaliser and the timing map read the same spans."""
    start: int
    end: int
    kind: str
    value: str
    ref: str = ""  # "pagebreak": its id in the source (an index's links land on it); "noteref": the note's id


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Block:
    """One unit of reading order. Lists and tables are flattened into items
    and cells; ``group`` ties consecutive items of one list/table together so
    writers can rebuild the structure."""

    id: str
    kind: str
    sentences: tuple[Sentence, ...]
    group: int = 0  # index of the list/table/quote this block belongs to
    ordered: bool = False  # list_item: numbered list
    row: int = 0  # table_cell
    col: int = 0
    header: bool = False  # table_cell: a header cell
    image: str = ""  # figure: absolute path of a vetted image, or ""
    alt: str = ""  # figure: alternative text (the caption is in sentences)
    credit: str = ""  # figure: credit line, shown with the caption but not read aloud
    ref: str = ""  # note: its id, which its references ("noteref" spans) link to
    label: str = ""  # note: its number or sign


@dataclass(frozen=True)
class Section:
    id: str
    level: int
    heading: Sentence  # a section without a heading in the source takes the title
    blocks: tuple[Block, ...]
    heading_in_source: bool = True
    anchors: tuple[str, ...] = field(default=(), compare=False)  # the source's ids that land here (its TOC's targets)

    @property
    def title(self) -> str:
        return self.heading.text

    def sentences(self):
        yield self.heading
        for block in self.blocks:
            yield from block.sentences

    def blocks_notes_last(self) -> tuple[Block, ...]:
        """The blocks with the notes after the text, in their order: notes read at the chapter's
        end are shown there too, so what is heard and what is highlighted follow one order."""
        return tuple(b for b in self.blocks if b.kind != "note") + tuple(b for b in self.blocks if b.kind == "note")


@dataclass(frozen=True)
class Matter:
    """A part of a book shown but never heard: its index, imprint, colophon, a contents page.
    ``html``: its body, made safe by the reader (:mod:`narration.readers.matter`), its ids named
    as the document's, its links into the book ``#id`` for the writer to resolve."""
    kind: str  # its epub:type: "titlepage", "imprint", "index", "colophon", "toc", "loi", "lot", ...
    title: str
    html: str
    front: bool  # before the book's text, else after it
    anchor: str = ""  # the source's name for it (its file's), which links to it use
    before: str = ""  # the anchor of the text that follows it in the source ("" if none does)


@dataclass(frozen=True)
class TocEntry:
    """A chapter as the source's table of contents names it: it begins at ``section`` (an index into
    the document's sections) and runs to the next entry. Sections it does not list belong to it."""
    section: int
    title: str
    level: int = 1


@dataclass(frozen=True)
class Document:
    meta: Metadata
    sections: tuple[Section, ...]
    source: str = ""  # file name only, for messages
    lexicon: tuple[tuple[str, str], ...] = field(default=())  # (grapheme, alias)
    dropped: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (text, why): what the reader left out
    settings: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # its own [build] settings (notes, ...)
    toc: tuple[TocEntry, ...] = ()  # the source's own table of contents, where it has one (a book's)
    matter: tuple[Matter, ...] = ()  # what a book shows and does not read, in its order

    def sentences(self):
        for section in self.sections:
            yield from section.sentences()

    def to_dict(self) -> dict:
        from .timeline import plain

        data = plain(self)
        data["meta"]["cover"] = bool(self.meta.cover)
        data.pop("lexicon")
        data.pop("settings")
        data.pop("matter")
        data.pop("dropped")
        for section in data["sections"]:
            section.pop("anchors")
            for block in section["blocks"]:
                block["image"] = bool(block["image"])
        return data


def sentence_id(section: int, block: int, sentence: int) -> str:
    return f"s-{section}-{block}-{sentence}"


def heading_id(section: int) -> str:
    return f"s-{section}-0-1"
