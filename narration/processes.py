"""Child processes that never outlive the build, and signals that stop it cleanly.

Every ffmpeg and every synthesis worker asks Linux to kill it when its parent
dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), so even a SIGKILL of the build
leaves no process behind. SIGINT and SIGTERM kill the running children at
once and unwind the build through its ``finally`` blocks, which remove its
temporaries; the command line then says so in one line and exits 130 / 143.
SIGXFSZ (a file-size limit) is ignored, so a write past the limit fails with
an error the build can report instead of killing the process.
"""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import threading

_PR_SET_PDEATHSIG = 1
PARENT_VARIABLE = "NARRATION_FORKSERVER_PARENT"  # the process a fork server must die with
_children: set[subprocess.Popen] = set()
_lock = threading.Lock()


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwinds like Ctrl-C, but the exit status says who asked (143)."""

    exit_code = 143


def die_with_parent(expected: int = 0) -> None:
    """In a new child: be killed when the parent dies. (For Popen's ``preexec_fn`` and pool
    initialisers.) If the parent is already gone, leave at once. ``expected``: the parent's pid when
    it is known; a child that starts only after its parent died has already been handed to another
    process, which ``getppid`` alone cannot tell from the real parent."""
    parent = expected or os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def allow_children() -> None:
    """Let this process start synthesis workers even when it is itself a daemonic process, as
    every Dask worker under a nanny is (``dask worker``, dask-jobqueue, Kubernetes, LocalCluster).

    Python forbids a daemonic process children of its own because, killed, it could not reap
    them: they would be orphans. Ours cannot be: every child, the fork server and each synthesis
    worker, asks Linux to kill it when its parent dies (``die_with_parent``), which is the guarantee
    the rule stands in for. So the flag is lifted for this process only; the nanny still treats it
    as its daemon (the flag lives in the nanny's own process object), and the children started
    here are not daemonic themselves."""
    import multiprocessing

    current = multiprocessing.current_process()
    if current.daemon:
        current._config["daemon"] = False  # noqa: SLF001 - the one switch multiprocessing has for this


def run(command: list[str], input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    """``subprocess.run`` whose child dies with us and is killed when the build is interrupted."""
    process = subprocess.Popen(command, stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=die_with_parent)
    with _lock:
        _children.add(process)
    try:
        stdout, stderr = process.communicate(input_bytes)
    finally:
        with _lock:
            _children.discard(process)
        if process.poll() is None:
            process.kill()
            process.wait()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def kill_children() -> None:
    with _lock:
        running = list(_children)
    for process in running:
        try:
            process.kill()
        except OSError:
            pass


def _stop(signum, _frame):
    kill_children()
    if signum == signal.SIGTERM:
        raise Terminated()
    raise KeyboardInterrupt()


def install() -> None:
    """In the main thread of the command line."""
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
