"""The podcast feed, read by feedparser; every URL points at a real file (issue 6)."""
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import pytest
from lxml import etree
from PIL import Image

from narration.feed import PODCAST_NS


@pytest.fixture(scope="module")
def feed(seed_build):
    root = seed_build.out_dir.parent
    return root, feedparser.parse(str(root / "feed.xml")), etree.parse(str(root / "feed.xml"))


def local(root: Path, url: str) -> Path:
    return root / urlparse(url).path.lstrip("/")


def test_feed_parses_with_required_fields(feed):
    root, parsed, tree = feed
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.title and channel.subtitle and channel.language == "de"
    # feedparser only knows yes/clean; Apple's current spelling is true/false
    assert tree.findtext("channel/{http://www.itunes.com/dtds/podcast-1.0.dtd}explicit") == "false"
    assert channel.author == "Narration" and channel.image.href.endswith(".png")
    assert channel.tags[0].term == "News"
    image = local(root, channel.image.href)
    with Image.open(image) as picture:
        assert picture.size[0] == picture.size[1] and 1400 <= picture.size[0] <= 3000
        assert picture.format in ("PNG", "JPEG")


def test_podcasting_2_guid_and_itunes_types(feed):
    _, _, tree = feed
    ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert tree.findtext(f"channel/{{{ITUNES}}}type") == "episodic"
    assert [e.text for e in tree.iterfind(f"channel/item/{{{ITUNES}}}episodeType")] == ["full"]
    # the namespace's own worked example: podcastindex.org/namespace/1.0#guid
    from narration.feed import podcast_guid

    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert podcast_guid("http://127.0.0.1:8000/feed.xml/") == podcast_guid("127.0.0.1:8000/feed.xml")
    assert tree.findtext(f"channel/{{{PODCAST_NS}}}guid") == podcast_guid("http://127.0.0.1:8000/feed.xml")


def test_items_enclosures_and_links(feed):
    root, parsed, tree = feed
    assert len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert entry.title == "Die Haltung der USA" and entry.id.startswith("urn:uuid:")
    assert entry.published_parsed[:3] == (2022, 2, 24)
    assert int(entry.itunes_duration) > 300
    enclosure = entry.enclosures[0]
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == local(root, enclosure.href).stat().st_size
    item = tree.find("channel/item")
    transcripts = item.findall(f"{{{PODCAST_NS}}}transcript")
    assert {t.get("type") for t in transcripts} == {"text/vtt", "application/x-subrip"}
    vtt = next(t for t in transcripts if t.get("type") == "text/vtt")
    assert vtt.get("rel") == "captions" and vtt.get("language") == "de"
    chapters = item.find(f"{{{PODCAST_NS}}}chapters")
    assert chapters.get("type") == "application/json+chapters"
    for url in [t.get("url") for t in transcripts] + [chapters.get("url"), entry.link]:
        assert local(root, url).is_file(), url


def test_site_index_lists_the_article(seed_build):
    index = (seed_build.out_dir.parent / "index.html").read_text(encoding="utf-8")
    assert f'href="{seed_build.slug}/index.html"' in index and 'href="feed.xml"' in index


def test_the_site_reads_each_article_from_its_stamp_as_its_manifest_says_it(seed_build, tmp_path):
    """The feed and the index need a few fields per article; they are kept in its build stamp, so a
    catalogue's site is made without reading every timing map again. What the stamp says must be
    what the manifest says (the way an article stamped by an earlier version is read), and the
    manifest itself is then not read at all."""
    import json
    import shutil

    from narration import site

    folder = tmp_path / "out" / seed_build.slug
    shutil.copytree(seed_build.out_dir, folder)
    from_stamp = site.collect(tmp_path / "out")
    stamp = json.loads((folder / ".build-stamp.json").read_text(encoding="utf-8"))
    assert set(stamp["site"]) >= {"title", "duration_ms", "files", "modified"}
    del stamp["site"]  # as an earlier version stamped it: the manifest is read
    (folder / ".build-stamp.json").write_text(json.dumps(stamp), encoding="utf-8")
    from_manifest = site.collect(tmp_path / "out")
    assert from_stamp == from_manifest and from_stamp[0]["files"]["mp3"]["size"] > 0
    stamp["site"] = {"title": 3}  # damaged or hand-edited: the manifest again
    (folder / ".build-stamp.json").write_text(json.dumps(stamp), encoding="utf-8")
    assert site.collect(tmp_path / "out") == from_manifest
    shutil.copy(seed_build.out_dir / ".build-stamp.json", folder / ".build-stamp.json")
    (folder / "manifest.json").write_text("not json", encoding="utf-8")  # present, unreadable
    assert site.collect(tmp_path / "out") == from_stamp


def test_the_podcast_artwork_is_drawn_ahead_and_only_when_what_it_shows_changed(tmp_path):
    """The catalogue starts the artwork while the articles build; the site writes it, and only if
    the podcast's words changed since it was last drawn."""
    import dataclasses

    from conftest import ROOT
    from narration import config
    from narration.background import idle, when_idle
    from narration.cover import podcast_cover
    from narration.site import write_site

    options = config.load(ROOT / "narration.toml")
    artwork = when_idle("podcast cover", podcast_cover, tmp_path, options.podcast)
    idle()  # as the encoders start
    write_site(tmp_path, options, artwork)
    image = tmp_path / "podcast.png"
    with Image.open(image) as drawn:
        assert drawn.size == (1400, 1400)
    before = (image.read_bytes(), image.stat().st_mtime_ns)
    assert podcast_cover(tmp_path, options.podcast) is None  # what it shows is what it showed
    write_site(tmp_path, options, when_idle("podcast cover", podcast_cover, tmp_path, options.podcast))
    assert (image.read_bytes(), image.stat().st_mtime_ns) == before
    renamed = dataclasses.replace(options, podcast=dataclasses.replace(options.podcast, title="Ein neuer Name"))
    write_site(tmp_path, renamed, when_idle("podcast cover", podcast_cover, tmp_path, renamed.podcast))
    assert image.read_bytes() != before[0]
