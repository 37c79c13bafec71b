"""Work whose result is needed only later, done while the build waits for other processes.

The covers are the case: Pillow draws and compresses a 1400 px square in about
a tenth of a second, and nothing needs it until the encoded audio is tagged or
the site is written. Drawn on a thread while the build's main thread reads the
text, it would take turns with that thread (both are Python); drawn while the
main thread only waits (for the loudness meters, the encoders), it costs the
build nothing it would notice. An error is raised where the result is asked for.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor


def start(name: str, function, *args) -> Future:
    """``function(*args)`` begun now on a thread named ``name``. Like every executor's thread it is
    joined before the interpreter exits, so a file it writes is never left half-made by a normal
    exit (and ``textio.atomic_write`` covers the others)."""
    executor = ThreadPoolExecutor(1, thread_name_prefix=name)
    try:
        return executor.submit(function, *args)
    finally:
        executor.shutdown(wait=False)


class Deferred:
    """``function(*args)``, begun at the build's next wait (``idle``) or when its result is asked
    for, whichever comes first."""

    def __init__(self, name: str, function, args: tuple):
        self.name, self.function, self.args = name, function, args
        self.future: Future | None = None
        self.lock = threading.Lock()

    def begin(self) -> None:
        with self.lock:
            if self.future is None:
                self.future = start(self.name, self.function, *self.args)

    def result(self):
        self.begin()
        return self.future.result()

    def cancel(self) -> None:
        """Not needed after all: never begun if it has not been."""
        with _lock:
            if self in _waiting:
                _waiting.remove(self)


_waiting: list[Deferred] = []
_lock = threading.Lock()


def when_idle(name: str, function, *args) -> Deferred:
    deferred = Deferred(name, function, args)
    with _lock:
        _waiting.append(deferred)
    return deferred


def idle() -> None:
    """The build's main thread is about to wait for other processes: begin the deferred work."""
    with _lock:
        ready = list(_waiting)
        _waiting.clear()
    for deferred in ready:
        deferred.begin()
