"""HTML pages: narrate the article, only the article.

Three steps, each with its reason recorded for ``build.py document --explain``:
:mod:`.webarticle` asks trafilatura which text is the article and cuts the page's own tree down
to it; :mod:`.boilerplate` drops what still is not article (share bars, ad labels, "Lesen Sie
auch", credits), by patterns kept in a data file; :mod:`.webnotes` keeps the page's footnotes as
notes; nh3 (a maintained sanitiser, Rust's ammonia)
then keeps only structural tags before pandoc maps the rest into our model.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.html
import nh3

from ..errors import ReaderError
from ..textio import clean_text
from ..textio import decode
from . import boilerplate, webarticle, webnotes
from .base import RawDocument
from .pandoc_ast import convert, to_raw_document

FORMAT = "html"
SUFFIXES = (".html", ".htm", ".xhtml")
log = logging.getLogger(__name__)

_KEEP_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "figure", "figcaption", "img",
    "em", "strong", "b", "i", "q", "cite", "abbr", "span", "div", "section", "header", "sub", "sup",
    "code", "pre", "a",
}
_KEEP_ATTRS = {"img": {"alt", "src"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"},
               "figure": {"data-credit"}, "span": {"lang"}, "div": {"lang"},
               "a": {"href", "role"}, "section": {"role"}, "li": {"id"}}  # notes, as webnotes leaves them
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# A page is "short" when its article is both few words and a small part of the page: a paywall,
# a consent wall or a page built by JavaScript shows a teaser and a lot of furniture.
SHORT_ARTICLE_WORDS = 120
SHORT_ARTICLE_SHARE = 0.15
_NO_TEXT_HINT = ("a consent or login wall, or a page built by JavaScript? Save the page after it has loaded, "
                 "or paste its text into a .txt")


def read(path: Path, data: bytes) -> RawDocument:
    tree = parse(data)
    _flatten_headings(tree)
    meta = _page_metadata(tree)
    published = article_body(tree)  # what the page gives machines, read before its scripts go
    notes = webnotes.collect(tree)  # before the selection, which keeps no link: references become marks
    selection = webarticle.select(tree)
    meta = {**selection.metadata, **meta}  # the page's own <meta> and <h1> first, trafilatura's fill gaps
    if selection.root is None:
        if published:
            return _from_article_body(published, meta, selection.dropped)
        raise ReaderError("has no article text", _NO_TEXT_HINT)
    dropped = selection.dropped + boilerplate.strip(selection.root) + _images(selection.root)
    webnotes.place(selection.root, notes)
    _languages_as_spans(selection.root)
    fragment = lxml.html.tostring(selection.root, encoding="unicode")
    clean = nh3.clean(fragment, tags=_KEEP_TAGS, attributes=_KEEP_ATTRS, url_schemes={"http", "https"},
                      link_rel=None, strip_comments=True)
    raw = to_raw_document(convert(clean, "html", is_file=False))
    raw.meta = {**meta, **raw.meta}
    raw.dropped = dropped
    words = sum(len(b.text.split()) for s in raw.sections for b in s.blocks)
    told = len(published.split())
    if published and told >= 50 and (told >= 2 * words or (selection.fallback and told >= 0.9 * words)):
        return _from_article_body(published, meta, dropped + [(f"{words} words of the page's markup", "the page's "
                                  "structured data (JSON-LD articleBody) holds the article whole; it is read")])
    if not words:
        raise ReaderError("has no article text", _NO_TEXT_HINT)
    if words < SHORT_ARTICLE_WORDS and words < SHORT_ARTICLE_SHARE * selection.page_words:
        log.warning("%s: only %d words of article on a page of %d (paywall, consent wall or JavaScript page?)",
                    path.name, words, selection.page_words)
    return raw


_ARTICLE_TYPES = {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                  "BlogPosting", "Report", "ScholarlyArticle", "TechArticle"}


def article_body(tree) -> str:
    """The longest ``articleBody`` of an article in the page's JSON-LD: many news sites give search
    engines the whole text there, also where the page shows a consent wall, a paywall's teaser or
    builds its text with JavaScript."""
    import json

    found = ""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack += item
            elif isinstance(item, dict):
                stack += [v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage")]
                kinds = item.get("@type", [])
                kinds = {kinds} if isinstance(kinds, str) else set(kinds) if isinstance(kinds, list) else set()
                body = item.get("articleBody")
                if kinds & _ARTICLE_TYPES and isinstance(body, str) and len(body) > len(found):
                    found = body
    return found.strip()


def _from_article_body(body: str, meta: dict, dropped) -> RawDocument:
    """The article from its structured data. Sites write it as plain text (a paragraph a line), as
    Markdown (kramdown's ``{: target=...}`` attributes included) or as HTML; pandoc reads the last
    two, so headings and links become structure and text, never markup."""
    if re.search(r"<(p|br|h[1-6]|div|a)\b", body, re.I):
        raw = to_raw_document(convert(nh3.clean(body, tags=_KEEP_TAGS, attributes=_KEEP_ATTRS), "html",
                                      is_file=False))
    else:
        text = re.sub(r"\{:[^}]*\}", "", body).replace("\n", "\n\n")  # kramdown's attributes; a line a paragraph
        raw = to_raw_document(convert(text, "markdown-raw_html-raw_tex", is_file=False))
    raw.meta = dict(meta)
    raw.dropped = list(dropped)
    return raw


def _languages_as_spans(root) -> None:
    """pandoc keeps ``lang`` on a <span> or <div> only; an <i lang="en">, <q lang="fr"> or <p lang="en">
    gets a <span lang> around its content, so the passage's language reaches the document."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        lang = element.get("lang") or element.get(_XML_LANG)
        if not lang or element.tag in ("span", "div") or element is root:
            if lang and element.tag in ("span", "div"):
                element.set("lang", lang)
            continue
        wrapper = lxml.html.Element("span", lang=lang)
        wrapper.text, element.text = element.text, None
        for child in list(element):
            wrapper.append(child)  # moves it, with its tail
        element.append(wrapper)


def _flatten_headings(root) -> None:
    """A heading is one line of text: a <div> or <p> a CMS put inside <h1> would split it in two."""
    for heading in root.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        for inner in heading.iterdescendants():
            if isinstance(inner.tag, str) and inner.tag not in webarticle.INLINE:
                inner.tag = "span"
                inner.tail = " " + (inner.tail or "")


def _images(root) -> list[tuple[str, str]]:
    """Images outside a figure are decoration for a listener (their alt text is often a credit or the
    caption again), so they go; a figure's alt text is plain text even when a CMS put markup in it,
    and an image on the site's server (not saved beside the page) is left out without a warning."""
    dropped = []
    for image in list(root.iter("img")):
        alt = image.get("alt") or ""
        if (image.get("src") or "").startswith("/"):  # the site's own path ('/bilder/x.jpg'): not in the folder
            image.set("src", "")
        if "<" in alt or "&" in alt:
            image.set("alt", clean_text(alt))
        if not any(a.tag == "figure" for a in image.iterancestors()):
            if alt.strip():
                dropped.append((clean_text(alt), "image outside a figure"))
            webarticle.cut(image)
    return dropped


def parse(data: bytes):
    text = _XML_DECLARATION.sub("", decode(data), count=1)  # lxml refuses a declaration in a str
    if not text.strip():
        raise ReaderError("is empty")
    try:
        return lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises several types for junk
        raise ReaderError("is not readable HTML") from exc


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
        meta["page_heading"] = " ".join(headings[0].split())  # the article's title, even outside <article>
    titles = tree.xpath("//head/title/text()")
    if titles and titles[0].strip():
        meta["page_title"] = _without_site_name(titles[0].strip())
    for name, key in (("author", "author"), ("description", "description")):  # the date: trafilatura's htmldate
        values = tree.xpath(f"//meta[@name='{name}']/@content")
        if values and values[0].strip():
            meta[key] = values[0].strip()
    return meta
