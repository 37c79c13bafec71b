"""The accessible web player page, ``output/<slug>/index.html``.

Semantic HTML that works without JavaScript (native audio controls, the full
text with headings, a chapter list, downloads); a small inline script adds the
read-along highlight and click/Enter-to-seek. CSS and script are inlined and
pinned by hash in a Content-Security-Policy, so the page loads nothing from
outside and no other script can run in it.
"""
from __future__ import annotations

import base64
import hashlib
from importlib import resources
from urllib.parse import urlsplit

from lxml import etree

from ..chapters import of as chapters_of
from ..speech.script import opens_before_heading
from ..textio import atomic_write
from .base import Writer
from .markup import NoteLinks, el, marked, note_homes, render_section

LABELS = {
    "skip": "Zum Text springen", "listen": "Anhören", "follow": "Text beim Hören mitführen",
    "chapters": "Kapitel", "downloads": "Herunterladen", "text": "Text", "captions": "Deutsch",
    "narrated": "Vorgelesen von", "epub": "EPUB (E-Book mit Vorlesefunktion)", "mp3": "MP3 (Podcast-Folge)",
    "m4b": "M4B (Hörbuch mit Kapiteln)", "vtt": "Transkript (WebVTT)", "srt": "Transkript (SRT)",
    "all": "Alle Artikel", "no_audio": "Ihr Browser kann diese Audiodatei nicht abspielen.",
    "source": "Originalartikel",
}


def asset(name: str) -> str:
    return resources.files("narration.web").joinpath(name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page(title: str, lang: str, body: etree._Element, script: str = "") -> str:
    """A complete HTML document around ``body`` with inline, hash-pinned CSS and script."""
    css = asset("player.css")
    script_src = csp_hash(script) if script else "'none'"
    policy = (f"default-src 'none'; style-src {csp_hash(css)}; img-src 'self'; media-src 'self'; "
              f"script-src {script_src}; base-uri 'none'; form-action 'none'")
    html = etree.Element("html", lang=lang)
    head = el(html, "head")
    el(head, "meta", charset="utf-8")
    el(head, "meta", http_equiv="Content-Security-Policy", content=policy)
    el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    el(head, "title", title)
    el(head, "style", css)
    html.append(body)
    if script:
        el(body, "script", script)
    markup = etree.tostring(html, encoding="unicode", method="html").replace("</track>", "")  # a void element
    return "<!DOCTYPE html>\n" + markup + "\n"


def word_spans(span, cue, languages=(), text: str | None = None) -> None:
    """The sentence's words as ``<span class="word" data-start>`` children, so the script can
    mark the word being heard; the text stays exactly the same for readers and screen readers. A
    word inside a passage in another language (``languages``: the sentence's language spans)
    carries its ``lang``."""
    text, position = ("".join(span.itertext()) if text is None else text), 0  # the sentence's own text
    references = [child for child in span if child.get("class") == "noteref"]  # kept, after the words
    for child in list(span):
        span.remove(child)
    span.text = text[:cue.words[0].start]
    last = None
    for word in cue.words:
        if last is not None:
            last.tail = text[position:word.start]
        last = el(span, "span", text[word.start:word.end], class_="word", data_start=str(word.start_ms))
        language = next((s.value for s in languages if s.start <= word.start and word.end <= s.end), None)
        if language:
            marked(last, language)
        position = word.end
    last.tail = text[position:]
    for reference in references:
        reference.tail = None
        span.append(reference)


def duration(ms: int) -> str:
    minutes, seconds = divmod(round(ms / 1000), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class PlayerWriter(Writer):
    name = "html"
    requires = ("mp3", "vtt")

    def write(self, ctx):
        meta, lang = ctx.doc.meta, ctx.doc.meta.language
        cues = {cue.id: cue for cue in ctx.timeline.cues}
        languages = {s.id: [x for x in s.spans if x.kind == "lang"] for s in ctx.doc.sentences() if s.spans}
        texts = {s.id: s.text for s in ctx.doc.sentences() if s.spans}  # without the note marks shown in them
        links = NoteLinks(note_homes(ctx.doc, lambda index: ""), mode=ctx.options.build.notes, language=lang,
                          listed=True)  # a chapter's notes as a list after its text
        body = etree.Element("body")
        el(body, "a", LABELS["skip"], href="#text", class_="skip")
        header = el(body, "header")
        el(el(header, "p"), "a", LABELS["all"], href="../index.html")
        el(header, "h1", meta.title)
        if meta.source_url:  # escaped by lxml; checked to be http(s) by the document stage
            source = el(header, "p", class_="source")
            el(source, "a", f"{LABELS['source']}: {urlsplit(meta.source_url).hostname}", href=meta.source_url)
        main = el(body, "main")

        player = el(main, "section", class_="player", aria_label=LABELS["listen"])
        audio = el(player, "audio", id="audio", controls="controls", preload="metadata", src=ctx.files["mp3"].name)
        el(audio, "track", kind="captions", src=ctx.files["vtt"].name, srclang=lang, label=LABELS["captions"],
           default="default")
        el(audio, "a", LABELS["no_audio"], href=ctx.files["mp3"].name)
        controls = el(player, "div", class_="controls")
        label = el(controls, "label")
        el(label, "input", type="checkbox", id="follow", checked="checked")
        el(label, "span", LABELS["follow"])

        nav = el(main, "nav", aria_labelledby="chapters-heading")
        el(nav, "h2", LABELS["chapters"], id="chapters-heading")
        chapters = el(nav, "ol", class_="chapters")
        first_cue = {}
        for cue in ctx.timeline.cues:
            first_cue.setdefault(cue.section, cue.id)
        for chapter in chapters_of(ctx.doc):  # a chapter plays from its first spoken item (maybe not its heading)
            heard = [ctx.timeline.sections[i] for i in chapter.sections if i in first_cue]
            if heard:
                link = el(el(chapters, "li"), "a", href=f"#{ctx.doc.sections[chapter.sections[0]].heading.id}",
                          data_seek=first_cue[heard[0].index])
                el(link, "span", chapter.title)
                el(link, "span", duration(heard[0].start_ms))

        downloads = el(main, "section", aria_labelledby="downloads-heading")
        el(downloads, "h2", LABELS["downloads"], id="downloads-heading")
        files = el(downloads, "ul", class_="linklist")
        for role in ("epub", "mp3", "m4b", "vtt", "srt"):
            if role in ctx.files:
                el(el(files, "li"), "a", LABELS[role], href=ctx.files[role].name, download="")

        article = el(main, "article", id="text", aria_label=LABELS["text"], tabindex="-1")
        intro = [i for i in ctx.script if i.kind == "intro"]
        for index, section in enumerate(ctx.doc.sections):
            node = render_section(article, section, min(6, section.level + 1), intro if index == 0 else [],
                                  notes=links, opening_first=opens_before_heading(ctx.doc))
            for span in list(node.iter("span")):
                cue = cues.get(span.get("id"))
                if cue is not None:
                    span.set("data-start", str(cue.start_ms))
                    span.set("data-end", str(cue.end_ms))
                    if cue.words and cue.kind != "pagenumber":  # a page number said: its break has no text
                        word_spans(span, cue, languages.get(span.get("id"), ()), texts.get(span.get("id")))
        footer = el(body, "footer")
        el(footer, "p", f"{LABELS['narrated']}: {ctx.narrator}.")
        path = ctx.path("index.html")
        atomic_write(path, page(meta.title, lang, body, asset("player.js")))
        ctx.files["html"] = path
