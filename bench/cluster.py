"""Catalogues on Dask (here, a LocalCluster, `dask scheduler` with `dask worker`s) and one long
book on one worker, then two."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, WORK, CORPUS, UNREACHABLE


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
