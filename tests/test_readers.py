"""Every reader, on real files the tests make (issue 2)."""
from pathlib import Path

import pypandoc
import pytest

from conftest import SEED
from narration.document import load
from narration.errors import ReaderError


def all_text(doc) -> str:
    parts = [doc.meta.title, doc.meta.description, *doc.meta.authors]
    for section in doc.sections:
        parts.append(section.heading.text)
        for block in section.blocks:
            parts += [s.text for s in block.sentences] + [block.alt]
    return "\n".join(parts)


def test_seed_structure():
    doc = load(SEED)
    assert doc.meta.title and doc.meta.language == "de"
    titles = [s.title for s in doc.sections]
    assert titles[1:] == ["US-Amerikaner wollen keinen Krieg", "Kampf der Systeme"]
    lead = doc.sections[0].blocks[0].sentences[0].text
    assert lead.startswith("Die Haltung der USA, und damit auch der NATO, ist klar")
    assert not doc.sections[0].heading_in_source  # the title stands in for the missing heading


def test_plain_text_heuristics(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text("Der erste Absatz ist der Vorspann. Er hat\nzwei Zeilen, hart umbrochen und mit Verteidi-\n"
                    "gung.\n\nEine Zwischenzeile\n\nDer Text darunter.\n\nNoch ein Absatz: kurz\n", encoding="utf-8")
    doc = load(path)
    assert [s.title for s in doc.sections] == ["Der erste Absatz ist der Vorspann", "Eine Zwischenzeile"]
    lead = doc.sections[0].blocks[0]
    assert [s.text for s in lead.sentences] == ["Der erste Absatz ist der Vorspann.",
                                                "Er hat zwei Zeilen, hart umbrochen und mit Verteidigung."]
    # the last short line is the end of the text, not a heading
    assert doc.sections[1].blocks[-1].sentences[0].text == "Noch ein Absatz: kurz"


def test_markdown_front_matter_and_structure(rich_source):
    doc = load(rich_source)
    assert doc.meta.title == "Ein reichhaltiger Testartikel"
    assert doc.meta.authors == ("Erika Mustermann",)
    assert doc.meta.date == "2024-05-03"
    kinds = [b.kind for s in doc.sections for b in s.blocks]
    assert {"paragraph", "list_item", "quote", "table_cell", "figure"} <= set(kinds)
    cells = [b for s in doc.sections for b in s.blocks if b.kind == "table_cell"]
    assert [c.sentences[0].text for c in cells if c.header] == ["Land", "Hauptstadt"]
    figure = next(b for s in doc.sections for b in s.blocks if b.kind == "figure")
    assert figure.alt == "Eine rote Karte der Region" and figure.image.endswith("karte.png")


def test_sidecar_metadata_wins(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Aus dem Kopf\n---\n\nText hier.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("title: Aus der Datei daneben\npublisher: Verlag\n", encoding="utf-8")
    doc = load(tmp_path / "a.md")
    assert (doc.meta.title, doc.meta.publisher) == ("Aus der Datei daneben", "Verlag")


def test_title_defaults_to_first_heading_then_lead(tmp_path):
    (tmp_path / "h.md").write_text("# Erste Überschrift\n\nText.\n", encoding="utf-8")
    (tmp_path / "l.txt").write_text("Ein Satz als Anfang. Noch einer.\n", encoding="utf-8")
    assert load(tmp_path / "h.md").meta.title == "Erste Überschrift"
    assert load(tmp_path / "l.txt").meta.title == "Ein Satz als Anfang"


def test_html_reads_the_article_not_the_page(tmp_path):
    (tmp_path / "seite.html").write_text("""<!doctype html><html lang="de"><head><title>Seite</title>
<meta name="author" content="Max Muster"><script>alert(1)</script></head><body>
<nav><a href="/">Startseite Navigation</a></nav><aside>Werbung daneben</aside>
<article><h1>Der Artikel</h1><p onclick="steal()">Erster Absatz mit <a href="javascript:alert(2)">Link</a>.</p>
<iframe src="https://evil.example"></iframe><script>document.write('x')</script>
<h2>Teil zwei</h2><ul><li>Punkt eins</li><li>Punkt zwei</li></ul>
<figure><img src="bild.png" alt="Ein Bild"><figcaption>Unterschrift.</figcaption></figure></article>
<footer>Impressum Fußzeile</footer></body></html>""", encoding="utf-8")
    doc = load(tmp_path / "seite.html")
    text = all_text(doc)
    assert doc.meta.title == "Der Artikel" and doc.meta.authors == ("Max Muster",)
    assert "Erster Absatz mit Link." in text and "Punkt zwei" in text
    for junk in ("Navigation", "Werbung", "Impressum", "alert", "steal", "document.write", "evil"):
        assert junk not in text


def test_html_title_is_the_articles_heading_not_the_page_title(tmp_path):
    (tmp_path / "nachricht.html").write_text("""<!doctype html><html lang="de"><head>
<title>Sturm über Hamburg | Die Zeitung – Nachrichten</title></head><body>
<header><h1>Sturm über Hamburg</h1></header>
<article><p>Ein Sturm zog über die Stadt. Bäume fielen.</p></article></body></html>""", encoding="utf-8")
    assert load(tmp_path / "nachricht.html").meta.title == "Sturm über Hamburg"
    (tmp_path / "ohne.html").write_text("""<html><head><title>Nur der Titel | Die Zeitung</title></head>
<body><article><p>Text ohne Überschrift.</p></article></body></html>""", encoding="utf-8")
    assert load(tmp_path / "ohne.html").meta.title == "Nur der Titel"


def test_docx_made_with_python_docx(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Ein Word-Dokument"
    document.core_properties.author = "Anna Autorin"
    document.add_heading("Kapitel eins", level=1)
    document.add_paragraph("Der erste Absatz. Der zweite Satz am 3. Mai.")
    document.add_paragraph("Ein Listenpunkt", style="List Bullet")
    document.save(tmp_path / "wort.docx")
    doc = load(tmp_path / "wort.docx")
    assert doc.meta.title == "Ein Word-Dokument" and doc.meta.authors == ("Anna Autorin",)
    assert doc.sections[0].title == "Kapitel eins"
    assert [s.text for s in doc.sections[0].blocks[0].sentences] == ["Der erste Absatz.", "Der zweite Satz am 3. Mai."]
    assert doc.sections[0].blocks[1].kind == "list_item"


def test_odt_and_epub_through_pandoc(tmp_path):
    markdown = "---\ntitle: Offenes Dokument\nlang: de\n---\n\n# Abschnitt\n\nEin Satz. Noch ein Satz.\n"
    for fmt in ("odt", "epub"):
        target = tmp_path / f"dokument.{fmt}"
        pypandoc.convert_text(markdown, fmt, format="markdown", outputfile=str(target))
        doc = load(target)
        assert doc.meta.title == "Offenes Dokument", fmt
        sentences = [s.text for s in doc.sentences()]
        assert "Ein Satz." in sentences and "Noch ein Satz." in sentences, fmt


def test_raw_html_in_markdown_never_survives(tmp_path):
    (tmp_path / "boese.md").write_text(
        "# Titel\n\nText <script>alert('x')</script> und <span onclick=\"evil()\">Spanne</span>.\n\n"
        "<iframe src=\"https://evil.example\"></iframe>\n\n[Klick](javascript:alert(1)) <b style=\"color:red\">fett</b>\n",
        encoding="utf-8")
    text = all_text(load(tmp_path / "boese.md"))
    assert "Spanne" in text and "Klick" in text and "fett" in text
    for junk in ("<", "alert", "evil", "javascript", "style", "iframe"):
        assert junk not in text


@pytest.mark.parametrize("name,content,message", [
    ("leer.txt", b"", "is empty"),
    ("blank.md", b"  \n\n \t\n", "is empty"),
    ("muell.txt", bytes(range(256)) * 8, "binary"),
    ("kaputt.docx", b"PK\x03\x04 this is not really a zip archive", "not a readable DOCX"),
    ("text.xyz", b"hallo", "unknown file type"),
    ("alt.doc", b"hallo", "save it as .docx"),
])
def test_bad_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReaderError, match=message):
        load(path)


def test_missing_file_error(tmp_path):
    with pytest.raises(ReaderError, match="cannot be read"):
        load(tmp_path / "fehlt.txt")


def test_metadata_never_steers_a_path(tmp_path):
    (tmp_path / "pfad.md").write_text("---\ntitle: ../../etc/passwd\ncover: /etc/passwd\n---\n\nText.\n",
                                      encoding="utf-8")
    doc = load(tmp_path / "pfad.md")
    assert doc.meta.cover == ""  # refused: outside the source folder and not an image
    from narration.pipeline import slug_for

    assert slug_for(Path("Überschrift mit Leerzeichen.md")) == "ueberschrift-mit-leerzeichen"
    assert slug_for(tmp_path / "pfad.md") == "pfad"


def test_source_cover_is_used_squared(tmp_path):
    from PIL import Image

    from conftest import build

    Image.new("RGB", (800, 400), (10, 120, 200)).save(tmp_path / "titel.png")
    (tmp_path / "mit-cover.md").write_text("---\ntitle: Mit Titelbild\ncover: titel.png\n---\n\nEin Satz.\n",
                                           encoding="utf-8")
    result = build(tmp_path / "mit-cover.md", tmp_path / "out", tmp_path / "cache", formats=("epub",))
    with Image.open(result.out_dir / "cover.png") as cover:
        assert cover.size[0] == cover.size[1] >= 1400
        assert cover.getpixel((cover.size[0] // 2, cover.size[1] // 2)) == (10, 120, 200)  # the source's picture


def test_cover_is_drawn_again_only_when_what_it_shows_changes(tmp_path):
    from PIL import Image

    from narration.cover import cover_png

    path = tmp_path / "cover.png"
    cover_png(path, None, "Ein Titel", "Untertitel", "Autorin")
    first = (path.read_bytes(), path.stat().st_mtime_ns)
    cover_png(path, None, "Ein Titel", "Untertitel", "Autorin")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == first  # same words: not drawn, not written
    cover_png(path, None, "Ein anderer Titel", "Untertitel", "Autorin")
    assert path.read_bytes() != first[0]
    Image.new("RGB", (300, 200), (200, 30, 30)).save(tmp_path / "bild.png")
    cover_png(path, str(tmp_path / "bild.png"), "Ein anderer Titel")  # the source's own picture wins
    with Image.open(path) as cover:
        assert cover.size == (1400, 1400) and cover.getpixel((700, 700)) == (200, 30, 30)
    Image.new("RGB", (300, 200), (30, 200, 30)).save(tmp_path / "bild.png")  # the picture itself changed
    cover_png(path, str(tmp_path / "bild.png"), "Ein anderer Titel")
    with Image.open(path) as cover:
        assert cover.getpixel((700, 700)) == (30, 200, 30)


def test_the_covers_recipe_is_read_as_pillow_reads_it(tmp_path):
    """Whether a cover must be drawn again is read from the PNG's own text chunk, without Pillow;
    Pillow itself, reading the same files, must find the same entry (or none)."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    from narration.cover import RECIPE, cover_png, png_text

    drawn = cover_png(tmp_path / "cover.png", None, "Ein Titel", "Untertitel", "Autorin")
    info = PngInfo()
    info.add_text("Comment", "vorher")
    info.add_text(RECIPE, "ä-ß")  # Latin-1, as PNG text is
    info.add_text("Software", "nachher")
    Image.new("RGB", (8, 8)).save(tmp_path / "several.png", pnginfo=info)
    Image.new("RGB", (8, 8)).save(tmp_path / "none.png")
    (tmp_path / "not.png").write_bytes(b"GIF89a")
    for path in (drawn, tmp_path / "several.png", tmp_path / "none.png"):
        with Image.open(path) as image:
            assert png_text(path, RECIPE) == image.info.get(RECIPE)
    assert png_text(drawn, RECIPE) is not None and png_text(tmp_path / "several.png", RECIPE) == "ä-ß"
    assert png_text(tmp_path / "not.png", RECIPE) is None and png_text(tmp_path / "missing.png", RECIPE) is None


def test_a_name_that_is_already_a_slug_is_what_python_slugify_makes_of_it():
    """``slug.slugify`` returns such names without asking python-slugify: it must agree with it, for
    names that are slugs and for names that only look close (capitals, umlauts, double hyphens, length)."""
    from slugify import slugify as library

    from narration.slug import _GERMAN, slugify

    names = ["haltung-der-usa", "kapitel-1", "a", "2026-11-30-bericht", "x" * 80, "x" * 81, "Haltung-der-USA",
             "grüße-aus-köln", "a--b", "-a", "a-", "a_b", "a b", "straße", "kapitel-" + "lang" * 30, ""]
    for name in names:
        expected = library(name, replacements=_GERMAN, max_length=80, word_boundary=True) or "article"
        assert slugify(name) == expected, name


def test_an_alt_text_that_is_only_a_file_name_is_not_read(tmp_path):
    """Converters put the file's name where no description was written ('footnote-b_02_02_11.png',
    '../pics/001.png' in a real e-book): said aloud it is noise, so nothing is said for it."""
    (tmp_path / "bild.png").write_bytes(b"")
    (tmp_path / "b.md").write_text(
        "# Kapitel\n\nIm Original unleserlich. ![footnote-b_02_02_11.png](bild.png)\n\n"
        "![../pics/001.png](bild.png)\n\nEin Foto: ![Ein Hund im Schnee](bild.png)\n", encoding="utf-8")
    spoken = " ".join(s.text for s in load(tmp_path / "b.md").sentences())
    assert "Im Original unleserlich." in spoken
    assert "Ein Hund im Schnee" in spoken
    assert ".png" not in spoken
