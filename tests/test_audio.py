"""The timing map and the audio outputs, read back by real consumers: ffmpeg
(the ffprobe of the same build), mutagen, a WebVTT parser (issue 4)."""
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import webvtt
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from conftest import SEED, ffmpeg
from tests_support import assert_sections_in_place, decode, decoded_ms


@pytest.fixture(scope="module")
def seed(seed_build):
    manifest = json.loads((seed_build.out_dir / "manifest.json").read_text(encoding="utf-8"))
    return seed_build.out_dir, manifest


def chapters_read_back(path):
    """Chapters as ffmpeg's demuxer reports them (the listing ffprobe shows), in ms."""
    listing = subprocess.run([ffmpeg(), "-hide_banner", "-nostdin", "-i", str(path)], capture_output=True,
                             text=True).stderr
    found = re.findall(r"Chapter #\d+:\d+: start (-?[\d.]+), end (-?[\d.]+)\n\s+Metadata:\n\s+title\s+: (.*)", listing)
    return [(float(start) * 1000, float(end) * 1000, title.strip()) for start, end, title in found]  # in file order


def loudness(path):
    out = subprocess.run([ffmpeg(), "-hide_banner", "-nostdin", "-i", str(path), "-af",
                          "ebur128=peak=true:framelog=quiet", "-f", "null", "-"], capture_output=True, text=True).stderr
    summary = out[out.rindex("Summary:"):]
    return (float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)),
            float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1)))


def clock_ms(stamp: str) -> int:
    h, m, s = stamp.replace(",", ".").split(":")
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)


@pytest.mark.parametrize("suffix", [".mp3", ".m4b"])
def test_chapters_read_back_at_manifest_times(seed, suffix):
    out_dir, manifest = seed
    sections = manifest["timeline"]["sections"]
    chapters = chapters_read_back(out_dir / f"haltung-der-usa{suffix}")
    assert [c[2] for c in chapters] == [s["title"] for s in sections]
    assert [c[2] for c in chapters][1:] == ["US-Amerikaner wollen keinen Krieg", "Kampf der Systeme"]
    for (start, end, _), section in zip(chapters, sections):
        assert abs(start - section["start_ms"]) <= 10 and abs(end - section["end_ms"]) <= 10
    # listed in time order (as players that ignore CTOC show them), contiguous, to the end of the file
    assert chapters[0][0] == 0
    for (_, end, _), (start, _, _) in zip(chapters, chapters[1:]):
        assert abs(end - start) <= 1
    assert abs(chapters[-1][1] - container_ms(out_dir / f"haltung-der-usa{suffix}")) <= 30


def container_ms(path) -> float:
    """The duration the file's container declares (what players show)."""
    listing = subprocess.run([ffmpeg(), "-hide_banner", "-nostdin", "-i", str(path)], capture_output=True,
                             text=True).stderr
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", listing).groups()
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000


def test_mutagen_reads_id3_chapters_and_tags(seed):
    out_dir, manifest = seed
    tags = ID3(out_dir / "haltung-der-usa.mp3")
    assert tags.version[:2] == (2, 4)
    chaps = tags.getall("CHAP")  # in the order they are stored
    assert [c.start_time for c in chaps] == sorted(c.start_time for c in chaps)
    assert [c.element_id for c in chaps] == [f"chp{n}" for n in range(1, len(chaps) + 1)]
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == [s["title"] for s in manifest["timeline"]["sections"]]
    toc = tags.getall("CTOC")[0]
    assert list(toc.child_element_ids) == [c.element_id for c in chaps]
    assert tags["TIT2"].text[0] == "Die Haltung der USA" and tags["TLAN"].text[0] == "deu"
    assert tags.getall("APIC")[0].data[:8] == b"\x89PNG\r\n\x1a\n"


def test_m4b_tags_and_cover(seed):
    from mutagen.mp4 import MP4

    audio = MP4(seed[0] / "haltung-der-usa.m4b")
    assert audio["\xa9nam"] == ["Die Haltung der USA"] and audio["covr"]
    assert audio.info.codec.startswith("mp4a")


