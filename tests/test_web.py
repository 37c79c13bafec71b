"""The web player page and site index in real headless Chromium; axe-core for
WCAG 2.2 A/AA; the serve command's Range support (issue 6)."""
import json
import urllib.request

import pytest

from browser import axe_violations, browser, served


@pytest.fixture(scope="module")
def site(seed_build):
    with served(seed_build.out_dir.parent) as base:
        yield base, seed_build


def cues_of(seed_build):
    manifest = json.loads((seed_build.out_dir / "manifest.json").read_text(encoding="utf-8"))
    return manifest["timeline"]["cues"]


def test_highlight_follows_the_audio(site):
    base, seed = site
    cues = cues_of(seed)
    with browser() as page:
        page.goto(f"{base}/{seed.slug}/index.html")
        page.evaluate("narration.audio.play()")
        page.wait_for_function("narration.audio.currentTime > 3", timeout=20000)
        state = page.evaluate("({t: narration.audio.currentTime, id: narration.current()})")
        page.evaluate("narration.audio.pause()")
        expected = [c["id"] for c in cues if c["start_ms"] <= state["t"] * 1000 + 300][-1]
        previous = [c["id"] for c in cues if c["start_ms"] <= state["t"] * 1000 - 300][-1]
        assert state["id"] in (expected, previous)
        assert page.locator(".sentence.current").count() == 1
        assert page.locator(".sentence.current").get_attribute("id") == state["id"]


def test_the_word_being_heard_is_marked_and_the_page_stays_accessible(site):
    base, seed = site
    cues = {c["id"]: c for c in cues_of(seed)}
    with browser() as page:
        page.goto(f"{base}/{seed.slug}/index.html")
        page.evaluate("narration.audio.play()")
        page.wait_for_function("narration.audio.currentTime > 4 && narration.currentWord() !== null", timeout=20000)
        page.evaluate("narration.audio.pause()")
        state = page.evaluate("({t: narration.audio.currentTime, id: narration.current(), word: narration.currentWord()})")
        heard = [w for w in cues[state["id"]]["words"] if w["start_ms"] <= state["t"] * 1000 + 20]
        assert state["word"] == heard[-1]["text"]
        marked = page.locator(".word-current")
        assert marked.count() == 1 and marked.inner_text() == state["word"]
        assert page.locator(f"#{state['id']} .word-current").count() == 1  # inside the highlighted sentence
        text = page.locator(f"#{state['id']}").inner_text()
        assert " ".join(text.split()) == " ".join(cues[state["id"]]["text"].split())  # text unchanged for readers
        assert axe_violations(page) == []


def test_click_and_enter_seek_to_the_sentence(site):
    base, seed = site
    cues = cues_of(seed)
    target, other = cues[20], cues[35]
    with browser() as page:
        page.goto(f"{base}/{seed.slug}/index.html")
        page.wait_for_function("narration.audio.readyState >= 1", timeout=20000)
        page.click(f"#{target['id']}")
        page.wait_for_function(f"Math.abs(narration.audio.currentTime - {target['start_ms'] / 1000}) < 0.05")
        assert page.evaluate("narration.current()") == target["id"]
        page.focus(f"#{other['id']}")
        page.keyboard.press("Enter")
        page.wait_for_function(f"Math.abs(narration.audio.currentTime - {other['start_ms'] / 1000}) < 0.05")
        assert page.evaluate("narration.current()") == other["id"]


def test_chapter_links_seek(site):
    base, seed = site
    cues = cues_of(seed)
    second = [c for c in cues if c["kind"] == "heading"][0]  # section 2 (section 1's title is not spoken)
    with browser() as page:
        page.goto(f"{base}/{seed.slug}/index.html")
        page.wait_for_function("narration.audio.readyState >= 1", timeout=20000)
        page.click(f"a[data-seek='{second['id']}']")
        page.wait_for_function(f"Math.abs(narration.audio.currentTime - {second['start_ms'] / 1000}) < 0.05")
        page.click(f"a[data-seek='{cues[0]['id']}']")  # chapter 1 starts with its first spoken item
        page.wait_for_function("narration.audio.currentTime < 0.05")


@pytest.mark.parametrize("path", ["{slug}/index.html", "index.html"])
def test_axe_wcag22_no_violations(site, path):
    base, seed = site
    with browser() as page:
        page.goto(f"{base}/{path.format(slug=seed.slug)}")
        assert axe_violations(page) == []


