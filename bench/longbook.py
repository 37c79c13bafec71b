"""A long book: wall time per audio hour and peak memory of the whole process tree; and speech
normalisation alone over every sentence of it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, WORK, CORPUS, median_time, UNREACHABLE, medians


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
