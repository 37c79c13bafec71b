"""Everything measured on the seed: cold builds beside the floor, rebuilds, phases, synthesis
alone, `build.py watch` running, and pandoc's own EPUB as a peer figure."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, WORK, SEED, ORIGINAL, changed, median_time, UNREACHABLE, NETWORK, build, HangingProxy, phases, seed_copy, medians, machine
from bench.floor import floor_once, audio_stages_alone, edited_piece, design_bound


def synthesis_only(runs: int) -> dict:
    """Our synthesis of the seed (every clip, empty cache, all cores) against one raw eSpeak NG call on the
    whole text, each in a fresh process so both pay the library's start-up."""
    script = f"""
import sys, time, json, os, tempfile
sys.path.insert(0, {str(ROOT)!r})
which = sys.argv[1]
if which == "raw":
    from bench.floor import raw_espeak
    text = open({str(SEED)!r}, encoding="utf-8").read()
    t0 = time.perf_counter(); raw_espeak(text); print(time.perf_counter() - t0)
else:
    from pathlib import Path
    from narration.cache import ClipCache
    from narration.document import load
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine
    from narration.speech.lexicon import load as load_lexicon
    from narration.speech.script import build_script
    from narration.synth import synthesize
    script = build_script(load(Path({str(SEED)!r})), load_lexicon(Path({str(SEED.parent)!r})))
    engine = EspeakEngine(VoiceSettings())
    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        synthesize(script, engine, ClipCache(Path(cache), ".wav"), os.cpu_count(), quiet=True)
        print(time.perf_counter() - t0)
"""
    timings = {"raw": [], "ours": []}
    for _ in range(runs):
        for which in timings:
            out = subprocess.run([sys.executable, "-c", script, which], capture_output=True, text=True, check=True)
            timings[which].append(float(out.stdout.strip().splitlines()[-1]))
    raw, ours = statistics.median(timings["raw"]), statistics.median(timings["ours"])
    return {"raw_espeak_s": raw, "ours_s": ours, "ratio": ours / raw}


def watch_rebuilds(source: Path, out: Path, cache: Path, runs: int, interval: float = 0.1) -> dict:
    """The editor's loop: ``build.py watch`` running, one never-built sentence changed per run; the
    time from saving the source to the article's build stamp being rewritten (detection included)."""
    seed_file = source / SEED.name
    text = seed_file.read_text(encoding="utf-8")
    stamp = out / "haltung-der-usa" / ".build-stamp.json"
    log = WORK / "watch.log"
    with open(log, "w", encoding="utf-8") as stderr:
        watcher = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "watch", str(source),
                                    "--out", str(out), "--cache-dir", str(cache), "--interval", str(interval)],
                                   cwd=ROOT, stderr=stderr, env={**os.environ, **UNREACHABLE})
        try:
            while "watching" not in log.read_text(encoding="utf-8"):
                time.sleep(0.05)

            def one(i):
                before = stamp.stat().st_mtime_ns
                seed_file.write_text(text.replace(ORIGINAL, changed(100 + i)), encoding="utf-8")
                while stamp.stat().st_mtime_ns == before:
                    time.sleep(0.002)

            seconds, _ = median_time(one, runs)
        finally:
            watcher.terminate()
            watcher.wait()
            seed_file.write_text(text, encoding="utf-8")
    return {"seconds": seconds, "interval_s": interval}


@contextlib.contextmanager


def pandoc_epub(runs: int) -> float:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    return median_time(lambda i: subprocess.run([pandoc, str(SEED), "-f", "markdown", "-t", "epub3", "-o",
                                                 str(WORK / "pandoc.epub"), "--metadata", "title=Seed"],
                                                check=True), runs)[0]


def seed_part(runs: int) -> dict:
    """Everything measured on the seed: cold builds against the floor, rebuilds (nothing changed,
    on a hanging network, one sentence changed, with watch running) and the phases of a cold build."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    source = seed_copy(WORK / "seed")
    out = WORK / "out"

    cold_all: list[float] = []
    floors = []
    for i in range(runs):  # the cold build and the floor take turns, so a drifting machine moves both alike
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        build(source, out, WORK / f"cache-cold-{i}")
        cold_all.append(time.perf_counter() - started)
        floors.append(floor_once())
    cold_s = statistics.median(cold_all)
    built_audio_s = json.loads((out / "haltung-der-usa" / "manifest.json").read_text(encoding="utf-8"))[
        "timeline"]["duration_ms"] / 1000
    floor_parts = medians(floors)
    cache = WORK / f"cache-cold-{runs - 1}"
    warm_s, _ = median_time(lambda i: build(source, out, cache), runs)
    with HangingProxy() as hanging:
        NETWORK.clear()
        NETWORK.update(hanging)
        try:
            warm_hanging_s, _ = median_time(lambda i: build(source, out, cache), runs)
        finally:
            NETWORK.clear()
            NETWORK.update(UNREACHABLE)
    seed_file = source / SEED.name
    text = seed_file.read_text(encoding="utf-8")

    def one_sentence(i):
        seed_file.write_text(text.replace(ORIGINAL, changed(i)), encoding="utf-8")
        build(source, out, cache)

    one_s, _ = median_time(one_sentence, runs)
    edit_phases = phases(source, out, cache, runs, cold=False, before=lambda i: seed_file.write_text(
        text.replace(ORIGINAL, changed(200 + i)), encoding="utf-8"))
    seed_file.write_text(text, encoding="utf-8")
    build(source, out, cache)
    watch = watch_rebuilds(source, out, cache, runs)
    manifest = json.loads((out / "haltung-der-usa" / "manifest.json").read_text(encoding="utf-8"))
    cold_phases = phases(source, WORK / "phases-out", WORK / "phases-cache", runs)
    cold_alone = audio_stages_alone(manifest, None, runs)
    edit_alone = audio_stages_alone(manifest, edited_piece(manifest, "Biden will ihn"), runs)
    (cold_bound, cold_built), (edit_bound, edit_built) = design_bound(cold_phases, cold_alone), design_bound(
        edit_phases, edit_alone)
    return {
        "machine": machine(), "date": time.strftime("%Y-%m-%d"), "runs": runs,
        "cold_build_s": cold_s, "cold_runs_s": cold_all, "floor": floor_parts,
        "cold_over_floor": cold_s / floor_parts["total"],
        "configuration": "narration.toml as shipped (engine auto), Google unreachable",
        "rebuild_unchanged_s": warm_s, "rebuild_unchanged_share": warm_s / cold_s,
        "rebuild_unchanged_hanging_network_s": warm_hanging_s,
        "rebuild_unchanged_hanging_network_share": warm_hanging_s / cold_s,
        "phases_s": cold_phases, "one_sentence_phases_s": edit_phases,
        "design_bound": {"cold_audio_stages_alone_s": cold_alone, "cold_s": cold_bound,
                         "cold_audio_stages_built_s": cold_built, "cold_over_floor": cold_bound / floor_parts["total"],
                         "one_sentence_audio_stages_alone_s": edit_alone, "one_sentence_s": edit_bound,
                         "one_sentence_audio_stages_built_s": edit_built, "one_sentence_share": edit_bound / cold_s},
        "rebuild_one_sentence_s": one_s, "rebuild_one_sentence_share": one_s / cold_s,
        "watch_one_sentence_s": watch["seconds"], "watch_one_sentence_share": watch["seconds"] / cold_s,
        "watch_interval_s": watch["interval_s"],
        "seed_audio_s": built_audio_s,  # what the build made (the floor's raw audio has no pauses)
        "seed_seconds_per_audio_hour": cold_s / (built_audio_s / 3600),
    }
