#!/usr/bin/env python3
"""Build every article in source/ (or the given paths). See README.md."""
import sys

from narration.cli import main

if __name__ == "__main__":
    sys.exit(main())
