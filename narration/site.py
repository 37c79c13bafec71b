"""Site-level outputs over every built article: ``feed.xml``, ``index.html``
and the podcast artwork. Read from what each article's build stamp says of it
(``pipeline.site_entry``), so the site never needs the articles rebuilt, and a
catalogue of thousands is not re-read in full (their timing maps) whenever one
changes; an article stamped by an earlier version is read from its manifest.json."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from lxml import etree

from .cover import PODCAST_IMAGE, podcast_cover
from .feed import build_feed
from .pipeline import SITE_FIELDS, SITE_KEYS, previous_stamp
from .textio import atomic_write
from .writers.markup import el
from .writers.player import duration, page

log = logging.getLogger(__name__)


def _entry_of(folder: Path) -> dict | None:
    found = previous_stamp(folder).get("site")
    if isinstance(found, dict) and set(SITE_FIELDS) <= found.keys():
        return found
    try:  # stamped by an earlier version: its manifest says the same, at length
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        meta = manifest["document"]["meta"]
        return {**{key: meta.get(key, "") for key in SITE_KEYS}, "duration_ms": manifest["timeline"]["duration_ms"],
                "files": manifest["files"], "modified": manifest.get("modified", "")}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def collect(out_root: Path) -> list[dict]:
    articles = []
    for manifest_path in sorted(out_root.glob("*/manifest.json")):
        folder = manifest_path.parent
        found = _entry_of(folder)
        if found is None:
            log.warning("skipping %s: unreadable manifest", manifest_path)
            continue
        files = {}
        for role, name in found["files"].items():
            path = folder / name
            if path.is_file():
                files[role] = {"name": name, "size": path.stat().st_size}
        articles.append({"slug": folder.name, **{key: found[key] for key in SITE_FIELDS}, "files": files})
    return articles


def write_site(out_root: Path, options, cover=None) -> None:
    """``cover``: a Future of ``cover.podcast_cover`` started earlier (drawn while articles built)."""
    articles = collect(out_root)
    podcast = options.podcast
    artwork = cover.result() if cover is not None else podcast_cover(out_root, podcast)
    if artwork is not None:
        atomic_write(out_root / PODCAST_IMAGE, artwork)
    with_audio = [a for a in articles if "mp3" in a["files"]]
    atomic_write(out_root / "feed.xml", build_feed(with_audio, podcast, PODCAST_IMAGE))
    atomic_write(out_root / "index.html", index_page(articles, podcast))


def index_page(articles: list[dict], podcast) -> str:
    body = etree.Element("body")
    main = el(body, "main")
    el(main, "h1", podcast.title)
    el(main, "p", podcast.description)
    links = el(main, "p")
    el(links, "a", "Podcast-Feed (RSS)", href="feed.xml")
    listing = el(main, "ul", class_="linklist articles")
    for article in sorted(articles, key=lambda a: a["date"] or "", reverse=True):
        item = el(listing, "li")
        link = el(item, "a", href=f"{article['slug']}/index.html")
        el(link, "span", article["title"])
        el(link, "span", f" ({duration(article['duration_ms'])})")
    return page(podcast.title, podcast.language, body)
