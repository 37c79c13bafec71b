"""Word documents through pandoc; metadata from the document's own properties
(``docProps/core.xml``), which pandoc's DOCX reader does not read."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..errors import ReaderError
from .base import RawDocument
from .pandoc_ast import convert, to_raw_document

FORMAT = "docx"
SUFFIXES = (".docx",)
_CORE = {"title": "{http://purl.org/dc/elements/1.1/}title", "author": "{http://purl.org/dc/elements/1.1/}creator",
         "description": "{http://purl.org/dc/elements/1.1/}description",
         "subtitle": "{http://purl.org/dc/elements/1.1/}subject",
         "date": "{http://purl.org/dc/terms/}created", "language": "{http://purl.org/dc/elements/1.1/}language"}


def read(path: Path, data: bytes) -> RawDocument:
    if not zipfile.is_zipfile(path):
        raise ReaderError("is not a readable DOCX file", "it is not a ZIP container; was it saved as .doc?")
    raw = to_raw_document(convert(path, FORMAT, is_file=True))
    raw.meta = {**core_properties(path), **raw.meta}
    return raw


def core_properties(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("docProps/core.xml"), etree.XMLParser(resolve_entities=False))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    meta = {}
    for key, tag in _CORE.items():
        node = root.find(tag)
        if node is not None and node.text and node.text.strip():
            meta[key] = node.text.strip()[:10] if key == "date" else node.text.strip()
    return meta
