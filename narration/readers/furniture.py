"""What an e-book's producer adds inside its text documents: Project Gutenberg's header and licence.

A Gutenberg EPUB opens its first text document with an English header ("The Project Gutenberg
eBook of …", release date, credits, "*** START OF THE PROJECT GUTENBERG EBOOK … ***") and ends the
book with "*** END OF …" and some five thousand words of licence. Both sit inside the documents
that hold the text, so the spine test (``epub.matter_of``) cannot leave them out: they are cut out
of those documents here, before pandoc reads them, by the producer's own markers
(``data/book_furniture.tsv``: ids, classes, and the START/END lines of older books), and kept as
pages of the book that are shown, not read.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from lxml import etree

from .matter import local_name
from .webarticle import cut as cut_out  # an element out, the text after it kept

_XHTML = "http://www.w3.org/1999/xhtml"


@dataclass
class Part:
    why: str
    xhtml: bytes  # the parts cut out, as a document of their own (for ``matter.kept``)
    front: bool  # it stood before the book's text


@functools.lru_cache(maxsize=1)
def _markers() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    names, lines = {}, []
    text = resources.files(__package__).joinpath("data/book_furniture.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marker, why = line.split("\t")
        if marker.startswith("text:"):
            words = re.escape(marker[5:]).replace(r"\ ", r"\s*")
            lines.append((re.compile(words, re.I), why))
        else:
            names[marker] = why
    return names, lines


def cut(xhtml: bytes, ended: bool = False) -> tuple[bytes | None, list[Part], bool]:
    """The document without the producer's parts (None if it had none), those parts, and whether
    the book's text has ended (an END line: all later documents are licence too)."""
    try:
        root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None, [], ended
    body = next((e for e in root.iter() if local_name(e) == "body"), None)
    if body is None:
        return None, [], ended
    names, lines = _markers()
    front, back = [], []
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or any(element in e.iter() for e in front + back):
            continue
        marked = [names[n] for n in [element.get("id", ""), *element.get("class", "").split()] if n in names]
        if marked:  # its id says which; a class alone (ebookmaker's "pgheader" is on both) by where it stands
            licence = "licen" in marked[0] if element.get("id", "") in names else _text_before(body, element)
            (back if licence else front).append(element)
            ended = ended or licence
    for node in body.xpath(".//text()"):
        for pattern, why in lines:
            holder = node.getparent()
            if not pattern.search(node) or any(holder in e.iter() for e in front + back):
                continue
            if "licen" in why:  # the END line and all after it
                back += [e for e in _from(body, holder) if e not in back]
                ended = True
            else:  # all before the START line, and it
                front += [e for e in _up_to(body, holder) if e not in front]
    parts = [Part(next(w for w in [*names.values(), *(w for _, w in lines)] if ("licen" in w) != is_front),
                  _document(group), is_front) for group, is_front in ((front, True), (back, False)) if group]
    for element in front + back:
        if element.getparent() is not None:
            cut_out(element)
    if not parts:
        return None, [], ended
    return etree.tostring(root, xml_declaration=True, encoding="utf-8"), parts, ended


def _text_before(body, element) -> bool:
    """Whether the book's text comes before ``element`` in its document (a footer, not a header)."""
    before = []
    for node in body.iter():
        if node is element:
            break
        if isinstance(node.tag, str):
            before.append(node.text or "")
    return len(" ".join(before).split()) >= 20


def _from(body, element) -> list:
    """``element`` and everything after it in the document, as whole elements, in reading order."""
    found, node = [element], element
    while node is not body and node.getparent() is not None:
        found += list(node.itersiblings())
        node = node.getparent()
    return [e for e in found if e is not body]


def _up_to(body, element) -> list:
    """Everything before ``element`` in the document, and it, as whole elements, in reading order."""
    levels, node = [], element
    while node is not body and node.getparent() is not None:
        levels.append(list(reversed(list(node.itersiblings(preceding=True)))))
        node = node.getparent()
    return [e for level in reversed(levels) for e in level] + [element]


def _document(elements) -> bytes:
    html = etree.Element(f"{{{_XHTML}}}html", nsmap={None: _XHTML})
    body = etree.SubElement(html, f"{{{_XHTML}}}body")
    for element in elements:
        copy = etree.fromstring(etree.tostring(element))
        copy.tail = None
        body.append(copy)
    return etree.tostring(html, xml_declaration=True, encoding="utf-8")
