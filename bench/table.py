"""The results as the README's table, and the README refreshed with it."""
from __future__ import annotations


from bench.common import ROOT


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

