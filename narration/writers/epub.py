"""Accessible EPUB 3 with Media Overlays (read-aloud highlighting), via ebooklib.

Layout inside the book: a cover page, the navigation document (table of
contents and landmarks, plus an NCX for older readers), one content document
per section, and a colophon. There is no separate title page: section 1 opens
with the title and the byline, which are narrated there, so nothing narrated
is shown twice and every spoken text is inside an overlay. Each section has a
SMIL overlay with one ``<par>`` per spoken item, pointing at the sentence span
and at a clip of that section's audio; the clips are contiguous.
"""
from __future__ import annotations

import datetime as dt
import os
import zipfile
import re
from html import escape, unescape
from pathlib import Path

from ebooklib import epub
from lxml import etree

from ..chapters import of as chapters_of
from ..speech.script import opens_before_heading
from ..textio import replacing
from .base import Writer
from .markup import EPUB_NS, NoteLinks, fragment, note_homes, render_section

CSS = """\
/* Relative units only and no fixed colours for text: the reader's font, size,
   dark mode and high-contrast settings win. */
body { margin: 0 5%; line-height: 1.5; }
h1, h2 { line-height: 1.2; }
.byline { font-style: italic; }
blockquote { margin: 1em 2em; }
table { border-collapse: collapse; }
th, td { border: thin solid; padding: 0.25em 0.5em; text-align: start; }
figure { margin: 1em 0; }
img { max-width: 100%; height: auto; }
.cover { text-align: center; margin: 0; }
nav li { margin: 0.25em 0; }
nav a { display: inline-block; min-height: 1.5em; padding: 0.25em 0; } /* 24 px targets (WCAG 2.5.8) */
.cover img { max-height: 95vh; }
.-epub-media-overlay-active { background-color: #ffe866; color: #000000; }
"""
ACTIVE_CLASS = "-epub-media-overlay-active"
A11Y_SUMMARY = {
    "de": ("Dieses Buch ist vollständig in Textform zugänglich, mit Überschriften, Inhaltsverzeichnis und "
           "Orientierungspunkten. Der gesamte Text ist zusätzlich vorgelesen und mit dem Ton synchronisiert "
           "(Media Overlays). Die Stimme ist synthetisch: {narrator}. Bilder haben Alternativtexte."),
    "en": ("This book is fully accessible as text, with headings, a table of contents and landmarks. All text is "
           "also narrated and synchronised with the audio (Media Overlays). The voice is synthetic: {narrator}. "
           "Images have alternative text."),
}
def _has_pages(doc) -> bool:
    """Whether the book keeps print page breaks (in its text, or in its matter's pages)."""
    return any(span.kind == "pagebreak" for sentence in doc.sentences() for span in sentence.spans) or \
        any('role="doc-pagebreak"' in matter.html for matter in doc.matter)


def page_list(spine) -> list[tuple[str, str, str]]:
    """(file, id, label) of every print page break, in reading order. Ours are the elements with
    ``role="doc-pagebreak"``; ebooklib's own list takes every element with an ``epub:type`` and an
    id, notes and their references too (Ace: "page list must reference page breaks")."""
    found = []
    for page in spine:
        if isinstance(page, _Page) and b"doc-pagebreak" in page.content:
            root = etree.fromstring(page.content)
            found += [(page.file_name, e.get("id"), e.get("aria-label") or e.get("id")) for e in root.iter()
                      if e.get("role") == "doc-pagebreak" and e.get("id")]
    return found


UI = {"de": {"toc": "Inhalt", "cover": "Cover", "landmarks": "Orientierungspunkte", "pages": "Seiten",
             "narrated": "Vorgelesen von", "start": "Beginn des Textes", "colophon": "Impressum", "by": "Von", "cover_alt": "Titelbild: {}"},
      "en": {"toc": "Contents", "cover": "Cover", "landmarks": "Landmarks", "pages": "Pages",
             "narrated": "Narrated by", "start": "Start of content", "colophon": "Colophon", "by": "By", "cover_alt": "Cover: {}"}}


