"""Source file -> Document: pick a reader, merge metadata, split sentences, assign ids.

Metadata precedence (later wins): what the format itself carries (HTML <meta>,
DOCX properties), YAML front matter, then a sidecar ``<name>.yaml`` beside the
source, since a pasted .txt has nowhere else to keep its title.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import uuid
from dataclasses import replace
from pathlib import Path

from .chapters import from_toc
from .config import SOURCE_SETTINGS
from .errors import ReaderError
from .model import Block, Document, Metadata, Section, Sentence, Span, heading_id, sentence_id
from .readers import SIDECAR_SUFFIXES, reader_for
from .readers.base import RawDocument
from .segment import SplitMemo, split_sentences
from .slug import slugify
from .textio import clean_text

log = logging.getLogger(__name__)
MAX_TITLE_CHARS = 90
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def load(path: Path, memo_dir: Path | None = None) -> Document:
    """``memo_dir``: where sentence splits are remembered between builds (the cache)."""
    path = Path(path)
    reader = reader_for(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ReaderError("is a directory, not a file") from exc
    except OSError as exc:
        raise ReaderError(f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ReaderError("is empty")
    raw = reader.read(path, data)
    raw.meta.update(_sidecar(path))
    memo = SplitMemo(memo_dir / f"{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]}.json"
                     if memo_dir is not None else None)
    document = assemble(raw, path, memo.split)
    memo.save()
    return document


def assemble(raw: RawDocument, path: Path, split=split_sentences) -> Document:
    language = raw.meta.get("language") or raw.meta.get("lang") or ""
    sections = _sections(raw, path, split, _language(str(language) if isinstance(language, str) else ""))
    if not sections:
        raise ReaderError("has no text to narrate")
    meta = _metadata(raw.meta, sections, path)
    if not sections[0].heading.text:
        first = sections[0]
        sections[0] = replace(first, heading=Sentence(first.heading.id, meta.title), heading_in_source=False)
    return Document(meta=meta, sections=tuple(sections), source=path.name, toc=from_toc(sections, raw.toc),
                    matter=tuple(raw.matter),
                    dropped=tuple((text, why) for text, why in raw.dropped if text),
                    settings=tuple((key, str(raw.meta[key])) for key in SOURCE_SETTINGS
                                   if raw.meta.get(key) not in (None, "")))


def _sections(raw: RawDocument, path: Path, split, language: str = "de") -> list[Section]:
    sections: list[Section] = []
    for raw_section in raw.sections:
        number = len(sections) + 1
        blocks = []
        for raw_block in raw_section.blocks:
            b = len(blocks) + 1
            texts = split(raw_block.text)
            if not texts and not raw_block.alt:
                continue
            spans = _inline_spans(raw_block.text, texts, raw_block.languages, language, raw_block.marks)
            sentences = tuple(Sentence(sentence_id(number, b, i), t, spans[i - 1]) for i, t in enumerate(texts, 1))
            blocks.append(Block(
                id=f"b-{number}-{b}", kind=raw_block.kind, sentences=sentences, group=raw_block.group,
                ordered=raw_block.ordered, row=raw_block.row, col=raw_block.col, header=raw_block.header,
                image=_vetted_image(raw_block.image, path), alt=clean_text(raw_block.alt),
                credit=clean_text(raw_block.credit), ref=raw_block.ref, label=raw_block.label,
            ))
        title = clean_text(raw_section.title or "")
        if not blocks and not title:
            continue
        sections.append(Section(f"sec-{number}", raw_section.level, Sentence(heading_id(number), title),
                                tuple(blocks), bool(title), tuple(raw_section.anchors)))
    return sections


def _inline_spans(paragraph: str, sentences: list[str], languages, document: str, marks=()) -> list[tuple[Span, ...]]:
    """Each sentence's share of the paragraph's passages marked with a language, and its marks of no
    width (a page break between two sentences goes with the second; one after the last, with it)."""
    if not languages and not marks:
        return [()] * len(sentences)
    found, position, previous = [], 0, 0
    for n, sentence in enumerate(sentences):
        at = paragraph.find(sentence, position)
        if at < 0:  # the splitter changed the text (it never should): no spans rather than wrong ones
            found.append(())
            continue
        position = at + len(sentence)
        last = n == len(sentences) - 1
        spans = [Span(min(max(p, at), position) - at, min(max(p, at), position) - at, kind, value, ref)
                 for p, kind, value, ref in marks if previous <= p and (p <= position or last)
                 and (p >= at or n == 0 or p > previous)]
        previous = position + 1
        for start, end, tag in languages:  # one in the document's language too: it says "not foreign"
            start, end = max(start, at) - at, min(end, position) - at
            if end > start:
                spans.append(Span(start, end, "lang", tag))
        found.append(tuple(spans))
    return found


def _metadata(meta: dict, sections: list[Section], path: Path) -> Metadata:
    def text(*keys) -> str:
        for key in keys:
            value = meta.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value not in (None, ""):
                return clean_text(str(value))
        return ""

    title = (text("title") or _first_heading(sections) or text("page_heading") or text("page_title")
             or _lead_title(sections))
    authors = meta.get("authors", meta.get("author", []))
    if isinstance(authors, (str, dict)):
        authors = [authors]
    authors = tuple(clean_text(a.get("name", "") if isinstance(a, dict) else str(a)) for a in authors)
    return Metadata(
        title=title or path.stem,
        language=_language(text("language", "lang")),
        subtitle=text("subtitle"),
        authors=tuple(a for a in authors if a),
        date=_date(meta.get("date"), path),
        publisher=text("publisher"),
        description=text("description", "abstract", "summary"),
        rights=text("rights", "license"),
        identifier=_identifier(text("identifier", "isbn"))
        or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'narration:' + slugify(path.stem))}",
        cover=_vetted_image(str(meta.get("cover") or meta.get("cover-image") or ""), path),
        source_url=_source_url(text("source_url", "url"), path),
    )


def _identifier(value: str) -> str:
    """The source's identifier, unless it says it is a UUID and is none (EPUBCheck OPF-085): then ours."""
    if value.lower().startswith("urn:uuid:"):
        try:
            uuid.UUID(value[9:])
        except ValueError:
            return ""
    return value