def test_loudness_on_target(seed):
    out_dir, manifest = seed
    integrated, true_peak = loudness(out_dir / "haltung-der-usa.mp3")
    assert abs(integrated - (-16.0)) <= 1.0, integrated
    assert true_peak <= -1.0, true_peak
    recorded = manifest["timeline"]["loudness"]
    assert recorded["target_lufs"] == -16.0 and "measured_lufs" in recorded and "gain_db" in recorded


def test_timeline_is_consistent(seed):
    out_dir, manifest = seed
    timeline, script = manifest["timeline"], manifest["script"]
    cues = timeline["cues"]
    assert [c["id"] for c in cues] == [s["id"] for s in script]
    sentence_ids = [s["id"] for sec in manifest["document"]["sections"] for b in sec["blocks"] for s in b["sentences"]]
    assert set(sentence_ids) <= {c["id"] for c in cues}  # every sentence is heard
    previous = 0
    for cue in cues:
        assert previous <= cue["start_ms"] < cue["end_ms"]
        previous = cue["end_ms"]
    pieces, rate = timeline["pieces"], timeline["sample_rate"]
    clips_and_pauses = (sum(c["end_ms"] - c["start_ms"] for c in cues) + sum(s["pause_ms"] for s in script)
                        + sum(p["stretch"] for p in pieces) * 1000 / rate)  # pauses fitted to whole codec frames
    assert abs(clips_and_pauses - timeline["duration_ms"]) <= 50
    heard = {c["id"]: c for c in cues}
    for item, following in zip(script, script[1:]):  # no pause moved by more than the stretch allows
        gap = heard[following["id"]]["start_ms"] - heard[item["id"]]["end_ms"]
        assert abs(gap - item["pause_ms"]) <= 4608 * 1000 / rate / 4 + 2, (item["id"], gap, item["pause_ms"])
    assert [p["start_sample"] for p in pieces] == sorted(p["start_sample"] for p in pieces)
    assert all((p["samples"] + 1405) % 9216 == 0 for p in pieces)  # every piece fills whole MP3 and AAC frames
    assert len(pieces) > len(timeline["sections"])  # a changed sentence re-encodes less than its section
    assert abs(decoded_ms(out_dir / "haltung-der-usa.mp3") - timeline["duration_ms"]) <= 50


def test_vtt_and_srt_follow_caption_rules_and_the_timeline(seed):
    """At most two lines of at most 42 characters; a long sentence is cut between words at its
    word times; the cues of a sentence join up to its own start and end; ids derive from it."""
    out_dir, manifest = seed
    cues = {cue["id"]: cue for cue in manifest["timeline"]["cues"]}
    vtt = webvtt.read(str(out_dir / "haltung-der-usa.vtt"))
    assert len(vtt) > len(cues)  # the seed has long sentences
    previous_end, by_sentence = 0, {}
    for caption in vtt:
        lines = caption.text.split("\n")
        assert 1 <= len(lines) <= 2 and all(len(line) <= 42 for line in lines), lines
        start, end = clock_ms(caption.start), clock_ms(caption.end)
        assert previous_end <= start < end
        previous_end = end
        sentence = re.fullmatch(r"(s-\d+-\d+-\d+)(?:-(\d+))?", caption.identifier).group(1)
        by_sentence.setdefault(sentence, []).append((start, end, " ".join(lines)))
    assert set(by_sentence) == set(cues)
    for sentence, parts in by_sentence.items():
        cue = cues[sentence]
        assert parts[0][0] == cue["start_ms"] and parts[-1][1] == cue["end_ms"]
        assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))  # cut at a word time, no gap
        assert " ".join(p[2] for p in parts) == " ".join(cue["text"].split())
        word_starts = {w["start_ms"] for w in cue["words"]}
        assert all(p[0] in word_starts for p in parts[1:])
    srt = webvtt.from_srt(str(out_dir / "haltung-der-usa.srt"))
    assert [c.text for c in srt] == [c.text for c in vtt]
    assert [(c.start, c.end) for c in srt] == [(c.start, c.end) for c in vtt]


