"""Catalogue builds on a real Dask cluster (issues 12, 27): the installed ``dask scheduler`` and two
``dask worker`` processes on 127.0.0.1, started here as operators start them, with no option but the
scheduler's address (so each runs its worker under a nanny, as a daemonic process). Their outputs
must equal a local build's."""
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

DASK = Path(sys.executable).with_name("dask")
ARTICLES = {
    "eins.md": "# Eins\n\nDer erste Artikel hat 2 Sätze. Am 3. Mai 2024 kam er heraus.\n",
    "zwei.md": "# Zwei\n\nDer zweite Artikel kostet 5,50 €. Er ist kurz.\n\n## Mehr\n\nUnd er hat einen Abschnitt.\n",
    "drei.txt": "Der dritte Artikel hat keinen Titel. Er hat aber 3/4 der Länge.\n",
    "vier.md": "# Vier\n\nDer vierte Artikel nennt die USA und die NATO. Dann endet er.\n",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, seconds=60, what="it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


class Cluster:
    """A scheduler and named workers, each a real process from the installed ``dask`` command."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.env = env
        self.processes["scheduler"] = subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=open(folder / "scheduler.log", "w"), cwd=folder, env=env)
        _wait_for(lambda: "Scheduler at" in (folder / "scheduler.log").read_text(), what="the scheduler")

    def add_worker(self, name: str, prefix: list[str] = (), env: dict | None = None) -> None:
        """A default worker: ``dask worker ADDRESS``, nothing else (its nanny is ``processes[name]``)."""
        log = open(self.folder / f"{name}.log", "w")
        self.processes[name] = subprocess.Popen(
            [*prefix, str(DASK), "worker", self.address],
            stdout=subprocess.DEVNULL, stderr=log, cwd=self.folder, env={**self.env, **(env or {})})

    def worker_of(self, name: str) -> int:
        """The pid of the worker process that the nanny ``name`` runs (beside it: a resource tracker)."""
        import psutil

        def spawned():
            return [c for c in psutil.Process(self.processes[name].pid).children() if "spawn_main" in " ".join(c.cmdline())]

        _wait_for(spawned, what=f"{name}'s worker")
        return spawned()[0].pid

    def workers(self) -> int:
        from dask.distributed import Client

        with Client(self.address, timeout="10s") as client:
            return len(client.scheduler_info()["workers"])

    def close(self):
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@contextlib.contextmanager
def two_workers(folder: Path, names=("a", "b")):
    """A scheduler and two workers, ready; all of them stopped at the end."""
    running = Cluster(folder)
    try:
        for name in names:
            running.add_worker(name)
        _wait_for(lambda: running.workers() == 2, what="two workers")
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with two_workers(tmp_path_factory.mktemp("dask"), ("w1", "w2")) as running:
        yield running


def _sources(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        os.utime(folder / name, (1700000000, 1700000000))
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".build-stamp.json"}


def _timing(out: Path) -> dict:
    found = {}
    for manifest in sorted(out.glob("*/manifest.json")):
        cues = json.loads(manifest.read_text(encoding="utf-8"))["timeline"]["cues"]
        found[manifest.parent.name] = [(c["id"], c["start_ms"], c["end_ms"]) for c in cues]
    return found


def test_a_catalogue_on_a_dask_scheduler_equals_a_local_build(cluster, tmp_path):
    src = _sources(tmp_path / "src")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    local = run_cli("build", src, "--engine", "espeak", "--out", tmp_path / "local", "--cache-dir",
                    tmp_path / "cache-local", env=env)
    assert local.returncode == 0, local.stderr
    remote = run_cli("build", src, "--engine", "espeak", "--scheduler", cluster.address, "--out", tmp_path / "dask",
                     "--cache-dir", tmp_path / "cache-dask", env=env)
    assert remote.returncode == 0, remote.stderr
    assert _timing(tmp_path / "dask") == _timing(tmp_path / "local")
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")  # byte for byte, the feed included
    from test_epub import epubcheck

    report = epubcheck(tmp_path / "dask" / "zwei" / "zwei.epub")
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_a_failing_article_is_one_line_and_the_others_finish(cluster, tmp_path):
    src = _sources(tmp_path / "src")
    (src / "kaputt.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    result = run_cli("build", src, "--engine", "espeak", "--scheduler", cluster.address, "--formats", "vtt",
                     "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "kaputt.md" in errors[0] and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*/*.vtt")) == ["drei.vtt", "eins.vtt", "vier.vtt",
                                                                          "zwei.vtt"]


def _tree(pid: int) -> set[int]:
    """A process and all its descendants."""
    import psutil

    try:
        return {pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))}
    except psutil.NoSuchProcess:
        return set()


def _alive(pids: set[int]) -> set[int]:
    import psutil

    return {pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE}


def test_a_worker_killed_mid_build_costs_a_retry_not_the_build(tmp_path):
    """SIGKILL of a worker process (its nanny starts a new one) mid-build: the catalogue completes and
    nothing the killed worker started lives on."""
    from test_faults import _chapter

    with two_workers(tmp_path) as running:
        src = tmp_path / "src"
        for n in range(4):
            _chapter(tmp_path / f"c{n}", paragraphs=6 + n)
            src.mkdir(exist_ok=True)
            shutil.copy(tmp_path / f"c{n}" / "verwandlung.md", src / f"kapitel-{n}.md")
        build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), str(src), "--engine", "espeak",
                                  "--scheduler", running.address, "--formats", "mp3,vtt", "--out", str(tmp_path / "out"),
                                  "--cache-dir", str(tmp_path / "cache")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        _wait_for(lambda: any((tmp_path / "cache").glob("??/*.wav")) if (tmp_path / "cache").exists() else False,
                  what="synthesis to start")
        worker = running.worker_of("a")
        _wait_for(lambda: len(_tree(worker)) > 2, what="the worker's synthesis processes")
        started = _tree(worker)  # the worker, its fork server, its synthesis workers
        os.kill(worker, signal.SIGKILL)
        _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
        for n in range(4):
            folder = tmp_path / "out" / f"kapitel-{n}"
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            assert (folder / f"kapitel-{n}.mp3").stat().st_size > 10_000 and manifest["timeline"]["cues"]
        assert not [p for p in (tmp_path / "out").rglob("*") if ".part" in p.name]
        assert len(started) > 1
        _wait_for(lambda: not _alive(started), seconds=10, what="the killed worker's children to go")


def test_a_worker_with_other_narration_code_is_refused_in_one_line(tmp_path):
    other = tmp_path / "other"
    shutil.copytree(ROOT / "narration", other / "narration", ignore=shutil.ignore_patterns("__pycache__"))
    with open(other / "narration" / "outline.py", "a", encoding="utf-8") as changed:
        changed.write("\n# an edit this client does not have\n")
    running = Cluster(tmp_path)
    try:
        running.add_worker("same")
        running.add_worker("edited", env={"PYTHONPATH": str(other)})
        _wait_for(lambda: running.workers() == 2, what="two workers")
        result = run_cli("build", _sources(tmp_path / "src"), "--engine", "espeak", "--scheduler", running.address,
                         "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache")
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0 and len(lines) == 1, result.stderr
        assert re.match(r"error: Dask worker tcp://127\.0\.0\.1:\d+ runs other narration code \(\w{12}\), this client "
                        r"narration 0\.1\.0 \(\w{12}\) \(install the same narration on every worker\)$", lines[0]), lines
        assert not (tmp_path / "out").exists()
    finally:
        running.close()


def test_a_worker_that_cannot_see_the_cache_is_named_in_one_line(tmp_path):
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare to give one worker a different view of the disk")
    cache = tmp_path / "cache"
    cache.mkdir()
    running = Cluster(tmp_path)
    try:
        running.add_worker("sees")
        # this worker lives in its own mount namespace, where an empty folder hides the shared cache
        hide = f"mount --bind {tmp_path / 'elsewhere'} {cache} && exec \"$@\""
        (tmp_path / "elsewhere").mkdir()
        running.add_worker("blind", prefix=["unshare", "--mount", "--propagation", "private", "sh", "-c", hide, "sh"])
        _wait_for(lambda: running.workers() == 2, what="two workers")
        src = _sources(tmp_path / "src")
        result = run_cli("build", src, "--engine", "espeak", "--scheduler", running.address, "--out", tmp_path / "out",
                         "--cache-dir", cache)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Dask worker" in lines[0] and "cannot see the cache folder" in lines[0], lines
        assert re.search(r"tcp://127\.0\.0\.1:\d+", lines[0])
        assert not (tmp_path / "out").exists()
    finally:
        running.close()


def _loaded_by_a_build(tmp_path, name: str, text: str, modules: list[str], *flags: str) -> list[str]:
    """Build one source in a fresh interpreter: its exit status, then whether it loaded each of
    ``modules``."""
    src = tmp_path / "src"
    src.mkdir()
    (src / name).write_text(text, encoding="utf-8")
    probe = ("import sys; from narration.cli import main; code = main(['build', sys.argv[1], '--engine', 'espeak', "
             "'--out', sys.argv[2], '--cache-dir', sys.argv[3], *sys.argv[5:]]); "
             "print(code, *(module in sys.modules for module in sys.argv[4].split(',')))")
    run = subprocess.run([sys.executable, "-c", probe, str(src), str(tmp_path / "out"), str(tmp_path / "cache"),
                          ",".join(modules), *flags], cwd=ROOT, capture_output=True, text=True)
    assert run.stdout, run.stderr
    return run.stdout.split()


def test_a_build_without_a_scheduler_never_imports_dask(tmp_path):
    found = _loaded_by_a_build(tmp_path, "a.md", "# A\n\nEin Satz.\n", ["dask", "distributed"], "--formats", "vtt")
    assert found == ["0", "False", "False"]


def test_an_espeak_build_of_plain_text_loads_neither_numpy_nor_yaml(tmp_path):
    """Each clip's levels are measured where it is made, so the build's own process never loads
    numpy (a tenth of a second on the way from the last clip to the first encoded piece); PyYAML
    loads only for front matter or a sidecar, which a pasted news text has not."""
    found = _loaded_by_a_build(tmp_path, "a.txt", "Eine Überschrift\n\nEin Satz. Und noch einer.\n",
                               ["numpy", "yaml"])
    assert found == ["0", "False", "False"]
    assert (tmp_path / "out" / "a" / "a.mp3").stat().st_size > 0


def test_scheduler_local_starts_a_local_cluster(tmp_path):
    src = _sources(tmp_path / "src")
    result = run_cli("build", src, "--engine", "espeak", "--scheduler", "local", "--formats", "vtt,mp3",
                     "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache", "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*/*.vtt")) == ["drei.vtt", "eins.vtt", "vier.vtt",
                                                                          "zwei.vtt"]
    assert (tmp_path / "out" / "feed.xml").is_file()


def _processes_writing(path: Path) -> list[int]:
    """Pids of the processes that hold ``path`` open (the children of a worker inherit its log)."""
    found = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd) == str(path) for fd in fd_dir.iterdir()):
                found.append(int(fd_dir.parent.name))
        except OSError:
            continue
    return found


def _long_book_built_locally(tmp_path: Path, paragraphs: int, chunk: int, formats: str) -> tuple[Path, dict]:
    """The opening of Die Verwandlung in ``src``, counted as a long book (``chunk`` sentences per
    synthesis job), built here into ``local``: what a cluster build must equal. Returns the source
    folder and the environment both builds use."""
    from test_faults import _chapter

    src = tmp_path / "src"
    os.utime(_chapter(src, paragraphs=paragraphs), (1700000000, 1700000000))
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NARRATION_LONG_BOOK_BYTES": "1000", "NARRATION_CHUNK_CLIPS": str(chunk)}
    local = run_cli("build", src, "--engine", "espeak", "--formats", formats, "--out", tmp_path / "local",
                    "--cache-dir", tmp_path / "cache-local", env=env)
    assert local.returncode == 0, local.stderr
    return src, env


def test_a_long_book_spreads_its_synthesis_and_encoding_over_the_workers(cluster, tmp_path):
    """A book past the size threshold: its task hands jobs of sentences to synthesise, runs of pieces
    to meter and to encode, and the joins to both workers through the shared cache. The result equals a local
    build."""
    src, env = _long_book_built_locally(tmp_path, paragraphs=10, chunk=20, formats="mp3,m4b,vtt")
    remote = run_cli("build", src, "--engine", "espeak", "--formats", "mp3,m4b,vtt", "--scheduler", cluster.address,
                     "--out", tmp_path / "dask", "--cache-dir", tmp_path / "cache-dask", "-v", env=env)
    assert remote.returncode == 0, remote.stderr
    spread = re.search(r"verwandlung\.md: spread over (\d+) workers: (.*)", remote.stderr)
    assert spread, remote.stderr[-2000:]
    jobs = {kind: int(n) for n, kind in (part.split() for part in spread.group(2).split(", "))}
    assert int(spread.group(1)) == 2 and jobs["synthesis"] >= 3 and jobs["meter"] >= 2 and jobs["encode"] >= 2
    assert jobs["join"] == 1  # the M4B (MP3 frames are copied by the book's own task)
    made = re.search(r"verwandlung\.md: (\d+) clips, (\d+) from cache, (\d+) synthesised", remote.stderr)
    assert made and int(made.group(3)) > 40  # all made by the jobs, and counted as this book's
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert not list((tmp_path / "cache-dask" / "tmp").iterdir())  # no job left a temporary


def test_a_worker_killed_while_a_long_book_spreads_its_jobs_costs_a_retry(tmp_path):
    """SIGKILL one of two workers while a long book's synthesis jobs run (whichever it was: a job's
    worker or the book's own): the build completes, equal byte for byte to a local build, and
    leaves no temporary."""
    src, env = _long_book_built_locally(tmp_path, paragraphs=14, chunk=10, formats="mp3,vtt")
    with two_workers(tmp_path) as running:
        cache = tmp_path / "cache-dask"
        build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), str(src), "--engine", "espeak",
                                  "--scheduler", running.address, "--formats", "mp3,vtt", "--out",
                                  str(tmp_path / "dask"), "--cache-dir", str(cache)], cwd=ROOT,
                                 stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
        _wait_for(lambda: len(list(cache.glob("??/*.wav"))) >= 5 if cache.exists() else False,
                  what="the synthesis jobs to start")
        started = _tree(running.processes["b"].pid)  # the nanny, its worker, the worker's children
        running.processes["b"].send_signal(signal.SIGKILL)  # the nanny: its worker follows it
        _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
        assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
        assert not [p for p in (tmp_path / "dask").rglob("*") if ".part" in p.name]
    # nothing the killed nanny started lives on: its worker, the worker's fork server and synthesis workers
    assert len(started) > 2
    _wait_for(lambda: not _alive(started), seconds=20, what="the killed nanny's worker and its children to go")
    assert not _processes_writing(tmp_path / "b.log")


def test_a_bad_scheduler_address_is_one_line(tmp_path):
    src = _sources(tmp_path / "src")
    for address, words in (("foo", "scheduler must be 'local' or an address"), ("tcp://127.0.0.1:9", "cannot reach")):
        result = run_cli("build", src, "--engine", "espeak", "--scheduler", address, "--out", tmp_path / "out",
                         "--cache-dir", tmp_path / "cache")
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0 and len(lines) == 1 and words in lines[0], result.stderr
    bad = run_cli("build", src, "--engine", "espeak", "--scheduler", "tcp://127.0.0.1:9", "--out", tmp_path / "out",
                  "--cache-dir", tmp_path / "cache", env={"NARRATION_CHUNK_CLIPS": "viele"})
    lines = bad.stderr.strip().splitlines()
    assert bad.returncode != 0 and lines == ["error: NARRATION_CHUNK_CLIPS must be a positive whole number, not 'viele'"]
