"""Catalogue builds on a Dask cluster (``--scheduler``, ``[build] scheduler``).

A publisher's backlist or a day's news outgrows one machine, and Dask's own
``dask scheduler`` / ``dask worker`` are what cluster operators already run;
``local`` starts a LocalCluster on this machine instead (process workers, one
thread each). This module is imported only when a scheduler is asked for, so a
build without one never loads Dask.

One task per article (Dask's scheduler spends about a millisecond per task, a
sentence is far too small). A long book first spreads its synthesis: one task
finds the clips it lacks, tasks of a few hundred sentences each synthesise
them on every worker into the shared cache, and the book's own task then finds
them all cached. Only plain data crosses the wire: the source path,
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

import dataclasses
import logging
import os
import uuid
from pathlib import Path

from .errors import NarrationError

log = logging.getLogger("narration")


def connect(address: str):
    """A Dask client for ``address``: "local" (a LocalCluster here) or "tcp://host:port"."""
    import dask
    from dask.distributed import Client, LocalCluster

    if address == "local":
        # a build starts synthesis processes of its own, which Python forbids a daemonic process
        with dask.config.set({"distributed.worker.daemon": False}):
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


def build_one(source: str, options, formats: tuple[str, ...], force: bool, after: list = ()) -> dict:
    """The task a worker runs: one article, start to end. Returns plain data; an error comes back
    as its one-line message (the client reports it like a local failure). ``after``: the results
    of tasks that had to finish first (a long book's synthesis), unused."""
    import multiprocessing

    from .catalogue import engine_choice
    from .errors import NarrationError as Error
    from .pipeline import build_article

    if multiprocessing.current_process().daemon:
        return {"error": "this Dask worker runs as a daemonic process, which may not start the synthesis "
                         "processes (start workers with --no-nanny, or set DASK_DISTRIBUTED__WORKER__DAEMON=False)"}
    try:
        result = build_article(Path(source), options, engine_choice(options), tuple(formats),
                               Path(options.build.out), options.build.jobs, quiet=True, force=force)
    except Error as exc:
        return {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a bug: reported, the catalogue goes on
        return {"error": f"internal error: {type(exc).__name__}: {exc}"}
    fields = dataclasses.asdict(result)
    fields["source"], fields["out_dir"] = str(result.source), str(result.out_dir)
    return fields


LONG_BOOK_BYTES = int(os.environ.get("NARRATION_LONG_BOOK_BYTES", "60000"))  # about an hour of audio and up
CHUNK_CLIPS = int(os.environ.get("NARRATION_CHUNK_CLIPS", "200"))  # sentences per synthesis task


def plan_synthesis(source: str, options) -> dict:
    """On a worker: the speech texts of a book that the cache still lacks, and the engine for them."""
    from .cache import ClipCache
    from .catalogue import engine_choice
    from .pipeline import engine_stage, read_stage, script_stage
    from .synth import keys_for

    try:
        cache_root = Path(options.build.cache_dir)
        doc, lexicon = read_stage(Path(source), cache_root)
        script = script_stage(doc, lexicon, options)
        engine = engine_stage(engine_choice(options), None, script, cache_root)
        cache = ClipCache(cache_root, engine.clip_suffix)
        keys = keys_for(script, engine)
        missing = list(dict.fromkeys(item.speech for item in script if not cache.has(keys[item.id])))
        return {"engine": engine.name, "missing": missing}
    except Exception as exc:  # noqa: BLE001 - the book's own task will report it
        return {"engine": "", "missing": [], "error": str(exc)}


def synthesise_chunk(texts: list[str], options, engine_name: str) -> int:
    """On a worker: synthesise these sentences into the shared cache (part of a long book)."""
    from .cache import ClipCache
    from .catalogue import engine_choice
    from .speech.script import ScriptItem
    from .synth import synthesize

    engine = engine_choice(options).named(engine_name)
    items = [ScriptItem(f"chunk-{n}", "paragraph", text, text, 0, "", 0) for n, text in enumerate(texts)]
    cache = ClipCache(Path(options.build.cache_dir), engine.clip_suffix)
    _, stats = synthesize(items, engine, cache, options.build.jobs or engine.default_jobs, quiet=True)
    return stats.synthesised


def build_on_cluster(sources: list[Path], options, formats: tuple[str, ...], force: bool, quiet: bool):
    """(source, ArticleResult or NarrationError) for each source, as the cluster finishes them."""
    from dask.distributed import as_completed

    from .pipeline import ArticleResult
    from .progress import Progress

    build = dataclasses.replace(options.build, cache_dir=str(Path(options.build.cache_dir).resolve()),
                                out=str(Path(options.build.out).resolve()))
    options = dataclasses.replace(options, build=build)  # absolute: workers may start elsewhere
    client = connect(options.build.scheduler)
    try:
        check_shared_folders(client, {"cache": Path(build.cache_dir), "output": Path(build.out)})
        futures, plans = {}, {}

        def submit_book(source, after=()):
            future = client.submit(build_one, str(source.resolve()), options, formats, force, list(after),
                                   pure=False, key=f"article-{uuid.uuid4().hex[:8]}-{source.stem[:40]}")
            futures[future] = source
            return future

        for source in sources:
            if source.stat().st_size >= LONG_BOOK_BYTES:
                plans[client.submit(plan_synthesis, str(source.resolve()), options, pure=False,
                                    key=f"plan-{uuid.uuid4().hex[:8]}-{source.stem[:40]}")] = source
            else:
                submit_book(source)
        progress = Progress(len(sources), "catalogue", quiet=quiet, unit="article")
        pending = as_completed(list(futures) + list(plans))
        try:
            for future in pending:
                if future in plans:  # a long book: its synthesis spread over the workers first
                    source, plan = plans.pop(future), future.result()
                    texts = plan["missing"]
                    chunks = [client.submit(synthesise_chunk, texts[i:i + CHUNK_CLIPS], options, plan["engine"],
                                            pure=False, key=f"synthesis-{uuid.uuid4().hex[:8]}-{source.stem[:30]}")
                              for i in range(0, len(texts), CHUNK_CLIPS)] if plan["engine"] else []
                    log.debug("%s: %d clips to make, in %d synthesis tasks", source.name, len(texts), len(chunks))
                    pending.add(submit_book(source, chunks))
                    continue
                source = futures[future]
                outcome = future.result()
                progress.advance()
                if "error" in outcome:
                    yield source, NarrationError(outcome["error"])
                    continue
                outcome["source"], outcome["out_dir"] = Path(outcome["source"]), Path(outcome["out_dir"])
                yield source, ArticleResult(**outcome)
        except BaseException:
            client.cancel(list(futures) + list(plans))
            raise
        finally:
            progress.close()
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