def _source_url(value: str, path: Path) -> str:
    """Only an absolute http(s) URL may reach an output (as an attribute, escaped)."""
    if not value:
        return ""
    from .fetch import FetchError, checked_url

    try:
        return checked_url(value)
    except FetchError:
        log.warning("%s: ignoring source URL %r (must be http or https)", path.name, value[:60])
        return ""


def _first_heading(sections: list[Section]) -> str:
    """The heading the text opens with; a subheading after a lead is not the title."""
    return sections[0].heading.text


def _lead_title(sections: list[Section]) -> str:
    for section in sections:
        for block in section.blocks:
            if block.sentences:
                sentence = block.sentences[0].text.rstrip(".!?:")
                if len(sentence) <= MAX_TITLE_CHARS:
                    return sentence
                return sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + " …"
    return ""


def _language(value: str) -> str:
    value = value.strip().replace("_", "-")
    parts = value.split("-")
    if value and all(p.isalnum() and 1 <= len(p) <= 8 for p in parts) and parts[0].isalpha():
        return value
    return "de"


def _date(value, path: Path) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if value in (None, ""):
        return ""
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"):
        try:
            parsed = _dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return text if fmt in ("%Y", "%Y-%m") else parsed.date().isoformat()
    try:  # ISO 8601 as web pages write it: '2019-10-18T20:00:25.850Z'
        return _dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    log.warning("%s: ignoring date %r (use YYYY-MM-DD)", path.name, text[:40])
    return ""


def _sidecar(path: Path) -> dict:
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file():
            import yaml  # only for a source with a sidecar (18 ms to import)

            try:
                meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise ReaderError(f"sidecar {sidecar.name} is not valid YAML") from exc
            if not isinstance(meta, dict):
                raise ReaderError(f"sidecar {sidecar.name} must be a YAML mapping")
            return meta
    return {}


def _vetted_image(target: str, path: Path) -> str:
    """Only a real image file inside the source's own folder may be embedded."""
    if not target or "://" in target or target.startswith("data:"):
        return ""
    base = path.parent.resolve()
    candidate = (base / target).resolve()
    if not candidate.is_relative_to(base) or candidate.suffix.lower() not in _IMAGE_SUFFIXES or not candidate.is_file():
        log.warning("%s: ignoring image %r (must be an image file inside %s)", path.name, target[:60], base.name)
        return ""
    try:
        from PIL import Image

        with Image.open(candidate) as image:
            image.verify()
    except Exception:
        log.warning("%s: ignoring image %r (not a readable image)", path.name, target[:60])
        return ""
    return str(candidate)