class _Page(epub.EpubHtml):
    """An XHTML page we write whole (ebooklib would re-template the head and
    drop the ``rel="pronunciation"`` link that ties in the PLS lexicon)."""

    def __init__(self, uid, file_name, title, lang, body, css_href="", lexicons=()):
        super().__init__(uid=uid, file_name=file_name, title=title, lang=lang)
        links = f'<link rel="stylesheet" type="text/css" href="{css_href}"/>' if css_href else ""
        for hreflang, href in lexicons:  # one per language: e-readers' voices pick the passage's
            links += f'<link rel="pronunciation" type="application/pls+xml" hreflang="{hreflang}" href="{href}"/>'
        self.content = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="UTF-8"/>\n<title>{escape(title)}</title>\n'
            f'{links}\n</head>\n<body>\n{body}\n</body>\n</html>\n'
        ).encode("utf-8")

    def get_content(self, default=None):
        return self.content


class _DiskItem(epub.EpubItem):
    """A resource (audio) that stays on disk until it is copied into the zip."""

    def __init__(self, uid, file_name, media_type, path: Path):
        super().__init__(uid=uid, file_name=file_name, media_type=media_type)
        self.path = path

    def get_content(self, default=None):
        return self.path.read_bytes()


class _DatedZip(zipfile.ZipFile):
    """Every entry carries the build's date (not the clock), so the same inputs give the same
    bytes; files from disk are streamed in, never read whole."""

    def __init__(self, *args, date_time=(1980, 1, 1, 0, 0, 0), **kwargs):
        super().__init__(*args, **kwargs)
        self.date_time = date_time

    def _info(self, name: str, compress_type) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self.date_time)
        info.compress_type = self.compression if compress_type is None else compress_type
        info.external_attr = 0o644 << 16
        return info

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            name = self._info(name, compress_type)
        super().writestr(name, data, compress_type=compress_type, compresslevel=compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        import shutil

        with open(filename, "rb") as source, self.open(self._info(arcname, compress_type), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


class _Writer(epub.EpubWriter):
    """Four changes to ebooklib's writer: the package element gets xml:lang (Ace
    rightly asks for it); audio is streamed from disk into the zip, stored
    uncompressed (MP3 does not deflate), so a ten-hour book never sits in memory;
    every zip entry is dated by the build, not the clock (reproducible); and the
    page list is ours, of page breaks only."""

    def write(self):
        mtime = self.options["mtime"]
        self.out = _DatedZip(self.file_name, "w", zipfile.ZIP_DEFLATED, compresslevel=self.options["compresslevel"],
                             date_time=max(mtime.timetuple()[:6], (1980, 1, 1, 0, 0, 0)))
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()

    def _get_nav(self, item):
        """ebooklib's navigation document, with our page list (see ``page_list``)."""
        nav = super()._get_nav(item)
        pages = self.options.get("page_list") or []
        if not pages:
            return nav
        root = etree.fromstring(nav)
        xhtml, ops = "{http://www.w3.org/1999/xhtml}", "{http://www.idpf.org/2007/ops}"
        body = root.find(f"{xhtml}body")
        listing = etree.SubElement(body, f"{xhtml}nav", {f"{ops}type": "page-list", "id": "pages", "hidden": "hidden"})
        etree.SubElement(listing, f"{xhtml}h2").text = self.options.get("pages_title", "Pages")
        entries = etree.SubElement(listing, f"{xhtml}ol")
        for file_name, ident, label in pages:
            etree.SubElement(etree.SubElement(entries, f"{xhtml}li"), f"{xhtml}a", {"href": f"{file_name}#{ident}"}).text = label
        return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)

    def _write_opf_metadata(self, root):
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_metadata(root)

    def _write_items(self):
        everything = self.book.items
        on_disk = [item for item in everything if isinstance(item, _DiskItem)]
        self.book.items = [item for item in everything if not isinstance(item, _DiskItem)]
        try:
            super()._write_items()
        finally:
            self.book.items = everything
        for item in on_disk:
            self.out.write(item.path, f"{self.book.FOLDER_NAME}/{item.file_name}", compress_type=zipfile.ZIP_STORED)


def clock(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def overlay_clips(cues, audio_ms: int) -> list[tuple[str, int, int]]:
    """(id, clip begin, clip end) in ms of the section file: contiguous, as reading systems play
    best. The first clip begins at 0, each ends where the next begins (a sentence owns the pause
    after it) and the last ends with the file, so read-aloud never seeks over a pause."""
    clips = []
    for i, cue in enumerate(cues):
        begin = clips[-1][2] if clips else 0
        end = cues[i + 1][1] if i + 1 < len(cues) else audio_ms
        clips.append((cue[0], begin, end))
    return clips


_SKIPPABLE = {"note": "footnote", "pagenumber": "pagebreak"}  # script item kind -> the par's epub:type


def smil(section_file: str, audio_file: str, clips, number: int, skippable=None) -> bytes:
    """``skippable``: item id -> its ``epub:type`` (a note read aloud "footnote", a page number said
    "pagebreak"): its ``par`` says so, so a reading system can skip it (Media Overlays skippability)."""
    kinds = {cue_id: f' epub:type="{kind}"' for cue_id, kind in (skippable or {}).items()}
    pars = "\n".join(
        f'   <par id="par-{cue_id}"{kinds.get(cue_id, "")}>'
        f'<text src="{section_file}#{cue_id}"/>'
        f'<audio src="{audio_file}" clipBegin="{begin / 1000:.3f}s" clipEnd="{end / 1000:.3f}s"/></par>'
        for cue_id, begin, end in clips)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        f' <body>\n  <seq id="seq-{number}" epub:textref="{section_file}" epub:type="chapter">\n{pars}\n  </seq>\n'
        ' </body>\n</smil>\n').encode("utf-8")


class EpubWriter(Writer):
    name = "epub"
    requires = ("sections",)

    @classmethod
    def requirements(cls, options) -> tuple[str, ...]:
        aac = options is not None and options.epub.audio == "aac"
        return ("sections_aac",) if aac else ("sections",)

    def write(self, ctx):
        doc, meta, timeline = ctx.doc, ctx.doc.meta, ctx.timeline
        lang = meta.language
        ui = UI.get(lang.split("-")[0], UI["en"])
        book = epub.EpubBook()
        book.set_identifier(meta.identifier)
        book.set_title(meta.title)
        book.set_language(lang)
        for number, author in enumerate(meta.authors, 1):  # each creator its own id (EPUBCheck RSC-005)
            book.add_author(author, uid="creator" if number == 1 else f"creator-{number}")
        self._metadata(book, ctx, ui)

        css = epub.EpubItem(uid="css", file_name="css/narration.css", media_type="text/css", content=CSS.encode())
        book.add_item(css)
        lexicons = []  # (hreflang, href): the document's lexicon and one per other language
        for n, lexicon in enumerate(ctx.lexicon.all()):
            name = "lexicon.pls" if lexicon is ctx.lexicon else f"lexicon.{lexicon.language}.pls"
            book.add_item(epub.EpubItem(uid=f"lexicon-{n}", file_name=name, media_type="application/pls+xml",
                                        content=Path(lexicon.path).read_bytes()))
            lexicons.append((lang if lexicon is ctx.lexicon else lexicon.language, name))

        spine, pages = [], []
        if ctx.cover is not None:
            book.set_cover("images/cover.png", ctx.cover.read_bytes(), create_page=False)
            alt = ui["cover_alt"].format(meta.title)
            cover = _Page("cover-page", "cover.xhtml", ui["cover"], lang,
                          f'<section epub:type="cover" class="cover" aria-label="{escape(ui["cover"])}">'
                          f'<img role="doc-cover" src="images/cover.png" alt="{escape(alt)}"/></section>', "css/narration.css")
            book.add_item(cover)
            spine.append(cover)
            book.guide.append({"type": "cover", "href": "cover.xhtml", "title": ui["cover"]})
        nav = epub.EpubNav(title=ui["toc"])
        nav.add_link(href="css/narration.css", rel="stylesheet", type="text/css")
        book.add_item(nav)
        book.add_item(epub.EpubNcx())
        spine.append(nav)
        book.guide.append({"type": "toc", "href": "nav.xhtml", "title": ui["toc"]})

        placed = _matter_placed(doc, _matter_pages(doc, lang, lexicons))  # section index -> the matter before it

        intro = [i for i in ctx.script if i.kind == "intro"]
        opening_first = opens_before_heading(doc)
        figures, total_ms = {}, 0
        homes = note_homes(doc, lambda index: f"section-{index + 1:02d}.xhtml")
        skippable = {item.id: _SKIPPABLE[item.kind] for item in ctx.script if item.kind in _SKIPPABLE}
        aac = ctx.options.epub.audio == "aac"

        def image_src(block):
            if not block.image:
                return ""
            if block.image not in figures:
                name = f"images/figure-{len(figures) + 1}{Path(block.image).suffix.lower()}"
                book.add_item(epub.EpubImage(uid=f"figure-{len(figures) + 1}", file_name=name,
                                             content=Path(block.image).read_bytes()))
                figures[block.image] = name
            return figures[block.image]

        for index, (section, span) in enumerate(zip(doc.sections, timeline.sections)):
            number = index + 1
            page_name = f"section-{number:02d}.xhtml"
            body = fragment(render_section(None, section, 1, intro if index == 0 else [], image_src, epub_types=True,
                                           notes=NoteLinks(homes, page_name, ctx.options.build.notes, lang),
                                           opening_first=opening_first))
            page = _Page(f"section-{number}", page_name, section.title, lang, body, "css/narration.css", lexicons)
            audio_path = ctx.files.get(f"section-aac-{number}" if aac else f"section-{number}")
            if audio_path is not None:  # a section with nothing heard (notes not read) has no overlay
                total_ms += _overlay(book, page, timeline, index, audio_path, aac, skippable)
            for _, shown in placed.get(index, ()):
                book.add_item(shown)
                spine.append(shown)
            book.add_item(page)
            spine.append(page)
            pages.append(page)
            if index == 0:
                book.guide.append({"type": "bodymatter", "href": page_name, "title": ui["start"]})
        end = placed.get(len(doc.sections), [])
        for _, shown in end:
            book.add_item(shown)
            spine.append(shown)
        for matter, shown in (pair for matter in placed.values() for pair in matter):
            if matter.kind == "index":
                book.guide.append({"type": "index", "href": shown.file_name, "title": matter.title})
        book.toc = _contents(doc, pages, placed)
        book.spine = spine
        book.add_metadata(None, "meta", clock(total_ms), {"property": "media:duration"})  # the overlays' sum
        colophon = self._colophon(ctx, ui)
        if colophon:
            page = _Page("colophon", "colophon.xhtml", ui["colophon"], lang, colophon, "css/narration.css", lexicons)
            book.add_item(page)
            spine.append(page)

        final = ctx.path(f"{ctx.slug}.epub")
        with replacing(final) as temp:
            writer = _Writer(str(temp), book, {"mtime": ctx.modified or _modified(), "landmark_title": ui["landmarks"],
                                               "epub3_pages": False, "page_list": page_list(spine),
                                               "pages_title": ui["pages"]})
            writer.process()
            writer.write()
        ctx.files["epub"] = final

    def _metadata(self, book, ctx, ui):
        meta = ctx.doc.meta
        book.metadata[epub.NAMESPACES["OPF"]].pop("generator", None)  # ebooklib's generator meta is EPUB 2 style
        if meta.date:
            book.add_metadata("DC", "date", meta.date)
        for key in ("publisher", "description", "rights"):
            if getattr(meta, key):
                book.add_metadata("DC", key, getattr(meta, key))
        if meta.source_url:  # the web page it was read from
            book.add_metadata("DC", "source", meta.source_url)
        properties = [
            ("schema:accessMode", "textual"), ("schema:accessMode", "auditory"),
            ("schema:accessModeSufficient", "textual"), ("schema:accessModeSufficient", "auditory"),
            ("schema:accessibilityFeature", "structuralNavigation"), ("schema:accessibilityFeature", "tableOfContents"),
            ("schema:accessibilityFeature", "readingOrder"), ("schema:accessibilityFeature", "synchronizedAudioText"),
            ("schema:accessibilityFeature", "displayTransformability"),
            ("schema:accessibilityHazard", "none"),
            ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
            ("media:active-class", ACTIVE_CLASS),
            ("media:narrator", ctx.narrator),
        ]
        if any(b.image for s in ctx.doc.sections for b in s.blocks) or ctx.cover is not None:
            properties.append(("schema:accessibilityFeature", "alternativeText"))
        if _has_pages(ctx.doc):  # the print edition's page breaks, and a page list to go to them
            properties += [("schema:accessibilityFeature", "pageBreakMarkers"),
                           ("schema:accessibilityFeature", "pageNavigation"),
                           ("pageBreakSource", meta.identifier)]  # the edition the page numbers come from
        if ctx.lexicon.all():
            properties.append(("schema:accessibilityFeature", "ttsMarkup"))  # the PLS lexicons
        summary = A11Y_SUMMARY.get(meta.language.split("-")[0], A11Y_SUMMARY["en"]).format(narrator=ctx.narrator)
        properties.append(("schema:accessibilitySummary", summary))
        for prop, value in properties:
            book.add_metadata(None, "meta", value, {"property": prop})

    def _colophon(self, ctx, ui) -> str:
        """What the book says about itself and is not narrated: publisher, rights, the voice.
        Title, subtitle, byline and date open section 1, where they are read aloud; a separate
        title page would show them a second time, outside any overlay."""
        meta = ctx.doc.meta
        lines = [value for value in (meta.publisher, meta.rights) if value]
        lines.append(f'{ui["narrated"]}: {ctx.narrator}')
        body = "".join(f"<p>{escape(line)}</p>" for line in lines)
        return (f'<section epub:type="colophon" role="doc-colophon" aria-labelledby="colophon-heading" class="colophon">'
                f'<h1 id="colophon-heading">{escape(ui["colophon"])}</h1>{body}</section>')


def _overlay(book, page, timeline, index: int, audio_path: Path, aac: bool, skippable) -> int:
    """The section's audio and its SMIL overlay, tied to its page; returns the overlay's length in ms."""
    number, span = index + 1, timeline.sections[index]
    audio_name = f"audio/{audio_path.name}"
    book.add_item(_DiskItem(f"audio-{number}", audio_name, "audio/mp4" if aac else "audio/mpeg", audio_path))
    cues = [(c.id, c.start_ms - span.start_ms) for c in timeline.section_cues(index)]
    clips = overlay_clips(cues, span.audio_end_ms - span.start_ms)
    overlay = epub.EpubSMIL(uid=f"overlay-{number}", file_name=f"section-{number:02d}.smil",
                            content=smil(page.file_name, audio_name, clips, number, skippable))
    book.add_item(overlay)
    page.media_overlay = overlay.id
    overlay_ms = sum(end - begin for _, begin, end in clips)  # = the file's length: clips are contiguous
    book.add_metadata(None, "meta", clock(overlay_ms), {"property": "media:duration", "refines": f"#{overlay.id}"})
    return overlay_ms


_MATTER_ROLES = {"index": "doc-index", "toc": "doc-toc", "colophon": "doc-colophon"}


def _matter_pages(doc, lang: str, lexicons) -> list[_Page]:
    """A page for each part of the book that is shown and not read (no overlay): its links into the
    book point at the file that holds their target now, or are plain text if none does."""
    names = [f"matter-{n:02d}.xhtml" for n in range(1, len(doc.matter) + 1)]
    where = link_targets(doc, names)
    pages = []
    for n, (matter, name) in enumerate(zip(doc.matter, names), 1):
        node = etree.fromstring(f'<section xmlns:epub="{EPUB_NS}">{matter.html}</section>')
        node.set(f"{{{EPUB_NS}}}type", matter.kind)
        if matter.kind in _MATTER_ROLES:
            node.set("role", _MATTER_ROLES[matter.kind])
        node.set("aria-label", matter.title)
        for link in node.iter("a"):
            target = where.get(link.get("href", "")[1:])
            if target is None:  # its target is not in this book (left out, or never there): its text
                link.tag = "span"
                link.attrib.pop("href", None)
            else:
                link.set("href", target[len(name):] if target.startswith(f"{name}#") else target)
        pages.append(_Page(f"matter-{n}", name, matter.title, lang, fragment(node), "css/narration.css", lexicons))
    return pages


def _contents(doc, pages, placed) -> list:
    """Our table of contents: the chapters (:mod:`narration.chapters`), nested by level, with the
    matter before and after them (a title page is not listed: the book opens with it)."""
    listed = {position: [epub.Link(shown.file_name, m.title, f"toc-{shown.id}") for m, shown in matter
                         if m.kind not in ("titlepage", "halftitlepage")] for position, matter in placed.items()}
    chapters = _nested_toc([(chapter.level, epub.Link(pages[chapter.sections[0]].file_name, chapter.title,
                                                      f"toc-{number}"))
                            for number, chapter in enumerate(chapters_of(doc), 1)])
    return listed.get(0, []) + chapters + listed.get(len(doc.sections), [])


def _matter_placed(doc, matter_pages) -> dict[int, list]:
    """Where each page of matter goes: before the section its source put it before (a half-title
    page before chapter I), else at the start (front matter) or at the end."""
    where = {anchor: index for index, section in enumerate(doc.sections) for anchor in section.anchors}
    placed: dict[int, list] = {}
    for matter, page in zip(doc.matter, matter_pages):
        position = where.get(matter.before, 0 if matter.front else len(doc.sections))
        placed.setdefault(position, []).append((matter, page))
    return placed


def link_targets(doc, matter_names) -> dict[str, str]:
    """Every id of the source a link may name -> where it is in our book: ``file#id`` where we keep
    the id (page breaks, notes, the matter's own), else the start of the section it lands in."""
    where: dict[str, str] = {}
    for index, section in enumerate(doc.sections):
        page = f"section-{index + 1:02d}.xhtml"
        for anchor in section.anchors:
            where.setdefault(anchor, page)
        for block in section.blocks:
            if block.kind == "note" and block.ref:
                where[block.ref] = f"{page}#{block.ref}"
            for sentence in block.sentences:
                for span in sentence.spans:
                    if span.kind == "pagebreak" and span.ref:
                        where[span.ref] = f"{page}#{span.ref}"
    for matter, name in zip(doc.matter, matter_names):
        if matter.anchor:
            where[matter.anchor] = name
        for ident in re.findall(r' id="([^"]+)"', matter.html):
            where[unescape(ident)] = f"{name}#{unescape(ident)}"
    return where


def _nested_toc(entries):
    """[(level, link)] -> ebooklib's nested toc: deeper levels nest under the last shallower one."""
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]
    for level, page in entries:
        while stack[-1][0] >= level:
            stack.pop()
        children: list = []
        stack[-1][1].append((page, children))
        stack.append((level, children))

    def flatten(items):
        return [(page, flatten(children)) if children else page for page, children in items]

    return flatten(root)


def _modified() -> dt.datetime:
    """dcterms:modified when the build gave no date (tools calling the writer directly)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)
