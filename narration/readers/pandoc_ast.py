"""Shared walk over pandoc's JSON AST for every pandoc-backed reader.

Only text and structure leave this module: raw HTML/LaTeX blocks, attributes,
link targets and footnote bodies are dropped here, once, so no reader can let
markup from a source through to an output. The one attribute kept is a span's
or a division's ``lang`` (Markdown ``[text]{lang=en}`` and ``::: {lang=fr}``,
HTML's ``lang``): as the block's language spans, checked to be a language tag.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pypandoc

from ..errors import ReaderError
from .base import RawBlock, RawDocument, RawSection, real_alt

_QUOTES = {"DoubleQuote": ("„", "“"), "SingleQuote": ("‚", "‘")}
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


BACK_GLYPHS = {"↑", "↩", "↩︎", "^", "⤴"}


NOTE_KINDS = {"footnote", "endnote", "rearnote", "note", "doc-footnote", "doc-endnote"}
NOTEREF_KINDS = {"noteref", "doc-noteref", "refnote", "footnote-ref"}
BACKLINK_KINDS = {"backlink", "doc-backlink", "backref", "footnote-back"}


def _kinds(attr) -> set[str]:
    """What an element says it is: its classes, its ``epub:type`` words and its ``role``."""
    values = dict(attr[2])
    return set(attr[1]) | set(values.get("epub:type", "").split()) | {values.get("role", "")}


def is_note(attr) -> bool:
    """A note's body: ``<aside epub:type="footnote">``, ``role="doc-endnote"``, ``class="footnote"``."""
    return bool(attr[0]) and bool(_kinds(attr) & NOTE_KINDS)


def page_break(attr, inlines) -> tuple[str, str] | None:
    """(its number, its id) if the span is a print page break (``epub:type="pagebreak"``,
    ``role="doc-pagebreak"``, DAISY's class): it is kept, but never read as text."""
    ident, classes, pairs = attr
    values = dict(pairs)
    if not ("pagebreak" in values.get("epub:type", "").split() or values.get("role") == "doc-pagebreak"
            or "pagebreak" in classes or "page-break" in classes):
        return None
    label = values.get("aria-label") or values.get("title") or inline_text(inlines) or ident
    return " ".join(label.split()).strip("[]() ") or ident, ident


def language_of(attr) -> str | None:
    """A pandoc attribute's ``lang``, if it is a language tag ('en', 'fr-CA'), in its usual case."""
    value = dict(attr[2]).get("lang", "") if attr and len(attr) > 2 else ""
    if not _TAG.fullmatch(value):
        return None
    head, *rest = value.split("-")
    return "-".join([head.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])


def convert(source: str | Path, pandoc_format: str, *, is_file: bool, extra_args=()) -> dict:
    """Run pandoc to JSON; any pandoc failure becomes a one-line ReaderError."""
    try:
        if is_file:
            out = pypandoc.convert_file(str(source), "json", format=pandoc_format, extra_args=list(extra_args))
        else:
            out = pypandoc.convert_text(source, "json", format=pandoc_format, extra_args=list(extra_args))
    except (RuntimeError, OSError) as exc:
        detail = next((ln.strip() for ln in str(exc).splitlines() if ln.strip() and "Pandoc died" not in ln), "")
        raise ReaderError(f"is not a readable {pandoc_format.upper()} file", detail[:160]) from exc
    return json.loads(out)


def to_raw_document(ast: dict, meta: dict | None = None) -> RawDocument:
    walker = _Walker()
    walker.blocks(ast.get("blocks", []))
    walker.sections[-1].anchors += walker.anchors
    merged = {key: _meta_value(value) for key, value in ast.get("meta", {}).items()}
    merged.update(meta or {})
    kept: list[RawSection] = []
    orphans: list[str] = []  # anchors of a section with nothing in it go to the next one
    for section in walker.sections:
        if section.blocks or section.title:
            section.anchors[:0], orphans = orphans, []
            kept.append(section)
        else:
            orphans += section.anchors
    if kept:
        kept[-1].anchors += orphans
    return RawDocument(merged, kept)


def joined_headings(sections: list[RawSection]) -> list[RawSection]:
    """A book's heading with no text of its own before a deeper one ('Erste Vorlesung.' over its
    subject) is one chapter with it, not an empty chapter: 'Erste Vorlesung. Geschichte der …'.
    (Books only: in an article, a title over its first section is the usual shape.)"""
    joined: list[RawSection] = []
    for section in sections:
        before = joined[-1] if joined else None
        if before is not None and before.title and not before.blocks and section.title and section.level > before.level:
            before.title = f"{before.title} {section.title}"
            before.blocks = section.blocks
            before.anchors += section.anchors
            continue
        joined.append(section)
    return joined


