"""German speech normalisation, judged by hand-written cases (issue 11).

Each file in ``tests/normalisation/`` holds one semiotic class, one
``written~spoken`` case a line, the spoken form written by a German reader
(never produced by the normaliser). The other tests check the machinery:
classes replaceable, the lexicon winning, spans that map back, speed-free.
"""
from pathlib import Path

import pytest

from conftest import ROOT
from narration.speech import normalise as n

CASES_DIR = Path(__file__).with_name("normalisation")


def _cases():
    for path in sorted(CASES_DIR.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() not in ("", "#") and not line.startswith("# "):  # "#MeToo" is a case
                written, spoken = line.rsplit("~", 1)  # the written side may hold a "~" ("~5 Minuten")
                yield pytest.param(written, spoken, id=f"{path.stem}:{number}")


CASES = list(_cases())


@pytest.mark.parametrize("written,spoken", CASES)
def test_spoken_form(written, spoken):
    assert n.normalise(written) == spoken


def test_the_corpus_is_large_and_covers_every_class():
    assert len(CASES) >= 400
    files = {p.stem for p in CASES_DIR.glob("*.txt")}
    from narration.speech.classes import ORDER

    assert set(ORDER) - {"symbol"} <= files | {"symbol"}, set(ORDER) - files


def test_no_digits_or_symbols_survive_in_the_corpus():
    """What the issue forbids in a speech script: digits and the symbols listeners cannot hear."""
    forbidden = set("0123456789%€$§&*+/²³½°−")
    for param in CASES:
        spoken = n.normalise(param.values[0])
        assert not forbidden & set(spoken), (param.values[0], spoken)


def test_tokens_map_back_to_the_display_text():
    text = "Am 3. Juni kamen 1.500 Gäste, 25 % mehr als 2022."
    tokens = n.Normaliser().tokens(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start:t.end] == t.text for t in tokens)
    changed = [(t.text, t.kind, t.spoken) for t in tokens if t.kind != "plain"]
    assert changed == [("3.", "ordinal", "dritten"), ("1.500", "cardinal", "eintausendfünfhundert"),
                       ("25 %", "percent", "fünfundzwanzig Prozent"), ("2022", "year", "zweitausendzweiundzwanzig")]


def test_the_users_lexicon_wins_over_every_class():
    normaliser = n.Normaliser([("NATO", "Nordatlantikpakt"), ("Biden", "Baiden"), ("3.", "drittens")])
    assert normaliser("Biden und die NATO.") == "Baiden und die Nordatlantikpakt."
    assert normaliser("Bidens Plan") == "Bidens Plan"  # whole words only, case exact


def test_classes_are_replaceable():
    from narration.speech.classes import CLASSES

    only_percent = [c for c in CLASSES if c.name == "percent"]
    assert n.Normaliser(classes=only_percent)("33 % von 150") == "dreiunddreißig Prozent von 150"
    assert n.Normaliser(classes=[])("33 %") == "33 %"


def test_a_class_that_declines_hands_over_to_the_next():
    # '24.02.2022' looks like a version to the version class (three parts) but is a date
    tokens = n.Normaliser().tokens("am 24.02.2022")
    assert [t.kind for t in tokens if t.kind != "plain"] == ["date"]


def test_noun_lexicon_comes_from_german_nouns(tmp_path):
    """The table ships with the package (derived from german-nouns, CC BY-SA), unpacked once."""
    from narration.speech.nouns import NounLexicon

    lexicon = NounLexicon(tmp_path)
    assert "fn" in lexicon.analyses("Halbzeit")  # feminine
    assert "nn" in lexicon.analyses("Album")  # neuter
    assert "pn" in lexicon.analyses("Kunden")  # a plural
    assert "nn" in lexicon.analyses("Mitgliedsland")  # a compound, by its last part
    assert lexicon.analyses("schnell") == "" and lexicon.analyses("Biden") == ""
    stored = list(tmp_path.glob("nouns-*.tsv"))
    assert len(stored) == 1 and not stored[0].read_bytes().startswith(b"\x80")  # text, not a pickle
    again = NounLexicon(tmp_path)
    assert again.analyses("Halbzeit") == lexicon.analyses("Halbzeit")


def test_the_cldr_unit_table_is_what_babel_gives():
    """``data/units_cldr.tsv`` is derived, never edited: it must equal what the pinned Babel (CLDR) gives now."""
    from narration.speech import cldr_units

    assert cldr_units.TABLE.read_text(encoding="utf-8") == cldr_units.derive()


def test_the_consonant_cluster_table_is_what_the_noun_lexicon_gives():
    """``data/consonant_clusters.tsv`` is derived, never edited: it must equal what the shipped nouns give now."""
    from narration.speech import clusters

    assert clusters.TABLE.read_text(encoding="utf-8") == clusters.derive()
    initial, final = clusters.known()
    assert {"", "SCHW", "STR"} <= initial and {"", "CHT", "RM", "DL"} <= final  # 'Schwein', 'Dirndl'
    assert "SB" not in final and "CC" not in final and "BWL" not in initial  # 'DOSB', 'FACC': no German word


def test_units_from_cldr_and_ours():
    from narration.speech import data

    units = data.units()
    assert units["kWh"][:2] == ["Kilowattstunde", "Kilowattstunden"]  # ours
    assert units["hPa"][:2] == ["Hektopascal", "Hektopascal"] and units["TL"][1] == "Teelöffel"  # CLDR's
    assert "in" not in units and "pc" not in units  # left out: German words and products after a number


def test_no_data_table_says_one_thing_twice():
    """A key listed twice in a table is a silent override: the earlier line is dead and misleads its reader.
    The abbreviation table keys on the abbreviation and its kind ('Min.' before a number, 'Min.' else), and
    for the kind "after word" on the words too ('aus W': West, 'nach W': Westen)."""
    from narration.speech import data

    for path in sorted(set(data.FOLDER.glob("*.tsv")) - {data.FOLDER / "foreign_function_words.tsv"}):  # a word per line, by language
        keys = [tuple(cells[:1] + cells[2:4]) if path.stem == "abbreviations" else cells[0]
                for cells in data._lines(path.name)]  # noqa: SLF001 - the raw lines, before rows() merges them
        assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


def test_nemo_german_cases_keep_no_digit_and_every_difference_is_explained():
    """NeMo-text-processing's own German cases (../shared/nemo-de-tn, read in place): no output keeps a
    digit, and every case where ours differs is listed in bench/nemo.py with its reason."""
    import sys

    folder = ROOT.parent / "shared" / "nemo-de-tn"
    if not folder.is_dir():
        pytest.skip(f"no NeMo cases at {folder}")
    sys.path.insert(0, str(ROOT / "bench"))
    import nemo

    summary, found = nemo.score(folder)
    assert summary["keep_a_digit"] == 0, [(c.written, c.got) for c in found if c.keeps_digit]
    assert summary["unexplained"] == 0, [(c.written, c.got, c.expected[0]) for c in found
                                         if not c.agrees and c.written not in nemo.ALTERNATIVES]
    assert summary["agree_share"] >= 0.90 and summary["agree_share_of_speakable"] >= 0.93  # the issue asks ≥ 90 %
