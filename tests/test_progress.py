"""Progress on long work: plain lines when not on a terminal (CI logs)."""
import logging

from narration.progress import Progress


def test_plain_lines_when_not_a_terminal(caplog):
    with caplog.at_level(logging.INFO, logger="narration"):
        progress = Progress(10, "synthesis", every=0.0)
        for _ in range(10):
            progress.advance()
        progress.close()
    lines = [r.getMessage() for r in caplog.records]
    assert lines and all(line.startswith("synthesis: ") and "/10" in line and "s left" in line for line in lines)
    assert len(lines) == 9  # not after the last one: the build's summary line says it is done


def test_quiet_means_silent(caplog):
    with caplog.at_level(logging.INFO, logger="narration"):
        progress = Progress(5, "synthesis", quiet=True, every=0.0)
        for _ in range(5):
            progress.advance()
    assert not caplog.records
