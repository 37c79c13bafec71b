"""The podcast feed: RSS 2.0 with Apple's ``itunes:`` tags (feedgen's podcast
extension) and Podcasting 2.0 ``podcast:`` tags (our extension below, built
the feedgen way: on the element tree, so escaping happens in one place)."""
from __future__ import annotations

import datetime as dt
import re
import uuid
from urllib.parse import quote, urljoin

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")  # fixed by the namespace's spec


def podcast_guid(feed_url: str) -> str:
    """The channel's ``podcast:guid``: UUIDv5 of the feed URL without its scheme and trailing
    slashes, so any app derives the same id from the same feed."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


class PodcastIndexExtension(BaseExtension):
    """Channel tags feedgen lacks: ``podcast:locked``, ``podcast:guid``, and ``itunes:explicit``
    as Apple now spells it (true/false; feedgen only knows yes/no/clean)."""

    def __init__(self):
        self.explicit = False
        self.guid = ""

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        etree.SubElement(channel, f"{{{PODCAST_NS}}}locked").text = "no"
        if self.guid:
            etree.SubElement(channel, f"{{{PODCAST_NS}}}guid").text = self.guid
        etree.SubElement(channel, f"{{{ITUNES_NS}}}explicit").text = "true" if self.explicit else "false"
        return rss_feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """``podcast:transcript`` (several) and ``podcast:chapters`` for one item."""

    def __init__(self):
        self.transcripts: list[dict] = []
        self.chapters_url = ""

    def transcript(self, url: str, mime: str, language: str = "", rel: str = ""):
        if not url.startswith(("http://", "https://")):
            raise ValueError("transcript URL must be absolute")
        entry = {"url": url, "type": mime}
        if language:
            entry["language"] = language
        if rel:
            entry["rel"] = rel
        self.transcripts.append(entry)

    def chapters(self, url: str):
        if not url.startswith(("http://", "https://")):
            raise ValueError("chapters URL must be absolute")
        self.chapters_url = url

    def extend_rss(self, entry):
        for attrs in self.transcripts:
            etree.SubElement(entry, f"{{{PODCAST_NS}}}transcript", attrs)
        if self.chapters_url:
            etree.SubElement(entry, f"{{{PODCAST_NS}}}chapters",
                             {"url": self.chapters_url, "type": "application/json+chapters"})
        return entry


def _url(base: str, *parts: str) -> str:
    return urljoin(base if base.endswith("/") else base + "/", "/".join(quote(p) for p in parts))


def _pub_date(date: str) -> dt.datetime | None:
    for length, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            return dt.datetime.strptime(date[:length], fmt).replace(hour=6, tzinfo=dt.timezone.utc)
        except ValueError:
            continue
    return None


def build_feed(articles: list[dict], podcast, image_name: str) -> bytes:
    """``articles``: manifests of built articles plus the sizes of their files."""
    base = podcast.base_url
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(podcast.title)
    fg.description(podcast.description)
    fg.link(href=base, rel="alternate")
    fg.language(podcast.language)
    fg.generator("narration")
    if podcast.copyright:
        fg.copyright(podcast.copyright)
    fg.image(url=_url(base, image_name), title=podcast.title, link=base)
    fg.podcast.itunes_author(podcast.author)
    fg.podcast.itunes_summary(podcast.description)
    fg.podcast.itunes_image(_url(base, image_name))
    fg.podcast.itunes_category(podcast.category)
    fg.podcastindex.explicit = bool(podcast.explicit)
    fg.podcastindex.guid = podcast_guid(_url(base, "feed.xml"))
    fg.podcast.itunes_type("episodic")  # newest first; each article stands alone
    if podcast.email:
        fg.podcast.itunes_owner(name=podcast.author, email=podcast.email)
    dates = [dt.datetime.fromisoformat(a["modified"]) for a in articles if a.get("modified")]
    fg.lastBuildDate(max(dates) if dates else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))  # not the clock
    for article in sorted(articles, key=lambda a: a["date"] or "", reverse=True):
        slug, files = article["slug"], article["files"]
        entry = fg.add_entry(order="append")
        entry.title(article["title"])
        entry.guid(article["identifier"], permalink=False)
        entry.description(article["description"] or article["title"])
        entry.link(href=article.get("source_url") or _url(base, slug, "index.html"))  # the original page
        mp3 = files["mp3"]
        entry.enclosure(_url(base, slug, mp3["name"]), str(mp3["size"]), "audio/mpeg")
        entry.podcast.itunes_duration(round(article["duration_ms"] / 1000))
        entry.podcast.itunes_episode_type("full")
        published = _pub_date(article["date"] or "")
        if published:
            entry.pubDate(published)
        if "vtt" in files:
            entry.podcastindex.transcript(_url(base, slug, files["vtt"]["name"]), "text/vtt",
                                          language=article["language"], rel="captions")
        if "srt" in files:
            entry.podcastindex.transcript(_url(base, slug, files["srt"]["name"]), "application/x-subrip",
                                          language=article["language"])
        if "chapters" in files:
            entry.podcastindex.chapters(_url(base, slug, files["chapters"]["name"]))
    return fg.rss_str(pretty=True)
