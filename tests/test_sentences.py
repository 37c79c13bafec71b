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
