"""The clip cache: content-addressed, atomic, self-checking, shared safely (issue 3)."""
import multiprocessing
import re

import pytest

from conftest import SEED, build, run_cli
from narration.cache import ClipCache, clip_key

IDENTITY = {"engine": "espeak", "version": "1", "voice": "de", "language": "de", "rate": 165, "pitch": 50,
            "format": ".wav"}


def test_key_covers_everything_that_changes_the_sound():
    base = clip_key(IDENTITY, "Hallo.")
    for change in ({"engine": "gtts"}, {"version": "2"}, {"voice": "de+f3"}, {"rate": 170}, {"language": "en"}):
        assert clip_key({**IDENTITY, **change}, "Hallo.") != base
    assert clip_key(IDENTITY, "Hallo!") != base
    assert clip_key(dict(reversed(IDENTITY.items())), "Hallo.") == base


def test_damaged_entry_is_detected(tmp_path):
    cache = ClipCache(tmp_path, ".wav")
    key = clip_key(IDENTITY, "x")
    cache.put(key, b"RIFF" + b"\x01" * 1000)
    assert cache.get(key) == b"RIFF" + b"\x01" * 1000
    path = cache.path(key)
    path.write_bytes(path.read_bytes()[:500])  # truncated
    assert cache.get(key) is None and not path.exists()
    cache.put(key, b"RIFF" + b"\x01" * 1000)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 0xFF  # one flipped bit
    path.write_bytes(bytes(blob))
    assert cache.get(key) is None


def test_empty_clips_are_refused(tmp_path):
    with pytest.raises(ValueError):
        ClipCache(tmp_path, ".wav").put("a" * 64, b"")


def _fill(args):
    root, worker = args
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine
    from narration.speech.script import ScriptItem
    from narration.synth import synthesize

    engine = EspeakEngine(VoiceSettings())
    items = [ScriptItem(f"s-{i}", "paragraph", "", f"Satz Nummer {i} im Test.", 0, "", 0) for i in range(12)]
    keys, stats = synthesize(items, engine, ClipCache(root, ".wav"), jobs=1, quiet=True)
    return sorted(keys.values())


