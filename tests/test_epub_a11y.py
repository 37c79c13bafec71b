"""Accessibility checkers on the EPUB: axe-core on every content document in
Chromium, and Ace by DAISY on the whole book (issue 5)."""
import zipfile

import pytest

from browser import ace_findings, ace_report, axe_violations, browser, served


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
    _, result = unpacked
    report = ace_report(result.out_dir / f"{result.slug}.epub", tmp_path)
    assert ace_findings(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
