"""What every measurement shares: where things are, how a build is run and timed (Google
unreachable, or a network that hangs), medians, and the machine's description."""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
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


def medians(results: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) // 1024 // 1024
    return f"{cpu}, {os.cpu_count()} cores, {memory} GiB, {platform.system()} {platform.machine()}, Python {platform.python_version()}"
