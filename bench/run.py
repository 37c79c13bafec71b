#!/usr/bin/env python3
"""Benchmarks, side by side with the raw tools, in one run (issue 7).

    python bench/run.py [--runs 5] [--long-runs 3] [--long-book fontane-effi-briest] [--skip-long]

Every build uses the project's default configuration (narration.toml as
shipped, engine auto) with Google unreachable. Measures (medians of --runs):
cold build of the seed (all formats, empty cache) against the parallel floor
(one raw eSpeak NG synthesis of the seed's text, then its MP3 and AAC encodes
at the same time, with the build's encoder settings), with the phases of a
cold build; a rebuild with nothing changed (also on a network that hangs); a rebuild after one
sentence changed, with its phases; this design's own bound for both (the build's phases with its
audio stages done by bare ffmpeg runs); a cold build of a long book (time per hour of audio, peak
RSS of the whole process tree); pandoc's own EPUB 3 conversion of the seed;
the gTTS path against a local fake endpoint that answers after 200 ms; and
speech normalisation alone over every sentence of the long book.
Prints a table, writes bench/results.json and refreshes the table in README.md.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import ctypes
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / "bench" / "work"
SEED = ROOT / "source" / "haltung-der-usa.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
ORIGINAL = "Biden will ihn nicht verlieren."


def changed(run: int) -> str:
    """A sentence no earlier run has built (so nothing of it is in the cache)."""
    return f"Biden will ihn auch im Jahr {2030 + run} nicht verlieren."


def median_time(function, runs: int) -> tuple[float, list[float]]:
    times = []
    for i in range(runs):
        started = time.perf_counter()
        function(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


UNREACHABLE = {"HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}  # refused at once
NETWORK = dict(UNREACHABLE)  # what build() uses; main() also measures a network that hangs


def build(source_dir: Path, out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    """The project's default configuration (narration.toml as shipped: engine auto), Google unreachable."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "-q", str(source_dir),
                           "--out", str(out), "--cache-dir", str(cache), *extra], cwd=ROOT, check=True,
                          capture_output=True, text=True, env={**os.environ, **NETWORK})


class HangingProxy:
    """A local socket that accepts connections and never answers: a network that drops packets."""

    def __enter__(self):
        import socket

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.held = []
        threading.Thread(target=self._hold, daemon=True).start()
        port = self.socket.getsockname()[1]
        return {"HTTPS_PROXY": f"http://127.0.0.1:{port}", "https_proxy": f"http://127.0.0.1:{port}"}

    def _hold(self):
        try:
            while True:
                self.held.append(self.socket.accept())
        except OSError:
            pass

    def __exit__(self, *exc):
        self.socket.close()


def phases(source_dir: Path, out: Path, cache: Path, runs: int = 1, cold: bool = True, before=None) -> dict:
    """Builds with -v (cold: out and cache emptied first; ``before(i)`` runs before each), timed from
    outside: when each "... done at" line arrived, counted from the process's start, so start-up
    (before the build's own clock starts) and the end (the feed, the site, leaving) are phases too,
    and the phases add up to the build's wall time. Each phase's median over ``runs``."""
    each = []
    for i in range(runs):
        if cold:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
        if before is not None:
            before(i)
        each.append(_phases_once(source_dir, out, cache))
    return {name: round(statistics.median(run[name] for run in each), 3) for name in each[0]}


def _phases_once(source_dir: Path, out: Path, cache: Path) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "-v", str(source_dir), "--out", str(out),
                                "--cache-dir", str(cache)], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **UNREACHABLE})
    import re

    ends = {}
    for line in process.stderr:
        found = re.search(r": (.+?) done at [\d.]+ s", line)
        if found:
            ends[found.group(1)] = time.perf_counter() - started
    if process.wait() != 0:
        raise RuntimeError("the phases' build failed")
    ends["end: site, feed, exit"] = time.perf_counter() - started
    names = {"imports": "start-up and imports", "reading": "read, split, script", "synthesis": "synthesis"}
    result, previous = {}, 0.0
    for name, end in ends.items():
        key = names.get(name, "join" if name.startswith("assembly") else name)
        key = {"loudness plan": "loudness", "encoding": "encode and join"}.get(key, key)
        result[key] = round(end - previous, 3)
        previous = end
    return result


