"""Synthesise every clip the cache lacks, in parallel, with progress.

Identical speech text is synthesised once; clips already cached cost nothing,
so a rebuild with nothing changed does no synthesis at all.
"""
from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass
from pathlib import Path

from .cache import ClipCache, clip_key
from .engines.base import Engine
from .progress import Progress
from .speech import parts
from .speech.script import ScriptItem

log = logging.getLogger(__name__)
IN_FLIGHT_PER_JOB = 4
JOBS_PER_SLOT = 4  # a long book's synthesis on a cluster: at least this many jobs per worker thread


@dataclass
class SynthStats:
    clips: int = 0
    cached: int = 0
    synthesised: int = 0


def keys_for(items: list[ScriptItem], engine: Engine) -> dict[str, str]:
    """Each item's clip key. A sentence with a passage in another language also keys on the voices
    its passages are read by (the marks in its speech text say which languages): changing a mark,
    or a language's voice, makes only the sentences it touches anew."""
    identity = engine.cache_identity()
    keys = {}
    for item in items:
        used = parts.languages(item.speech)
        if used:
            voices = {lang: engine.settings.voice_for(lang) for lang in sorted(used)}
            keys[item.id] = clip_key({**identity, "voices": voices}, item.speech)
        else:
            keys[item.id] = clip_key(identity, item.speech)
    return keys


_TOLD: set[tuple[str, str]] = set()


def warn_missing_voices(items: list[ScriptItem], engine: Engine, label: str) -> None:
    """One line per language no voice of the engine has (its passages are read in German)."""
    used = set().union(*(parts.languages(item.speech) for item in items)) if items else set()
    for language in sorted(engine.languages_without_voice(used)):
        if (engine.name, language) not in _TOLD:
            _TOLD.add((engine.name, language))
            log.warning("%s: %s has no voice for '%s': those passages are read by the document's voice",
                        label, engine.display_name, language)


def synthesize(items: list[ScriptItem], engine: Engine, cache: ClipCache, jobs: int, quiet: bool = False,
               label: str = "synthesis", spread=None, keys: dict | None = None) -> tuple[dict[str, str], SynthStats]:
    """Every clip the cache lacks, made here in the engine's pool, or (``spread`` a cluster's, and
    more than a job's worth missing) by every worker into the shared cache. ``keys``: the items'
    clip keys, if the caller has them already."""
    keys = keys if keys is not None else keys_for(items, engine)
    speech_of = {keys[item.id]: item.speech for item in items}
    warn_missing_voices(items, engine, label)
    missing = [key for key in speech_of if not cache.has(key)]
    # a sentence heard twice is synthesised once: its second clip counts as from the cache
    stats = SynthStats(clips=len(items), cached=len(items) - len(missing), synthesised=len(missing))
    chunk = getattr(spread, "chunk_clips", 0)  # only a cluster's spread synthesises elsewhere
    if chunk and len(missing) > chunk:
        chunk = min(chunk, -(-len(missing) // (JOBS_PER_SLOT * spread.slots)))  # no worker idle at the end
        texts = [speech_of[key] for key in missing]
        chunks = [SynthesisJob(engine.name, engine.settings, str(cache.root), tuple(texts[i:i + chunk]), jobs)
                  for i in range(0, len(texts), chunk)]
        progress = Progress(len(missing), label, quiet=quiet)
        try:
            for made in spread.map(run_synthesis_job, chunks):
                progress.advance(made)
        finally:
            progress.close()
        missing = [key for key in missing if not cache.has(key)]  # normally none
    if missing:
        filler = engine.filler(min(jobs, len(missing)))  # the engine's workers write the cache
        executor, task = filler or engine.executor(min(jobs, len(missing)))
        progress = Progress(len(missing), label, quiet=quiet)
        waiting = iter(missing)
        owner: dict = {}

        def submit_next():
            key = next(waiting, None)
            if key is not None:
                where = (str(cache.path(key)),) if filler else ()
                owner[executor.submit(task, speech_of[key], *where)] = key

        try:
            # A bounded window of clips in flight: each finished clip goes to the cache and is
            # dropped at once, so a ten-hour book never holds its audio in memory.
            for _ in range(max(1, jobs) * IN_FLIGHT_PER_JOB):
                submit_next()
            while owner:
                done, _ = wait(owner, return_when=FIRST_COMPLETED)
                for future in done:
                    clip = future.result()  # re-raises the engine's error
                    key = owner.pop(future)
                    if not filler:
                        cache.put(key, clip)
                    progress.advance()
                    submit_next()
        except BaseException:
            for future in owner:
                future.cancel()
            raise
        finally:
            progress.close()
            engine.release(executor)
    return keys, stats


@dataclass(frozen=True)
class SynthesisJob:
    """Sentences for one worker of a cluster to put into the shared cache (part of a long book):
    plain data, since an engine holds handles no pickle can carry. ``jobs`` 0: the worker's cores."""
    engine: str
    settings: object  # the engine's VoiceSettings, voice included
    cache_root: str
    texts: tuple[str, ...]
    jobs: int


def run_synthesis_job(job: SynthesisJob) -> int:
    from .engines import engine_class

    engine = engine_class(job.engine)(job.settings)
    items = [ScriptItem(f"job-{n}", "paragraph", text, text, 0, "", 0) for n, text in enumerate(job.texts)]
    cache = ClipCache(Path(job.cache_root), engine.clip_suffix)
    synthesize(items, engine, cache, job.jobs or engine.default_jobs, quiet=True)
    return len(job.texts)
