"""German sentence splitting and stable ids (issue 2)."""
import pytest

from conftest import SEED
from narration.document import load
from narration.segment import split_sentences


@pytest.mark.parametrize("text,expected", [
    ("Das gilt z. B. für Nr. 5 und Dr. Müller. Danach kam mehr.",
     ["Das gilt z. B. für Nr. 5 und Dr. Müller.", "Danach kam mehr."]),
    ("Am 24. Februar begann der Krieg. Er dauert an.", ["Am 24. Februar begann der Krieg.", "Er dauert an."]),
    ("J. R. R. Tolkien schrieb viel. Wirklich.", ["J. R. R. Tolkien schrieb viel.", "Wirklich."]),
    ("Er sagte: „Das ist gut. Sehr gut.“ Dann ging er.", ["Er sagte: „Das ist gut. Sehr gut.“", "Dann ging er."]),
    ("»Wirklich? Ja.« Sie lachte.", ["»Wirklich? Ja.«", "Sie lachte."]),
    ('Putin habe "viel größere Ziele. Er will mehr", sagte er. Ende.',
     ['Putin habe "viel größere Ziele. Er will mehr", sagte er.', "Ende."]),
    ("Und dann... kam nichts. Gar nichts.", ["Und dann... kam nichts.", "Gar nichts."]),
    ("Das betrifft u. a. die US-Regierung im 21. Jahrhundert. Punkt.",
     ["Das betrifft u. a. die US-Regierung im 21. Jahrhundert.", "Punkt."]),
    # a number at a sentence end (issue 11): SoMaJo alone keeps these together
    ("Er fuhr mit dem ICE 42. Danach ging es weiter.", ["Er fuhr mit dem ICE 42.", "Danach ging es weiter."]),
    ("Das ist Platz 12. Der Verein ist sauer.", ["Das ist Platz 12.", "Der Verein ist sauer."]),
    ("Sie wurde 3. Die Siegerin kam aus Kenia.", ["Sie wurde 3.", "Die Siegerin kam aus Kenia."]),
    ("In der 2. Halbzeit fiel ein Tor. Der 1. FC Köln gewann am 3. und 4. Juni.",
     ["In der 2. Halbzeit fiel ein Tor.", "Der 1. FC Köln gewann am 3. und 4. Juni."]),
    ("Es gab mind. 5 Tote usw. Danach war Ruhe.", ["Es gab mind. 5 Tote usw.", "Danach war Ruhe."]),
    # after an abbreviation that ends sentences, a Roman numeral, a hyphenated place, a line's number (issue 26)
    ("Die Burg stammt aus dem 12. Jh. Später wurde sie erweitert.",
     ["Die Burg stammt aus dem 12. Jh.", "Später wurde sie erweitert."]),
    ("Es sprach Königin Elisabeth II. Sie lächelte.", ["Es sprach Königin Elisabeth II.", "Sie lächelte."]),
    ("Die Kapelle stammt aus dem 14. Jahrh. Später kam ein Turm hinzu.",
     ["Die Kapelle stammt aus dem 14. Jahrh.", "Später kam ein Turm hinzu."]),
    ("Sie sagten Schicksale und dergl. Das war Aberglaube.", ["Sie sagten Schicksale und dergl.", "Das war Aberglaube."]),
    ("Der Termin ist am 12.3. Bitte seien Sie pünktlich.", ["Der Termin ist am 12.3.", "Bitte seien Sie pünktlich."]),
    ("Novalgin 20 Trpf. abds. Dazu Ibuprofen.", ["Novalgin 20 Trpf. abds.", "Dazu Ibuprofen."]),
    ("Die Lieferung kam, alles i. O. Danke an alle!", ["Die Lieferung kam, alles i. O.", "Danke an alle!"]),
    ("Er kommt aus Rottal-Inn. In der Stadt ist es ruhig.", ["Er kommt aus Rottal-Inn.", "In der Stadt ist es ruhig."]),
    # a month's or a day's abbreviation, a firm's 'Co.' before a word that opens sentences
    ("Er kam am 3. Okt. Danach ging er wieder.", ["Er kam am 3. Okt.", "Danach ging er wieder."]),
    ("Das Treffen ist am Mo. Bitte seid pünktlich.", ["Das Treffen ist am Mo.", "Bitte seid pünktlich."]),
    ("Die Firma heißt Müller & Co. Sie hat 20 Mitarbeiter.", ["Die Firma heißt Müller & Co.", "Sie hat 20 Mitarbeiter."]),
    ("Fr. Müller kam am 3. Okt. 2024 an.", ["Fr. Müller kam am 3. Okt. 2024 an."]),
    ("Es fährt die Linie RB 35. Reisende müssen umsteigen.", ["Es fährt die Linie RB 35.", "Reisende müssen umsteigen."]),
    ("Im 19. Jh. gab es das z. B. In Köln.", ["Im 19. Jh. gab es das z. B. In Köln."]),
    # four digits and a full stop: an ordinal after an article, else a year that ends the sentence
    ("Er feierte den 1000. Sieg in Berlin. Dann ging er.", ["Er feierte den 1000. Sieg in Berlin.", "Dann ging er."]),
    ("Das gilt seit 2015. Experten sind skeptisch.", ["Das gilt seit 2015.", "Experten sind skeptisch."]),
    ("Ja, bald zwingen wir’s. Und dann fahren wir.", ["Ja, bald zwingen wir’s.", "Und dann fahren wir."]),
    ("Ein bißchen getroffen hast du’s. Weißt du was?", ["Ein bißchen getroffen hast du’s.", "Weißt du was?"]),
    # an abbreviation SoMaJo does not know, before a word that opens no sentence, ends none
    ("Sie erhielt 3 Mon. Bewährung. Das Urteil ist rechtskräftig.",
     ["Sie erhielt 3 Mon. Bewährung.", "Das Urteil ist rechtskräftig."]),
    ("Apple ist rund 3 Bio. US-Dollar wert.", ["Apple ist rund 3 Bio. US-Dollar wert."]),
    ("Er wohnt in der Hauptstr. Dort ist es ruhig.", ["Er wohnt in der Hauptstr.", "Dort ist es ruhig."]),
    # after 'v. Chr.' or 'n. V.' any capitalised word begins a sentence; after 'Mio.', a date or '°C' an opener
    ("Das war um 300 v. Chr. Rom war mächtig.", ["Das war um 300 v. Chr.", "Rom war mächtig."]),
    ("Das Spiel endete 2:1 n. V. Bayern jubelte.", ["Das Spiel endete 2:1 n. V.", "Bayern jubelte."]),
    ("Der Gewinn lag bei 5 Mio. Das ist ein Rekord.", ["Der Gewinn lag bei 5 Mio.", "Das ist ein Rekord."]),
    ("Der Gewinn lag bei 5 Mio. Euro im Jahr.", ["Der Gewinn lag bei 5 Mio. Euro im Jahr."]),
    ("Das war am 3.10. Die Einheit wurde gefeiert.", ["Das war am 3.10.", "Die Einheit wurde gefeiert."]),
    ("Es hatte 30 °C. Viele gingen baden.", ["Es hatte 30 °C.", "Viele gingen baden."]),
    # after a decimal any capitalised word, after a counted unit or abbreviation an opener
    ("Der Kurs lag bei 102,5. Anleger waren zufrieden.", ["Der Kurs lag bei 102,5.", "Anleger waren zufrieden."]),
    ("Sein Rekord liegt bei 9,58 Sek. Niemand lief schneller.",
     ["Sein Rekord liegt bei 9,58 Sek.", "Niemand lief schneller."]),
    ("Es kamen ca. 200 Pers. Die Stimmung war gut.", ["Es kamen ca. 200 Pers.", "Die Stimmung war gut."]),
    ("Er lief 5 km. Dann ruhte er.", ["Er lief 5 km.", "Dann ruhte er."]),
    # after an article or 'jeder', 'N.' counts the capitalised word that follows, known noun or not
    ("Nur jeder 4. Befragte war zufrieden. Dann kam die Wahl.",
     ["Nur jeder 4. Befragte war zufrieden.", "Dann kam die Wahl."]),
    ("Sie ehrten den 3. Gewählten im Saal.", ["Sie ehrten den 3. Gewählten im Saal."]),
    ("Die Messe ist am 7. Danach wird abgebaut.", ["Die Messe ist am 7.", "Danach wird abgebaut."]),
    # a unit's or a Bible book's abbreviation before a number ends no sentence
    ("Es kostete 2 fl. 30 kr. Das war viel.", ["Es kostete 2 fl. 30 kr.", "Das war viel."]),
    ("Das steht Matth. 5, 3–12. Dann folgt mehr.", ["Das steht Matth. 5, 3–12.", "Dann folgt mehr."]),
    ("Sie hat Schmerzen im li. Knie. Morgen kommt der Arzt.",
     ["Sie hat Schmerzen im li. Knie.", "Morgen kommt der Arzt."]),
    # a place's or a dose's abbreviation, and 'geb.', end a sentence before an opener (not before a name)
    ("Die Messe ist in Frankfurt a. M. Sie dauert drei Tage.", ["Die Messe ist in Frankfurt a. M.", "Sie dauert drei Tage."]),
    ("Sie nimmt 2 Tbl. tgl. Das hilft.", ["Sie nimmt 2 Tbl. tgl.", "Das hilft."]),
    ("Er wurde 1749 geb. Die Familie zog bald um.", ["Er wurde 1749 geb.", "Die Familie zog bald um."]),
    ("Anna Meier, geb. Schulz, zog nach Köln.", ["Anna Meier, geb. Schulz, zog nach Köln."]),
    # no sentence ends inside a bracket: a line-up's substitution
    ("Werder: Zetterer – Stark (46. Jung), Friedl – Ducksch.", ["Werder: Zetterer – Stark (46. Jung), Friedl – Ducksch."]),
])
def test_german_sentences(text, expected):
    assert split_sentences(text) == expected


