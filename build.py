#!/usr/bin/env python3
"""Build every article in source/ (or the given paths). See README.md."""
import atexit
import gc
import os
import sys

_STATUS: list[int] = []


@atexit.register  # first registered, so it runs last: after the pools are shut and temporaries gone
def _leave_without_teardown() -> None:
    """What is left after the exit handlers is the interpreter freeing every object of ~450
    modules one by one, which the OS does at once as the process ends (20 ms of every build).
    Only for a status ``main`` returned; anything else leaves the usual way."""
    if _STATUS:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(_STATUS[0])


from narration.cli import main  # noqa: E402 - after the handler above, so it runs after theirs

if __name__ == "__main__":
    code = main()
    # What is left is freed by the OS as the process ends; Python's last collections would only
    # walk it (about 50 ms after a build). Files are all closed by now, the workers shut down at exit.
    gc.freeze()
    _STATUS.append(code if isinstance(code, int) else 1)
    sys.exit(code)
