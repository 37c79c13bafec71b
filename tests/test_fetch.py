"""Web pages by URL (issue 23): fetched once by a careful client, kept, then built offline.

Everything runs against a local HTTP server that misbehaves on purpose (redirect loops, 404, 500,
a server that never answers, one that never stops, a huge page, a PDF, wrong charsets, gzip);
never against the internet.
"""
from __future__ import annotations

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from narration import fetch
from narration.document import load
from narration.fetch import FetchError
from test_webpages import ARTICLE, news_page

PAGE = news_page()


class Site(BaseHTTPRequestHandler):
    """Each path is one behaviour."""

    def log_message(self, *args):
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path
        if path == "/artikel/strassenbahn-wird-verlaengert.html":
            self.send(200, PAGE.encode("utf-8"))
        elif path == "/umzug":
            self.send(301, b"", headers=[("Location", "/artikel/strassenbahn-wird-verlaengert.html")])
        elif path.startswith("/kreis"):
            self.send(302, b"", headers=[("Location", f"/kreis{int(path[6:] or 0) + 1}")])
        elif path == "/fehlt":
            self.send(404, b"<h1>Nicht gefunden</h1>")
        elif path == "/kaputt":
            self.send(500, b"<h1>Serverfehler</h1>")
        elif path == "/langsam":
            time.sleep(3)
            self.send(200, PAGE.encode("utf-8"))
        elif path == "/endlos":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:  # a trickle that never ends: only the deadline stops it (not the size cap)
                    self.wfile.write(b"<p>" + b"Mehr Text ohne Ende. " * 500 + b"</p>\n")
                    time.sleep(0.005)
            except (BrokenPipeError, ConnectionResetError):
                return
        elif path == "/riesig":
            self.send(200, b"<p>" + b"x" * (fetch.MAX_BYTES + 10) + b"</p>")
        elif path == "/pdf":
            self.send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/gzip":
            self.send(200, gzip.compress(PAGE.encode("utf-8")), headers=[("Content-Encoding", "gzip")])
        elif path == "/latin":  # the header says nothing; <meta> says windows-1252
            page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
            self.send(200, page.encode("cp1252"), "text/html")
        elif path == "/falsch":  # the header names a charset that does not exist
            self.send(200, PAGE.encode("utf-8"), "text/html; charset=x-nonsense-9")
        elif path == "/widerspruch":  # the header says UTF-8, the bytes are Windows-1252
            self.send(200, PAGE.replace('<meta charset="utf-8">', "").encode("cp1252"), "text/html; charset=utf-8")
        else:
            self.send(404, b"")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up on /endlos is the point of that test


@pytest.fixture
def site():
    server = QuietServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_is_fetched_and_its_charset_and_compression_are_honoured(site):
    for path in ("/artikel/strassenbahn-wird-verlaengert.html", "/gzip", "/latin", "/falsch", "/widerspruch"):
        page = fetch.fetch(site + path)
        text = page.body.decode("utf-8")
        assert "Straßenbahnlinie" in text and "Außenbezirken" in text, path


def test_a_redirect_is_followed_and_the_users_url_is_kept(site):
    page = fetch.fetch(site + "/umzug")
    assert page.url == site + "/umzug" and page.final_url.endswith("/artikel/strassenbahn-wird-verlaengert.html")


