"""Faults are part of the spec (issue 13): kill the build at any moment, fill the disk, make the
output read-only, drop or flood the network. Nothing half-written, no orphaned process, no leftover
temporary, and the next build gives byte-identical outputs."""
import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import responses

from conftest import ROOT

pytestmark = pytest.mark.faults
# the opening of Kafka's Die Verwandlung (public domain; from the shared corpus, kept here so the
# tests need nothing outside the project)
CORPUS = Path(__file__).with_name("data") / "verwandlung-anfang.md"


def _chapter(folder: Path, paragraphs: int = 14) -> Path:
    """The opening of Die Verwandlung (long enough to kill mid-way, short enough to build often)."""
    text = CORPUS.read_text(encoding="utf-8")
    head, body = text.split("\n# I.\n", 1)
    chosen = [p for p in body.split("\n\n") if p.strip()][:paragraphs]
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "verwandlung.md"
    source.write_text(head + "\n# I.\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8")
    return source


def _command(source_dir: Path, out: Path, cache: Path, *extra) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "-v", str(source_dir), "--engine", "espeak", "--out", str(out),
            "--cache-dir", str(cache), *extra]


def _env(tag: str) -> dict:
    return {**os.environ, "NARRATION_FAULT_TEST": tag, "SOURCE_DATE_EPOCH": "1700000000"}