class _Walker:
    def __init__(self):
        self.sections = [RawSection(title=None, level=1)]
        self.groups = 0
        self.language = None  # of the division being walked ('::: {lang=fr}')
        self.pending: list = []  # page breaks in a heading or an empty block: they go with the next text
        self.notes: list = []  # the document's notes (pandoc's Note), each placed after its paragraph
        self.note_kind = False  # inside a division of notes ('<div class="footnote" id="fn1">')
        self.anchors: list[str] = []  # ids seen since the last text: they land on what comes next

    def _add(self, block: RawBlock):
        if block.text.strip() or block.alt.strip():
            self.sections[-1].blocks.append(block)
            self.sections[-1].anchors += self.anchors
            self.anchors = []

    def _text(self, kind, inlines, **fields):
        """A block of running text, with the passages in other languages it holds, its page breaks
        and note references; the notes pandoc found in it follow it as blocks of their own."""
        before = len(self.notes)
        self.anchors += [i["c"][0][0] for i in inlines if i.get("t") == "Span" and i["c"][0][0]]  # pandoc's file marks
        text, languages, marks = inline_text_and_languages(inlines, self.language, self.notes)
        if self.note_kind:
            kind, fields = "note", {**fields, "ref": self.note_kind[0], "label": self.note_kind[1]}
        if not text.strip():
            self.pending += [(0, *mark[1:]) for mark in marks]
        else:
            marks, self.pending = [(0, *mark[1:]) for mark in self.pending] + marks, []
            self._add(RawBlock(kind, text, languages=languages, marks=marks, **fields))
        for ref, label, blocks in self.notes[before:]:
            body = " ".join(block_text(b) for b in blocks)
            self._add(RawBlock("note", body, ref=ref, label=label))

    def _group(self) -> int:
        self.groups += 1
        return self.groups

    def blocks(self, blocks, kind="paragraph", group=0):
        for block in blocks:
            self.block(block, kind, group)

    def block(self, block, kind="paragraph", group=0):
        tag, content = block.get("t"), block.get("c")
        if tag == "Header":
            level, attr, inlines = content
            title, _languages, marks = inline_text_and_languages(inlines)
            self.pending += [(0, *mark[1:]) for mark in marks]  # a page break before a chapter's heading
            self.sections.append(RawSection(title=title, level=level, anchors=self.anchors + [attr[0]] * bool(attr[0])))
            self.anchors = []
        elif tag in ("Para", "Plain"):
            self._text(kind, content, group=group)
        elif tag == "LineBlock":
            self._add(RawBlock(kind, " ".join(inline_text(line) for line in content), group=group))
        elif tag == "CodeBlock":
            self._add(RawBlock(kind, content[1], group=group))
        elif tag == "BlockQuote":
            self.blocks(content, "quote", group if kind == "quote" else self._group())
        elif tag in ("BulletList", "OrderedList"):
            items = content if tag == "BulletList" else content[1]
            self._list(items, ordered=tag == "OrderedList")
        elif tag == "DefinitionList":
            group = self._group()
            for term, definitions in content:
                self._add(RawBlock("list_item", inline_text(term), group=group))
                for definition in definitions:
                    self.blocks(definition, "list_item", group)
        elif tag == "Table":
            self._table(content)
        elif tag == "Figure":
            self._figure(content)
        elif tag == "Div":
            self.anchors += [content[0][0]] * bool(content[0][0])
            outer, outer_note = self.language, self.note_kind
            self.language = language_of(content[0]) or outer
            if is_note(content[0]):
                self.note_kind = (content[0][0], "")
            try:
                self.blocks(content[1], kind, group)
            finally:
                self.language, self.note_kind = outer, outer_note
        # RawBlock, HorizontalRule, Null: nothing to narrate.

    def _list(self, items, ordered):
        group = self._group()
        for item in items:
            inlines, nested = [], []
            for part in item:
                if part.get("t") in ("Para", "Plain"):
                    inlines += ([{"t": "Space"}] if inlines else []) + part["c"]
                else:
                    nested.append(part)
            self._text("list_item", inlines, group=group, ordered=ordered)
            self.blocks(nested)

    def _table(self, content):
        _attr, caption, _specs, head, bodies, foot = content
        group = self._group()
        rows = [(row, True) for row in head[1]]
        for body in bodies:
            rows += [(row, True) for row in body[2]] + [(row, False) for row in body[3]]
        rows += [(row, False) for row in foot[1]]
        for r, (row, is_head) in enumerate(rows):
            for c, cell in enumerate(row[1]):  # a cell's inlines, so a page break in it is kept
                inlines = []
                for block in cell[4]:
                    inlines += [{"t": "Space"}] if inlines else []
                    inlines += block["c"] if block.get("t") in ("Para", "Plain") else [
                        {"t": "Str", "c": block_text(block)}]
                self._text("table_cell", inlines, group=group, row=r, col=c, header=is_head)
        caption_text = " ".join(block_text(b) for b in caption[1])
        if caption_text:
            self._add(RawBlock("paragraph", caption_text))

    def _figure(self, content):
        attr, caption, body = content
        credit = dict(attr[2]).get("credit", "")
        caption_text = real_alt(" ".join(block_text(b) for b in caption[1]))  # pandoc's caption from a file-name alt
        image = _first_image(body)
        if image is None:
            self.blocks(body)
            return
        alt, target = image
        # The caption is narrated; with no caption the alt text is, so every figure is heard.
        self._add(RawBlock("figure", caption_text or alt, image=target, alt=alt or caption_text, credit=credit))


