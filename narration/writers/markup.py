"""The article body as an element tree, shared by the EPUB and the web page.

Both outputs carry the same sentence spans with the same ids, so the same
timing map drives EPUB Media Overlays and the web player's highlighting.
Everything from the source enters as element text or attribute values via
lxml, which escapes it: nothing from a source can become markup or script.
"""
from __future__ import annotations

from itertools import groupby

from lxml import etree

from ..labels import label
from ..model import Block, Section
from ..speech.script import ScriptItem, heading_is_spoken

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"


def el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    attrs = {k.rstrip("_").replace("__", ":").replace("_", "-"): v for k, v in attrs.items() if v is not None}
    node = etree.SubElement(parent, tag, attrs) if parent is not None else etree.Element(tag, attrs)
    if text:
        node.text = text
    return node


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def note_homes(doc, page_of) -> dict[str, str]:
    """Each note's id, and its first reference's (``<id>-ref``), mapped to the file it is in
    (``page_of(section index)``); only notes the document holds, so no link is ever broken."""
    notes = {b.ref for s in doc.sections for b in s.blocks if b.kind == "note" and b.ref}
    home = {}
    for index, section in enumerate(doc.sections):
        for block in section.blocks:
            if block.kind == "note" and block.ref:
                home.setdefault(block.ref, page_of(index))
            for sentence in block.sentences:
                for span in sentence.spans:
                    if span.kind == "noteref" and span.ref in notes:
                        home.setdefault(f"{span.ref}-ref", page_of(index))
    return home


class NoteLinks:
    """Where a note reference links to and back, in this output: ``home`` maps a note's id (and a
    reference's, ``<id>-ref``) to the file it is in ("" for this one). A note that is not in the
    document gets no link, and each reference id is given once."""

    def __init__(self, home: dict[str, str], here: str = "", mode: str = "skip", language: str = "de",
                 listed: bool = False):
        self.home, self.here, self.given = home, here, set()
        self.back_label = label("backlink", language)  # the way back's accessible name, in the book's language
        self.list_label = label("notes", language)
        self.read = mode != "skip"  # the notes are heard: their sentences are spans the overlays play
        # shown after the chapter's text, as a list: when heard so, and where asked (the player) unless
        # they are heard where they stand (what is highlighted follows what is heard)
        self.at_end = mode == "end-of-chapter" or (listed and mode != "inline")

    def href(self, target: str) -> str | None:
        if target not in self.home:
            return None
        where = self.home[target]
        return f"{'' if where == self.here else where}#{target}"

    def reference_id(self, ref: str) -> str | None:
        name = f"{ref}-ref"
        if name in self.given:
            return None
        self.given.add(name)
        return name


def sentence_spans(parent, sentences, notes: NoteLinks | None = None) -> None:
    """Sentences as ``<span id>`` children of ``parent``, separated by spaces; inside one, a passage
    in another language is a ``<span lang xml:lang>`` (WCAG 3.1.2, Language of Parts) and a print
    page break an empty ``<span role="doc-pagebreak" id aria-label>``."""
    last = None
    for sentence in sentences:
        if last is not None:
            last.tail = " "
        spans = [s for s in getattr(sentence, "spans", ()) if s.kind in ("lang", "pagebreak", "noteref")]
        last = el(parent, "span", None if spans else sentence.text, id=sentence.id, class_="sentence")
        if spans:
            inline_spans(last, sentence.text, spans, notes)


def inline_spans(node, text: str, spans, notes: NoteLinks | None = None) -> None:
    """``text`` as ``node``'s content with its spans as elements, in order; a page break that falls
    inside a passage in another language stands before the passage."""
    node.text, previous, position = None, None, 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start = max(span.start, position)
        gap = text[position:start]
        if previous is None:
            node.text = (node.text or "") + gap
        else:
            previous.tail = (previous.tail or "") + gap
        if span.kind == "pagebreak":
            previous = el(node, "span", id=span.ref or None, role="doc-pagebreak", aria_label=span.value,
                          class_="pagebreak")
            position = start
        elif span.kind == "noteref":  # shown raised after its word, never glued into it, never read
            href = notes.href(span.ref) if notes is not None else None
            if href is None:
                previous = el(node, "sup", span.value, class_="noteref")
            else:
                previous = el(node, "a", None, href=href, role="doc-noteref", class_="noteref",
                              id=notes.reference_id(span.ref))
                el(previous, "sup", span.value)
            position = start
        else:
            if span.end <= start:
                continue
            previous = marked(el(node, "span", text[start:span.end]), span.value)
            position = span.end
    if previous is None:
        node.text = (node.text or "") + text[position:]
    else:
        previous.tail = (previous.tail or "") + text[position:]


def marked(node, language: str):
    """``lang`` for HTML, ``xml:lang`` for XHTML: readers' voices and screen readers switch on either."""
    node.set("lang", language)
    node.set(XML_LANG, language)
    return node


def fragment(node) -> str:
    """Serialise our own element tree (text escaped by lxml) as an XML fragment."""
    return etree.tostring(node, encoding="unicode", method="xml")


_EPUB_TYPES = {"doc-pagebreak": "pagebreak", "doc-noteref": "noteref", "doc-footnote": "footnote",
               "doc-backlink": "backlink"}


