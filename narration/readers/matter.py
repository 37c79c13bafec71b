"""A book's matter that is shown, never heard: its title page, imprint, index, colophon, a contents page.

Not narrated is not thrown away: an index links to the print pages, an imprint says whose edition
it is. Such a document is kept as a page of our EPUB, made safe here, once: only structural
elements and a few attributes pass (no script, style, form, image or outside link), its ids are
named as the document names the book's ids (``file_id``, as pandoc does, so an index's
``#page123`` still lands on the page break the text keeps), and its links into the book become
``#id`` for the writer to point at the file that holds the id now (or to drop, if none does).
Print page breaks in it stay page breaks, so the page list keeps every page of the source.
"""
from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath
from urllib.parse import unquote

from lxml import etree

from ..model import Matter

KEPT = {  # why matter_of left a document out -> its kind (epub:type) when it is kept to be read
    "table of contents": "toc", "a page of links into the book (a table of contents)": "toc",
    "list of illustrations": "loi", "list of tables": "lot", "imprint": "imprint", "colophon": "colophon",
    "index": "index", "title page (the intro says title and author)": "titlepage", "half-title page": "halftitlepage",
    "Project Gutenberg's header": "imprint", "Project Gutenberg's licence": "imprint",
}
_BLOCKS = {"p", "div", "section", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "dl",
           "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "blockquote", "figure",
           "figcaption", "hr", "br"}
_INLINES = {"span", "a", "em", "strong", "i", "b", "small", "sup", "sub", "cite", "abbr", "q", "s", "u"}
_GONE = {"script", "style", "head", "title", "iframe", "object", "embed", "form", "svg", "math", "img", "audio",
         "video", "canvas", "noscript", "template", "button", "input", "select", "textarea", "nav", "link", "meta"}
_EMPTY = {"hr", "br"}
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def kept(xhtml: bytes, name: str, why: str, front: bool) -> Matter | None:
    """The document as a page to keep, or None if its kind is not kept (navigation, cover, title page)
    or it has nothing to show. ``name``: its file's base name, which its ids are named by."""
    kind = KEPT.get(why)
    if kind is None:
        return None
    try:
        root = etree.fromstring(xhtml, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    body = next((e for e in root.iter() if _local(e) == "body"), None) if root is not None else None
    if body is None:
        return None
    out: list[str] = []
    for child in body:
        _emit(child, name, out)
    html = "".join(out).strip()
    text = " ".join("".join(body.itertext()).split())
    if not text:
        return None
    heading = next((" ".join("".join(h.itertext()).split()) for h in body.iter()
                    if re.fullmatch(r"h[1-6]", _local(h))), "")
    return Matter(kind, heading or text[:60], html, front, name)


def local_name(element) -> str:
    """An element's tag without its namespace ('' for a comment): what the EPUB readers compare."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _local(element) -> str:
    return local_name(element).lower()


def _emit(element, name: str, out: list[str]) -> None:
    tag = _local(element)
    if tag in _GONE or not isinstance(element.tag, str):  # with its content; a comment too
        out.append(escape(element.tail or ""))
        return
    kinds = set(f"{element.get(_EPUB_TYPE, '')} {element.get('role', '')}".split())
    if kinds & {"pagebreak", "doc-pagebreak"}:
        label = element.get("aria-label") or element.get("title") or " ".join("".join(element.itertext()).split())
        ident = f' id="{escape(_named(name, element.get("id")))}"' if element.get("id") else ""
        out.append(f'<span{ident} role="doc-pagebreak" aria-label="{escape(label.strip("[]() "))}" '
                   f'class="pagebreak" epub:type="pagebreak"/>{escape(element.tail or "")}')
        return
    if tag == "a" and _href(element.get("href", ""), name) is None:  # a link out of the book: its text
        tag = "span" if element.get("id") else ""
    keep = tag in _BLOCKS or tag in _INLINES
    if keep:
        attrs = _attributes(element, name, tag)
        if tag in _EMPTY:
            out.append(f"<{tag}{attrs}/>{escape(element.tail or '')}")
            return
        out.append(f"<{tag}{attrs}>")
    out.append(escape(element.text or ""))
    for child in element:
        _emit(child, name, out)
    if keep:
        out.append(f"</{tag}>")
    out.append(escape(element.tail or ""))


def _attributes(element, name: str, tag: str) -> str:
    attrs = []
    if element.get("id"):
        attrs.append(("id", _named(name, element.get("id"))))
    if tag == "a":
        href = _href(element.get("href", ""), name)
        if href is not None:
            attrs.append(("href", href))
    language = element.get("lang") or element.get(_XML_LANG) or ""
    if _TAG.fullmatch(language):
        attrs += [("lang", language), ("xml:lang", language)]
    for key in ("colspan", "rowspan"):
        if element.get(key, "").isdigit():
            attrs.append((key, element.get(key)))
    return "".join(f' {key}="{escape(value)}"' for key, value in attrs)


def _named(name: str, ident: str) -> str:
    return f"{name}_{ident}"


def _href(href: str, name: str) -> str | None:
    """A link into the book as ``#id`` (named as the document names ids), None for any other."""
    if not href or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", href):
        return None
    return "#" + anchor(href, name)[0]


def anchor(href: str, here: str = "") -> tuple[str, str]:
    """A link's target as pandoc names ids in a book it reads: (``file_fragment``, or ``file`` for a
    whole file; its file's base name). ``here``: the linking document's, for a link inside it."""
    path, _, fragment = unquote(href).partition("#")
    file = PurePosixPath(path).name if path else here
    return (_named(file, fragment) if fragment else file), file
