#!/usr/bin/env python3
"""Build every article in source/ (or the given paths). See README.md."""
import gc
import sys

from narration.cli import main

if __name__ == "__main__":
    code = main()
    # What is left is freed by the OS as the process ends; Python's last collections would only
    # walk it (about 50 ms after a build). Files are all closed by now, the workers shut down at exit.
    gc.freeze()
    sys.exit(code)
