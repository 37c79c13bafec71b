"""Web pages: the article and only the article (issue 23).

The pages here are written by hand in the shapes real news pages have (teaser rails of other
stories, share bars, ad labels, credits, a lead outside the article's container); the score on
real pages saved by others is asserted last, from ``bench/webpages.py``.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from narration.document import load
from narration.errors import ReaderError
from narration.speech.script import build_script

WEBPAGES = ROOT.parent / "shared" / "webpages"

ARTICLE = [
    "Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Straßenbahnlinie bis an den "
    "Stadtrand zu verlängern, obwohl die Kosten seit der ersten Planung deutlich gestiegen sind.",
    "Die Bauarbeiten sollen im kommenden Frühjahr beginnen und etwa drei Jahre dauern, teilte die "
    "Verwaltung mit, die mit Einschränkungen für Anwohner und Pendler rechnet.",
    "Kritiker bemängeln, dass andere Stadtteile weiterhin auf eine bessere Anbindung warten müssen und "
    "dass die Finanzierung durch Bund und Land noch nicht vollständig gesichert ist.",
    "Die Oppositionsfraktionen kündigten an, die weiteren Planungsschritte im Bauausschuss genau zu "
    "verfolgen und Alternativen für die Busverbindungen in den Außenbezirken vorzulegen.",
]
TEASERS = ["Feuerwehr rettet Katze aus Baum im Stadtpark", "Neues Café eröffnet am Marktplatz",
           "Wetter: Sturmwarnung für das Wochenende", "Fußball: Heimsieg im Derby nach Verlängerung"]


def news_page(extra_inside: str = "", lead: str = "", head: str = "") -> str:
    """A news page: menu, the article between many teaser <article>s, a footer."""
    teasers = "".join(f'<article class="teaser"><a href="/t{n}"><h3>{t}</h3><p>{t}. Mehr lesen.</p></a></article>'
                      for n, t in enumerate(TEASERS))
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f"""<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Straßenbahn wird verlängert | Stadtanzeiger</title>
{head}</head><body><header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><div class="rail">{teasers}</div>
<div class="story"><h1>Straßenbahn wird bis an den Stadtrand verlängert</h1>{lead}
<div class="body">{paragraphs}{extra_inside}</div></div>
<div class="rail">{teasers}</div></main>
<footer><p>Impressum</p><p>Vervielfältigung nur mit Genehmigung</p></footer></body></html>"""


def spoken(path: Path) -> str:
    return "\n".join(item.text for item in build_script(load(path)))


def test_the_article_is_read_not_the_teasers_around_it(tmp_path):
    (tmp_path / "seite.html").write_text(news_page(), encoding="utf-8")
    doc = load(tmp_path / "seite.html")
    text = spoken(tmp_path / "seite.html")
    assert doc.meta.title == "Straßenbahn wird bis an den Stadtrand verlängert"
    for paragraph in ARTICLE:
        assert paragraph in text
    for junk in [*TEASERS, "Startseite", "Impressum", "Vervielfältigung", "Mehr lesen"]:
        assert junk not in text


def test_share_bars_ads_related_links_and_credits_inside_the_article_are_not_read(tmp_path):
    inside = """<div class="share"><a href="#">Teilen</a> <a href="#">Facebook</a> <a href="#">WhatsApp</a>
