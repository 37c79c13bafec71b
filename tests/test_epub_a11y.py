"""Accessibility checkers on the EPUB: axe-core on every content document in
Chromium, and Ace by DAISY on the whole book (issue 5)."""
import json
import os
import subprocess
import zipfile

import pytest

from browser import CHROMIUM_FLAGS, axe_violations, browser, chromium_path, served
from conftest import ROOT, need

ACE = ROOT / ".cache" / "ace" / "node_modules" / ".bin" / "ace-cli"


@pytest.fixture(scope="module", params=["seed", "rich", "aac", "web"])
def unpacked(request, seed_build, rich_build, aac_build, web_build, tmp_path_factory):
    result = {"seed": seed_build, "rich": rich_build, "aac": aac_build, "web": web_build}[request.param]
    folder = tmp_path_factory.mktemp(f"epub-{request.param}")
    with zipfile.ZipFile(result.out_dir / f"{result.slug}.epub") as archive:
        archive.extractall(folder)
    return folder, result


def test_axe_on_every_content_document(unpacked):
    folder, _ = unpacked
    pages = sorted((folder / "EPUB").glob("*.xhtml"))
    assert len(pages) >= 4
    with served(folder / "EPUB") as base, browser() as page:
        for xhtml in pages:
            page.goto(f"{base}/{xhtml.name}")
            assert axe_violations(page) == [], xhtml.name


def test_ace_by_daisy_reports_no_violations(unpacked, tmp_path):
    folder, result = unpacked
    need(ACE.exists(), "Ace by DAISY is not installed (tests/ensure-tools.sh installs it from npm)")
    wrapper = tmp_path / "chromium-headless"
    wrapper.write_text(f'#!/bin/sh\nexec {chromium_path()} {" ".join(CHROMIUM_FLAGS)} "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": str(wrapper)}
    report_dir = tmp_path / "ace"
    run = subprocess.run([str(ACE), "-s", "-f", "-o", str(report_dir), str(result.out_dir / f"{result.slug}.epub")],
                         capture_output=True, text=True, env=env, timeout=600)
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    violations = [(a["earl:testSubject"]["url"], b["earl:test"]["dct:title"])
                  for a in report["assertions"] for b in a.get("assertions", [])]
    assert violations == [], run.stdout + run.stderr
    assert report["earl:result"]["earl:outcome"] == "pass"
