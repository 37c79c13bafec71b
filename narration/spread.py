"""Where an article's independent jobs run: threads here, or tasks on a Dask cluster.

A job is plain data handed to a top-level function (an ffmpeg run over a few
pieces, the synthesis of a few hundred sentences), so the same job can run in
a thread of this process or on another machine that shares the cache folder.
The pipeline asks for ``spread.map(function, jobs)`` and never learns which.
``distributed.ClusterSpread`` is the cluster's kind.
"""
from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor, as_completed


def share_out(items: list, weight, count: int, most: int = 0, together=None) -> list[list]:
    """``items`` cut, in their order, into runs about equal in ``weight(item)`` (``count`` runs'
    worth each), so every slot gets the same share of work and none waits for a long last run. A
    run also ends after ``most`` items, or where ``together(last, item)`` says the two cannot share one."""
    share = sum(map(weight, items)) / max(1, count)
    runs: list[list] = []
    filled = 0
    for item in items:
        if (runs and filled < share and (not most or len(runs[-1]) < most)
                and (together is None or together(runs[-1][-1], item))):
            runs[-1].append(item)
        else:
            runs.append([item])
            filled = 0
        filled += weight(item)
    return runs


class ThreadSpread:
    """Jobs in threads of this process: each one waits on a tool (ffmpeg) that does the work."""

    chunk_clips = 0  # synthesis stays in the engine's own pool
    remote = False  # jobs run here, so the loudness meter can run while the PCM is written

    def __init__(self, slots: int):
        self.slots = max(1, slots)

    def map(self, function, jobs: list):
        """Each job's result, as the jobs finish; the first error stops the rest."""
        if len(jobs) == 1:  # no thread to start for one job
            yield function(jobs[0])
            return
        pool = ThreadPoolExecutor(self.slots)
        futures = [pool.submit(function, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()
            pool.shutdown(wait=True)

    def waiting(self):
        """Around a stretch where this thread only waits for jobs (which other threads start)."""
        return contextlib.nullcontext()
