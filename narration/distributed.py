"""Catalogue builds on a Dask cluster (``--scheduler``, ``[build] scheduler``).

A publisher's backlist or a day's news outgrows one machine, and Dask's own
``dask scheduler`` / ``dask worker`` are what cluster operators already run;
``local`` starts a LocalCluster on this machine instead (process workers, one
thread each). This module is imported only when a scheduler is asked for, so a
build without one never loads Dask.

One task per article (Dask's scheduler spends about a millisecond per task, a
sentence is far too small). A long book's task spreads its own jobs over every
worker (``ClusterSpread``): the clips it lacks, a few hundred sentences per
task, and then its encoding, a run of pieces per task, both through the shared
cache. Only plain data crosses the wire: the source path,
the options (a frozen dataclass), the formats; each worker makes its own engine
from the settings (a ctypes handle cannot be pickled) and keeps its synthesis
processes warm between articles. The cache and output folders must be on a
file system every worker sees: that is checked first, by a token each worker
must read back. A lost worker (killed, out of memory) costs its article a
retry, which Dask schedules on another worker; our writes are atomic, so the
retry finds nothing half-made. The client shows one progress bar over the
catalogue and writes the site once every article is done.
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import threading
import uuid
from pathlib import Path

from .errors import NarrationError

log = logging.getLogger("narration")


def connect(address: str):
    """A Dask client for ``address``: "local" (a LocalCluster here) or "tcp://host:port"."""
    import dask
    from dask.distributed import Client, LocalCluster

    if address == "local":  # its workers run under nannies, as daemonic processes, like any others
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise NarrationError(f"cannot reach the Dask scheduler at {address}", str(exc)[:120]) from exc


def _reads(path: str, token: str) -> bool:
    """On a worker: does it see the file the client just wrote?"""
    try:
        return Path(path).read_text(encoding="utf-8") == token
    except OSError:
        return False


def code_identity() -> tuple[str, str]:
    """This process's narration: its version and a digest of its code and data."""
    from . import __version__
    from .pipeline import code_fingerprint

    return __version__, code_fingerprint()


def check_same_code(client) -> None:
    """A cluster never mixes two builds of narration: a worker with another version or other code
    (an older checkout, an edited file) would make other bytes. One line names the first such worker."""
    mine = code_identity()
    theirs = client.run(code_identity)
    if not theirs:
        raise NarrationError("the Dask scheduler has no workers")
    for worker, (version, digest) in sorted(theirs.items()):
        if (version, digest) != mine:
            what = f"narration {version}" if version != mine[0] else f"other narration code ({digest[:12]})"
            raise NarrationError(f"Dask worker {worker} runs {what}, this client narration {mine[0]} "
                                 f"({mine[1][:12]})", "install the same narration on every worker")


def check_shared_folders(client, folders: dict[str, Path]) -> None:
    """Every worker must see the same cache and output folders; else one line naming the worker."""
    from .textio import atomic_write

    for role, folder in folders.items():
        token = uuid.uuid4().hex
        probe = folder / "tmp" / f".shared-{token}" if role == "cache" else folder / f".shared-{token}"
        atomic_write(probe, token)
        try:
            seen = client.run(_reads, str(probe), token)
        finally:
            probe.unlink(missing_ok=True)
        blind = sorted(worker for worker, ok in seen.items() if not ok)
        if blind:
            raise NarrationError(f"Dask worker {blind[0]} cannot see the {role} folder {folder}",
                                 "cache and output must be on a file system every worker shares")
        if not seen:
            raise NarrationError("the Dask scheduler has no workers")


