"""Page furniture that main-content extraction lets through, dropped by patterns kept as data.

trafilatura keeps what sits inside the article's container; news sites put share bars, ad
labels, "Lesen Sie auch" boxes, image credits and rating widgets there too. Each line of
``data/boilerplate.tsv`` is a reason and a pattern that must match a text unit *whole*
(case-insensitive), so a sentence that merely mentions "Anzeige" is never touched. A heading
that announces related links ("Mehr zum Thema") takes the list or the links after it along.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .webarticle import INLINE, own_text, remove

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption", "caption", "td", "th",
           "blockquote", "div", "section", "header", "footer", "span", "a", "strong", "b", "em")
_LIST_LIKE = {"ul", "ol", "dl"}


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern]]:
    rules = []
    text = resources.files(__package__).joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        reason, _, pattern = line.partition("\t")
        try:
            rules.append((reason.strip(), re.compile(rf"(?:{pattern.strip()})", re.I)))
        except re.error as exc:  # a broken line in our own data is our bug, said precisely
            raise RuntimeError(f"boilerplate.tsv line {number}: {exc}") from exc
    return rules


def why_boilerplate(text: str) -> str | None:
    text = " ".join(text.split())
    while len(text) > 2 and text[0] + text[-1] in ("()", "[]", "**"):  # "(Alle Angaben ohne Gewähr)"
        text = text[1:-1].strip()
    for reason, pattern in patterns():
        if pattern.fullmatch(text):
            return reason
    return None


def strip(root) -> list[tuple[str, str]]:
    """Remove boilerplate units from ``root`` (in place); returns what went, and why."""
    dropped = []
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or _detached(element, root):
            continue
        text = _text(element)
        if not text:
            continue
        reason = why_boilerplate(text)
        if reason is None and element.tag not in INLINE:
            own = " ".join(own_text(element).split())
            reason = why_boilerplate(own) if own and own != text else None
            if reason:  # only the loose text is furniture (a credit line beside the photo)
                _clear_own_text(element)
                dropped.append((own, reason))
                continue
        if reason is None:
            continue
        figure = next((a for a in element.iterancestors() if a.tag == "figure"), None)
        if reason == "credit" and figure is not None:  # shown with the figure, not read
            figure.set("data-credit", " ".join(filter(None, (figure.get("data-credit"), text))))
            remove(element)
            dropped.append((text, "credit (shown with its figure, not read)"))
            continue
        dropped.append((text, reason))
        if reason == "related links":
            dropped += [(_text(n), "related links") for n in _announced(element)]
        remove(element)
    return dropped


def _detached(element, root) -> bool:
    return not any(a is root for a in element.iterancestors()) and element is not root


def _announced(heading) -> list:
    """The list (or run of link-only paragraphs) that a "Mehr zum Thema" heading introduces."""
    following, taken = heading.getnext(), []
    while following is not None:
        if not isinstance(following.tag, str):
            following = following.getnext()
            continue
        if following.tag in _LIST_LIKE or _link_only(following):
            taken.append(following)
            nxt = following.getnext()
            remove(following)
            following = nxt
            if taken[-1].tag in _LIST_LIKE:
                break
            continue
        break
    return taken


def _link_only(element) -> bool:
    text = _text(element)
    links = " ".join(" ".join(a.text_content().split()) for a in element.iter("a"))
    return bool(text) and len(links) >= 0.9 * len(text)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _clear_own_text(element) -> None:
    element.text = None
    for child in list(element):
        if isinstance(child.tag, str) and child.tag in INLINE:
            remove(child)
        else:
            child.tail = None
