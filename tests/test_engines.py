"""Both engines, for real: eSpeak NG synthesises; gTTS runs its own request and
parsing code against a fake HTTP transport that answers with real MP3 bytes (issue 3)."""
import base64
import io
import logging
import wave

import numpy as np
import pytest
import requests
import responses

from conftest import ROOT, run_cli
from narration.audio.ffmpeg import run
from narration.engines import choose
from narration.engines.base import VoiceSettings
from narration.engines.gtts import GttsEngine
from narration.errors import EngineError

GTTS_URL = "https://translate.google.de/_/TranslateWebserverUi/data/batchexecute"


def wav_samples(payload: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(payload)) as wav:
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16), wav.getframerate()


def test_espeak_speaks_german_of_plausible_length(espeak):
    text = "Der Krieg ist zurück in Europa, Russland ist in die Ukraine einmarschiert."
    samples, rate = wav_samples(espeak.synthesize(text))
    seconds = samples.size / rate
    assert 2.5 < seconds < 9, seconds  # about 12 words at 165 words per minute
    assert np.sqrt(np.mean(samples.astype(float) ** 2)) > 300  # not silence


def test_espeak_clips_carry_its_word_events_and_stay_plain_wav(espeak):
    from narration.audio.assemble import clip_segment
    from narration.audio.wavwords import words_of

    text = "Am vierundzwanzigsten Februar kam der Krieg."
    payload = espeak.synthesize(text)
    words = words_of(payload)
    assert [text[c:c + n] for c, n, _ in words] == ["Am", "vierundzwanzigsten", "Februar", "kam", "der", "Krieg"]
    samples, rate = wav_samples(payload)  # Python's wave still reads it
    starts = [s for _, _, s in words]
    assert starts == sorted(starts) and 0 <= starts[0] < starts[-1] < samples.size
    segment, trimmed, _ = clip_segment(payload, ".wav", rate, trim=True)  # and so does pydub
    assert [w[:2] for w in trimmed] == [w[:2] for w in words]
    assert all(0 <= s < len(segment.raw_data) // 2 for _, _, s in trimmed)
    assert trimmed[1][2] - trimmed[0][2] == starts[1] - starts[0]  # moved by the trimmed silence, not scaled


def test_espeak_clips_carry_where_their_sound_begins_and_ends_and_their_peak(espeak):
    from narration.audio.wavwords import levels_of

    samples, _ = wav_samples(espeak.synthesize("Guten Morgen, liebe Hörerinnen und Hörer."))
    magnitudes = [abs(int(s)) for s in samples]
    loud = [i for i, m in enumerate(magnitudes) if m > 131]  # 0.004 of full scale, about -48 dBFS
    levels = levels_of(espeak.synthesize("Guten Morgen, liebe Hörerinnen und Hörer."))
    assert (levels.first, levels.end, levels.peak) == (loud[0], loud[-1] + 1, max(magnitudes))
    assert 0 < levels.first and levels.end < len(samples)  # eSpeak NG's own silence at both ends


def test_a_clip_is_trimmed_the_same_with_its_carried_levels_or_measured_again(espeak):
    """The carried levels only spare the scan: a clip without them (or with levels measured at
    another threshold) comes out the same, and both are the clip cut 20 ms around its sound."""
    from narration.audio.assemble import clip_segment
    from narration.audio.wavwords import wav_parts, words_of

    payload = espeak.synthesize("Am vierundzwanzigsten Februar kam der Krieg.")
    samples, rate = wav_samples(payload)
    pcm, words = samples.tobytes(), words_of(payload)
    loud = [i for i, s in enumerate(samples) if abs(int(s)) > 131]
    keep = rate * 20 // 1000
    expected = samples[max(0, loud[0] - keep):loud[-1] + 1 + keep].tobytes()

    class OtherThreshold:
        def to_list(self):
            return [0, 0, 0, 99]  # says: silence throughout, measured at another threshold

    carried = clip_segment(payload, ".wav", rate, trim=True)
    measured = clip_segment(b"".join(wav_parts(pcm, rate, words)), ".wav", rate, trim=True)
    stale = clip_segment(b"".join(wav_parts(pcm, rate, words, OtherThreshold())), ".wav", rate, trim=True)
    for segment, trimmed, peak in (carried, measured, stale):
        assert segment.raw_data == expected
        assert trimmed == carried[1] and peak == max(abs(int(s)) for s in samples)


def test_the_synthesis_workers_hold_numpy_before_any_clip_is_forked(espeak):
    """Each clip's fork measures its levels with numpy; a fork that had to import it would do so
    anew for every clip (about 50 ms each)."""
    from narration.engines.espeak import _shared_pool

    espeak.synthesize("Ein Satz.")  # the worker has started and spoken once
    assert _shared_pool(1).submit(eval, "__import__('sys').modules.__contains__('numpy')").result() is True


def test_espeak_rate_changes_length():
    fast = EspeakEngine_with(rate=260).synthesize("Eins zwei drei vier fünf sechs sieben acht.")
    slow = EspeakEngine_with(rate=120).synthesize("Eins zwei drei vier fünf sechs sieben acht.")
    assert wav_samples(slow)[0].size > 1.5 * wav_samples(fast)[0].size


def EspeakEngine_with(**settings):
    from narration.engines.espeak import EspeakEngine

    return EspeakEngine(VoiceSettings(**settings))


def test_espeak_in_parallel_worker_processes(espeak):
    executor, task = espeak.executor(2)
    texts = [f"Satz Nummer {i}." for i in range(6)]
    with executor:
        results = list(executor.map(task, texts))
    assert all(wav_samples(r)[0].size > 1000 for r in results)
    assert results[0] == espeak.synthesize(texts[0])  # deterministic, same as in-process


def test_unknown_espeak_voice_is_a_clear_error():
    with pytest.raises(EngineError, match="no voice"):
        EspeakEngine_with(voice="xx-nonexistent").synthesize("Hallo.")


@pytest.fixture(scope="module")
def real_mp3(espeak) -> bytes:
    """Real MP3 bytes (what Google sends), made here with eSpeak NG and ffmpeg."""
    return run(["-loglevel", "error", "-i", "pipe:0", "-ac", "1", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k",
                "-f", "mp3", "pipe:1"], input_bytes=espeak.synthesize("Hallo Welt.")).stdout


def batchexecute_body(mp3: bytes) -> str:
    """The shape of Google's batchexecute answer that gTTS parses."""
    b64 = base64.b64encode(mp3).decode()
    return (")]}'\n\n" f"{len(b64) + 80}\n"
            f'[["wrb.fr","jQ1olc","[\\"{b64}\\"]",null,null,null,"generic"],["di",57],["af.httprm",56,"0",7]]\n'
            '25\n[["e",4,null,null,1234]]\n')


def gtts(**settings):
    slept = []
    engine = GttsEngine(VoiceSettings(retries=3, backoff=0.01, min_interval=0.0, **settings), sleep=slept.append)
    return engine, slept


@responses.activate
def test_gtts_success(real_mp3):
    responses.add(responses.POST, GTTS_URL, body=batchexecute_body(real_mp3), status=200)
    engine, slept = gtts()
    assert engine.synthesize("Hallo Welt.") == real_mp3
    assert slept == [] and len(responses.calls) == 1
    body = responses.calls[0].request.body
    assert "Hallo" in (body.decode() if isinstance(body, bytes) else body)


@responses.activate
def test_gtts_429_then_success(real_mp3):
    responses.add(responses.POST, GTTS_URL, status=429)
    responses.add(responses.POST, GTTS_URL, body=batchexecute_body(real_mp3), status=200)
    engine, slept = gtts()
    assert engine.synthesize("Hallo Welt.") == real_mp3
    assert len(slept) == 1 and slept[0] > 0


@responses.activate
def test_gtts_500_forever_names_the_sentence():
    responses.add(responses.POST, GTTS_URL, status=500)
    engine, slept = gtts()
    with pytest.raises(EngineError, match="after 4 tries on: 'Ein bestimmter Satz.'"):
        engine.synthesize("Ein bestimmter Satz.")
    assert len(responses.calls) == 4
    assert len(slept) == 3
    for attempt, delay in enumerate(slept):  # exponential back-off with jitter
        assert 0.01 * 2 ** attempt * 0.5 <= delay <= 0.01 * 2 ** attempt * 1.5


@responses.activate
def test_gtts_timeout_is_retried(real_mp3):
    responses.add(responses.POST, GTTS_URL, body=requests.exceptions.ReadTimeout("slow"))
    responses.add(responses.POST, GTTS_URL, body=batchexecute_body(real_mp3), status=200)
    engine, slept = gtts()
    assert engine.synthesize("Hallo Welt.") == real_mp3 and len(slept) == 1


@responses.activate
def test_gtts_malformed_body_is_not_retried():
    responses.add(responses.POST, GTTS_URL, body='[["wrb.fr","jQ1olc","nothing useful"]]\n', status=200)
    engine, _ = gtts()
    with pytest.raises(EngineError, match="without audio"):
        engine.synthesize("Hallo Welt.")
    assert len(responses.calls) == 1


@responses.activate
def test_gtts_body_without_audio_line_is_an_error():
    responses.add(responses.POST, GTTS_URL, body=")]}'\n\n[]\n", status=200)
    engine, _ = gtts()
    with pytest.raises(EngineError, match="no audio"):
        engine.synthesize("Hallo Welt.")


@responses.activate
def test_gtts_concurrency_is_capped(real_mp3):
    import threading
    import time

    in_flight, peak, lock = 0, 0, threading.Lock()

    def answer(request):
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.05)
        with lock:
            in_flight -= 1
        return 200, {}, batchexecute_body(real_mp3)

    responses.add_callback(responses.POST, GTTS_URL, callback=answer)
    engine, _ = gtts(max_concurrency=2)
    executor, task = engine.executor(8)
    with executor:
        list(executor.map(task, [f"Satz {i}." for i in range(8)]))
    assert peak == 2