def test_seed_sentences_are_whole():
    doc = load(SEED)
    texts = [s.text for s in doc.sentences()]
    for text in texts:
        assert not text.endswith("US-"), text
        assert text.count('"') % 2 == 0, f"split inside a quotation: {text}"
    assert any("im 21. Jahrhundert." in t for t in texts)
    assert any(t.startswith("Im Juli 2021 waren etwa 150 US-Soldaten") for t in texts)


def test_ids_are_unique_positional_and_stable():
    first, second = load(SEED), load(SEED)
    ids = [s.id for s in first.sentences()]
    assert len(ids) == len(set(ids))
    assert ids == [s.id for s in second.sentences()]
    assert ids[0] == "s-1-0-1" and ids[1] == "s-1-1-1"
    assert all(i.count("-") == 3 for i in ids)


def test_nothing_in_the_cache_can_run_code(tmp_path):
    """A build leaves no pickle (or other code-carrying format) in its cache: a shared or restored
    cache must be data only."""
    from conftest import build

    source = tmp_path / "kurz.md"
    source.write_text("# Kurz\n\nEin Satz mit 3 Wörtern. Noch einer.\n", encoding="utf-8")
    build(source, tmp_path / "out", tmp_path / "cache", formats=("vtt",))
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        looks_pickled = data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05") and data.endswith(b".")
        assert not path.name.endswith((".pickle", ".pkl")) and not looks_pickled, path


