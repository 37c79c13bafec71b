"""Foreign words in their own voice (issue 25): language spans from the sources to the speech text,
the voices, the clip cache, the EPUB and the web player."""
from __future__ import annotations

import io
import wave
import zipfile

import pytest
from lxml import etree
from responses import activate as responses_activate

from conftest import ROOT, build, run_cli
from test_engines import real_mp3  # noqa: F401 - a fixture: real MP3 bytes, as Google sends them
from narration.audio.wavwords import _ours
from narration.document import load
from narration.model import Span
from narration.speech import parts
from narration.speech.normalise import Normaliser, spoken_text
from narration.speech.script import build_script

MARKDOWN = """---
title: Zitate
---

Der Präsident rief [America First]{lang=en} und ging. Danach zitierte er „[Liberté, égalité, fraternité]{lang=fr}“.

::: {lang=en}
This paragraph is English from start to end.
:::

Am Ende kamen 3 Gäste.
"""


def languages(doc):
    return [(s.text[x.start:x.end], x.value) for s in doc.sentences() for x in s.spans]


def test_markdown_spans_and_divisions_mark_passages(tmp_path):
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    assert languages(load(tmp_path / "a.md")) == [
        ("America First", "en"), ("Liberté, égalité, fraternité", "fr"),
        ("This paragraph is English from start to end.", "en")]


def test_html_lang_on_any_element_marks_its_passage(tmp_path):
    (tmp_path / "a.html").write_text(
        """<html lang="de"><body><article><h1>Titel</h1><p>Er las <i lang="en-GB">The Guardian</i> und
        <q lang="fr">Le Monde</q>, dazu <span lang="de">deutsche Blätter</span> in seinem Arbeitszimmer.</p>
        <p lang="en">A whole paragraph in English, long enough to be part of the article.</p></article></body></html>""",
        encoding="utf-8")
    assert languages(load(tmp_path / "a.html")) == [
        ("The Guardian", "en-GB"), ("Le Monde", "fr"), ("deutsche Blätter", "de"),  # German said so: never detected
        ("A whole paragraph in English, long enough to be part of the article.", "en")]


def test_only_german_text_follows_german_rules():
    normaliser = Normaliser()
    text = "Er las 1984 von Orwell und 3 Bücher."
    spoken = spoken_text(normaliser.tokens(text, (Span(7, 11, "lang", "en"),), "de"))
    assert parts.readable(spoken) == "Er las [en: nineteen eighty-four] von Orwell und drei Bücher."
    whole = spoken_text(normaliser.tokens("The year 1984 had 12 months.", (), "en"))
    assert parts.readable(whole) == "[en: The year nineteen eighty-four had twelve months.]"