<a href="#">Link kopieren</a></div><p>Anzeige</p>
<h3>Lesen Sie auch:</h3><ul><li><a href="/a">Neue Radwege in der Innenstadt geplant</a></li>
<li><a href="/b">Busfahrer streiken am Montag</a></li></ul>
<figure><img src="https://cdn.example/bahn.jpg" alt="Eine Straßenbahn an der Endhaltestelle">
<figcaption>Die Straßenbahn soll künftig weiter fahren. <span>Foto: dpa</span></figcaption></figure>
<p>Bildquelle: picture alliance / Max Mustermann</p>"""
    (tmp_path / "seite.html").write_text(news_page(inside), encoding="utf-8")
    doc = load(tmp_path / "seite.html")
    text = spoken(tmp_path / "seite.html")
    assert ARTICLE[-1] in text and "Die Straßenbahn soll künftig weiter fahren." in text
    for junk in ("Teilen", "Facebook", "WhatsApp", "Link kopieren", "Anzeige", "Lesen Sie auch",
                 "Neue Radwege", "Busfahrer streiken", "Foto", "dpa", "Bildquelle", "Mustermann"):
        assert junk not in text, junk
    figure = next(b for s in doc.sections for b in s.blocks if b.kind == "figure")
    assert figure.credit == "Foto: dpa"  # shown beside the caption, in no sentence
    assert all("dpa" not in s.text for s in figure.sentences)
    reasons = {text: why for text, why in doc.dropped}  # each with its reason, for `document --explain`
    assert reasons["Anzeige"] == "advertising" and reasons["Foto: dpa"].startswith("credit")
    assert reasons["Bildquelle: picture alliance / Max Mustermann"] == "credit"
    for junk in ("Teilen", "Link kopieren", "Lesen Sie auch:", "Neue Radwege in der Innenstadt geplant"):
        assert any(junk in text for text in reasons), junk


def test_a_figure_credit_is_shown_but_outside_every_spoken_span(tmp_path):
    from lxml import etree

    from narration.writers.markup import render_section

    (tmp_path / "seite.html").write_text(news_page(
        '<figure><img src="b.jpg" alt="Bahn"><figcaption>Die neue Bahn. <small>Foto: Stadtwerke</small>'
        '</figcaption></figure>'), encoding="utf-8")
    doc = load(tmp_path / "seite.html")
    node = render_section(None, doc.sections[0], 2, [])
    credit = node.xpath("//*[@class='credit']")
    assert [c.text for c in credit] == ["Foto: Stadtwerke"]
    assert not any(a.get("class") == "sentence" for a in credit[0].iterancestors())
    assert "Foto: Stadtwerke" in etree.tostring(node, encoding="unicode")


def test_the_lead_between_title_and_text_is_the_articles(tmp_path):
    lead = ('<p class="teaser-text">Nach monatelangem Streit ist die Entscheidung gefallen: Die Linie 4 wird '
            'verlängert, und die Stadt nimmt dafür neue Schulden auf.</p>')
    (tmp_path / "seite.html").write_text(news_page(lead=lead), encoding="utf-8")
    text = spoken(tmp_path / "seite.html")
    assert "Nach monatelangem Streit ist die Entscheidung gefallen" in text
    assert text.index("Nach monatelangem Streit") < text.index(ARTICLE[0])


def test_markup_inside_an_alt_attribute_is_text_not_read_as_symbols(tmp_path):
    inside = ('<figure><img src="x.jpg" alt="&lt;p&gt;Bernd Lucke im Landtag&lt;/p&gt;"></figure>'
              '<p><img src="y.jpg" alt="&lt;p&gt;Symbolbild&lt;/p&gt;"> Ein letzter Satz zur Straßenbahn folgt hier, '
              'damit der Absatz lang genug ist, um gelesen zu werden.</p>')
    (tmp_path / "seite.html").write_text(news_page(inside), encoding="utf-8")
    items = build_script(load(tmp_path / "seite.html"))
    speech = " ".join(item.speech for item in items)
    assert "Bernd Lucke im Landtag" in " ".join(item.text for item in items)
    assert "kleiner als" not in speech and "<" not in speech and "Symbolbild" not in speech


def test_a_heading_with_a_div_inside_stays_one_heading(tmp_path):
    page = news_page().replace("<h1>Straßenbahn wird bis an den Stadtrand verlängert</h1>",
                               "<h1><div>Straßenbahn wird</div><div>bis an den Stadtrand verlängert</div></h1>")
    (tmp_path / "seite.html").write_text(page, encoding="utf-8")
    doc = load(tmp_path / "seite.html")
    assert doc.sections[0].heading.text == "Straßenbahn wird bis an den Stadtrand verlängert"
    assert all("Straßenbahn wird" not in s.text for b in doc.sections[0].blocks for s in b.sentences)


def test_a_page_with_an_xml_declaration_and_a_zero_width_paragraph_reads(tmp_path):
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + news_page("<p>\u200b</p>")
    (tmp_path / "seite.xhtml").write_text(page, encoding="utf-8")
    assert ARTICLE[0] in spoken(tmp_path / "seite.xhtml")


def test_a_legacy_page_is_decoded_by_its_meta_charset(tmp_path):
    page = news_page().replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (tmp_path / "alt.html").write_bytes(page.encode("cp1252"))
    assert "Straßenbahnlinie" in spoken(tmp_path / "alt.html")


def test_a_paywalled_page_is_built_with_one_warning(tmp_path, caplog):
    short = ("<p>Der Stadtrat hat am Dienstag die Verlängerung der Straßenbahn beschlossen, nach einer langen "
             "Debatte über die Kosten.</p><p>Lesen Sie weiter mit unserem Abo für nur 1 Euro im ersten Monat.</p>")
    rails = "".join(f"<li><a href='/{n}'>{t} – ein ganz anderer Bericht aus der Region mit vielen Worten</a></li>"
                    for n, t in enumerate(TEASERS * 12))
    page = (f"<html><head><title>Bahn</title></head><body><nav><ul>{rails}</ul></nav><main><h1>Bahn wird länger"
            f"</h1>{short}</main><aside><ul>{rails}</ul></aside></body></html>")
    (tmp_path / "abo.html").write_text(page, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        doc = load(tmp_path / "abo.html")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("abo.html: only") and "paywall" in warnings[0]
    assert "Verlängerung der Straßenbahn" in "\n".join(s.text for s in doc.sentences())


def test_a_page_without_article_text_fails_with_one_line(tmp_path):
    (tmp_path / "leer.html").write_text("<html><body><nav><a href='/'>Start</a></nav><script>app()</script>"
                                        "<div id='root'></div></body></html>", encoding="utf-8")
    with pytest.raises(ReaderError) as raised:
        load(tmp_path / "leer.html")
    assert "no article text" in raised.value.message
    result = run_cli("document", tmp_path / "leer.html")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "leer.html" in result.stderr


def test_page_metadata_joins_ours_and_the_sidecar_wins(tmp_path):
    head = ('<meta property="og:site_name" content="Stadtanzeiger">'
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", '
            '"name": "Erika Beispiel"}, "datePublished": "2024-05-07T08:15:00+02:00"}</script>')
    (tmp_path / "seite.html").write_text(news_page(head=head), encoding="utf-8")
    meta = load(tmp_path / "seite.html").meta
    assert (meta.authors, meta.date, meta.publisher) == (("Erika Beispiel",), "2024-05-07", "Stadtanzeiger")
    (tmp_path / "seite.yaml").write_text("author: Redaktion\npublisher: Eigener Verlag\n", encoding="utf-8")
    meta = load(tmp_path / "seite.html").meta
    assert (meta.authors, meta.publisher) == (("Redaktion",), "Eigener Verlag")


def test_document_command_shows_the_structure_and_explains_what_was_left_out(tmp_path):
    listing = "<ul><li>Erstens die Bahn in die Außenbezirke</li><li>Zweitens der Bus im Takt</li></ul>"
    page = news_page("<p>Anzeige</p>").replace(f"<p>{ARTICLE[1]}</p>", f"<p>{ARTICLE[1]}</p>{listing}")
    (tmp_path / "seite.html").write_text(page, encoding="utf-8")
    plain = run_cli("document", tmp_path / "seite.html")
    assert plain.returncode == 0, plain.stderr
    lines = plain.stdout.splitlines()
    assert lines[3].startswith("# Straßenbahn wird bis an den Stadtrand verlängert")
    assert ARTICLE[0] in lines and "left out" not in plain.stdout
    assert lines.index("• Erstens die Bahn in die Außenbezirke") == lines.index(ARTICLE[1]) + 1
    explained = run_cli("document", "--explain", tmp_path / "seite.html").stdout
    assert "  [advertising] Anzeige" in explained.splitlines()
    assert any(line.startswith("  [not part of the article") and "Startseite" in line for line in explained.splitlines())


@pytest.mark.slow
def test_scores_on_real_web_pages_meet_the_thresholds():
    """65 real German pages saved by others, with hand-written snippets (trafilatura's evaluation data,
    read in place from ../shared). The thresholds are the issue's, asserted by the project's own scorer."""
    if not (WEBPAGES / "cases.json").is_file():
        pytest.skip(f"no real web pages at {WEBPAGES}")
    sys.path.insert(0, str(ROOT / "bench"))
    import webpages

    summary, scores = webpages.score_all(WEBPAGES)
    assert summary["errors"] == 0, [(s.file, s.error) for s in scores if s.error]
    assert summary["recall"] >= 0.95, summary
    assert summary["leaks"] <= 0.05, summary
    assert summary["wrong_story"] == 0, [s.file for s in scores if s.expected and not s.found]


def test_a_consent_wall_page_is_read_from_its_structured_data(tmp_path):
    """Many news sites give search engines the whole text as JSON-LD articleBody, also behind a
    consent wall or a paywall's teaser: that text is read, and `document --explain` says why."""
    import json

    body = "\n".join(ARTICLE)
    ld = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Stadtanzeiger"},
        {"@type": "NewsArticle", "headline": "Straßenbahn wird verlängert", "articleBody": body}]})
    page = (f'<html lang="de"><head><title>Bahn | Stadtanzeiger</title><script type="application/ld+json">{ld}'
            '</script></head><body><div class="consent"><h2>Wir brauchen Ihre Zustimmung</h2><p>Wir und unsere '
            'Partner verwenden Cookies. <button>Zustimmen</button></p></div><h1>Straßenbahn wird verlängert</h1>'
            '</body></html>')
    (tmp_path / "wall.html").write_text(page, encoding="utf-8")
    doc = load(tmp_path / "wall.html")
    assert [b.sentences[0].text for s in doc.sections for b in s.blocks][:4] == ARTICLE
    assert "Zustimmung" not in spoken(tmp_path / "wall.html")