def test_two_processes_filling_one_cache(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    # two separate processes (not a Pool's daemonic workers: each starts synthesis workers of its own)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        first, second = pool.map(_fill, [(tmp_path, 0), (tmp_path, 1)])
    assert first == second
    cache = ClipCache(tmp_path, ".wav")
    assert all(cache.get(key) for key in first)  # every entry whole and checksummed
    assert not list(tmp_path.rglob("*.part"))  # no temporaries left behind


def test_rebuild_synthesises_nothing_then_exactly_the_changed_sentence(tmp_path):
    source = tmp_path / "artikel.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "artikel.yaml").write_text("title: Test\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(source, out, cache, formats=("vtt",))
    assert first.synthesised == first.clips > 50
    again = build(source, out, cache, formats=("vtt",))
    assert again.skipped  # nothing changed: nothing synthesised, nothing written
    source.write_text(source.read_text(encoding="utf-8").replace("Biden will ihn nicht verlieren.",
                                                                   "Biden will ihn keinesfalls verlieren."), encoding="utf-8")
    third = build(source, out, cache, formats=("vtt",))
    assert (third.synthesised, third.cached) == (1, third.clips - 1)


def test_cli_reports_cache_use_and_clean(tmp_path):
    source = tmp_path / "kurz.txt"
    source.write_text("Ein kurzer Text. Mit zwei Sätzen.\n", encoding="utf-8")
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ["build", source, "--engine", "espeak", "--formats", "srt", "--out", out, "--cache-dir", cache]
    first = run_cli(*args)
    assert first.returncode == 0, first.stderr
    # two sentences; the title made from the lead ("Ein kurzer Text") is shown but not spoken twice
    assert re.search(r"2 clips, 0 from cache, 2 synthesised", first.stderr)
    forced = run_cli(*args, "--force")
    assert re.search(r"2 clips, 2 from cache, 0 synthesised", forced.stderr)
    assert re.search(r"up to date: 2 clips, all from cache, 0 synthesised", run_cli(*args).stderr)
    cleaned = run_cli("clean", "--cache", "--out", out, "--cache-dir", cache)
    assert cleaned.returncode == 0
    assert not out.exists() and not cache.exists()


def test_damaged_entry_is_synthesised_again_in_a_build(tmp_path):
    source = tmp_path / "kurz.txt"
    source.write_text("Ein kurzer Text. Mit zwei Sätzen.\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(source, out, cache, formats=("vtt",))
    entries = sorted(cache.rglob("*.wav"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # truncated, e.g. by a crash elsewhere
    source.write_text("Ein kurzer Text. Mit zwei Sätzen!\n", encoding="utf-8")  # force a rebuild
    result = build(source, out, cache, formats=("vtt",))
    assert not result.skipped and (out / "kurz" / "kurz.vtt").is_file()
    clips = ClipCache(cache, ".wav")
    assert all(clips.get(p.stem) for p in sorted(cache.rglob("*.wav")))  # every entry whole again


def test_a_repeated_sentence_is_synthesised_once_and_the_counts_add_up(tmp_path):
    source = tmp_path / "dialog.md"
    source.write_text("# Dialog\n\nJa. Nein. Ja.\n\nNein.\n", encoding="utf-8")
    result = build(source, tmp_path / "out", tmp_path / "cache", formats=("vtt",))
    assert (result.clips, result.synthesised, result.cached) == (5, 3, 2)
    assert len([p for p in (tmp_path / "cache").rglob("*.wav")]) == 3


def test_clip_entries_skip_fsync_because_what_a_power_cut_leaves_fails_the_checksum(tmp_path, monkeypatch):
    """Entries are renamed into place but not fsynced (half a millisecond a clip). What a power cut
    can leave instead (an empty file, or the right length of zeros) must read as missing."""
    import os

    from narration import textio

    synced = []
    monkeypatch.setattr(textio.os, "fsync", lambda fd: synced.append(fd))
    cache = ClipCache(tmp_path, ".wav")
    key = clip_key(IDENTITY, "x")
    cache.put(key, b"RIFF" + b"\x02" * 1000)
    assert synced == [] and cache.get(key) == b"RIFF" + b"\x02" * 1000
    path = cache.path(key)
    for left in (b"", b"\0" * len(path.read_bytes())):
        cache.put(key, b"RIFF" + b"\x02" * 1000)
        path.write_bytes(left)
        assert cache.get(key) is None and not path.exists()
    textio.atomic_write(tmp_path / "output.txt", "fertig")  # outputs stay durable
    assert len(synced) == 2
    assert os.listdir(tmp_path / path.parent.name) == []


def test_layouts_loudness_and_sentence_memos_skip_fsync_and_a_torn_one_is_made_again(tmp_path, monkeypatch):
    """Like clips, the remembered piece layouts, loudness blocks and sentence splits are renamed into
    place without fsync. What a power cut can leave of one (nothing, zeros, half of it) is not JSON,
    so it is made again, and the outputs come out the same."""
    import json
    import os

    from conftest import ROOT
    from narration import config, textio
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine
    from narration.pipeline import build_article

    source = tmp_path / "src" / "kurz.txt"
    source.parent.mkdir()
    source.write_text("Ein kurzer Text.\n\nMit zwei Absätzen. Und drei Sätzen.\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    options = config.with_flags(config.load(ROOT / "narration.toml"), cache_dir=str(cache), engine="espeak")

    def build_again():
        return build_article(source, options, EspeakEngine(VoiceSettings()), ("mp3", "vtt"), out, 2, quiet=True,
                             force=True)

    build_again()
    made = {name: (out / "kurz" / name).read_bytes() for name in ("kurz.mp3", "kurz.vtt")}
    entries = [p for folder in ("layouts", "loudness", "sentences") for p in sorted((cache / folder).rglob("*.json"))]
    assert {p.relative_to(cache).parts[0] for p in entries} == {"layouts", "loudness", "sentences"}
    for n, entry in enumerate(entries):
        whole = entry.read_bytes()
        entry.write_bytes((b"", b"\0" * len(whole), whole[:len(whole) // 2])[n % 3])
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(textio.os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")),
                                                        real_fsync(fd)))
    build_again()
    assert {name: (out / "kurz" / name).read_bytes() for name in made} == made
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # whole again
    assert not [p for p in synced if any(f"/{folder}/" in p for folder in ("layouts", "loudness", "sentences"))]
    assert any(p.endswith(".mp3") for p in synced)  # the outputs stay durable
