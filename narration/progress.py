"""Progress for long work: a bar on a terminal, a quiet line now and then in CI logs."""
from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("narration")


class Progress:
    def __init__(self, total: int, label: str, quiet: bool = False, every: float = 10.0, unit: str = "clip"):
        self.total, self.label, self.done = total, label, 0
        self.bar = None
        self.quiet = quiet or total == 0
        self.every = every
        self.started = self.last = time.monotonic()
        if not self.quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit=unit, leave=False, dynamic_ncols=True)

    def advance(self, count: int = 1):
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        now = time.monotonic()
        if not self.quiet and (now - self.last >= self.every) and self.done < self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            log.info("%s: %d/%d, about %.0f s left", self.label, self.done, self.total, eta)

    def close(self):
        if self.bar is not None:
            self.bar.close()
