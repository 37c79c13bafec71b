"""Work whose result is needed only later, started now on a thread of its own.

The covers are the case: Pillow draws and compresses a 1400 px square in about
a tenth of a second, and nothing needs it until the encoded audio is tagged.
Meanwhile the build's main thread mostly waits (for the synthesis workers, the
loudness meters, the encoders), so the drawing fits into those waits instead
of adding to the build. An error is raised where the result is asked for.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor


def start(name: str, function, *args) -> Future:
    """``function(*args)`` begun on a thread named ``name``. Like every executor's thread it is
    joined before the interpreter exits, so a file it writes is never left half-made by a normal
    exit (and ``textio.atomic_write`` covers the others)."""
    executor = ThreadPoolExecutor(1, thread_name_prefix=name)
    try:
        return executor.submit(function, *args)
    finally:
        executor.shutdown(wait=False)