@responses.activate
def test_auto_falls_back_to_espeak_and_says_why(caplog):
    responses.add(responses.HEAD, "https://translate.google.de/", body=requests.exceptions.ConnectionError("no route"))
    with caplog.at_level(logging.INFO):
        engine = choose("auto", VoiceSettings())
    assert engine.name == "espeak"
    assert any("espeak" in r.message and "cannot be reached" in r.message for r in caplog.records)


@responses.activate
def test_auto_uses_gtts_when_google_answers(google_connects):
    responses.add(responses.HEAD, "https://translate.google.de/", status=200)
    assert choose("auto", VoiceSettings()).name == "gtts"


PROBE = """
import sys
from narration.engines.base import VoiceSettings
from narration.engines.gtts import GttsEngine
ok, why = GttsEngine(VoiceSettings()).available()
print(ok, "requests" in sys.modules, why)
"""


def test_an_offline_machine_is_known_without_importing_requests():
    """The usual offline machine (here: a proxy that refuses) is told apart at once, by one TCP
    connection, without the 50 ms of importing requests; a proxy that accepts goes on to the real
    request, and a host the environment exempts from the proxy (NO_PROXY) is connected to directly."""
    import contextlib
    import os
    import socket
    import subprocess
    import sys
    import threading

    without_proxies = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}

    def probe(**env):
        run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, cwd=ROOT,
                             env=without_proxies | env)
        assert run.returncode == 0, run.stderr
        return run.stdout.split(" ", 2)

    refused = "http://127.0.0.1:9"
    assert probe(HTTPS_PROXY=refused, https_proxy=refused) == ["False", "False", "translate.google.de cannot be reached (Connection refused)\n"]
    with socket.socket() as listening:  # accepts each connection, then hangs up: only requests can tell
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)

        def hang_up():
            with contextlib.suppress(OSError):
                while True:
                    listening.accept()[0].close()

        threading.Thread(target=hang_up, daemon=True).start()
        accepting = f"http://127.0.0.1:{listening.getsockname()[1]}"
        ok, imported, why = probe(HTTPS_PROXY=accepting, https_proxy=accepting)
        assert (ok, imported) == ("False", "True") and why.endswith("Error)\n")  # requests' own error name
        check = "from narration.engines.gtts import unconnectable; print(unconnectable('127.0.0.1', 3))"
        for exempt, expected in (("", "None"), ("127.0.0.1", "Connection refused")):  # nothing serves 443 here
            run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT,
                                 env=without_proxies | {"HTTPS_PROXY": accepting, "NO_PROXY": exempt})
            assert run.stdout.strip() == expected, (exempt, run.stderr)