def test_captions_escape_markup_and_keep_sentences_whole_without_word_times():
    from narration.timeline import Cue
    from narration.writers.subtitles import SubtitleWriter, caption_cues

    text = "Der Satz <b>mit</b> Zeichen & Klammern --> und er ist lang genug für mehr als zwei Zeilen, wirklich."
    parts = caption_cues(Cue("s-1-1-1", "paragraph", text, 0, "b-1-1", 0, 9000))
    assert len(parts) == 1 and parts[0][:3] == ("s-1-1-1", 0, 9000)  # no times invented
    assert all(len(line) <= 42 for line in parts[0][3])
    escaped = SubtitleWriter().escape("<b>mit</b> & -->")
    assert "<" not in escaped and ">" not in escaped and "&amp;" in escaped


def test_caption_lines_are_balanced_and_agree_with_textwrap():
    """Our line fitter against hand-picked lines, and against the standard library's textwrap (the
    reference it replaces for speed) over word runs of a corpus chapter."""
    import random
    import textwrap

    from narration.writers.subtitles import fits, wrap

    assert wrap("Kurzer Satz.") == ["Kurzer Satz."]
    assert wrap("Der Präsident will die Ukraine im Krieg gegen Russland nicht verlieren.") == [
        "Der Präsident will die Ukraine im", "Krieg gegen Russland nicht verlieren."]
    assert wrap("Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller ist lang.") == [
        "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller", "ist lang."]
    assert fits("x " * 40) and not fits("Wort " * 20)

    def reference(text):
        lines = textwrap.wrap(text, 42, break_long_words=False, break_on_hyphens=False)
        if len(lines) == 2:
            for width in range(max(len(text) // 2, 1), 43):
                balanced = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
                if len(balanced) == 2:
                    return balanced
        return lines

    words = (Path(__file__).parent / "data" / "verwandlung-anfang.md").read_text(encoding="utf-8").split()
    rng = random.Random(7)
    for _ in range(3000):
        start = rng.randrange(len(words) - 30)
        text = " ".join(words[start:start + rng.randint(1, 22)])
        assert wrap(text) == reference(text), text
        assert fits(text) == (len(reference(text)) <= 2), text


def test_section_files_match_their_spans(seed):
    out_dir, manifest = seed
    files = sorted((out_dir / "sections").glob("*.mp3"))
    spans = manifest["timeline"]["sections"]
    assert [f.name for f in files] == ["01-die-haltung-der-usa.mp3", "02-us-amerikaner-wollen-keinen-krieg.mp3",
                                       "03-kampf-der-systeme.mp3"]
    pieces, rate = manifest["timeline"]["pieces"], manifest["timeline"]["sample_rate"]
    for path, span in zip(files, spans):
        first, last = pieces[span["pieces"][0]], pieces[span["pieces"][-1]]
        assert len(decode(path, rate)) == last["start_sample"] + last["samples"] - first["start_sample"]  # exact
        assert abs((last["start_sample"] + last["samples"]) * 1000 / rate - span["audio_end_ms"]) <= 0.5
        assert MP3(path).info.sample_rate == manifest["timeline"]["sample_rate"]


def test_podcasting_chapters_json(seed):
    out_dir, manifest = seed
    data = json.loads((out_dir / "chapters.json").read_text(encoding="utf-8"))
    assert data["version"].startswith("1.")
    assert [c["title"] for c in data["chapters"]] == [s["title"] for s in manifest["timeline"]["sections"]]
    assert [c["startTime"] for c in data["chapters"]] == [s["start_ms"] / 1000 for s in manifest["timeline"]["sections"]]


def test_formats_select_outputs(tmp_path):
    from conftest import build

    source = tmp_path / "kurz.txt"
    source.write_text("Ein kurzer Text. Mit zwei Sätzen.\n", encoding="utf-8")
    result = build(source, tmp_path / "out", tmp_path / "cache", formats=("srt", "chapters"))
    names = {p.name for p in result.out_dir.iterdir()}
    assert {"kurz.srt", "chapters.json", "manifest.json"} <= names
    assert not names & {"kurz.mp3", "kurz.m4b", "kurz.epub", "kurz.vtt", "index.html"}


@pytest.mark.parametrize("suffix", [".mp3", ".m4b"])
def test_joined_files_put_every_section_exactly_where_the_timeline_says(seed, suffix):
    """The episode and the audiobook are joined from encoded sections; each section's
    speech must sit at its timeline time, to the sample's neighbourhood."""
    out_dir, manifest = seed
    assert_sections_in_place(out_dir / f"haltung-der-usa{suffix}", sorted((out_dir / "sections").glob("*.mp3")),
                             manifest["timeline"])


def test_one_changed_sentence_reencodes_one_piece_and_matches_a_cold_build(tmp_path):
    """The incremental path (cached pieces, cached loudness, remembered sentences) must give the
    same audio as building the changed article from its clips alone, while encoding and metering one piece."""
    from conftest import SEED, build

    source = tmp_path / "src" / "artikel.txt"
    source.parent.mkdir()
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    cache, formats = tmp_path / "cache", ("mp3", "m4b", "sections")
    build(source, tmp_path / "out", cache, formats=formats)
    sections = sorted((tmp_path / "out" / "artikel" / "sections").glob("*.mp3"))
    before = [p.stat().st_mtime_ns for p in sections]
    sections[0].write_bytes(sections[0].read_bytes()[:-1000])  # a damaged file is made again

    def entries(kind):
        return {p.name for p in (cache / kind).rglob("*") if p.is_file()}

    encoded, metered = entries("encoded"), entries("loudness")
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Biden will ihn nicht verlieren.", "Biden will ihn keinesfalls verlieren."), encoding="utf-8")
    build(source, tmp_path / "out", cache, formats=formats)
    assert sorted(p.rsplit(".", 1)[1] for p in entries("encoded") - encoded) == ["m4a", "mp3"]
    assert len(entries("loudness") - metered) == 1
    after = [p.stat().st_mtime_ns for p in sections]
    assert after[0] != before[0] and after[1] == before[1] and after[2] != before[2]  # only the changed section

    # eSpeak NG's output depends by a few samples on what the same process spoke before (state that
    # survives even espeak_Terminate), so the "cold" build reuses the clips and makes everything else anew
    shutil.copytree(cache, tmp_path / "cold-cache", ignore=shutil.ignore_patterns("encoded", "loudness", "sentences"))
    build(source, tmp_path / "cold", tmp_path / "cold-cache", formats=formats)
    warm = json.loads((tmp_path / "out" / "artikel" / "manifest.json").read_text(encoding="utf-8"))["timeline"]
    cold = json.loads((tmp_path / "cold" / "artikel" / "manifest.json").read_text(encoding="utf-8"))["timeline"]
    assert warm == cold
    rate = warm["sample_rate"]
    for name in ("artikel.mp3", "artikel.m4b", *(f"sections/{p.name}" for p in sections)):
        assert (decode(tmp_path / "out" / "artikel" / name, rate) == decode(tmp_path / "cold" / "artikel" / name, rate)).all()


def _items(paragraph_sizes):
    from narration.speech.script import ScriptItem

    items = [ScriptItem("s-1-0-1", "heading", "T", "T", 0, "", 900)]
    for b, size in enumerate(paragraph_sizes, 1):
        items += [ScriptItem(f"s-1-{b}-{i}", "paragraph", "x", "x", 0, f"b-1-{b}", 350) for i in range(1, size + 1)]
    return items


def test_pieces_are_cut_where_paragraphs_end_and_long_paragraphs_are_split():
    from narration.audio.assemble import LONG_PIECE, piece_groups
    from narration.audio.frames import MIN_GAPS

    items = _items([3, 2, 5, 1, 2, 40, 3, 2])
    groups = piece_groups(items)
    assert [i for g in groups for i in g] == items  # nothing lost, nothing reordered
    assert all(MIN_GAPS <= len(g) <= LONG_PIECE for g in groups)
    for group, following in zip(groups, groups[1:]):  # a cut ends a paragraph unless the piece is long
        assert group[-1].block != following[0].block or len(group) == LONG_PIECE
    # one more sentence in the first paragraph moves no cut after the next paragraph's end
    changed = piece_groups(_items([4, 2, 5, 1, 2, 40, 3, 2]))
    assert [[i.id for i in g] for g in changed[1:]] == [[i.id for i in g] for g in groups[1:]]


def test_each_piece_knows_its_peak_from_its_clips_with_or_without_carried_levels(tmp_path):
    """A piece's peak (the loudness plan's input) is the largest sample magnitude of its PCM,
    whether its clips carried their levels or were measured while assembled."""
    import array

    from narration.audio.assemble import PieceStore, assemble
    from narration.audio.levels import Levels
    from narration.audio.wavwords import wav_parts

    items = _items([3, 2, 5, 4])
    amplitude = {item.id: 1000 + 997 * n for n, item in enumerate(items)}  # a clip's loudest sample

    def clip(item):
        a = amplitude[item.id]
        tone = array.array("h", [0] * 300 + [a // 3, -a, a // 2, -a // 4] * 500 + [0] * 300).tobytes()
        levels = Levels(300, 2300, a) if int(item.id.rsplit("-", 1)[1]) % 2 else None  # every other one carries them
        return b"".join(wav_parts(tone, 22050, [], levels)), ".wav"

    store = PieceStore(tmp_path / "pieces.pcm")
    timeline = assemble(items, [("T", "t")], clip, 22050, store)
    assert len(timeline.pieces) > 1
    for piece in timeline.pieces:
        pcm = array.array("h", store.read(piece.index))
        expected = max(amplitude[item.id] for item in items if piece.start_sample <= _cue_start(timeline, item.id)
                       < piece.start_sample + piece.samples)
        assert store.layout(piece.index).peak == max(abs(s) for s in pcm) == expected


def _cue_start(timeline, item_id):
    cue = next(c for c in timeline.cues if c.id == item_id)
    return cue.start_ms * timeline.sample_rate // 1000


def _build_with(source, out, cache, force=False, **audio):
    import dataclasses

    from conftest import ROOT
    from narration import config
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine
    from narration.pipeline import build_article

    options = config.with_flags(config.load(ROOT / "narration.toml"), cache_dir=str(cache), engine="espeak")
    options = dataclasses.replace(options, audio=dataclasses.replace(options.audio, **audio))
    return build_article(source, options, EspeakEngine(VoiceSettings()), ("mp3", "sections"), out, 2, quiet=True,
                         force=force)


def test_a_new_loudness_target_renders_every_piece_from_its_remembered_layout(tmp_path):
    """Remembered layouts spare decoding; when every piece must be encoded anew (new gain), the
    pieces rendered then must be exactly what the layouts promised, as a fresh build shows."""
    from conftest import SEED

    source = tmp_path / "src" / "artikel.txt"
    source.parent.mkdir()
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    _build_with(source, tmp_path / "out", cache)
    assert list((cache / "layouts").rglob("*.json"))
    warm = _build_with(source, tmp_path / "out", cache, loudness_lufs=-19.0)
    shutil.copytree(cache, tmp_path / "cold-cache", ignore=shutil.ignore_patterns("encoded", "loudness", "layouts"))
    cold = _build_with(source, tmp_path / "cold", tmp_path / "cold-cache", loudness_lufs=-19.0)
    manifests = [json.loads((r.out_dir / "manifest.json").read_text(encoding="utf-8"))["timeline"] for r in (warm, cold)]
    assert manifests[0] == manifests[1] and manifests[0]["loudness"]["target_lufs"] == -19.0
    rate = manifests[0]["sample_rate"]
    assert (decode(warm.out_dir / "artikel.mp3", rate) == decode(cold.out_dir / "artikel.mp3", rate)).all()


def test_a_clip_that_changed_under_its_layout_means_building_again_from_the_clips(tmp_path, monkeypatch, caplog):
    """A damaged clip is synthesised anew when a piece is rendered; if it sounds different from
    what the remembered layout says, the article is built again without layouts, and the
    timeline still matches the audio."""
    from conftest import SEED
    from narration.engines.espeak import EspeakEngine

    source = tmp_path / "src" / "artikel.txt"
    source.parent.mkdir()
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    _build_with(source, tmp_path / "out", cache)
    shutil.rmtree(cache / "encoded")
    shutil.rmtree(cache / "loudness")
    clip = sorted(cache.glob("??/*.wav"))[0]
    clip.write_bytes(clip.read_bytes()[:200])  # the header still names the old sound
    real = EspeakEngine.synthesize
    monkeypatch.setattr(EspeakEngine, "synthesize", lambda self, text: real(self, text + " Und noch etwas."))
    with caplog.at_level(logging.DEBUG, logger="narration.pipeline"):
        result = _build_with(source, tmp_path / "out", cache, force=True)
    assert any("building again without remembered layouts" in r.getMessage() for r in caplog.records)
    timeline = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))["timeline"]
    rate = timeline["sample_rate"]
    assert abs(len(decode(result.out_dir / "artikel.mp3", rate)) * 1000 / rate - timeline["duration_ms"]) <= 1
    assert_sections_in_place(result.out_dir / "artikel.mp3", sorted((result.out_dir / "sections").glob("*.mp3")),
                             timeline)


def test_every_spoken_sentence_has_word_times_inside_it(seed):
    """eSpeak NG's word events, mapped back to the display text: present, increasing, inside
    their sentence, and each the very text readers see at that place."""
    _, manifest = seed
    cues = manifest["timeline"]["cues"]
    assert cues and all(cue["words"] for cue in cues)
    for cue in cues:
        previous_end, previous_ms = 0, cue["start_ms"]
        for word in cue["words"]:
            assert cue["text"][word["start"]:word["end"]] == word["text"] and word["text"].strip() == word["text"]
            assert word["start"] >= previous_end
            assert previous_ms <= word["start_ms"] < word["end_ms"] <= cue["end_ms"]
            previous_end, previous_ms = word["end"], word["end_ms"]
        assert cue["words"][0]["start_ms"] - cue["start_ms"] < 100  # speech starts with the clip
        assert cue["words"][-1]["end_ms"] == cue["end_ms"]
    sentence = next(c for c in cues if c["text"].startswith("Im Juli 2021"))
    assert [w["text"] for w in sentence["words"]][:7] == ["Im", "Juli", "2021", "waren", "etwa", "150", "US-Soldaten"]
    share = sum(len(c["words"]) for c in cues) / sum(len(c["text"].split()) for c in cues)
    assert share > 0.95  # nearly every written word has its own time ("33 Prozent" is one)


def test_the_manifest_streams_exactly_what_json_dumps_gives():
    """Long lists go out element by element (a ten-hour book's cues), yet the bytes are the standard
    encoder's, nested dicts, empty lists and newlines in strings included."""
    import io

    from narration.writers.manifest import write_json

    def lists():
        return {"a": 1, "b": {"c": [1, 2, {"d": "ä\nb"}], "e": [{"x": 1, "w": [{"t": "ü"}]}, {"y": []}], "f": {}},
                "g": [], "h": "z", "i": [1, 2]}

    lazy = lists()
    lazy["b"]["e"], lazy["g"], lazy["i"] = (x for x in lazy["b"]["e"]), (x for x in []), (x for x in [1, 2])
    out = io.StringIO()
    write_json(out, lazy)
    assert out.getvalue() == json.dumps(lists(), ensure_ascii=False, indent=1)


def test_plain_data_is_what_dataclasses_asdict_gives():
    """The manifest and the layouts turn dataclasses into plain data with ``timeline.plain``, which
    skips asdict's deep copies: the result must be asdict's own, for every kind of record a build
    writes (cues with words, sections, pieces, the document)."""
    import dataclasses

    from narration.document import load
    from narration.timeline import Cue, Piece, SectionSpan, Word, plain

    records = [Cue("s-0-0-0", "sentence", "Zwei Wörter.", 0, "b-0-0", 10, 900,
                   (Word("Zwei", 0, 4, 10, 300), Word("Wörter", 5, 11, 320, 880))),
               Cue("h-1", "heading", "Titel", 1, "", 0, 5), Piece(3, 1, 4410, 9216, -12, "ab" * 32),
               SectionSpan(0, "Ein Titel", "h-0", 0, 5000, 4800, (0, 1, 2)), load(SEED)]
    for record in records:
        assert plain(record) == dataclasses.asdict(record)
        assert json.dumps(plain(record)) == json.dumps(dataclasses.asdict(record))
