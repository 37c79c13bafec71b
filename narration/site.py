"""Site-level outputs over every built article: ``feed.xml``, ``index.html``
and the podcast artwork. Read from each article's ``manifest.json``, so the
site never needs the articles rebuilt."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from lxml import etree

from .cover import cover_png
from .feed import build_feed
from .textio import atomic_write
from .writers.markup import el
from .writers.player import duration, page

log = logging.getLogger(__name__)
IMAGE = "podcast.png"


def collect(out_root: Path) -> list[dict]:
    articles = []
    for manifest_path in sorted(out_root.glob("*/manifest.json")):
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("skipping %s: unreadable manifest", manifest_path)
            continue
        folder = manifest_path.parent
        meta = manifest["document"]["meta"]
        files = {}
        for role, name in manifest["files"].items():
            path = folder / name
            if path.is_file():
                files[role] = {"name": name, "size": path.stat().st_size}
        articles.append({"slug": folder.name, "title": meta["title"], "identifier": meta["identifier"],
                         "description": meta["description"], "date": meta["date"], "language": meta["language"],
                         "duration_ms": manifest["timeline"]["duration_ms"], "files": files,
                         "modified": manifest.get("modified", "")})
    return articles


def write_site(out_root: Path, options) -> None:
    articles = collect(out_root)
    podcast = options.podcast
    cover_png(out_root / IMAGE, podcast.image, podcast.title, podcast.description, podcast.author)
    with_audio = [a for a in articles if "mp3" in a["files"]]
    atomic_write(out_root / "feed.xml", build_feed(with_audio, podcast, IMAGE))
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
