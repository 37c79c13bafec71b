"""ODT documents through pandoc; metadata from the document's own properties (``meta.xml``) and
its "Title"/"Subtitle" paragraphs, which pandoc's ODT reader reads as text: a LibreOffice writer
styles the title so, and the listener would hear it twice (as the title, and as a paragraph)."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..errors import ReaderError
from .base import RawDocument
from .pandoc_ast import convert, to_raw_document

FORMAT = "odt"
SUFFIXES = (".odt",)
_DC = "{http://purl.org/dc/elements/1.1/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_PROPERTIES = {"title": f"{_DC}title", "author": f"{_META}initial-creator", "description": f"{_DC}description",
               "language": f"{_DC}language"}


def read(path: Path, data: bytes) -> RawDocument:
    if not zipfile.is_zipfile(path):
        raise ReaderError("is not a readable ODT file", "it is not a ZIP container; was it saved as .odt?")
    raw = to_raw_document(convert(path, FORMAT, is_file=True))
    styled = styled_titles(path)
    raw.meta = {**properties(path), **styled, **raw.meta}
    first = raw.sections[0] if raw.sections else None
    if first is not None and first.title is None:  # the styled title is the title, not a paragraph
        said = {" ".join(v.split()) for v in styled.values()}
        while first.blocks and first.blocks[0].kind == "paragraph" and " ".join(first.blocks[0].text.split()) in said:
            first.blocks.pop(0)
        if not first.blocks:
            raw.sections.pop(0)
    return raw


def properties(path: Path) -> dict:
    root = _part(path, "meta.xml")
    meta = {}
    for key, tag in _PROPERTIES.items():
        node = root.find(f".//{tag}") if root is not None else None
        if node is not None and node.text and node.text.strip():
            meta[key] = node.text.strip()
    return meta


def styled_titles(path: Path) -> dict:
    """The text of the first paragraph styled "Title" (or a style made from it), and "Subtitle"."""
    root = _part(path, "content.xml")
    if root is None:
        return {}
    parents = {s.get(f"{_STYLE}name"): s.get(f"{_STYLE}parent-style-name") for s in root.iter(f"{_STYLE}style")}
    found: dict[str, str] = {}
    for paragraph in root.iter(f"{_TEXT}p"):
        style = paragraph.get(f"{_TEXT}style-name", "")
        kind = {"Title": "title", "Subtitle": "subtitle"}.get(style) or \
            {"Title": "title", "Subtitle": "subtitle"}.get(parents.get(style, ""))
        text = " ".join("".join(paragraph.itertext()).split())
        if kind and text and kind not in found:
            found[kind] = text
    return found


def _part(path: Path, name: str):
    try:
        with zipfile.ZipFile(path) as archive:
            return etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
