"""Which part of a web page is the article: trafilatura decides, the page keeps its markup.

trafilatura (the field's main-content extractor, see the README) is good at deciding *which*
text on a page is the article, but its simplified output drops what the page itself says
about that text (heading levels, figures and their captions, inline ``lang``, note references).
So it only votes: every text unit of the page (a paragraph, heading, list item, caption, cell, or
a container's loose text) is kept when trafilatura's article holds that text, in the same order,
and every other unit is removed from the page's own tree. What remains is the page's markup for
the article, and every removal is recorded with its reason for ``build.py document --explain``.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

# Elements that carry no text of their own for a listener, removed before anything is decided.
NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
              "button", "select", "textarea", "input", "dialog")
# Inline elements belong to the text unit around them.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
          "img", "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
          "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture", "source", "label"}
SHORT_WORDS = 4  # a unit this short ("Formel 1", a menu item) must be the very next text of the article
ANCHOR_WORDS = 12  # a unit this long is specific: found anywhere ahead, it anchors the alignment
MIN_COVERAGE = 0.5  # below this share of trafilatura's text found in the page's units, use its output


@dataclass
class Selection:
    """The page's tree cut down to the article, and what was left out (text, reason)."""
    root: object | None
    metadata: dict
    dropped: list[tuple[str, str]] = field(default_factory=list)
    article_words: int = 0
    page_words: int = 0
    fallback: bool = False  # the page's units did not map: trafilatura's own markup is used


