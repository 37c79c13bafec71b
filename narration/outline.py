"""The document as readers see it, as text: what ``build.py document`` prints.

Beside ``build.py script`` (what the engine hears), this shows what the reader made of a
source: metadata, headings by level, and each block by kind; with ``explain``, every piece of
the source it left out and why (a web page's navigation, share bar, credits ...).
"""
from __future__ import annotations

from .model import Document

_MARKS = {"paragraph": "", "list_item": "• ", "quote": "> ", "table_cell": "| ", "figure": "[Abbildung] "}
_META = ("title", "subtitle", "authors", "date", "publisher", "language", "source_url", "description")


def _marked(sentence) -> str:
    """A sentence with its passages in other languages shown: 'rief [en: America First]'."""
    text, out, position = sentence.text, [], 0
    for span in sorted((s for s in sentence.spans if s.kind == "lang"), key=lambda s: s.start):
        out += [text[position:span.start], f"[{span.value}: {text[span.start:span.end]}]"]
        position = span.end
    return "".join(out) + text[position:]


def outline(doc: Document, explain: bool = False):
    meta = doc.meta
    for key in _META:
        value = getattr(meta, key)
        if value:
            yield f"{key}: {', '.join(value) if isinstance(value, tuple) else value}"
    for section in doc.sections:
        yield ""
        mark = "#" * section.level
        yield f"{mark} {section.heading.text}" + ("" if section.heading_in_source else "   (the title, from metadata)")
        for block in section.blocks:
            text = " ".join(_marked(s) for s in block.sentences)
            line = f"{_MARKS.get(block.kind, '')}{text}"
            if block.kind == "figure":
                line += "".join(f"   ({label}: {value})" for label, value in
                                (("alt", block.alt if block.alt != text else ""), ("credit, not read", block.credit))
                                if value)
            yield line
    if doc.matter:
        yield ""
        yield "shown, not read: " + ", ".join(f"{m.title} [{m.kind}]" for m in doc.matter)
    if explain:
        yield ""
        yield f"left out: {len(doc.dropped)}" if doc.dropped else "left out: nothing"
        for text, why in doc.dropped:
            shown = text if len(text) <= 100 else text[:99] + "…"
            yield f"  [{why}] {shown}"