def seed_copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("haltung-der-usa.txt", "haltung-der-usa.yaml", "lexicon.pls"):
        shutil.copy(ROOT / "source" / name, folder / name)
    return folder


# --- the floor: the raw tools, one after another -------------------------------------------------------------

def raw_espeak(text: str) -> tuple[bytes, int]:
    import espeakng_loader

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    rate = lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0)
    callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
    buffer = bytearray()

    def collect(wav, count, _events):
        if count > 0:
            buffer.extend(ctypes.string_at(wav, count * 2))
        return 0

    callback = callback_type(collect)
    lib.espeak_SetSynthCallback(callback)
    lib.espeak_SetVoiceByName(b"de")
    lib.espeak_SetParameter(1, 165, 0)
    data = text.encode()
    lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, 1, None, None)
    return bytes(buffer), rate


def floor_once() -> dict:
    """What the hardware does with the same tools, in a fresh process (as the build is):
    raw eSpeak NG on the whole text, then the MP3 and the AAC encode at the same time, one per
    core (the parallel floor, the one the build is judged against), and one after the other."""
    script = f"""
import sys, time, subprocess, json
sys.path.insert(0, {str(ROOT / 'bench')!r}); sys.path.insert(0, {str(ROOT)!r})
from run import raw_espeak
from narration.audio.ffmpeg import ffmpeg_exe
from narration.audio.encode import codecs
from narration.config import load
codec = codecs(load({str(ROOT / 'narration.toml')!r}))  # the build's own encoder settings
mp3 = [a for a in codec["mp3"].args if a not in ("-f", "mp3")]
aac = [a for a in codec["aac"].args if a not in ("-f", "mp4")]
t0 = time.perf_counter()
pcm, rate = raw_espeak(open({str(SEED)!r}, encoding="utf-8").read())
t1 = time.perf_counter()
base = [ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
subprocess.run(base + mp3 + ["-f", "mp3", {str(WORK / 'floor.mp3')!r}], input=pcm, check=True)
t2 = time.perf_counter()
subprocess.run(base + aac + ["-f", "mp4", {str(WORK / 'floor.m4a')!r}], input=pcm, check=True)
t3 = time.perf_counter()
both = [subprocess.Popen(base + codec, stdin=subprocess.PIPE) for codec in (
    mp3 + ["-f", "mp3", {str(WORK / 'floor2.mp3')!r}],
    aac + ["-f", "mp4", {str(WORK / 'floor2.m4a')!r}])]
import threading
feeders = [threading.Thread(target=p.communicate, args=(pcm,)) for p in both]
[f.start() for f in feeders]; [f.join() for f in feeders]
t4 = time.perf_counter()
print(json.dumps({{"synthesis": t1 - t0, "mp3": t2 - t1, "aac": t3 - t2, "encodes_parallel": t4 - t3,
                  "audio_s": len(pcm) / 2 / rate}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    parts = json.loads(out.stdout)
    parts["sequential"] = parts["synthesis"] + parts["mp3"] + parts["aac"]
    parts["total"] = parts["synthesis"] + parts["encodes_parallel"]  # the parallel floor
    return parts


def medians(results: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


# --- this design's own bound: its stages in their order, the audio ones by ffmpeg alone ---------------------

AUDIO_STAGES = ("join", "loudness", "encode and join")  # what it replaces by ffmpeg alone


def audio_stages_alone(manifest: dict, edited_piece: int | None, runs: int) -> dict:
    """The audio stages of a build as bare ffmpeg runs on both cores, in a fresh process like the
    floor: the loudness meter (through the build's limiter), then the encodes of the pieces (the
    build's own runs and command: every piece once per codec), then the M4B joined from the pieces.
    The build's pieces (their lengths and the loudness chain come from its manifest) are laid over
    the floor's raw audio, padded with silence to the build's length (the pauses). ``edited_piece``:
    only that piece is metered and encoded, as after a one-sentence edit; the M4B is joined whole."""
    script = f"""
import sys, time, subprocess, json, os, threading
sys.path.insert(0, {str(ROOT / 'bench')!r}); sys.path.insert(0, {str(ROOT)!r})
from run import raw_espeak
from narration.audio.ffmpeg import ffmpeg_exe
from narration.audio.encode import EncodeJob, batches, codecs, run_encode_job
from narration.audio.loudness import _chain
from narration.config import load
from narration.timeline import Piece
manifest = json.loads(sys.stdin.read())
timeline, edited = manifest["timeline"], {edited_piece!r}
codec = codecs(load({str(ROOT / 'narration.toml')!r}))
pieces = [Piece(**piece) for piece in timeline["pieces"]]
offsets = [sum(p.samples for p in pieces[:i]) for i in range(len(pieces))]
pcm, rate = raw_espeak(open({str(SEED)!r}, encoding="utf-8").read())
total = offsets[-1] + pieces[-1].samples
pcm_path = {str(WORK / 'bound.pcm')!r}
with open(pcm_path, "wb") as f:
    f.write(pcm[:2 * total] + bytes(max(0, 2 * total - len(pcm))))
loud = timeline["loudness"]
limiter = loud["limiter_threshold_dbfs"]
filters = _chain(limiter, round(loud["gain_db"], 1))
wanted = [edited] if edited is not None else list(range(len(pieces)))
runs = batches(wanted, pieces, offsets, os.cpu_count())
def at_once(commands):
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL) for c in commands]
    if any(p.wait() for p in processes):
        raise SystemExit("ffmpeg failed")