def test_sentence_memo_splits_only_new_paragraphs(tmp_path, monkeypatch):
    from narration import segment

    source = tmp_path / "artikel.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    first = load(source, tmp_path / "memo")
    calls = []
    real = segment.split_sentences
    monkeypatch.setattr(segment, "split_sentences", lambda p: calls.append(p) or real(p))
    assert load(source, tmp_path / "memo") == first and calls == []
    source.write_text(source.read_text(encoding="utf-8").replace("Biden will ihn nicht verlieren.",
                                                                   "Biden will ihn nie verlieren."), encoding="utf-8")
    changed = load(source, tmp_path / "memo")
    assert calls == []  # one reworded sentence: its paragraph's known sentences around it, no tokenizer
    assert [s.text for s in changed.sentences()][-1] == "Biden will ihn nie verlieren."


def test_a_reworded_sentence_needs_no_tokenizer_and_splits_like_one(tmp_path, monkeypatch):
    """An editor's usual change, one sentence reworded, added or removed, is split without SoMaJo
    (a quarter of a second to start) exactly as SoMaJo splits it; anything unsure still goes to it."""
    from narration import segment

    source = tmp_path / "artikel.txt"
    text = SEED.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    load(source, tmp_path / "memo")
    edits = [
        ("Biden will ihn nicht verlieren.", "Biden will ihn im Jahr 2031 auf keinen Fall verlieren."),  # reworded
        ("Biden will ihn nicht verlieren.", "Biden will ihn nicht verlieren. Das sagte er gestern"),  # added
        ("Im vergangenen Jahr beendete Biden dann den Kriegseinsatz am Hindukusch. ", ""),  # removed
    ]
    for old, new in edits:
        source.write_text(text, encoding="utf-8")
        load(source, tmp_path / "memo")  # the memo follows the source: back to the original
        edited = text.replace(old, new)
        assert edited != text
        source.write_text(edited, encoding="utf-8")
        with monkeypatch.context() as patched:
            patched.setattr("somajo.SoMaJo", lambda *a, **k: pytest.fail("SoMaJo was needed"))
            segment._tokenizer.cache_clear()
            quick = [s.text for s in load(source, tmp_path / "memo").sentences()]
        segment._tokenizer.cache_clear()
        fresh = [s.text for s in load(source).sentences()]  # no memo: SoMaJo splits everything
        assert quick == fresh
    unsure = text.replace("Biden will ihn nicht verlieren.", "Biden will ihn z. B. nicht verlieren. Nie.")
    source.write_text(unsure, encoding="utf-8")
    calls = []
    real = segment.split_sentences
    monkeypatch.setattr(segment, "split_sentences", lambda p: calls.append(p) or real(p))
    assert [s.text for s in load(source, tmp_path / "memo").sentences()][-2:] == ["Biden will ihn z. B. nicht verlieren.",
                                                                                    "Nie."]
    assert len(calls) == 1  # the unsure paragraph went to SoMaJo


