"""Real headless Chromium (Debian's) through Playwright, plus axe-core."""
from __future__ import annotations

import contextlib
import shutil
import threading
from pathlib import Path

from conftest import need

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                  "--autoplay-policy=no-user-gesture-required", "--mute-audio"]
WCAG22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    need(path is not None, "Debian's chromium is not installed (tests/ensure-tools.sh installs it)")
    return path


@contextlib.contextmanager
def browser(javascript: bool = True, bypass_csp: bool = True):
    """A page; ``bypass_csp`` lets Playwright's own polling run (our CSP forbids eval)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        context = instance.new_context(java_script_enabled=javascript, bypass_csp=bypass_csp)
        try:
            yield context.new_page()
        finally:
            context.close()
            instance.close()


def axe_violations(page, tags=WCAG22) -> list[dict]:
    import axe_playwright_python

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    page.evaluate(script)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result["violations"]]


@contextlib.contextmanager
def served(folder: Path):
    """Our own ``build.py serve`` server, on a free port on 127.0.0.1."""
    from narration.serve import make_server

    server = make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


ACE = Path(__file__).resolve().parent.parent / ".cache" / "ace" / "node_modules" / ".bin" / "ace-cli"


def ace_report(epub: Path, work: Path) -> dict:
    """Ace by DAISY's report on ``epub``, run in Debian's Chromium.

    Ace launches its browser through Puppeteer with a fixed launch timeout; on a loaded two-core
    machine that launch can fail and Ace then writes no report at all. That is a failure to run
    the checker, not a finding, so it is tried once more; a report with violations never is."""
    import json
    import os
    import subprocess

    need(ACE.exists(), "Ace by DAISY is not installed (tests/ensure-tools.sh installs it from npm)")
    wrapper = work / "chromium-headless"
    wrapper.write_text(f'#!/bin/sh\nexec {chromium_path()} {" ".join(CHROMIUM_FLAGS)} "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": str(wrapper)}
    output = ""
    for attempt in range(2):
        folder = work / f"ace-{attempt}"
        run = subprocess.run([str(ACE), "-s", "-f", "-o", str(folder), str(epub)], capture_output=True, text=True,
                             env=env, timeout=600)
        output += run.stdout + run.stderr
        if (folder / "report.json").exists():
            return json.loads((folder / "report.json").read_text(encoding="utf-8"))
    raise AssertionError(f"Ace by DAISY wrote no report (exit {run.returncode}):\n{output[-3000:]}")


def ace_findings(report: dict) -> list[tuple[str, str]]:
    """Each (document, rule) an Ace report lists as violated."""
    return [(a["earl:testSubject"]["url"], b["earl:test"]["dct:title"])
            for a in report["assertions"] for b in a.get("assertions", [])]


def ace_violations(epub: Path, work: Path) -> list[tuple[str, str]]:
    """Each (document, rule) Ace by DAISY finds violated in ``epub``."""
    return ace_findings(ace_report(epub, work))
