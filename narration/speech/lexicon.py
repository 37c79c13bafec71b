"""The user's pronunciation lexicon, stored as W3C PLS (Pronunciation Lexicon
Specification 1.0) so the EPUB can embed the very same file for e-readers'
own voices. Our engines apply the ``<alias>`` entries (whole word, case
exact); ``<phoneme>``-only entries are kept for the EPUB but cannot be spoken
by gTTS or eSpeak NG, and the build says so."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import ReaderError
from ..readers import LEXICON_FILE as FILE_NAME

log = logging.getLogger(__name__)
PLS_NS = "http://www.w3.org/2005/01/pronunciation-lexicon"


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[tuple[str, str], ...] = ()  # (grapheme, alias)
    language: str = "de"
    path: str = ""  # the PLS file, for embedding
    others: tuple["Lexicon", ...] = ()  # lexicon.<lang>.pls: for passages in those languages

    def all(self) -> tuple["Lexicon", ...]:
        """Every lexicon that exists, the document's first."""
        return ((self,) if self.path else ()) + self.others

    def apply(self, text: str) -> str:
        for grapheme, alias in self.entries:
            text = re.sub(rf"(?<![\wÄÖÜäöüß]){re.escape(grapheme)}(?![\wÄÖÜäöüß])", lambda _m, a=alias: a, text)
        return text


def load(folder: Path) -> Lexicon:
    """``lexicon.pls`` beside the sources, and a ``lexicon.<lang>.pls`` for each other language
    (read for the passages in that language, and embedded for e-readers with its ``hreflang``)."""
    main = _read(Path(folder) / FILE_NAME) if (Path(folder) / FILE_NAME).is_file() else Lexicon()
    others = tuple(_read(p, p.name.split(".")[1]) for p in sorted(Path(folder).glob(OTHER_FILES))
                   if re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*", p.name.split(".")[1]))
    return Lexicon(main.entries, main.language, main.path, others)


OTHER_FILES = "lexicon.*.pls"


def _read(path: Path, language: str = "") -> Lexicon:
    FILE_NAME = path.name  # noqa: N806 - the messages name the file they are about
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"{FILE_NAME} is not valid XML ({exc.msg})") from exc
    if root.tag != f"{{{PLS_NS}}}lexicon":
        raise ReaderError(f"{FILE_NAME} is not a PLS lexicon", f"root element must be <lexicon xmlns=\"{PLS_NS}\">")
    entries, phoneme_only = [], 0
    for lexeme in root.iter(f"{{{PLS_NS}}}lexeme"):
        alias = lexeme.findtext(f"{{{PLS_NS}}}alias")
        graphemes = [g.text.strip() for g in lexeme.iter(f"{{{PLS_NS}}}grapheme") if g.text and g.text.strip()]
        if alias and alias.strip():
            entries += [(g, alias.strip()) for g in graphemes]
        else:
            phoneme_only += 1
    if phoneme_only:
        log.info("%s: %d entries have only <phoneme>; e-readers use them, our engines need <alias>", FILE_NAME, phoneme_only)
    entries.sort(key=lambda e: len(e[0]), reverse=True)
    return Lexicon(tuple(entries), language or root.get("{http://www.w3.org/XML/1998/namespace}lang", "de"), str(path))