def test_explicit_gtts_without_network_fails_cleanly(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", ROOT / "source" / "haltung-der-usa.txt", "--engine", "gtts", "--out", out,
                     env={"HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"})
    assert result.returncode != 0
    assert "error:" in result.stderr and "gtts" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not any(out.rglob("*"))


def test_voices_command_lists_both_engines():
    result = run_cli("voices")
    assert result.returncode == 0
    assert "espeak: usable" in result.stdout and "gtts:" in result.stdout
    assert "de" in result.stdout


@responses.activate
def test_whole_build_with_gtts_through_the_fake_transport(tmp_path, real_mp3):
    """The online engine's MP3 clips go through the same timeline, encoders and writers."""
    import json
    import re
    import subprocess

    from conftest import ffmpeg
    from narration import config
    from tests_support import assert_sections_in_place
    from narration.pipeline import build_article

    responses.add(responses.POST, GTTS_URL, body=batchexecute_body(real_mp3), status=200)
    source = tmp_path / "online.md"
    source.write_text("# Erster Teil\n\nEin Satz. Noch ein Satz.\n\n# Zweiter Teil\n\nDer letzte Satz.\n",
                      encoding="utf-8")
    options = config.with_flags(config.load(ROOT / "narration.toml"), cache_dir=str(tmp_path / "cache"))
    engine, _ = gtts()
    result = build_article(source, options, engine, ("mp3", "m4b", "sections"), tmp_path / "out", 2, quiet=True)
    assert result.synthesised >= 1 and len(responses.calls) >= result.synthesised
    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["timeline"]["sample_rate"] == 24000
    assert all(cue["words"] == [] for cue in manifest["timeline"]["cues"])  # gTTS reports no word times
    for suffix in (".mp3", ".m4b"):
        listing = subprocess.run([ffmpeg(), "-hide_banner", "-i", str(result.out_dir / f"online{suffix}")],
                                 capture_output=True, text=True).stderr
        starts = [float(s) * 1000 for s in re.findall(r"Chapter #\d+:\d+: start ([\d.]+)", listing)]
        assert len(starts) == 2
        for start, span in zip(sorted(starts), manifest["timeline"]["sections"]):
            assert abs(start - span["start_ms"]) <= 10
        assert_sections_in_place(result.out_dir / f"online{suffix}", sorted((result.out_dir / "sections").glob("*.mp3")),
                                 manifest["timeline"])


