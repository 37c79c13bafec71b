"""Footnotes of an HTML page: kept as notes, never glued to their word, never read as text.

A page marks a note reference as pandoc does (``<a role="doc-noteref">``), by a class
(``footnote-ref``, Wikipedia's ``reference``), or only by its look: a short label ("1", "*", "[2]")
raised in a ``<sup>`` and linking into the page. The note it points at may be anywhere on the page,
and the article selection (trafilatura, which keeps no link) would leave the notes out and glue
the labels to their words ("Schiff.1"). So, on the whole page and before the selection
(``collect``), each reference becomes a mark of private-use characters that any text extraction
keeps, and each note leaves the page with its text. In the article (``place``) each mark becomes
pandoc's own reference (``role="doc-noteref"``) and the notes a ``role="doc-endnotes"`` list at its
end, which pandoc's HTML reader turns into notes (the walker puts each after its paragraph). A
note's way back (↩, ↑) is left out: every output makes its own.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from .pandoc_ast import BACK_GLYPHS, BACKLINK_KINDS, NOTEREF_KINDS
from .webarticle import cut  # an element out, the text after it kept

_REF_KINDS = NOTEREF_KINDS | {"reference", "fn-ref"}  # the web's too: Wikipedia's <sup class="reference">
_BACK_KINDS = BACKLINK_KINDS | {"footnote-backref", "mw-cite-backlink"}
_LABEL = re.compile(r"[\[(]?(?:\d{1,3}[a-z]?|[*†‡§]{1,3})[\])]?")
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_MARK = re.compile("\ue010(\\d+)\ue011")
_LONGEST_NOTE = 2000  # characters: an id-bearing block longer than this is not a note


@dataclass
class Notes:
    references: list[tuple[str, str]] = field(default_factory=list)  # (label, target id), by mark number
    texts: dict[str, str] = field(default_factory=dict)  # target id -> the note's text


def collect(tree) -> Notes:
    """The page's note references as marks, and its notes out of the page (their text kept)."""
    found = Notes()
    links = [(a, target) for a in tree.iter("a") if (target := _reference(a))]
    if not links:
        return found
    wanted = {target for _, target in links}
    for element in list(tree.iter()):
        ident = element.get("id") if isinstance(element.tag, str) else None
        if ident in wanted and ident not in found.texts and element.getparent() is not None:
            text = _text(element)
            if text and len(text) <= _LONGEST_NOTE and not any(a in element.iter("a") for a, _ in links):
                found.texts[ident] = text
                cut(element)
    for a, target in links:
        if target not in found.texts or a.getparent() is None:
            continue
        label = " ".join("".join(a.itertext()).split()).strip("[]()")
        found.references.append((label, target))
        parent = a.getparent()
        holder = parent if parent.tag == "sup" and len(parent) == 1 and not (parent.text or "").strip() else a
        mark = f"\ue010{len(found.references) - 1}\ue011"
        holder.tail = mark + ((a.tail or "") if holder is not a else "") + (holder.tail or "")
        cut(holder)  # the mark, and what followed, stay where it was
    return found


def place(root, notes: Notes) -> None:
    """The marks in ``root`` as pandoc's note references, its notes as a list at its end."""
    if not notes.references:
        return
    order: list[str] = []  # targets in the order the article first refers to them
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if value and _MARK.search(value):
                _links_for_marks(element, attribute, value, notes, order)
    if order:
        section = etree.SubElement(root, "section", {"role": "doc-endnotes"})
        listing = etree.SubElement(section, "ol")
        for n, target in enumerate(order, 1):
            etree.SubElement(etree.SubElement(listing, "li", {"id": f"note-{n}"}), "p").text = notes.texts[target]


def _links_for_marks(element, attribute: str, value: str, notes: Notes, order: list[str]) -> None:
    pieces = _MARK.split(value)  # text, mark number, text, ...
    setattr(element, attribute, pieces[0])
    if attribute == "text":  # the links go first inside the element, else right after it
        parent, position = element, 0
    else:
        parent = element.getparent()
        position = parent.index(element) + 1
    for offset, (number, text) in enumerate(zip(pieces[1::2], pieces[2::2])):
        label, target = notes.references[int(number)]
        if target not in order:
            order.append(target)
        link = etree.Element("a", {"href": f"#note-{order.index(target) + 1}", "role": "doc-noteref"})
        link.text, link.tail = label or str(order.index(target) + 1), text
        parent.insert(position + offset, link)


def _reference(a) -> str | None:
    """The id a link points at, if the link is a note reference."""
    href = a.get("href", "")
    if not href.startswith("#") or len(href) < 2:
        return None
    kinds = set(f"{a.get('class', '')} {a.get('role', '')} {a.get(_EPUB_TYPE, '')} {a.get('epub:type', '')}".split())
    parent = a.getparent()
    if kinds & _REF_KINDS or (parent is not None and _REF_KINDS & set(parent.get("class", "").split())):
        return href[1:]
    label = " ".join("".join(a.itertext()).split())
    raised = (parent is not None and parent.tag == "sup") or any(child.tag == "sup" for child in a)
    return href[1:] if raised and _LABEL.fullmatch(label) else None


def _text(element) -> str:
    note = copy.deepcopy(element)
    note.tail = None
    for a in list(note.iter("a")):
        kinds = set(f"{a.get('class', '')} {a.get('role', '')}".split())
        if kinds & _BACK_KINDS or "".join(a.itertext()).strip().rstrip("\ufe0e\ufe0f") in BACK_GLYPHS:
            cut(a)
    return " ".join("".join(note.itertext()).split())
