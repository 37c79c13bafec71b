"""The floor (the raw tools: eSpeak NG, then the MP3 and AAC encodes) and this design's own bound
(the build's phases with its audio stages done by bare ffmpeg runs)."""
from __future__ import annotations

import ctypes
import json
import subprocess
import sys

from bench.common import ROOT, WORK, SEED, medians


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
sys.path.insert(0, {str(ROOT)!r})
from bench.floor import raw_espeak
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
sys.path.insert(0, {str(ROOT)!r})
from bench.floor import raw_espeak
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
