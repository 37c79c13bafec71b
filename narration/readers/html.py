"""HTML pages: narrate the article, not the page around it.

The body is cut down to ``<article>`` or ``<main>`` (else ``<body>``), page
furniture (nav, aside, footer, forms) is removed, and nh3 (a maintained
sanitiser, Rust's ammonia) keeps only structural tags before pandoc sees it.
"""
from __future__ import annotations

from pathlib import Path

import lxml.html
import nh3

from ..errors import ReaderError
from ..textio import decode
from .base import RawDocument
from .pandoc_ast import convert, to_raw_document

FORMAT = "html"
SUFFIXES = (".html", ".htm", ".xhtml")

_FURNITURE = "//nav|//aside|//footer|//form|//script|//style|//noscript|//template|//iframe|//svg|//*[@role='navigation']|//*[@role='complementary']|//*[@role='contentinfo']|//*[@hidden]"
_KEEP_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption", "img",
    "em", "strong", "b", "i", "q", "cite", "abbr", "span", "div", "section", "header", "sub", "sup",
    "code", "pre", "a",
}
_KEEP_ATTRS = {"img": {"alt", "src"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def read(path: Path, data: bytes) -> RawDocument:
    text = decode(data)
    if not text.strip():
        raise ReaderError("is empty")
    try:
        tree = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises several types for junk
        raise ReaderError("is not readable HTML") from exc
    meta = _page_metadata(tree)
    root = _article_root(tree)
    for junk in root.xpath(_FURNITURE):
        if junk is not root and junk.getparent() is not None:
            junk.drop_tree()
    fragment = lxml.html.tostring(root, encoding="unicode")
    clean = nh3.clean(fragment, tags=_KEEP_TAGS, attributes=_KEEP_ATTRS, url_schemes={"http", "https"},
                      link_rel=None, strip_comments=True)
    raw = to_raw_document(convert(clean, "html", is_file=False))
    raw.meta = {**meta, **raw.meta}
    return raw


def _article_root(tree):
    for query in ("//article", "//main", "//*[@role='main']", "//body"):
        found = tree.xpath(query)
        if found:
            return found[0]
    return tree


def _without_site_name(title: str) -> str:
    """'Krieg in Europa | Die Zeitung' -> 'Krieg in Europa': a <title> carries the site's name."""
    for separator in (" | ", " – ", " — ", " - ", " :: ", " · "):
        if separator in title:
            return title.rsplit(separator, 1)[0].strip()
    return title


def _page_metadata(tree) -> dict:
    meta = {}
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        meta["lang"] = lang
    headings = [h.text_content().strip() for h in tree.xpath("//h1")]
    if headings and headings[0]:
        meta["page_heading"] = headings[0]  # the article's own title, even when it sits outside <article>
    titles = tree.xpath("//head/title/text()")
    if titles and titles[0].strip():
        meta["page_title"] = _without_site_name(titles[0].strip())
    for name, key in (("author", "author"), ("description", "description"), ("date", "date")):
        values = tree.xpath(f"//meta[@name='{name}']/@content")
        if values and values[0].strip():
            meta[key] = values[0].strip()
    return meta
