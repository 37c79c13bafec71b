"""Google's voice through the real ``gtts`` library, politely.

gTTS sends one request per ~100 characters and gives up at the first error.
Around it we add what a batch build needs: a cap on requests in flight, a
minimum interval between request starts, a timeout, and retries with
exponential back-off and jitter on 429, 5xx, timeouts and dropped connections.
Tests swap the HTTP transport (``responses``), never gTTS itself.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ..errors import EngineError
from ..versions import installed_version
from .base import Engine

log = logging.getLogger(__name__)
LANGUAGES_OF_VOICE = {"de": "de"}


class _Pacer:
    """At most ``limit`` calls in flight, and starts at least ``interval`` apart."""

    def __init__(self, limit: int, interval: float):
        self.slots = threading.BoundedSemaphore(max(1, limit))
        self.interval = interval
        self.lock = threading.Lock()
        self.next_start = 0.0

    def __enter__(self):
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            wait = self.next_start - now
            self.next_start = max(now, self.next_start) + self.interval
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc):
        self.slots.release()


def _retryable(exc: Exception) -> tuple[bool, str]:
    response = getattr(exc, "rsp", None)
    if response is not None:
        status = response.status_code
        if status == 429 or status >= 500:
            return True, f"HTTP {status}"
        if status == 200:
            return False, "Google answered without audio (malformed response)"
        return False, f"HTTP {status}"
    import requests  # imported on use: a build whose clips are all cached never needs it (90 ms)

    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, (requests.Timeout, requests.ConnectionError)):
        return True, type(cause).__name__
    return False, str(exc)[:120]


class GttsEngine(Engine):
    name = "gtts"
    display_name = "Google Text-to-Speech (gTTS)"
    limiter_hint_db = -6.0  # limiter threshold its voice usually needs for -16 LUFS (a first guess)
    online = True
    clip_suffix = ".mp3"
    sample_rate = 24000
    default_jobs = 4

    def __init__(self, settings, sleep=time.sleep):
        super().__init__(settings)
        self.pacer = _Pacer(settings.max_concurrency, settings.min_interval)
        self.sleep = sleep

    def version(self) -> str:
        return "gtts " + installed_version("gTTS")

    def cache_identity(self) -> dict:
        return {**super().cache_identity(), "tld": self.settings.tld, "rate": "normal", "pitch": None}

    def voices(self) -> list[str]:
        from gtts.lang import tts_langs

        return [f"{code} ({name})" for code, name in sorted(tts_langs().items()) if code.startswith("de")]

    def available(self):
        """A short probe: does Google's translate host answer at all? Where not even a connection
        can be made (the usual offline machine), that is known without importing requests."""
        host = f"translate.google.{self.settings.tld}"
        timeout = min(3.0, self.settings.timeout)
        why = unconnectable(host, timeout)
        if why:
            return False, f"{host} cannot be reached ({why})"
        import requests

        try:
            requests.head(f"https://{host}/", timeout=timeout, allow_redirects=False)
        except requests.RequestException as exc:
            return False, f"{host} cannot be reached ({type(exc).__name__})"
        return True, f"{host} answers"

    def synthesize(self, text: str) -> bytes:
        """One clip. A sentence with passages in other languages is asked for part by part, each in
        its language (gTTS's ``lang``), and the MP3 answers are joined: MP3 frames stand alone."""
        from ..speech import parts

        if not parts.has_parts(text):
            return self._request(text, self.settings.language)
        return b"".join(self._request(part.text.strip(), part.language or self.settings.language)
                        for part in parts.split(text))

    def languages_without_voice(self, languages: set[str]) -> set[str]:
        from gtts.lang import tts_langs

        known = set(tts_langs())
        return {lang for lang in languages if lang not in known and lang.split("-")[0] not in known}

    def _request(self, text: str, language: str) -> bytes:
        from gtts import gTTS
        from gtts.tts import gTTSError

        s = self.settings
        attempts = s.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                with self.pacer:
                    tts = gTTS(text, lang=language.split("-")[0], tld=s.tld, timeout=s.timeout, lang_check=False)
                    audio = b"".join(tts.stream())
                if not audio:
                    raise EngineError(f"gTTS returned no audio for: {text[:60]!r}", "Google's response had no audio")
                return audio
            except gTTSError as exc:
                retry, reason = _retryable(exc)
                if not retry or attempt == attempts:
                    hint = "no network? try --engine espeak" if not retry and "Connection" in reason else reason
                    raise EngineError(f"gTTS failed after {attempt} tries on: {text[:60]!r}", hint) from exc
                delay = s.backoff * (2 ** (attempt - 1)) * (0.5 + random.random())
                log.info("gTTS %s, retrying in %.2f s (try %d of %d)", reason, delay, attempt + 1, attempts)
                self.sleep(delay)
        raise AssertionError("unreachable")

    def executor(self, jobs):
        return ThreadPoolExecutor(max_workers=max(1, min(jobs, self.settings.max_concurrency))), self.synthesize


def unconnectable(host: str, timeout: float) -> str | None:
    """Why no TCP connection can be made to where an HTTPS request to ``host`` would go (the proxy
    the environment names for it, as requests finds it, or the host itself), or None if one can:
    then only a real request tells. Importing requests costs about 50 ms, a fifth of a rebuild's
    start, and an offline machine answers this at once (refused, no such name, no route)."""
    import socket
    import urllib.parse
    import urllib.request

    target = (host, 443)
    proxies = {} if urllib.request.proxy_bypass(host) else urllib.request.getproxies()
    proxy = proxies.get("https") or proxies.get("all")  # requests' order: the scheme's, then ALL_PROXY
    if proxy:
        parts = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        default_port = {"https": 443, "http": 80}.get(parts.scheme, 1080)  # else SOCKS
        try:
            target = (parts.hostname or "", parts.port or default_port)
        except ValueError:  # a port that is no number: let requests say what is wrong
            return None
    try:
        socket.create_connection(target, timeout=timeout).close()
    except socket.timeout:
        return "no answer"
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None