def comparable(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def select(tree) -> Selection:
    """``tree``: the parsed page (lxml.html); it is changed in place."""
    import trafilatura

    found = trafilatura.bare_extraction(copy.deepcopy(tree), include_tables=True,  # it reads JSON-LD scripts too
                                        include_comments=False, with_metadata=True, deduplicate=False, favor_recall=True)
    for junk in tree.xpath("|".join(f"//{tag}" for tag in NEVER_TEXT)):
        cut(junk)
    body = tree.find("body") if tree.tag == "html" else tree
    body = tree if body is None else body
    page_words = len(" ".join(body.itertext()).split())
    metadata = _metadata(found)
    if found is None or found.body is None or not comparable(" ".join(found.body.itertext())):
        return Selection(None, metadata, [("the whole page", "trafilatura found no article text")],
                         0, page_words)
    article = " " + comparable(" ".join(found.body.itertext())) + " "
    units = list(_units(body))
    kept, dropped, matched = _match(units, article)
    if matched < MIN_COVERAGE * len(article.strip()):
        return Selection(_trafilatura_markup(found.body), metadata, [("the page's markup", "its text units do not "
                         "match trafilatura's article; trafilatura's own markup is read")],
                         len(article.split()), page_words, fallback=True)
    kept |= _figures_among(body, kept)
    kept, asides = _without_asides(kept)
    kept, links = _without_links(kept)
    for element in _lead(body, units, kept):
        kept.add(element)
        dropped = [d for d in dropped if d[0] != " ".join(own_text(element).split())]
    _prune(body, kept)
    return Selection(body, metadata, dropped + asides + links, len(" ".join(body.itertext()).split()), page_words)


def _units(root):
    """(element, its own text) for every element whose text a reader sees as one piece."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in INLINE:
            continue
        text = comparable(own_text(element))
        if text:
            yield element, text


def own_text(element) -> str:
    """An element's own text: its text, its inline children's and their tails, not a nested block's."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in INLINE:
            parts.append(own_text(child))  # but not a block nested in it (a link around a teaser)
        parts.append(child.tail or "")
    return " ".join(parts)


def _match(units, article: str):
    """Align the page's units, in order, with trafilatura's text; keep those it holds.

    Long units (``ANCHOR_WORDS`` and more) are placed first: their text is specific, so they may
    be found anywhere ahead. Every other unit must then fall between the anchors around it, a
    short one ("Formel 1", a menu entry) exactly where the article's text goes on, so a title
    or menu entry that the article merely mentions far ahead cannot pull the alignment past it.
    """
    anchors, cursor = {}, 0
    for n, (element, text) in enumerate(units):
        if len(text.split()) >= ANCHOR_WORDS:
            found = _find(article, text, cursor, len(article))
            if found:
                anchors[n] = found
                cursor = found[1]
    kept, dropped, cursor, matched = set(), [], 0, 0
    upcoming = sorted(anchors)
    for n, (element, text) in enumerate(units):
        while upcoming and upcoming[0] < n:
            upcoming.pop(0)
        if n in anchors:
            found = anchors[n]
        else:
            limit = anchors[upcoming[0]][0] if upcoming else len(article)
            found = _find(article, text, cursor, limit)
            if found and len(text.split()) <= SHORT_WORDS and found[0] != cursor:
                found = None
        if found:
            kept.add(element)
            matched += found[1] - found[0]
            cursor = found[1]
        else:
            dropped.append((" ".join(own_text(element).split()), "not part of the article (trafilatura)"))
    return kept, dropped, matched


def _find(article: str, text: str, start: int, limit: int):
    """(start, end) of ``text`` in ``article[start:limit]``: whole, or from one of its runs of
    eight words on, when trafilatura cut the unit short (a link list after a paragraph) or a
    broken page nests one paragraph's text inside another's."""
    at = article.find(f" {text} ", start, limit + 1)
    if at >= 0:
        return at, at + len(text) + 1
    words = text.split()
    if len(words) <= SHORT_WORDS:
        return None
    offsets = range(0, len(words) - 7, 8) if len(words) >= ANCHOR_WORDS else (0,)
    for offset in list(offsets)[:12]:
        rest = " ".join(words[offset:])
        at = article.find(" " + " ".join(words[offset:offset + 8]) + " ", start, limit + 1)
        if at >= 0:
            return at, at + 1 + len(_common_words(article, at + 1, rest))
    return None


# HTML's own word for "not the article's text", even inside it: a box of related links, the page's
# navigation, its footer. trafilatura sometimes keeps them when they sit inside the article.
_TANGENTIAL = {"aside", "nav", "footer"}
_TANGENTIAL_ROLES = {"complementary", "navigation", "contentinfo", "banner", "search"}


def _without_asides(kept: set) -> tuple[set, list]:
    out, dropped = set(), []
    for element in kept:
        if any(_tangential(a) for a in (element, *element.iterancestors())):
            dropped.append((" ".join(own_text(element).split()), "inside an aside, nav or footer"))
        else:
            out.add(element)
    for element in out:  # a box of related links nested inside a kept paragraph
        for nested in list(element.iterdescendants()):
            if _tangential(nested):
                dropped.append((" ".join("".join(nested.itertext()).split()), "inside an aside, nav or footer"))
                cut(nested)
    return out, dropped


def _figures_among(body, kept: set) -> set:
    """trafilatura leaves figures out; a <figure> that stands among the article's paragraphs (after
    its first, in a container that holds its text) is the article's."""
    order = {element: n for n, element in enumerate(body.iter())}
    positions = sorted(order[element] for element in kept)
    taken = set()
    for figure in body.iter("figure"):
        if figure in kept or any(a in kept for a in figure.iterancestors()) or not positions:
            continue
        at = order[figure]
        parent = figure.getparent()
        if positions[0] < at and parent is not None and any(
                order.get(element, -1) > order[parent] and element in kept for element in parent.iterdescendants()):
            taken.add(figure)  # all of it: its image (and alt text), its caption
    return taken


def _without_links(kept: set) -> tuple[set, list]:
    """A unit that is all link is a way to somewhere else, not text to hear: a teaser card (a
    heading and lead wrapped in one link), a menu entry, a "more on this" line."""
    out, dropped = set(), []
    for element in kept:
        text = " ".join(own_text(element).split())
        linked = " ".join(" ".join("".join(a.itertext()).split()) for a in element.iter("a") if a.get("href"))
        if any(a.tag == "a" and a.get("href") for a in element.iterancestors()) or (
                linked and len(linked) >= 0.9 * len(text)) or _in_card(element):  # <a name> is an anchor
            dropped.append((text, "a link to elsewhere (teaser, menu)"))
        else:
            out.add(element)
    return out, dropped


def _in_card(element) -> bool:
    """A list item with a heading of its own is a card in a list of other stories."""
    item = next((a for a in (element, *element.iterancestors()) if a.tag == "li"), None)
    return item is not None and bool(item.xpath(".//h2|.//h3|.//h4|.//h5|.//h6"))


def _tangential(element) -> bool:
    return isinstance(element.tag, str) and (element.tag in _TANGENTIAL or element.get("role") in _TANGENTIAL_ROLES)


LEAD_WORDS = 12
_NOT_LEAD = {"a", "nav", "aside", "footer", "figure", "figcaption", "li", "button", "label"}


def _lead(body, units, kept) -> list:
    """The lead ("Vorspann") of a news article often sits in the page's header, between the title
    and the text, outside the container trafilatura chooses: running text there is the article's."""
    headings = body.xpath(".//h1")
    if not kept or not headings:
        return []
    order = {element: n for n, element in enumerate(body.iter())}
    title = order[headings[0]]
    first = min(order[element] for element in kept)
    return [element for element, text in units
            if title < order.get(element, -1) < first and len(text.split()) >= LEAD_WORDS
            and own_text(element).rstrip()[-1:] in ".!?…\"“«»"
            and not any(isinstance(a.tag, str) and a.tag in _NOT_LEAD for a in element.iterancestors())
            and element.tag not in _NOT_LEAD]


def _common_words(article: str, at: int, text: str) -> str:
    """How much of ``text`` trafilatura's article has, word for word, from ``at`` on."""
    theirs, ours, same = article[at:at + len(text) + 1].split(), text.split(), []
    for a, b in zip(theirs, ours):
        if a != b:
            break
        same.append(a)
    return " ".join(same)


def _prune(root, kept: set) -> None:
    """Remove every element that neither is a kept unit, nor holds one, nor sits inside one; a
    container kept only for what it holds loses its own loose text (a share bar's labels)."""
    inside = set()
    for element in kept:
        inside.update(element.iter())
        inside.update(element.iterancestors())
    for element in list(root.iter()):
        if element is root or element in inside:
            continue
        if isinstance(element.tag, str) and element.tag == "img" and any(
                a.tag == "figure" and a in inside for a in element.iterancestors()):
            continue
        if element.getparent() is not None:
            remove(element)
    for element in root.iter():
        if element in inside and element not in kept and not any(a in kept for a in element.iterancestors()):
            element.text = None
            for child in element:
                child.tail = None


def remove(element) -> None:
    """Remove an element with its tail (the tail is its parent's text, judged with the parent)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def cut(element) -> None:
    """Remove an element but keep its tail, the text that follows it in its parent."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


_TEI_TO_HTML = {"p": "p", "item": "li", "quote": "blockquote", "cell": "td", "row": "tr", "table": "table",
                "lb": "br", "hi": "em", "ref": "span", "del": "span", "code": "code", "graphic": "img"}


def _trafilatura_markup(body):
    """trafilatura's own (TEI-like) markup turned into the HTML our pandoc path reads."""
    root = copy.deepcopy(body)
    for element in root.iter():
        if element.tag == "head":
            element.tag = element.get("rend", "h2") if re.fullmatch(r"h[1-6]", element.get("rend", "")) else "h2"
        elif element.tag == "list":
            element.tag = "ol" if element.get("rend") == "ol" else "ul"
        elif element.tag == "graphic":
            element.tag = "img"
            element.set("alt", element.get("alt") or element.get("title") or "")
        elif element.tag in _TEI_TO_HTML:
            element.tag = _TEI_TO_HTML[element.tag]
        elif element.tag != "body":
            element.tag = "div"
    root.tag = "div"
    import lxml.html

    return lxml.html.fragment_fromstring(etree.tostring(root, encoding="unicode"))


def _metadata(found) -> dict:
    """trafilatura's metadata under our keys; it joins ours below front matter and sidecar."""
    if found is None:
        return {}
    meta = {"page_title": found.title, "author": found.author, "date": found.date,
            "publisher": found.sitename, "description": found.description}
    return {key: value.strip() for key, value in meta.items() if isinstance(value, str) and value.strip()}
