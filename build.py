#!/usr/bin/env python3
"""Build every article in source/ (or the given paths). See README.md."""
import narration.fastexit  # first: its exit handler must run after everyone else's

from narration.cli import main  # noqa: E402

if __name__ == "__main__":
    narration.fastexit.leave(main())
