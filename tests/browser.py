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