def build_one(source: str, options, formats: tuple[str, ...], force: bool, chunk_clips: int = 0) -> dict:
    """The task a worker runs: one article, start to end. A long book (``chunk_clips``: sentences
    per synthesis job) spreads its synthesis and encoding over every worker from here. Returns plain
    data; an error comes back as its one-line message (the client reports it like a local one)."""
    from .catalogue import engine_choice
    from .errors import NarrationError as Error
    from .pipeline import build_article

    try:
        spread = ClusterSpread(options.build.cache_dir, chunk_clips) if chunk_clips else None
        result = build_article(Path(source), options, engine_choice(options), tuple(formats),
                               Path(options.build.out), options.build.jobs, quiet=True, force=force, spread=spread)
    except Error as exc:
        return {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a bug: reported, the catalogue goes on
        return {"error": f"internal error: {type(exc).__name__}: {exc}"}
    fields = dataclasses.asdict(result)
    fields["source"], fields["out_dir"] = str(result.source), str(result.out_dir)
    return fields


LONG_BOOK_BYTES = 60000  # about an hour of audio and up: spread over the workers (NARRATION_LONG_BOOK_BYTES)
CHUNK_CLIPS = 200  # at most this many sentences per synthesis job (NARRATION_CHUNK_CLIPS)


def _tuning(name: str, default: int) -> int:
    """An operator's override from the environment: a positive whole number, or one line saying so."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) == 0:
        raise NarrationError(f"{name} must be a positive whole number, not '{value}'")
    return int(value)


class ClusterSpread:
    """A long book's jobs (synthesis, metering, encoding, joins) as tasks on every worker, submitted
    from the book's own task, which leaves its thread to them while it waits, so a one-thread worker
    runs them too. The jobs read and write the shared folders; a job lost with its worker is run
    again elsewhere."""

    remote = True  # jobs read the PCM from the shared folder once it is written

    def __init__(self, cache_root, chunk_clips: int):
        from distributed import get_client

        self.cache_root, self.chunk_clips = str(Path(cache_root).resolve()), chunk_clips
        self.client = get_client()  # the worker's own: threads the task starts use it as they are
        self.task_thread = threading.get_ident()
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.ran: dict[str, int] = {}
        self.workers: set[str] = set()
        self.counting = threading.Lock()  # the writers' threads ask for joins at once

    def map(self, function, jobs: list):
        """Each job's result, as the jobs finish, ahead of articles still waiting for a worker."""
        from distributed import as_completed, worker_client

        on_task_thread = threading.get_ident() == self.task_thread
        with worker_client() if on_task_thread else contextlib.nullcontext(self.client) as client:
            futures = [client.submit(_job_on_worker, function, self.cache_root, job, pure=False, priority=10,
                                     key=f"{function.__name__}-{uuid.uuid4().hex[:12]}") for job in jobs]
            try:
                for future in as_completed(futures):
                    worker, result = future.result()
                    kind = function.__name__.removeprefix("run_").removesuffix("_job")
                    with self.counting:
                        self.workers.add(worker)
                        self.ran[kind] = self.ran.get(kind, 0) + 1
                    yield result
            finally:
                client.cancel([future for future in futures if not future.done()])

    def waiting(self):
        """The book's task gives its worker's thread to the jobs while it only waits for them
        (jobs that threads of the task start, such as the writers' joins)."""
        from distributed import worker_client

        return worker_client()

    def report(self) -> dict:
        return {"jobs": dict(self.ran), "workers": len(self.workers)}


def _job_on_worker(function, cache_root: str, job):
    """On any worker: one job of a long book; its temporaries go where every build's go."""
    from distributed import get_worker

    from .textio import use_temp_dir

    use_temp_dir(Path(cache_root), Path(cache_root) / "tmp")
    return get_worker().address, function(job)


def build_on_cluster(sources: list[Path], options, formats: tuple[str, ...], force: bool, quiet: bool):
    """(source, ArticleResult or NarrationError) for each source, as the cluster finishes them."""
    from dask.distributed import as_completed

    from .pipeline import ArticleResult
    from .progress import Progress

    build = dataclasses.replace(options.build, cache_dir=str(Path(options.build.cache_dir).resolve()),
                                out=str(Path(options.build.out).resolve()))
    options = dataclasses.replace(options, build=build)  # absolute: workers may start elsewhere
    long_bytes = _tuning("NARRATION_LONG_BOOK_BYTES", LONG_BOOK_BYTES)
    chunk = _tuning("NARRATION_CHUNK_CLIPS", CHUNK_CLIPS)
    client = connect(options.build.scheduler)
    try:
        check_same_code(client)
        check_shared_folders(client, {"cache": Path(build.cache_dir), "output": Path(build.out)})
        futures = {}
        for source in sorted(sources, key=lambda s: -s.stat().st_size):  # long books first: they finish last
            future = client.submit(build_one, str(source.resolve()), options, formats, force,
                                   chunk if source.stat().st_size >= long_bytes else 0, pure=False,
                                   key=f"article-{uuid.uuid4().hex[:8]}-{source.stem[:40]}")
            futures[future] = source
        progress = Progress(len(sources), "catalogue", quiet=quiet, unit="article")
        try:
            for future in as_completed(futures):
                source = futures[future]
                outcome = future.result()
                progress.advance()
                if "error" in outcome:
                    yield source, NarrationError(outcome["error"])
                    continue
                outcome["source"], outcome["out_dir"] = Path(outcome["source"]), Path(outcome["out_dir"])
                log.debug("%s: on its worker, %s", source.name,
                          ", ".join(f"{name} done at {seconds:.1f} s" for name, seconds in outcome["phases"]))
                if outcome.get("spread"):
                    log.debug("%s: spread over %d workers: %s", source.name, outcome["spread"]["workers"],
                              ", ".join(f"{n} {kind}" for kind, n in sorted(outcome["spread"]["jobs"].items())))
                yield source, ArticleResult(**outcome)
        except BaseException:
            client.cancel(list(futures))
            raise
        finally:
            progress.close()
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