def test_a_switch_keeps_word_times_in_order_and_adds_no_gap(espeak):
    """eSpeak NG speaks each part in its voice; where the voices meet inside the sentence there is
    no run of more than 30 ms below -50 dBFS, and the word events stay in order across the switch."""
    speech = "Der Präsident rief " + parts.switch("en") + "America First" + parts.BACK + " und ging dann."
    clip = espeak.synthesize(speech)
    words = _ours(clip)[b"wrds"]
    assert [speech[c:c + n] for c, n, _ in words] == ["Der", "Präsident", "rief", "America", "First", "und", "ging",
                                                      "dann"]
    samples = [s for _, _, s in words]
    assert samples == sorted(samples) and len(set(samples)) == len(samples)
    with wave.open(io.BytesIO(clip)) as wav:
        rate, pcm = wav.getframerate(), wav.readframes(wav.getnframes())
    import numpy as np

    audio = np.abs(np.frombuffer(pcm, dtype=np.int16).astype(np.int32))
    quiet = audio < 32768 * 10 ** (-50 / 20)
    for switch_at in (samples[3], samples[5]):  # where "America" begins, where "und" begins
        window = quiet[samples[samples.index(switch_at) - 1]:switch_at + rate // 10]  # the word before, the switch
        longest, run = 0, 0
        for silent in window:
            run = run + 1 if silent else 0
            longest = max(longest, run)
        assert longest * 1000 / rate <= 30, f"{longest * 1000 / rate:.0f} ms of silence at a switch"


def test_a_changed_language_mark_makes_only_its_sentence_anew(tmp_path):
    source = tmp_path / "src" / "a.md"
    source.parent.mkdir()
    source.write_text(MARKDOWN, encoding="utf-8")
    flags = ["--engine", "espeak", "--formats", "vtt", "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache"]
    first = run_cli(source, *flags)
    assert first.returncode == 0, first.stderr
    source.write_text(MARKDOWN.replace("[America First]{lang=en}", "America First"), encoding="utf-8")
    second = run_cli(source, *flags)
    assert second.returncode == 0, second.stderr
    assert "1 synthesised" in second.stderr, second.stderr


def test_a_language_without_a_voice_is_one_warning(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("# T\n\nEr sagte [talofa lava]{lang=sm} und [tofa soifua]{lang=sm} zum Abschied.\n", encoding="utf-8")
    result = run_cli(source, "--engine", "espeak", "--formats", "vtt", "--out", tmp_path / "out",
                     "--cache-dir", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "no voice for 'sm'" in line]
    assert len(warnings) == 1


def test_epub_and_player_mark_the_passages(tmp_path):
    source = tmp_path / "a.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    result = build(source, tmp_path / "out", tmp_path / "cache", formats=("mp3", "vtt", "epub", "html"))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    with zipfile.ZipFile(result.out_dir / f"{result.slug}.epub") as book:
        pages = [etree.fromstring(book.read(n)) for n in book.namelist() if n.startswith("EPUB/section")]
    marked = [(s.text, s.get("lang"), s.get(xml_lang)) for page in pages for s in page.iter("{*}span")
              if s.get("lang")]
    assert ("America First", "en", "en") in marked and ("Liberté, égalité, fraternité", "fr", "fr") in marked
    from test_epub import epubcheck

    report = epubcheck(result.out_dir / f"{result.slug}.epub")
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    player = etree.HTML((result.out_dir / "index.html").read_bytes())
    english = [w.text for w in player.iter("span") if w.get("lang") == "en" and "word" in (w.get("class") or "")]
    assert english[:2] == ["America", "First"]
    import json

    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    first = next(item for item in manifest["script"] if "America" in item["text"])
    assert [p["language"] for p in first["parts"]] == ["de", "en", "de"]
    assert parts.SWITCH not in first["speech"]


def test_script_explain_shows_the_parts(tmp_path):
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    result = run_cli("script", "--explain", tmp_path / "a.md")
    assert "Der Präsident rief [en: America First] und ging." in result.stdout
    assert "    [fr] 'Liberté, égalité, fraternité'" in result.stdout
    plain = run_cli("script", tmp_path / "a.md").stdout
    assert "Der Präsident rief America First und ging." in plain and parts.SWITCH not in plain


@responses_activate
def test_gtts_asks_each_part_in_its_language(real_mp3):
    """gTTS's real request code against a fake transport: one request per part, each in its language,
    the answers' MP3 frames joined."""
    import urllib.parse

    import responses

    from test_engines import GTTS_URL, batchexecute_body, gtts

    responses.add(responses.POST, GTTS_URL, body=batchexecute_body(real_mp3), status=200)
    engine, _ = gtts()
    clip = engine.synthesize("Er rief " + parts.switch("en") + "America First" + parts.BACK + " und ging.")
    assert clip == real_mp3 * 3
    asked = [urllib.parse.unquote(c.request.body if isinstance(c.request.body, str) else c.request.body.decode())
             for c in responses.calls]
    assert len(asked) == 3
    assert "Er rief" in asked[0] and '\\"de\\"' in asked[0]
    assert "America First" in asked[1] and '\\"en\\"' in asked[1]
    assert "und ging" in asked[2] and '\\"de\\"' in asked[2]


def foreign_phrases():
    path = ROOT / "tests" / "data" / "foreign_phrases.txt"
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_quoted_english_and_french_titles_are_found():
    """Hand-written titles and slogans as German news quotes them: at least 90 % found, each in its language."""
    from narration.speech.detect import foreign_spans

    found = 0
    for language, phrase in foreign_phrases():
        spans = foreign_spans(f"Er nannte es „{phrase}“ und ging.")
        found += [s.value for s in spans] == [language]
    assert found >= 0.9 * len(foreign_phrases()), found


def test_no_german_sentence_is_marked_foreign():
    """Over the seed and both corpus books, every phrase called foreign is one a reader checked to be
    English or French (the books' Project Gutenberg notes, Effi's French); no German one."""
    from narration.pipeline import languages_stage
    from narration import config

    checked = {"Produced by", "START/END OF THIS PROJECT GUTENBERG EBOOK", "rights: Public domain in the USA.",
               "Rocher de bronce", "maudit château"}
    options = config.load(ROOT / "narration.toml")
    sources = [ROOT / "source" / "haltung-der-usa.txt", *sorted((ROOT.parent / "shared" / "corpus").glob("*.md"))]
    seen = 0
    for source in sources:
        if not source.is_file():
            continue
        seen += 1
        doc = languages_stage(load(source), options)
        called = {s.text[x.start:x.end] for s in doc.sentences() for x in s.spans}
        assert called <= checked, (source.name, called - checked)
    assert seen >= 1


def test_a_phrase_marked_german_is_never_detected(tmp_path):
    from narration import config
    from narration.pipeline import languages_stage

    (tmp_path / "a.md").write_text("# T\n\nEr rief „[America First]{lang=de}“ und „Black Lives Matter“.\n",
                                   encoding="utf-8")
    options = config.load(ROOT / "narration.toml")
    doc = languages_stage(load(tmp_path / "a.md"), options)
    assert languages(doc) == [("America First", "de"), ("Black Lives Matter", "en")]
    script = build_script(doc)
    assert "[en: Black Lives Matter]" in parts.readable(script[1].speech)
    assert "[de" not in parts.readable(script[1].speech)  # German is the voice's own: no switch
    off = config.with_flags(options)
    import dataclasses

    off = dataclasses.replace(off, build=dataclasses.replace(off.build, detect_languages=False))
    assert languages(languages_stage(load(tmp_path / "a.md"), off)) == [("America First", "de")]


def test_a_document_in_english_is_read_by_the_english_voice(tmp_path, caplog):
    import logging

    (tmp_path / "en.md").write_text("---\ntitle: A Test\nlang: en\n---\n\nThe year 1984 had 12 months.\n",
                                    encoding="utf-8")
    with caplog.at_level(logging.INFO):
        script = build_script(load(tmp_path / "en.md"))
    assert [parts.readable(item.speech) for item in script] == [
        "[en: A Test]", "[en: The year nineteen eighty-four had twelve months.]"]
    assert sum("German only" in r.getMessage() for r in caplog.records) <= 1


def test_a_lexicon_per_language_serves_its_passages_and_the_epub(tmp_path):
    pls = ('<?xml version="1.0" encoding="UTF-8"?>\n<lexicon version="1.0" '
           'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="{lang}">'
           '<lexeme><grapheme>{g}</grapheme><alias>{a}</alias></lexeme></lexicon>\n')
    (tmp_path / "lexicon.pls").write_text(pls.format(lang="de", g="GIF", a="Gif"), encoding="utf-8")
    (tmp_path / "lexicon.en.pls").write_text(pls.format(lang="en", g="GIF", a="jif"), encoding="utf-8")
    (tmp_path / "a.md").write_text("# T\n\nEin GIF ist [a GIF file]{lang=en} zum Teilen.\n", encoding="utf-8")
    from narration.speech.lexicon import load as load_lexicon

    lexicon = load_lexicon(tmp_path)
    script = build_script(load(tmp_path / "a.md"), lexicon)
    assert parts.readable(script[1].speech) == "Ein Gif ist [en: a jif file] zum Teilen."
    result = build(tmp_path / "a.md", tmp_path / "out", tmp_path / "cache", formats=("mp3", "epub"))
    with zipfile.ZipFile(result.out_dir / f"{result.slug}.epub") as book:
        names = book.namelist()
        page = book.read(next(n for n in names if n.startswith("EPUB/section") and n.endswith(".xhtml"))).decode()
    assert "EPUB/lexicon.pls" in names and "EPUB/lexicon.en.pls" in names
    assert 'hreflang="de" href="lexicon.pls"' in page and 'hreflang="en" href="lexicon.en.pls"' in page
    from test_epub import epubcheck

    report = epubcheck(result.out_dir / f"{result.slug}.epub")
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