def span(run):
    return offsets[run[0]], offsets[run[-1]] + pieces[run[-1]].samples
base = [ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1"]
meter = "ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.M:file=-"
if limiter is not None:
    meter = _chain(limiter, 0.0) + "," + meter
t0 = time.perf_counter()
at_once([base + ["-i", f"subfile,,start,{{2 * a}},end,{{2 * b}},,:file:{{pcm_path}}", "-af", meter, "-f", "null", "-"]
         for a, b in map(span, runs)])
t1 = time.perf_counter()
outputs = {{}}
jobs = []
for run in runs:
    begin, end = span(run)
    made = []
    for i in run:
        for name, suffix in (("mp3", ".mp3"), ("aac", ".m4a")):
            path = {str(WORK / 'bound')!r} + f"-{{i}}{{suffix}}"
            outputs[(name, i)] = path
            made.append((offsets[i] - begin, pieces[i].samples, codec[name].args, path))
    jobs.append(EncodeJob(pcm_path, rate, filters, begin, end, tuple(made)))
threads = [threading.Thread(target=run_encode_job, args=(job,)) for job in jobs]
[t.start() for t in threads]; [t.join() for t in threads]
t2 = time.perf_counter()
listing = {str(WORK / 'bound.concat')!r}
with open(listing, "w") as f:
    f.writelines(f"file '{{outputs.get(('aac', i), outputs[('aac', wanted[0])])}}'\\n" for i in range(len(pieces)))
at_once([base[:3] + ["-y", "-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", "-movflags", "+faststart",
                     "-f", "mp4", {str(WORK / 'bound.m4b')!r}]])
t3 = time.perf_counter()
print(json.dumps({{"meter": t1 - t0, "encode": t2 - t1, "m4b_join": t3 - t2}}))
"""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", script], input=json.dumps(manifest), capture_output=True,
                             text=True, check=True)
        results.append(json.loads(out.stdout))
    return medians(results)


def edited_piece(manifest: dict, words: str) -> int:
    """The piece that holds the sentence the one-sentence edit rewrites (``words``: its unchanged part)."""
    timeline = manifest["timeline"]
    cue = next(c for c in timeline["cues"] if words in c["text"])
    sample = cue["start_ms"] * timeline["sample_rate"] // 1000
    return max(p["index"] for p in timeline["pieces"] if p["start_sample"] <= sample)


def design_bound(build_phases: dict, alone: dict) -> tuple[float, float]:
    """The build's own phases but with its audio stages (assembling, metering, encoding, joining) as
    bare ffmpeg: what this design could reach if nothing but the raw tools ran between its stages.
    Also what those stages took in the build itself, for the difference."""
    kept = sum(seconds for name, seconds in build_phases.items() if name not in AUDIO_STAGES)
    built = sum(seconds for name, seconds in build_phases.items() if name in AUDIO_STAGES)
    return kept + alone["meter"] + alone["encode"] + alone["m4b_join"], built


# --- the long book: wall time and peak memory of the whole process tree --------------------------------------

def tree_memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) summed over a process and its descendants. RSS counts a page once per process that
    maps it, so forked synthesis workers count the parent's pages again; PSS splits each shared page
    among its sharers, so its sum is what the tree really holds."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError):
                continue
    rss, pss, stack = 0, 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def long_book(name: str, runs: int) -> dict:
    source = CORPUS / f"{name}.md"
    results = []
    for i in range(runs):
        folder = WORK / f"long-{i}"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "src").mkdir(parents=True)
        shutil.copy(source, folder / "src" / source.name)
        command = [sys.executable, str(ROOT / "build.py"), "-q", str(folder / "src"),
                   "--out", str(folder / "out"), "--cache-dir", str(folder / "cache")]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **UNREACHABLE})
        peak, peak_pss = 0, 0
        while process.poll() is None:
            rss, pss = tree_memory_kib(process.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"long build failed with {process.returncode}")
        manifest = json.loads((folder / "out" / source.stem / "manifest.json").read_text(encoding="utf-8"))
        hours = manifest["timeline"]["duration_ms"] / 3_600_000
        words = sum(len(s["text"].split()) for s in manifest["script"])
        results.append({"seconds": elapsed, "audio_hours": hours, "seconds_per_audio_hour": elapsed / hours,
                        "peak_rss_mib": peak / 1024, "peak_pss_mib": peak_pss / 1024, "words": words})
        shutil.rmtree(folder / "cache", ignore_errors=True)
    return medians(results) | {"runs": runs}


# --- gTTS against a local fake endpoint ----------------------------------------------------------------------

def gtts_throughput(concurrencies=(1, 2, 4), sentences: int = 24, latency: float = 0.2) -> dict:
    import gtts.tts

    from narration import config
    from narration.audio.ffmpeg import run
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine
    from narration.engines.gtts import GttsEngine

    mp3 = run(["-loglevel", "error", "-i", "pipe:0", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3",
               "pipe:1"], input_bytes=EspeakEngine(VoiceSettings()).synthesize("Hallo Welt.")).stdout
    b64 = base64.b64encode(mp3).decode()
    body = f')]}}\'\n\n[["wrb.fr","jQ1olc","[\\"{b64}\\"]",null,null,null,"generic"]]\n'.encode()

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    original = gtts.tts._translate_url
    gtts.tts._translate_url = lambda tld, path: f"http://127.0.0.1:{port}/{path}"
    voice = config.load(ROOT / "narration.toml").voice
    results = {}
    try:
        for concurrency in concurrencies:
            engine = GttsEngine(VoiceSettings(max_concurrency=concurrency, min_interval=voice.gtts_min_interval))
            executor, task = engine.executor(concurrency)
            started = time.perf_counter()
            with executor:
                list(executor.map(task, [f"Das ist Satz Nummer {i}." for i in range(sentences)]))
            results[str(concurrency)] = sentences / (time.perf_counter() - started)
    finally:
        gtts.tts._translate_url = original
        server.shutdown()
    return {"sentences_per_second": results, "latency_s": latency, "min_interval_s": voice.gtts_min_interval}


def synthesis_only(runs: int) -> dict:
    """Our synthesis of the seed (every clip, empty cache, all cores) against one raw eSpeak NG call on the
    whole text, each in a fresh process so both pay the library's start-up."""
    script = f"""
import sys, time, json, os, tempfile
sys.path.insert(0, {str(ROOT / 'bench')!r}); sys.path.insert(0, {str(ROOT)!r})
which = sys.argv[1]
if which == "raw":
    from run import raw_espeak
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
def dask_cluster(folder: Path, workers: int, pinned: bool = False):
    """A ``dask scheduler`` and ``workers`` one-thread ``dask worker`` processes on 127.0.0.1 (the
    installed commands, as an operator runs them); yields the scheduler's address. ``pinned``: worker
    k and every process it starts (ffmpeg's encoder threads too) may use core k only, as if each
    were a one-core machine."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dask = Path(sys.executable).with_name("dask")
    env = {**os.environ, **UNREACHABLE, "PYTHONPATH": str(ROOT)}
    quiet = {"cwd": folder, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], **quiet)]
    try:
        time.sleep(3)
        for k in range(workers):
            core = {k % (os.cpu_count() or 1)}
            processes.append(subprocess.Popen([str(dask), "worker", f"tcp://127.0.0.1:{port}", "--nworkers", "1",
                                               "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                                              preexec_fn=(lambda core=core: os.sched_setaffinity(0, core)) if pinned
                                              else None, **quiet))
        time.sleep(4)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        for process in processes:
            process.terminate()
            process.wait()


def catalogue(articles: int = 24, paragraphs: int = 8, runs: int = 3) -> dict:
    """A catalogue of ``articles`` articles (the corpus books' chapters, their first ``paragraphs``
    paragraphs each), built cold three ways: here without Dask, on a Dask LocalCluster, and through
    a ``dask scheduler`` with two ``dask worker`` processes. Articles per minute, and what Dask
    costs against the local build (issue 12: at most 10 %). Each way ``runs`` times, taking turns
    (this machine drifts by 10 % from minute to minute; single runs once showed +14 %, then -6 %),
    with the scheduler and its two idle workers up throughout, so every way runs beside the same
    background, and the medians compared."""
    import re

    folder = WORK / "catalogue"
    shutil.rmtree(folder, ignore_errors=True)
    src = folder / "src"
    src.mkdir(parents=True)
    chapters = []
    for book in sorted(CORPUS.glob("*.md")):
        body = book.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        chapters += [part for part in re.split(r"\n(?=# )", body) if part.startswith("# ")]
    for n, chapter in enumerate(chapters[:articles]):
        kept = [p for p in chapter.split("\n\n") if p.strip()][:paragraphs + 1]
        (src / f"kapitel-{n:02d}.md").write_text("\n\n".join(kept) + "\n", encoding="utf-8")

    def run(mode: str, turn: int, scheduler: str = "") -> float:
        out, cache = folder / f"out-{mode}-{turn}", folder / f"cache-{mode}-{turn}"  # cold every time
        extra = ["--scheduler", scheduler] if scheduler else []
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "-q", str(src), "--out", str(out), "--cache-dir",
                        str(cache), *extra], cwd=ROOT, check=True, capture_output=True, text=True,
                       env={**os.environ, **UNREACHABLE})
        return time.perf_counter() - started

    times: dict[str, list[float]] = {"local": [], "local_cluster": [], "scheduler_two_workers": []}
    with dask_cluster(folder, workers=2) as address:
        for turn in range(runs):
            times["local"].append(run("local", turn))
            times["local_cluster"].append(run("cluster", turn, "local"))
            times["scheduler_two_workers"].append(run("scheduler", turn, address))
    results = {"articles": min(articles, len(chapters)), "runs": runs}
    for key, measured in times.items():
        results[f"{key}_s"] = statistics.median(measured)
        results[f"{key}_runs_s"] = measured
    for key in ("local", "local_cluster", "scheduler_two_workers"):
        results[f"{key}_articles_per_minute"] = results["articles"] / results[f"{key}_s"] * 60
    results["dask_overhead_local_cluster"] = results["local_cluster_s"] / results["local_s"] - 1
    results["dask_overhead_scheduler"] = results["scheduler_two_workers_s"] / results["local_s"] - 1
    return results


