"""The command's way out: ``build.py`` and the installed ``narration`` command both leave here.

After a build, what is left is the interpreter freeing every object of ~450 modules one by one,
which the OS does at once as the process ends (20 ms of every build). This module registers its
exit handler when it is imported, before the rest of narration, so the handler runs last: after
the pools are shut, the temporaries gone and the streams flushed.
"""
import atexit
import gc
import os
import sys

_STATUS: list[int] = []


@atexit.register
def _leave_without_teardown() -> None:
    """Only for a status ``main`` returned; anything else leaves the usual way."""
    if _STATUS:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(_STATUS[0])


def leave(code) -> None:
    # What is left is freed by the OS as the process ends; Python's last collections would only
    # walk it (about 50 ms after a build). Files are all closed by now, the workers shut down at exit.
    gc.freeze()
    _STATUS.append(code if isinstance(code, int) else 1)
    sys.exit(code)


def console() -> None:
    """The ``narration`` command that pip installs: the same interface as ``build.py``."""
    from .cli import main

    leave(main())
