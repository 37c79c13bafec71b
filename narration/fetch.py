"""Web pages as sources: fetched once, kept beside the source, read offline from then on.

A URL source is a ``<name>.url`` file in the source folder (one ``http(s)`` URL; a Windows
Internet Shortcut's ``URL=`` line works too), made for you by ``build.py https://…`` or by
``urls`` in ``narration.toml``. The first build fetches the page with a careful client (time
limits, a size limit, a redirect limit, the charset from the HTTP header, then ``<meta>``, then
the bytes), and keeps it as ``<name>.webpage`` (UTF-8) with ``<name>.webpage.json`` (the URL,
where it led, when). Every later build reads the kept copy, so it needs no network and gives
the same bytes; ``--refresh`` fetches again (the copy is only replaced when the page changed).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ReaderError
from .textio import atomic_write, decode

log = logging.getLogger(__name__)
URL_SUFFIX = ".url"
PAGE_SUFFIX = ".webpage"
INFO_SUFFIX = ".webpage.json"
MAX_BYTES = 10 * 1024 * 1024  # decoded: a news page is well under 2 MB; more is not an article
CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 20  # between two packets
DEADLINE_S = 60  # the whole download: a server that trickles forever is stopped
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "narration/0.1 (+text-to-speech of one article; fetched once and kept)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


class FetchError(ReaderError):
    category = "fetch"


@dataclass(frozen=True)
class Page:
    url: str  # as the user gave it: the one that reaches outputs
    final_url: str  # after redirects
    body: bytes  # UTF-8
    charset: str  # what it was decoded from
    fetched: str  # ISO time


def is_url(text: str) -> bool:
    return bool(re.match(r"^https?://[^\s/]+", str(text), re.I))


def checked_url(text: str) -> str:
    """An absolute http(s) URL with a host and nothing that could break out of an attribute."""
    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or re.search(r"[\s<>\"'`\\]", url):
        raise FetchError(f"'{url[:80]}' is not an http(s) URL")
    return url


def url_in(path: Path, data: bytes) -> str:
    """The URL a ``.url`` file holds: its first line that is not blank or a comment, or the
    ``URL=`` line of an Internet Shortcut."""
    for line in decode(data).splitlines():
        line = line.strip()
        if line.upper().startswith("URL="):
            return checked_url(line[4:])
        if line and not line.startswith(("#", "[", ";")) and "=" not in line.split("://")[0]:
            return checked_url(line)
    raise FetchError("holds no URL", "write one http(s) URL on its first line")


def kept_paths(source: Path) -> tuple[Path, Path]:
    return source.with_suffix(PAGE_SUFFIX), source.with_suffix(INFO_SUFFIX)


def kept_page(source: Path, url: str, refresh: bool = False) -> bytes:
    """The page behind ``source`` (a ``.url`` file): the kept copy, or fetched and kept now."""
    page_path, info_path = kept_paths(source)
    if not refresh and page_path.is_file() and _kept_url(info_path) == url:
        return page_path.read_bytes()
    page = fetch(url)
    if not (page_path.is_file() and page_path.read_bytes() == page.body):  # unchanged: keep its time
        atomic_write(page_path, page.body)
        info = {"url": page.url, "final_url": page.final_url, "fetched": page.fetched, "charset": page.charset}
        atomic_write(info_path, json.dumps(info, indent=1, ensure_ascii=False) + "\n")
    return page.body


def _kept_url(info_path: Path) -> str:
    try:
        return json.loads(info_path.read_text(encoding="utf-8")).get("url", "")
    except (OSError, ValueError, AttributeError):
        return ""


def add_url_source(url: str, folder: Path) -> Path:
    """``build.py https://…``: the URL becomes ``<folder>/<name>.url`` (kept, so the article stays
    in the catalogue and rebuilds offline); a URL already there is found, not added twice."""
    from .slug import slugify

    url = checked_url(url)
    folder.mkdir(parents=True, exist_ok=True)
    for existing in sorted(folder.glob(f"*{URL_SUFFIX}")):
        try:
            if url_in(existing, existing.read_bytes()) == url:
                return existing
        except (OSError, FetchError):
            continue
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    stem = re.sub(r"\.(?:s?html?|php|aspx?|jsp)$", "", segments[-1], flags=re.I) if segments else ""
    name = slugify(stem)[:60].strip("-") or slugify(parts.hostname or "seite")
    path, n = folder / f"{name}{URL_SUFFIX}", 2
    while path.exists():
        path, n = folder / f"{name}-{n}{URL_SUFFIX}", n + 1
    atomic_write(path, url + "\n")
    log.info("%s: added %s", path, url)
    return path


def fetch(url: str) -> Page:
    """GET one HTML page, within every limit above; any failure is one ``FetchError`` line."""
    import requests

    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                            "Accept-Encoding": "gzip, deflate", "Accept-Language": "de,en;q=0.5"})
    host = urlsplit(url).hostname
    try:
        with session.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S)) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url} answered HTTP {response.status_code} {response.reason or ''}".rstrip())
            media_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if media_type and media_type not in HTML_TYPES:
                raise FetchError(f"{url} is not an HTML page ({media_type})")
            body = _read_limited(response, url)
            final_url = response.url
    except requests.TooManyRedirects as exc:
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times") from exc
    except requests.Timeout as exc:
        raise FetchError(f"{host} did not answer in time", "try again later, or save the page as .html") from exc
    except requests.ConnectionError as exc:
        raise FetchError(f"cannot reach {host}", "no network? The page is fetched once and then kept") from exc
    except requests.RequestException as exc:
        raise FetchError(f"{url} could not be fetched ({type(exc).__name__})") from exc
    if media_type == "" and not body.lstrip()[:1] == b"<":
        raise FetchError(f"{url} is not an HTML page")
    text, used = _decoded(body, charset)
    return Page(url, final_url, text.encode("utf-8"), used,
                dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat())


def _content_type(header: str) -> tuple[str, str]:
    message = Message()
    message["content-type"] = header or ""
    media_type = message.get_content_type() if header else ""
    return media_type.lower(), (message.get_param("charset") or "").strip().lower()


def _read_limited(response, url: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(f"{url} is too large ({int(declared) // 1_000_000} MB; the limit is "
                         f"{MAX_BYTES // 1_000_000} MB)")
    chunks, size, started = [], 0, time.monotonic()
    for chunk in response.iter_content(64 * 1024):  # decoded (gzip) bytes: a small bomb is caught too
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(f"{url} is too large (more than {MAX_BYTES // 1_000_000} MB)")
        if time.monotonic() - started > DEADLINE_S:
            raise FetchError(f"{url} took longer than {DEADLINE_S} s to download")
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(body: bytes, header_charset: str) -> tuple[str, str]:
    """HTML's order: a BOM, the HTTP header, ``<meta charset>``, then the bytes themselves. A
    charset that is unknown, or that the bytes contradict, is passed over, not trusted."""
    if body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(body), "bom"
    found = _META_CHARSET.search(body[:4096])
    for charset in (header_charset, found.group(1).decode("ascii", "ignore").lower() if found else ""):
        if not charset:
            continue
        try:
            return body.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            log.debug("page declares charset %r, which does not decode it", charset)
    return decode(body), "detected"