def book_on_workers(name: str) -> dict:
    """One long book through a ``dask scheduler`` with one, then two ``dask worker`` processes of one
    core each (``--nthreads 1``, build jobs 1, each pinned to its own core): the book's synthesis and
    encoding spread over the workers."""
    folder = WORK / "workers"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "src").mkdir(parents=True)
    shutil.copy(CORPUS / f"{name}.md", folder / "src" / f"{name}.md")
    config = folder / "narration.toml"
    config.write_text((ROOT / "narration.toml").read_text(encoding="utf-8").replace("jobs = 0", "jobs = 1"),
                      encoding="utf-8")
    env = {**os.environ, **UNREACHABLE, "PYTHONPATH": str(ROOT)}
    results = {"book": name}
    for count in (1, 2):
        with dask_cluster(folder, workers=count, pinned=True) as address:
            started = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "build.py"), "-q", str(folder / "src"), "--config", str(config),
                            "--scheduler", address, "--out", str(folder / f"out-{count}"),
                            "--cache-dir", str(folder / f"cache-{count}")], cwd=ROOT, check=True, env=env,
                           capture_output=True, text=True)
            results[f"workers_{count}_s"] = time.perf_counter() - started
    results["two_over_one"] = results["workers_2_s"] / results["workers_1_s"]
    return results