@pytest.mark.parametrize("path, message", [
    ("/fehlt", "answered HTTP 404"),
    ("/kaputt", "answered HTTP 500"),
    ("/kreis", f"redirects more than {fetch.MAX_REDIRECTS} times"),
    ("/pdf", "is not an HTML page (application/pdf)"),
    ("/riesig", "is too large"),
])
def test_what_cannot_be_read_is_one_clear_line(site, path, message):
    with pytest.raises(FetchError) as raised:
        fetch.fetch(site + path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_slow_server_and_an_endless_page_are_given_up(site, monkeypatch):
    monkeypatch.setattr(fetch, "READ_TIMEOUT_S", 0.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer in time"):
        fetch.fetch(site + "/langsam")
    monkeypatch.setattr(fetch, "DEADLINE_S", 1)
    monkeypatch.setattr(fetch, "MAX_BYTES", 10 ** 9)
    with pytest.raises(FetchError, match="took longer than 1 s"):
        fetch.fetch(site + "/endlos")
    assert time.monotonic() - started < 10


def test_no_network_is_one_line_naming_the_host():
    with pytest.raises(FetchError) as raised:
        fetch.fetch("http://127.0.0.1:9/artikel")  # the discard port: nothing listens
    assert "cannot reach 127.0.0.1" in str(raised.value)


def test_only_http_urls_are_accepted():
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/a", "https://", "https://a b/c",
                'https://example.org/"><script>'):
        with pytest.raises(FetchError):
            fetch.checked_url(bad)
    assert fetch.checked_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"


def test_a_url_file_reads_a_plain_line_or_an_internet_shortcut(tmp_path, site):
    url = site + "/artikel/strassenbahn-wird-verlaengert.html"
    (tmp_path / "a.url").write_text(f"# Straßenbahn\n{url}\n", encoding="utf-8")
    (tmp_path / "b.url").write_text(f"[InternetShortcut]\r\nURL={url}\r\n", encoding="utf-8")
    for name in ("a.url", "b.url"):
        doc = load(tmp_path / name)
        assert doc.meta.source_url == url and ARTICLE[0] in [s.text for s in doc.sentences()]
    kept = json.loads((tmp_path / "a.webpage.json").read_text(encoding="utf-8"))
    assert kept["url"] == url and kept["fetched"] and (tmp_path / "a.webpage").is_file()


def test_a_url_builds_end_to_end_and_rebuilds_offline_as_a_no_op(tmp_path, site):
    from ebooklib import epub
    from lxml import html as lxml_html

    url = site + "/umzug"
    flags = ["--engine", "espeak", "--formats", "mp3,epub,html", "--cache-dir", tmp_path / "cache"]
    first = run_cli(url, *flags, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    source = tmp_path / "source" / "umzug.url"
    assert source.read_text(encoding="utf-8").strip() == url
    out = tmp_path / "output" / "umzug"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    book = epub.read_epub(str(out / "umzug.epub"))
    assert book.get_metadata("DC", "source")[0][0] == url
    player = lxml_html.fromstring((out / "index.html").read_bytes())
    assert player.xpath("//p[@class='source']/a/@href") == [url]
    feed = (tmp_path / "output" / "feed.xml").read_text(encoding="utf-8")
    assert f"<link>{url}</link>" in feed

    offline = {"HTTP_PROXY": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}
    again = run_cli(*flags, cwd=tmp_path, env=offline)  # the whole catalogue, the network gone
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before

    refreshed = run_cli(*flags, "--refresh", cwd=tmp_path, env=offline)
    assert refreshed.returncode == 0 and "not refreshed" in refreshed.stderr and "building the kept copy" in refreshed.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_url_that_fails_is_one_line_and_the_other_articles_build(tmp_path, site):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "notiz.txt").write_text("Ein kurzer Text.\n", encoding="utf-8")
    result = run_cli(site + "/fehlt", "source", "--engine", "espeak", "--formats", "mp3",
                     "--cache-dir", tmp_path / "cache", cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: source/fehlt.url: {site}/fehlt answered HTTP 404 Not Found"]
    assert "Traceback" not in result.stderr and (tmp_path / "output" / "notiz" / "notiz.mp3").is_file()
    assert not (tmp_path / "source" / "fehlt.webpage").exists()


def test_urls_in_the_project_configuration_become_sources(tmp_path, site):
    url = site + "/artikel/strassenbahn-wird-verlaengert.html"
    (tmp_path / "narration.toml").write_text(f'[sources]\nurls = ["{url}"]\n', encoding="utf-8")
    result = run_cli("--engine", "espeak", "--formats", "mp3", "--cache-dir", tmp_path / "cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "source" / "strassenbahn-wird-verlaengert.url").is_file()
    assert (tmp_path / "output" / "strassenbahn-wird-verlaengert" / "strassenbahn-wird-verlaengert.mp3").is_file()
    (tmp_path / "narration.toml").write_text('[sources]\nurls = ["javascript:alert(1)"]\n', encoding="utf-8")
    bad = run_cli("--engine", "espeak", cwd=tmp_path)
    assert bad.returncode == 2 and "is not an http(s) URL" in bad.stderr