def test_espeak_workers_write_the_clip_cache_themselves(espeak, tmp_path, monkeypatch):
    """The clips go from eSpeak NG's fork straight into the cache (``Engine.filler``): the build's
    process writes none of them, and each entry holds exactly the clip ``synthesize`` gives."""
    from narration.cache import ClipCache
    from narration.speech.script import ScriptItem
    from narration.synth import synthesize

    texts = [f"Der {n}. Satz dieses Tests." for n in range(1, 7)]
    expected = {text: espeak.synthesize(text) for text in texts}

    def not_here(self, key, payload):
        raise AssertionError("the build's process wrote a clip")

    monkeypatch.setattr(ClipCache, "put", not_here)
    cache = ClipCache(tmp_path / "clips", ".wav")
    items = [ScriptItem(f"s{n}", "paragraph", text, text, 0, "", 0) for n, text in enumerate(texts)]
    keys, stats = synthesize(items, espeak, cache, 2, quiet=True)
    assert stats.synthesised == len(texts)
    for item in items:
        clip = cache.get(keys[item.id])
        assert clip == expected[item.speech]
        with wave.open(io.BytesIO(clip)) as wav:
            assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        assert int.from_bytes(clip[4:8], "little") == len(clip) - 8  # the RIFF size covers the words chunk
    assert not [p for p in (tmp_path / "clips").rglob("*") if ".part" in p.name]