def test_somajo_sped_up_splits_exactly_as_somajo(tmp_path):
    """Tokens without an emoji character skip SoMaJo's per-character emoji search
    (``segment._skip_tokens_without_emoji``): every token, its class and offsets must be what the
    library's own search gives, on news, a novel's opening and text full of emoji."""
    from pathlib import Path

    from somajo import SoMaJo, tokenizer

    from narration import segment

    segment._tokenizer()  # installs the shortcut
    shortcut = tokenizer.Tokenizer._split_emojis
    assert getattr(shortcut, "narration_skips", False)
    emoji = ["Wir 😀 freuen uns 👍🏽 riesig 🇩🇪 – Daumen hoch 👍!", "Familie: 👨‍👩‍👧‍👦 und ☺️ sowie ☺ und 1️⃣ Platz.",
             "Herz ❤ und ❤️ und ♥️, Text :-) und ;) und ¯\\_(ツ)_/¯ am Ende.", "Ein © und ™ und ®️ im Satz."]
    paragraphs = emoji + [p for path in (SEED, Path(__file__).parent / "data" / "verwandlung-anfang.md")
                          for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]

    def tokens(split_emojis):
        tokenizer.Tokenizer._split_emojis = split_emojis
        try:
            somajo = SoMaJo(*segment._SOMAJO_ARGS, **segment._SOMAJO_OPTIONS)
            return [[(t.text, t.token_class, t.character_offset) for t in sentence]
                    for sentence in somajo.tokenize_text(paragraphs)]
        finally:
            tokenizer.Tokenizer._split_emojis = shortcut

    ours, theirs = tokens(shortcut), tokens(shortcut.original)
    assert ours == theirs
    assert sum(t[1] == "emoticon" for sentence in theirs for t in sentence) >= 10  # the emoji were found