def _processes_with(tag: str) -> list[int]:
    """Every process that carries the test's tag in its environment (children inherit it)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as environ:
                    if f"NARRATION_FAULT_TEST={tag}".encode() in environ.read().split(b"\0"):
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*")
            if ".part" in p.name or p.name.startswith(("work~", ".work-"))]


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".build-stamp.json"}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted build: what every interrupted-then-resumed build must equal, byte for byte."""
    folder = tmp_path_factory.mktemp("reference")
    source = _chapter(folder / "src")
    tag = uuid.uuid4().hex
    run = subprocess.run(_command(source.parent, folder / "out", folder / "cache"), env=_env(tag),
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return source, _outputs(folder / "out")


# the moment to kill at: a line of the -v log that says the build has got that far
MOMENTS = {
    "synthesis": r"verwandlung: \d+/\d+|synthesis",  # progress of synthesis has started
    "joining": r"synthesis done",
    "encoding": r"loudness plan done",
    "writing": r"encoding done",
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_sigkill_at_any_moment_leaves_nothing_and_the_next_build_is_identical(moment, reference, tmp_path):
    source, expected = reference
    src = tmp_path / "src"
    src.mkdir()
    (src / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(src / source.name, (1700000000, 1700000000))
    out, cache, tag = tmp_path / "out", tmp_path / "cache", uuid.uuid4().hex
    process = subprocess.Popen(_command(src, out, cache), env=_env(tag), stderr=subprocess.PIPE, text=True, cwd=ROOT)
    seen = ""
    for line in process.stderr:
        seen += line
        if re.search(MOMENTS[moment], line):
            break
    else:
        pytest.fail(f"the build ended before '{moment}': {seen[-500:]}")
    if moment == "synthesis":
        time.sleep(0.3)  # well inside it
    process.kill()  # SIGKILL: no handler runs, no finally block
    process.wait()
    deadline = time.monotonic() + 5
    while _processes_with(tag) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_with(tag) == [], "processes outlived the killed build"
    again = subprocess.run(_command(src, out, cache), env=_env(uuid.uuid4().hex), capture_output=True, text=True,
                           cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert _leftovers(out, cache) == []
    assert _outputs(out) == expected


@pytest.mark.parametrize("signum,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_sigint_and_sigterm_stop_within_a_second_and_clean_up(signum, code, reference, tmp_path):
    source, _ = reference
    src = tmp_path / "src"
    src.mkdir()
    (src / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    out, cache, tag = tmp_path / "out", tmp_path / "cache", uuid.uuid4().hex
    process = subprocess.Popen(_command(src, out, cache), env=_env(tag), stderr=subprocess.PIPE, text=True, cwd=ROOT)
    for line in process.stderr:
        if "loudness plan done" in line:  # ffmpeg encoders are running now
            break
    process.send_signal(signum)
    started = time.monotonic()
    rest = process.stderr.read()
    process.wait(timeout=10)
    assert time.monotonic() - started < 1.0
    assert process.returncode == code
    assert rest.strip().splitlines()[-1] in ("interrupted", "terminated")
    time.sleep(0.2)
    assert _processes_with(tag) == []
    assert _leftovers(out, cache) == []


def test_a_full_disk_is_one_line_and_earlier_outputs_stay(reference, tmp_path):
    """RLIMIT_FSIZE stands in for a full disk: the first output too large to write fails the
    article with one line naming the file; what the last build made is untouched."""
    import resource

    source, expected = reference
    src = tmp_path / "src"
    src.mkdir()
    (src / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = subprocess.run(_command(src, out, cache), env=_env("disk"), capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    before = _outputs(out)
    (src / source.name).write_text(source.read_text(encoding="utf-8") + "\nEin neuer letzter Satz.\n", encoding="utf-8")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    full = subprocess.run(_command(src, out, cache)[:2] + _command(src, out, cache)[3:], env=_env("disk"),
                          capture_output=True, text=True, cwd=ROOT, preexec_fn=limit)
    assert full.returncode == 1
    errors = [line for line in full.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "verwandlung" in errors[0], full.stderr
    assert "Traceback" not in full.stderr
    assert _outputs(out) == before
    assert _leftovers(out) == []


def test_a_read_only_output_folder_is_one_line(reference, tmp_path):
    source, _ = reference
    src = tmp_path / "src"
    src.mkdir()
    (src / source.name).write_text("# Kurz\n\nEin kurzer Artikel. Mit zwei Sätzen.\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    cache.mkdir()
    os.chmod(tmp_path, 0o755)
    command = _command(src, out, cache)[:2] + _command(src, out, cache)[3:]
    if os.geteuid() == 0:  # root writes anywhere: run as nobody, who may use the cache but not the output
        os.chown(cache, 65534, 65534)
        os.chmod(src, 0o755)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    else:
        os.chmod(out, 0o555)
    result = subprocess.run(command, env={**_env("ro"), "HOME": str(cache)}, capture_output=True, text=True, cwd=ROOT)
    os.chmod(out, 0o755)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(out) in errors[0] or "out" in errors[0], errors[0]


# --- the network ------------------------------------------------------------------------------------------

GTTS_URL = "https://translate.google.de/_/TranslateWebserverUi/data/batchexecute"


def _google_mp3(text: str) -> bytes:
    """Real MP3 bytes of the kind Google sends, made here with eSpeak NG and ffmpeg."""
    from narration.audio.ffmpeg import run
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine

    return run(["-loglevel", "error", "-i", "pipe:0", "-ac", "1", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k",
                "-f", "mp3", "pipe:1"], input_bytes=EspeakEngine(VoiceSettings()).synthesize(text)).stdout


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "narration.toml"
    config.write_text((ROOT / "narration.toml").read_text(encoding="utf-8")
                      .replace("gtts_backoff = 0.5", "gtts_backoff = 0.01")
                      .replace("gtts_min_interval = 0.1", "gtts_min_interval = 0.0"), encoding="utf-8")
    return config


@responses.activate
def test_gtts_under_a_fault_storm_gets_every_clip(tmp_path, capsys, google_connects):
    """Through the real gTTS code and a fake transport: 30 % of requests answered 429, 500, a
    timeout or a reset connection, at random. Every clip arrives, in bounded time."""
    from test_engines import batchexecute_body

    from narration.cli import main

    mp3 = _google_mp3("Hallo Welt.")
    chance = random.Random(13)
    faults = {"429": 0, "500": 0, "timeout": 0, "reset": 0}

    def answer(request):
        roll = chance.random()
        if roll < 0.075:
            faults["429"] += 1
            return 429, {}, "slow down"
        if roll < 0.15:
            faults["500"] += 1
            return 500, {}, "oops"
        if roll < 0.225:
            faults["timeout"] += 1
            raise requests.exceptions.ReadTimeout("read timed out")
        if roll < 0.3:
            faults["reset"] += 1
            raise requests.exceptions.ConnectionError("connection reset by peer")
        return 200, {}, batchexecute_body(mp3)

    responses.add_callback(responses.POST, GTTS_URL, callback=answer)
    responses.add(responses.HEAD, "https://translate.google.de/", status=200)
    src = tmp_path / "src"
    src.mkdir()
    sentences = " ".join(f"Das ist der Satz Nummer {n} in diesem Artikel." for n in range(1, 31))
    (src / "sturm.md").write_text(f"# Sturm\n\n{sentences}\n", encoding="utf-8")
    started = time.monotonic()
    code = main(["build", str(src), "--engine", "gtts", "--config", str(_config(tmp_path)), "--formats", "vtt",
                 "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"), "-q"])
    assert code == 0, capsys.readouterr().err
    assert time.monotonic() - started < 60
    assert all(count > 0 for count in faults.values()), faults
    manifest = (tmp_path / "out" / "sturm" / "manifest.json").read_text(encoding="utf-8")
    assert manifest.count('"kind": "paragraph"') >= 30


@responses.activate
def test_google_gone_for_good_fails_one_article_in_one_line(tmp_path, capsys, google_connects):
    """Google stops answering for good: the article that needs it fails with one line within the
    retry budget; an article whose clips are all cached still builds."""
    from test_engines import batchexecute_body

    from narration.cli import main

    mp3 = _google_mp3("Hallo.")
    google = {"up": True}

    def answer(request):
        if not google["up"]:
            raise requests.exceptions.ConnectionError("network is unreachable")
        return 200, {}, batchexecute_body(mp3)

    responses.add_callback(responses.POST, GTTS_URL, callback=answer)
    responses.add(responses.HEAD, "https://translate.google.de/", status=200)
    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    (src / "alt.md").write_text("# Alt\n\nDieser Artikel war schon einmal da.\n", encoding="utf-8")
    args = ["build", str(src), "--engine", "gtts", "--config", str(_config(tmp_path)), "--formats", "vtt",
            "--out", str(out), "--cache-dir", str(cache)]
    assert main(args) == 0
    capsys.readouterr()
    google["up"] = False
    (src / "neu.md").write_text("# Neu\n\nDieser Artikel braucht Google.\n", encoding="utf-8")
    import shutil

    shutil.rmtree(out / "alt")  # must be made again, from its cached clips
    started = time.monotonic()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert time.monotonic() - started < 30
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "neu.md" in errors[0] and "Traceback" not in err, err
    assert (out / "alt" / "alt.vtt").is_file() and not (out / "neu").exists()


# --- what a build must notice, and what it must not touch -----------------------------------------------

def _cli(*args, env=None):
    from conftest import run_cli

    return run_cli(*args, env=env)


def test_a_changed_image_rebuilds_the_article(tmp_path):
    from PIL import Image

    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    Image.new("RGB", (600, 600), (10, 120, 200)).save(src / "titel.png")
    (src / "bild.md").write_text("---\ntitle: Mit Bild\ncover: titel.png\n---\n\nEin Satz.\n", encoding="utf-8")
    args = ["build", src, "--engine", "espeak", "--formats", "epub", "--out", out, "--cache-dir", cache]
    assert _cli(*args).returncode == 0
    assert "up to date" in _cli(*args).stderr
    Image.new("RGB", (600, 600), (200, 30, 30)).save(src / "titel.png")
    again = _cli(*args)
    assert again.returncode == 0 and "up to date" not in again.stderr
    with Image.open(out / "bild" / "cover.png") as cover:
        assert cover.getpixel((cover.size[0] // 2, cover.size[1] // 2)) == (200, 30, 30)


def test_a_cover_that_cannot_be_made_fails_its_article_in_one_line(tmp_path, monkeypatch, capsys):
    """The cover is drawn on a thread of its own while the audio encodes; what goes wrong there is
    still its article's one-line error (raised where the cover is needed), and the others build."""
    from narration import cover
    from narration.cli import main

    real = cover.article_cover

    def refuse_one(doc, out_dir):
        if doc.meta.title == "Kaputt":
            raise OSError("No space left on device")
        return real(doc, out_dir)

    monkeypatch.setattr(cover, "article_cover", refuse_one)
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "kaputt.md").write_text("# Kaputt\n\nEin Satz.\n", encoding="utf-8")
    (src / "heil.md").write_text("# Heil\n\nEin anderer Satz.\n", encoding="utf-8")
    code = main(["build", str(src), "--engine", "espeak", "--formats", "mp3,epub", "--out", str(out),
                 "--cache-dir", str(tmp_path / "cache"), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if "kaputt.md" in line]
    assert len(lines) == 1 and "No space left on device" in lines[0] and "Traceback" not in err
    assert (out / "heil" / "heil.epub").is_file() and (out / "heil" / "cover.png").is_file()
    assert not (out / "kaputt" / "kaputt.mp3").exists()


def test_a_deleted_source_leaves_the_feed_and_the_index(tmp_path):
    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    (src / "bleibt.md").write_text("# Bleibt\n\nDieser Artikel bleibt.\n", encoding="utf-8")
    (src / "geht.md").write_text("# Geht\n\nDieser Artikel geht.\n", encoding="utf-8")
    args = ["build", src, "--engine", "espeak", "--formats", "mp3", "--out", out, "--cache-dir", cache]
    assert _cli(*args).returncode == 0
    def guids():
        import feedparser

        return {entry.title: entry.id for entry in feedparser.parse(str(out / "feed.xml")).entries}

    before = guids()
    assert set(before) == {"Bleibt", "Geht"} and "geht" in (out / "index.html").read_text(encoding="utf-8")
    (src / "geht.md").unlink()
    result = _cli(*args)
    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if "source is gone" in line] == [
        f"{out / 'geht'}: removed, its source is gone"]
    assert not (out / "geht").exists()
    assert guids() == {"Bleibt": before["Bleibt"]}  # gone from the feed; the others keep their GUIDs
    assert "geht" not in (out / "index.html").read_text(encoding="utf-8")


def test_clean_removes_only_what_narration_made(tmp_path):
    project = tmp_path / "projekt"
    project.mkdir()
    (project / "wichtig.txt").write_text("nicht löschen", encoding="utf-8")
    for folder in (project, tmp_path):
        refused = _cli("clean", "--out", folder)
        assert refused.returncode != 0 and "not made by narration" in refused.stderr.strip().splitlines()[-1]
        assert len(refused.stderr.strip().splitlines()) == 1
    assert (project / "wichtig.txt").is_file()
    refused = _cli("clean", "--cache", "--out", tmp_path / "nichts", "--cache-dir", project)
    assert refused.returncode != 0 and (project / "wichtig.txt").is_file()
    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    (src / "a.md").write_text("# A\n\nEin Satz.\n", encoding="utf-8")
    assert _cli("build", src, "--engine", "espeak", "--formats", "vtt", "--out", out, "--cache-dir", cache).returncode == 0
    assert (out / ".narration-output").is_file() and (cache / "CACHEDIR.TAG").is_file()
    assert _cli("clean", "--cache", "--out", out, "--cache-dir", cache).returncode == 0
    assert not out.exists() and not cache.exists()


def test_auto_never_touches_the_network_when_nothing_is_to_be_synthesised(tmp_path):
    """With ``auto`` and a network that accepts connections and never answers, a no-op rebuild (and
    a rebuild whose clips are all cached) must not wait for the probe's timeout."""
    import socket
    import threading

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    accepted = []
    threading.Thread(target=lambda: [accepted.append(silent.accept()) for _ in range(16)], daemon=True).start()
    hanging = {"HTTPS_PROXY": f"http://127.0.0.1:{silent.getsockname()[1]}",
               "https_proxy": f"http://127.0.0.1:{silent.getsockname()[1]}"}
    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    (src / "a.md").write_text("# A\n\nEin Satz. Noch ein Satz.\n", encoding="utf-8")
    args = ["build", src, "--engine", "auto", "--formats", "vtt", "--out", out, "--cache-dir", cache]
    offline = {"HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    assert _cli(*args, env=offline).returncode == 0  # Google unreachable: eSpeak NG, recorded as chosen
    assert '"engine": "espeak"' in (out / "a" / "manifest.json").read_text(encoding="utf-8")
    for touch in (False, True):
        if touch:  # the output gone, every clip cached: still nothing to synthesise
            import shutil

            shutil.rmtree(out / "a")
        started = time.monotonic()
        again = _cli(*args, env=hanging)
        assert again.returncode == 0, again.stderr
        assert time.monotonic() - started < 2.5
    assert accepted == []  # no connection was even opened
    silent.close()


def test_finished_files_are_fsynced_before_and_after_the_rename(tmp_path, monkeypatch):
    from narration import textio

    synced = []
    real = os.fsync
    monkeypatch.setattr(textio.os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")) or real(fd))
    textio.atomic_write(tmp_path / "fertig.txt", "ganz")
    assert synced[0].startswith(str(tmp_path / ".fertig.txt.~")) and synced[1] == str(tmp_path)
    synced.clear()
    with textio.replacing(tmp_path / "werkzeug.bin") as temp:
        temp.write_bytes(b"von einem Werkzeug")
    assert ".part" in synced[0] and synced[1] == str(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fertig.txt", "werkzeug.bin"]


def test_the_stamp_covers_the_normalisers_data_files(tmp_path, monkeypatch):
    """Adding an abbreviation changes what is spoken, so it must make every article stale."""
    import shutil

    from narration import pipeline

    copy = tmp_path / "narration"
    shutil.copytree(pipeline.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE", copy)
    pipeline.code_fingerprint.cache_clear()  # read once per process: read this copy now
    before = pipeline.code_fingerprint()
    table = copy / "speech" / "data" / "abbreviations.tsv"
    table.write_text(table.read_text(encoding="utf-8") + "Bsp.\tBeispiel\n", encoding="utf-8")
    pipeline.code_fingerprint.cache_clear()
    assert pipeline.code_fingerprint() != before
    pipeline.code_fingerprint.cache_clear()


def test_a_worker_whose_parent_died_before_it_started_leaves_at_once(tmp_path):
    """The race a killed Dask worker showed: its fork server forked a synthesis worker and died
    before the worker's first step, so the worker, handed to init, would have lived on with the
    queued tasks. Told who its parent must be, it leaves; with its parent alive, it stays."""
    from narration.processes import die_with_parent

    def child_status(expected: int) -> int:
        pid = os.fork()
        if pid == 0:
            die_with_parent(expected=expected)
            os._exit(0)
        return os.waitpid(pid, 0)[1]

    assert os.waitstatus_to_exitcode(child_status(os.getpid())) == 0
    assert os.waitstatus_to_exitcode(child_status(os.getpid() + 999_999)) == 1  # not its parent: gone


WARM_THEN_SPEAK = """
import os, sys, threading, time
from multiprocessing import forkserver
from narration.engines.espeak import EspeakEngine
from narration.engines.base import VoiceSettings
engine = EspeakEngine(VoiceSettings(voice="de"))
engine.warm(2)
starter = [t for t in threading.enumerate() if t.name == "synthesis workers start"]
for thread in starter:
    thread.join()
server = forkserver._forkserver._forkserver_pid
time.sleep(0.5)  # the parent-death signal, were the server the starting thread's child, has come by now
with open(f"/proc/{server}/stat") as stat:
    state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
pool, task = engine.executor(2)
workers = list(pool._processes.values())
clip = pool.submit(task, "Guten Tag.").result()
print(len(starter), state != "Z", int(parent) == os.getpid(), len(workers), all(w.is_alive() for w in workers),
      forkserver._forkserver._forkserver_pid == server, clip[:4].decode())
"""


def test_workers_started_off_the_main_thread_outlive_the_thread_that_started_them():
    """``warm`` leaves waiting for the workers to a thread that soon ends, while the text is read.
    Linux's parent-death signal follows the thread that forked a child, so the fork server must
    be started by the calling thread: it, and the workers it forks, live on and speak."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", WARM_THEN_SPEAK], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["1", "True", "True", "2", "True", "True", "RIFF"]


def test_a_shared_cache_keeps_other_machines_temporaries_until_they_are_a_day_old(tmp_path):
    """A Dask cluster's machines share the cache folder, and each build sweeps it when it starts.
    A pid means a process only on the machine (and in the container) that made the temporary, so
    another machine's temporary, however its pid looks here, is left alone while it may be in use;
    this machine's own are judged by their pid and its start time."""
    from narration import textio

    elsewhere = "0" * 8 if textio.WHERE != "0" * 8 else "1" * 8
    alive = textio.owner_tag()  # this very process: running
    dead = f"{textio.WHERE}-{os.getpid()}-1"  # this pid, but a process that started at another time
    names = {
        "ours-running": f".a.mp3.~{alive}~x1.part",
        "ours-killed": f".b.mp3.~{dead}~x2.part",
        "foreign-fresh": f".c.mp3.~{elsewhere}-{os.getpid()}-1~x3.part",
        "foreign-old": f".d.mp3.~{elsewhere}-{os.getpid()}-1~x4.part",
        "foreign-folder": f"work~{elsewhere}-1-1~x5",
        "unowned-old": ".e.mp3.~1234-5678~x6.part",  # the earlier naming: no machine in it
    }
    for key, name in names.items():
        (tmp_path / name).mkdir() if key.endswith("folder") else (tmp_path / name).write_bytes(b"x")
    day_ago = time.time() - 24 * 3600 - 60
    for key in ("foreign-old", "unowned-old"):
        os.utime(tmp_path / names[key], (day_ago, day_ago))
    removed = {p.name for p in textio.sweep(tmp_path, 0)}
    assert removed == {names["ours-killed"], names["foreign-old"], names["unowned-old"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        names[k] for k in ("ours-running", "foreign-fresh", "foreign-folder"))
