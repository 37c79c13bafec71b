"""``<name>.url``: a web page by its address. Fetched once and kept (see :mod:`narration.fetch`),
then read like any saved HTML page; its address goes into the outputs as the article's source."""
from __future__ import annotations

from pathlib import Path

from .. import fetch
from . import html
from .base import RawDocument

FORMAT = "url"
SUFFIXES = (".url",)


def read(path: Path, data: bytes) -> RawDocument:
    url = fetch.url_in(path, data)
    raw = html.read(path, fetch.kept_page(path, url))
    raw.meta["source_url"] = url  # the user's address, never a link found in the page
    return raw