def test_page_works_without_javascript(site):
    base, seed = site
    with browser(javascript=False) as page:
        page.goto(f"{base}/{seed.slug}/index.html")
        assert page.locator("audio[controls]").count() == 1
        assert page.locator("audio track[kind=captions]").get_attribute("src") == f"{seed.slug}.vtt"
        assert page.locator(".sentence").count() == len(cues_of(seed))
        assert page.locator("html").get_attribute("lang") == "de"
        assert page.locator("a.skip").get_attribute("href") == "#text"
        hrefs = page.eval_on_selector_all("a[download]", "els => els.map(e => e.getAttribute('href'))")
        assert {f"{seed.slug}.epub", f"{seed.slug}.mp3", f"{seed.slug}.m4b", f"{seed.slug}.vtt"} <= set(hrefs)


def test_our_script_runs_under_the_pages_own_csp(site):
    base, seed = site
    errors = []
    with browser(bypass_csp=False) as page:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/{seed.slug}/index.html")
        assert "js" in (page.locator("html").get_attribute("class") or "")  # set by the hash-pinned script
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_page_loads_nothing_from_outside(site):
    base, seed = site
    requested = []
    with browser(bypass_csp=False) as page:
        page.on("request", lambda r: requested.append(r.url))
        page.goto(f"{base}/{seed.slug}/index.html")
        page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(base) for url in requested), requested


def test_serve_supports_range_requests(site):
    base, seed = site
    url = f"{base}/{seed.slug}/{seed.slug}.mp3"
    whole = (seed.out_dir / f"{seed.slug}.mp3").read_bytes()
    request = urllib.request.Request(url, headers={"Range": "bytes=100-199"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 206
        assert response.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
        assert response.read() == whole[100:200]
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Range": "bytes=-10"})) as response:
        assert response.read() == whole[-10:]
    with urllib.request.urlopen(url) as response:
        assert response.status == 200 and response.headers["Accept-Ranges"] == "bytes"


def test_serve_answers_only_published_files(site, tmp_path):
    import http.client
    import os
    from urllib.parse import urlparse

    base, seed = site
    (seed.out_dir.parent / "geheim-link").unlink(missing_ok=True)
    os.symlink("/etc", seed.out_dir.parent / "geheim-link")
    netloc = urlparse(base).netloc

    def status(path, headers=None):
        connection = http.client.HTTPConnection(netloc, timeout=10)
        connection.request("GET", path, headers=headers or {})  # raw path: no client-side clean-up
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status

    try:
        assert status(f"/{seed.slug}/index.html") == 200
        assert status(f"/{seed.slug}/.build-stamp.json") == 404
        assert status("/.narration-output") == 404
        assert status(f"/{seed.slug}/../../../../etc/passwd") == 404
        assert status("/%2e%2e/%2e%2e/etc/passwd") == 404
        assert status("/geheim-link/passwd") == 404  # a link that leads out
        assert status(f"/{seed.slug}/sections/") == 404  # no listings
        assert status(f"/{seed.slug}/{seed.slug}.mp3", {"Range": "bytes=999999999-"}) == 416
        assert status(f"/{seed.slug}/{seed.slug}.mp3", {"Range": "bytes=5-2"}) == 200  # invalid: ignored
        assert status(f"/{seed.slug}/{seed.slug}.mp3", {"Range": "bytes=0-9"}) == 206
    finally:
        (seed.out_dir.parent / "geheim-link").unlink(missing_ok=True)


def test_a_web_pages_player_names_its_source_shows_the_credit_and_passes_axe(web_build):
    """A saved news page (issue 23): the player links the page's address, shows the figure's credit
    outside every sentence (so the highlight never reaches it), and stays clean for axe-core."""
    with served(web_build.out_dir.parent) as base, browser() as page:
        page.goto(f"{base}/{web_build.slug}/index.html")
        assert page.get_attribute("p.source a", "href") == "https://example.org/lokales/strassenbahn.html"
        assert page.inner_text("#text .credit") == "Foto: dpa"
        assert page.evaluate("document.querySelector('.credit').closest('.sentence')") is None
        text = page.inner_text("#text")
        for junk in ("Feuerwehr", "Teilen", "Facebook", "Anzeige", "Impressum", "Startseite"):
            assert junk not in text
        assert axe_violations(page) == []
