"""Synthesise every clip the cache lacks, in parallel, with progress.

Identical speech text is synthesised once; clips already cached cost nothing,
so a rebuild with nothing changed does no synthesis at all.
"""
from __future__ import annotations

import logging
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass

from .cache import ClipCache, clip_key
from .engines.base import Engine
from .progress import Progress
from .speech.script import ScriptItem

log = logging.getLogger(__name__)
IN_FLIGHT_PER_JOB = 4


@dataclass
class SynthStats:
    clips: int = 0
    cached: int = 0
    synthesised: int = 0


def keys_for(items: list[ScriptItem], engine: Engine) -> dict[str, str]:
    identity = engine.cache_identity()
    return {item.id: clip_key(identity, item.speech) for item in items}


def synthesize(items: list[ScriptItem], engine: Engine, cache: ClipCache, jobs: int, quiet: bool = False,
               label: str = "synthesis") -> tuple[dict[str, str], SynthStats]:
    keys = keys_for(items, engine)
    speech_of = {keys[item.id]: item.speech for item in items}
    missing = [key for key in speech_of if not cache.has(key)]
    # a sentence heard twice is synthesised once: its second clip counts as from the cache
    stats = SynthStats(clips=len(items), cached=len(items) - len(missing), synthesised=len(missing))
    if missing:
        executor, task = engine.executor(min(jobs, len(missing)))
        progress = Progress(len(missing), label, quiet=quiet)
        waiting = iter(missing)
        owner: dict = {}

        def submit_next():
            key = next(waiting, None)
            if key is not None:
                owner[executor.submit(task, speech_of[key])] = key

        try:
            # A bounded window of clips in flight: each finished clip goes to the cache and is
            # dropped at once, so a ten-hour book never holds its audio in memory.
            for _ in range(max(1, jobs) * IN_FLIGHT_PER_JOB):
                submit_next()
            while owner:
                done, _ = wait(owner, return_when=FIRST_COMPLETED)
                for future in done:
                    cache.put(owner.pop(future), future.result())  # re-raises the engine's error
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