def render_section(parent, section: Section, heading_level: int, intro: list[ScriptItem],
                   image_src=lambda block: "", epub_types: bool = False, notes: NoteLinks | None = None,
                   opening_first: bool = False) -> etree._Element:
    """``<section>`` with its heading, the spoken intro (first section; before the heading where
    ``opening_first``: a book's title and byline before its "Vorrede.") and its blocks."""
    attrs = {"aria-labelledby": section.heading.id, "class": "section"}
    if epub_types:
        attrs.update({f"{{{EPUB_NS}}}type": "chapter", "role": "doc-chapter"})
    nsmap = {"epub": EPUB_NS} if epub_types else None
    node = etree.Element("section", attrs, nsmap=nsmap) if parent is None else etree.SubElement(parent, "section", attrs, nsmap=nsmap)
    if intro and opening_first:  # a book: what it is, then its first heading ("Vorrede.")
        sentence_spans(el(node, "p", class_="byline opening"), intro)
    heading = el(node, f"h{heading_level}")
    spoken = heading_is_spoken(section)  # a title made from the lead is shown, not read: no overlay, no highlight
    el(heading, "span", section.heading.text, id=section.heading.id, class_="sentence" if spoken else None)
    if intro and not opening_first:
        byline = el(node, "p", class_="byline")
        sentence_spans(byline, intro)
    notes = notes if notes is not None else NoteLinks({b.ref: "" for b in section.blocks if b.kind == "note" and b.ref})
    in_order = section.blocks_notes_last() if notes.at_end else section.blocks
    for (kind, group), blocks in groupby(in_order, key=lambda b: (b.kind, b.group if b.kind != "paragraph" else b.id)):
        blocks = list(blocks)
        if kind == "note" and notes.at_end:  # the chapter's notes, as a list of their own after its text
            _render_group(el(node, "section", class_="notes", aria_label=notes.list_label), kind, blocks, image_src, notes)
        else:
            _render_group(node, kind, blocks, image_src, notes)
    if epub_types:
        for element in node.iter():
            if element.get("role") in _EPUB_TYPES:
                element.set(f"{{{EPUB_NS}}}type", _EPUB_TYPES[element.get("role")])
    return node


def _render_group(parent, kind: str, blocks: list[Block], image_src, notes: NoteLinks | None = None) -> None:
    if kind == "paragraph":
        for block in blocks:
            sentence_spans(el(parent, "p", id=block.id), block.sentences, notes)
    elif kind == "list_item":
        ol = el(parent, "ol" if blocks[0].ordered else "ul")
        for block in blocks:
            sentence_spans(el(ol, "li", id=block.id), block.sentences, notes)
    elif kind == "quote":
        quote = el(parent, "blockquote")
        for block in blocks:
            sentence_spans(el(quote, "p", id=block.id), block.sentences, notes)
    elif kind == "note":
        for block in blocks:
            _render_note(parent, block, notes)
    elif kind == "table_cell":
        _render_table(parent, blocks, notes)
    elif kind == "figure":
        for block in blocks:
            src = image_src(block)
            if src:
                figure = el(parent, "figure", id=block.id)
                el(figure, "img", src=src, alt=block.alt or " ".join(s.text for s in block.sentences))
                if block.sentences or block.credit:
                    caption = el(figure, "figcaption")
                    sentence_spans(caption, block.sentences, notes)
                    _credit(caption, block.credit)
            else:  # no usable image: the description stands as text
                description = el(parent, "p", id=block.id, class_="figure-description")
                sentence_spans(description, block.sentences, notes)
                _credit(description, block.credit)


def _render_note(parent, block: Block, notes: NoteLinks | None) -> None:
    """A note where the book has it, as the reading systems know notes (``doc-footnote``: shown
    when its reference is followed, skipped otherwise), with a way back. Read aloud (``notes =
    "inline"`` or ``"end-of-chapter"``), its sentences are spans an overlay points at; else plain text."""
    aside = el(parent, "aside", id=block.ref or block.id, role="doc-footnote", class_="note")
    paragraph = el(aside, "p")
    if notes is not None and notes.read:
        sentence_spans(paragraph, block.sentences, notes)
    else:
        paragraph.text = " ".join(s.text for s in block.sentences)
    back = notes.href(f"{block.ref}-ref") if notes is not None and block.ref else None
    if back:
        if len(paragraph):
            paragraph[-1].tail = " "
        else:
            paragraph.text += " "
        el(paragraph, "a", "↑", href=back, role="doc-backlink", aria_label=notes.back_label)


def _credit(parent, credit: str) -> None:
    """A figure's credit is shown, never read: outside every sentence span, so no overlay plays it."""
    if credit:
        if len(parent):
            parent[-1].tail = " "
        el(parent, "small", credit, class_="credit")


def _render_table(parent, cells: list[Block], notes: NoteLinks | None = None) -> None:
    """A table as its rows and cells; a header cell with no text is a plain cell (a header must
    name its column: axe's empty-table-header), and a note reference in a cell links as in text."""
    table = el(parent, "table")
    rows: dict[int, dict[int, Block]] = {}
    for cell in cells:
        rows.setdefault(cell.row, {})[cell.col] = cell
    width = max(col for row in rows.values() for col in row) + 1
    head_rows = [r for r in sorted(rows) if all(c.header for c in rows[r].values())]
    for part, numbers in (("thead", head_rows), ("tbody", [r for r in sorted(rows) if r not in head_rows])):
        if not numbers:
            continue
        section = el(table, part)
        for r in numbers:
            tr = el(section, "tr")
            for c in range(width):
                cell = rows[r].get(c)
                header = part == "thead" and cell is not None and any(s.text.strip() for s in cell.sentences)
                td = el(tr, "th" if header else "td", scope="col" if header else None)
                if cell is not None:
                    td.set("id", cell.id)
                    sentence_spans(td, cell.sentences, notes)