def _first_image(blocks):
    for block in blocks:
        for inline in block.get("c", []) if block.get("t") in ("Para", "Plain") else []:
            if isinstance(inline, dict) and inline.get("t") == "Image":
                _attr, alt, (target, _title) = inline["c"]
                return real_alt(inline_text(alt)), target
    return None


def block_text(block) -> str:
    tag, content = block.get("t"), block.get("c")
    if tag in ("Para", "Plain"):
        return inline_text(content)
    if tag in ("Div", "BlockQuote"):
        return " ".join(block_text(b) for b in (content[1] if tag == "Div" else content))
    return ""


def inline_text(inlines) -> str:
    return inline_text_and_languages(inlines)[0]


def inline_text_and_languages(inlines, language: str | None = None, notes: list | None = None):
    """The inlines' text, white space collapsed; (start, end, tag) of each passage marked with a
    language (``language``: the surrounding division's); and (position, kind, value, ref) of each
    mark of no width in it: a print page break ("pagebreak", its number, its id)."""
    out: list[tuple[str, str | None]] = []
    _inlines(inlines, out, language, notes if notes is not None else [])
    chars: list[tuple[str, str | None]] = []
    marks: list[tuple[int, str, str, str]] = []
    for piece, lang in out:
        if isinstance(piece, tuple):  # a mark of no width: (kind, value, ref) at this point of the text
            marks.append((len(chars), *piece))
            continue
        for ch in piece:
            if ch.isspace():
                if chars and chars[-1][0] != " ":
                    chars.append((" ", lang))
            else:
                chars.append((ch, lang))
    while chars and chars[-1][0] == " ":
        chars.pop()
    text = "".join(ch for ch, _ in chars)
    spans, start = [], None
    for i, (ch, lang) in enumerate(chars + [(" ", None)]):
        current = spans[-1][2] if start is not None else None
        if start is not None and lang != current:
            end = i
            while end > start and text[end - 1] == " ":
                end -= 1
            spans[-1] = (start, end, current)
            start = None
        if start is None and lang is not None and ch != " ":
            start = i
            spans.append((i, i, lang))
    marks = [(min(at, len(text)), kind, value, ref) for at, kind, value, ref in marks]
    return text, [s for s in spans if s[1] > s[0]], marks


def _inlines(inlines, out, lang=None, notes=None):
    notes = notes if notes is not None else []
    for inline in inlines:
        tag, content = inline.get("t"), inline.get("c")
        if tag == "Str":
            out.append((content, lang))
        elif tag in ("Space", "SoftBreak", "LineBreak"):
            out.append((" ", lang))
        elif tag in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            _inlines(content, out, lang, notes)
        elif tag == "Span":
            page = page_break(content[0], content[1])
            if page is not None:
                out.append((("pagebreak", *page), lang))
            else:
                _inlines(content[1], out, language_of(content[0]) or lang, notes)
        elif tag == "Link" and _kinds(content[0]) & NOTEREF_KINDS:  # a reference to a note: a mark, no text
            target = content[2][0].rsplit("#", 1)[-1]
            out.append((("noteref", " ".join(inline_text(content[1]).split()), target), lang))
        elif tag == "Link" and (_kinds(content[0]) & BACKLINK_KINDS or inline_text(content[1]) in BACK_GLYPHS):
            continue  # a note's way back to its reference: the outputs make their own
        elif tag == "Note":  # pandoc's own note: a mark here, its text a note block after the paragraph
            number = str(len(notes) + 1)  # ``notes``: the document's so far, so ids are unique and stable
            notes.append((f"note-{number}", number, content))
            out.append((("noteref", number, f"note-{number}"), lang))
        elif tag == "Image" and not real_alt(inline_text(content[1])):
            continue  # alt text that is only the file's name ('footnote-b_02_02_11.png'): nothing to say
        elif tag in ("Link", "Image", "Cite"):
            _inlines(content[1], out, lang, notes)
        elif tag == "Quoted":
            left, right = _QUOTES.get(content[0]["t"], ("„", "“"))
            out.append((left, lang))
            _inlines(content[1], out, lang, notes)
            out.append((right, lang))
        elif tag in ("Code", "Math"):
            out.append((content[1], lang))
        # RawInline and Note: dropped (markup, and footnotes read out of place).


def _meta_value(value):
    tag, content = value.get("t"), value.get("c")
    if tag == "MetaInlines":
        return inline_text(content)
    if tag == "MetaString":
        return content
    if tag == "MetaBool":
        return content
    if tag == "MetaList":
        return [_meta_value(v) for v in content]
    if tag == "MetaBlocks":
        return " ".join(block_text(b) for b in content)
    if tag == "MetaMap":
        return {k: _meta_value(v) for k, v in content.items()}
    return ""