def normalising(name: str, runs: int) -> dict:
    """Speech normalisation alone over every sentence of a corpus book (issue 11: ≤ 0.5 ms each),
    with the noun table ready in the user's cache, as on every build but a machine's first."""
    from narration.document import load
    from narration.speech.normalise import Normaliser

    doc = load(CORPUS / f"{name}.md")
    sentences = [s.text for s in doc.sentences()]
    normaliser = Normaliser()
    normaliser("Am 3. Juni kamen 1 Person und 2 Kinder.")  # opens (or builds) the noun table

    def once(_):
        for sentence in sentences:
            normaliser(sentence)

    seconds, _ = median_time(once, runs)
    return {"book": name, "sentences": len(sentences), "seconds": seconds,
            "ms_per_sentence": 1000 * seconds / len(sentences)}


def pandoc_epub(runs: int) -> float:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    return median_time(lambda i: subprocess.run([pandoc, str(SEED), "-f", "markdown", "-t", "epub3", "-o",
                                                 str(WORK / "pandoc.epub"), "--metadata", "title=Seed"],
                                                check=True), runs)[0]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) // 1024 // 1024
    return f"{cpu}, {os.cpu_count()} cores, {memory} GiB, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)  # this machine varies by 10 % from run to run
    parser.add_argument("--long-runs", type=int, default=3)
    parser.add_argument("--long-book", default="fontane-effi-briest")
    parser.add_argument("--skip-long", action="store_true")
    parser.add_argument("--only", choices=("seed", "catalogue", "workers", "long"),
                        help="measure just this, merged into results.json")
    parser.add_argument("--workers-book", default="fontane-effi-briest",
                        help="the long book built on one, then two Dask workers (issue 12 asks for Effi Briest)")
    args = parser.parse_args()
    import compileall

    compileall.compile_dir(ROOT / "narration", quiet=1)  # as `make build` does: no run compiles our modules
    if args.only:
        path = ROOT / "bench" / "results.json"
        results = json.loads(path.read_text(encoding="utf-8"))
        WORK.mkdir(parents=True, exist_ok=True)
        if args.only == "seed":
            results.update(seed_part(args.runs))
            results["seed_seconds_per_audio_hour"] = results["cold_build_s"] / (results["seed_audio_s"] / 3600)
        elif args.only == "catalogue":
            results["catalogue"] = catalogue()
        elif args.only == "long":
            results["long_book"] = long_book(args.long_book, args.long_runs)
        else:
            results["book_on_workers"] = book_on_workers(args.workers_book)
        path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        table = render(results, args.long_book)
        print(table)
        update_readme(table)
        return 0
    seed = seed_part(args.runs)
    pandoc_s = pandoc_epub(args.runs)
    synth = synthesis_only(args.runs)
    gtts = gtts_throughput()
    normalise = normalising(args.long_book, args.runs)
    catalogue_results = catalogue()
    workers = book_on_workers(args.workers_book)
    long = None if args.skip_long else long_book(args.long_book, args.long_runs)
    results = {
        **seed, "pandoc_epub3_s": pandoc_s, "synthesis": synth, "gtts": gtts, "long_book": long,
        "normalising": normalise, "catalogue": catalogue_results, "book_on_workers": workers,
    }
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    table = render(results, args.long_book)
    print(table)
    update_readme(table)
    return 0


