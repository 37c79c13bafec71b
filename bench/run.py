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
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: the bench package

from bench.common import ROOT, WORK  # noqa: E402
from bench.longbook import long_book, normalising  # noqa: E402
from bench.gttsbench import gtts_throughput  # noqa: E402
from bench.seed import synthesis_only, pandoc_epub, seed_part  # noqa: E402
from bench.cluster import catalogue, book_on_workers  # noqa: E402
from bench.table import render, update_readme  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)  # this machine varies by 10 % from run to run
    parser.add_argument("--long-runs", type=int, default=3)
    parser.add_argument("--long-book", default="fontane-effi-briest")
    parser.add_argument("--skip-long", action="store_true")
    parser.add_argument("--only", choices=("seed", "catalogue", "workers", "long", "normalising"),
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
        elif args.only == "normalising":
            results["normalising"] = normalising(args.long_book, args.runs)
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


if __name__ == "__main__":
    sys.exit(main())