def render(r: dict, book: str) -> str:
    f = r["floor"]
    rows = [
        ("Cold build of the seed, all formats, empty cache", f"{r['cold_build_s']:.2f} s",
         f"{r['cold_over_floor']:.2f} × the parallel floor (goal ≤ 1.3)"),
        ("Parallel floor: raw eSpeak NG, then MP3 and AAC encoded at once", f"{f['total']:.2f} s",
         f"synthesis {f['synthesis']:.2f} s + both encodes {f['encodes_parallel']:.2f} s "
         f"(one after the other: {f['sequential']:.2f} s = MP3 {f['mp3']:.2f} + AAC {f['aac']:.2f})"),
        ("Rebuild, nothing changed", f"{r['rebuild_unchanged_s']:.2f} s",
         f"{100 * r['rebuild_unchanged_share']:.1f} % of cold (goal ≤ 3 %)"),
        ("The same on a network that hangs", f"{r['rebuild_unchanged_hanging_network_s']:.2f} s",
         f"{100 * r['rebuild_unchanged_hanging_network_share']:.1f} % of cold (goal ≤ 3 %)"),
        ("Rebuild, one sentence changed", f"{r['rebuild_one_sentence_s']:.2f} s",
         f"{100 * r['rebuild_one_sentence_share']:.1f} % of cold (goal ≤ 15 %)"),
        ("The same, `build.py watch` running (from saving the file)", f"{r['watch_one_sentence_s']:.2f} s",
         f"{100 * r['watch_one_sentence_share']:.1f} % of cold, including up to {2 * r['watch_interval_s']:.1f} s "
         "of noticing the change"),
        ("Synthesis only: every clip of the seed, empty cache, all cores", f"{r['synthesis']['ours_s']:.2f} s",
         f"{r['synthesis']['ratio']:.2f} × one raw eSpeak NG call on the whole text ({r['synthesis']['raw_espeak_s']:.2f} s)"),
        ("pandoc's own EPUB 3 of the seed (peer figure)", f"{r['pandoc_epub3_s']:.2f} s", "text only, no audio"),
    ]
    phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in r["phases_s"].items())
    rows.append(("Where a cold build of the seed spends its time (s)", "", phases))
    b = r.get("design_bound")
    if b:
        edit = ", ".join(f"{name} {seconds:.2f}" for name, seconds in r["one_sentence_phases_s"].items())
        rows.append(("Where a one-sentence edit spends its time (s)", "", edit))
        alone = b["cold_audio_stages_alone_s"]
        rows.append(("This design's own bound, cold: the build's phases, but assembling, metering, encoding "
                     "and joining replaced by ffmpeg alone (meter, the pieces' encodes, the M4B join) on both cores",
                     f"{b['cold_s']:.2f} s", f"{b['cold_over_floor']:.2f} × the parallel floor (ffmpeg alone: meter "
                     f"{alone['meter']:.2f} + encodes {alone['encode']:.2f} + M4B join {alone['m4b_join']:.2f} s = "
                     f"{sum(alone.values()):.2f} s; in the build those stages took {b['cold_audio_stages_built_s']:.2f} s)"))
        alone = b["one_sentence_audio_stages_alone_s"]
        rows.append(("The same bound for the one-sentence edit (one piece metered and encoded, the M4B joined)",
                     f"{b['one_sentence_s']:.2f} s", f"{100 * b['one_sentence_share']:.1f} % of cold (meter "
                     f"{alone['meter']:.2f} + encodes {alone['encode']:.2f} + M4B join {alone['m4b_join']:.2f} s = "
                     f"{sum(alone.values()):.2f} s; in the build {b['one_sentence_audio_stages_built_s']:.2f} s)"))
    if r["long_book"]:
        lb = r["long_book"]
        rows.append((f"Cold build, long book ({book}, {lb['words']:,} words, {lb['audio_hours']:.1f} h audio)",
                     f"{lb['seconds']:.0f} s",
                     f"{lb['seconds_per_audio_hour']:.1f} s per audio hour (goal ≤ 22; the seed: "
                     f"{r['seed_seconds_per_audio_hour']:.1f}); peak memory of the process tree {lb.get('peak_pss_mib', 0):.0f} MiB "
                     f"PSS (goal ≤ 400; summed RSS, which counts pages the forked workers share once per "
                     f"process: {lb['peak_rss_mib']:.0f} MiB)"))
    nm = r["normalising"]
    rows.append((f"Speech normalisation alone, every sentence of {nm['book']} ({nm['sentences']:,})",
                 f"{nm['seconds']:.2f} s", f"{nm['ms_per_sentence']:.3f} ms per sentence (goal ≤ 0.5)"))
    c = r.get("catalogue")
    if c:
        rows.append((f"Catalogue of {c['articles']} articles (corpus chapters), cold, here without Dask"
                     + (f" (medians of {c['runs']}, the three ways taking turns)" if c.get("runs") else ""),
                     f"{c['local_s']:.1f} s", f"{c['local_articles_per_minute']:.1f} articles per minute"))
        rows.append(("The same on a Dask LocalCluster (`--scheduler local`, 2 process workers)",
                     f"{c['local_cluster_s']:.1f} s", f"{c['local_cluster_articles_per_minute']:.1f} per minute; "
                     f"Dask costs {100 * c['dask_overhead_local_cluster']:+.1f} % (goal ≤ 10 %)"))
        rows.append(("The same through `dask scheduler` + two `dask worker` processes",
                     f"{c['scheduler_two_workers_s']:.1f} s", f"{c['scheduler_two_workers_articles_per_minute']:.1f} "
                     f"per minute; Dask costs {100 * c['dask_overhead_scheduler']:+.1f} % (goal ≤ 10 %)"))
    w = r.get("book_on_workers")
    if w:
        rows.append((f"One long book ({w['book']}) on Dask, one core per worker: one worker, then two",
                     f"{w['workers_1_s']:.0f} s / {w['workers_2_s']:.0f} s",
                     f"two workers take {w['two_over_one']:.2f} × the time of one (goal ≤ 0.6; synthesis, metering, encoding and the M4B join "
                     "spread, each worker pinned to its own core)"))
    g = r["gtts"]
    speeds = ", ".join(f"{c}: {s:.1f}/s" for c, s in g["sentences_per_second"].items())
    rows.append((f"gTTS path, fake endpoint answering after {g['latency_s'] * 1000:.0f} ms", "",
                 f"sentences per second by concurrency: {speeds} (min interval {g['min_interval_s']} s)"))
    lines = [f"Measured {r['date']} on: {r['machine']}; {r['configuration']}; medians of {r['runs']} runs"
             f"{', long book ' + str(r['long_book']['runs']) + ' run(s)' if r['long_book'] else ''}.", "",
             "| measurement | time | compared |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
