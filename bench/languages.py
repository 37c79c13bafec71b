#!/usr/bin/env python3
"""Measure the language detectors that could find unmarked foreign passages (issue 25).

    python bench/languages.py

Positives: quoted English and French titles and slogans as German news quotes them
(``tests/data/foreign_phrases.txt``, written by hand). Negatives: every quoted phrase of two or more
words in German text nobody tuned on: the seed, both corpus books and the article text of
``../shared/webpages``. For each detector (restricted to German, English and French): load time,
time per phrase, and at each confidence threshold (after the cheap German test every phrase passes
first, ``detect.reads_german``) the share of positives found and the quoted phrases called foreign,
listed, for a person to tell the German ones among them (the corpus quotes English and French too).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def positives() -> list[tuple[str, str]]:
    path = ROOT / "tests" / "data" / "foreign_phrases.txt"
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def negatives() -> list[str]:
    import logging

    from narration.document import load
    from narration.speech.detect import quoted_phrases

    logging.disable(logging.WARNING)
    sources = [ROOT / "source" / "haltung-der-usa.txt", *sorted((ROOT.parent / "shared" / "corpus").glob("*.md"))]
    pages = ROOT.parent / "shared" / "webpages" / "pages"
    sources += sorted(pages.glob("*.html"))
    found = []
    for source in sources:
        try:
            document = load(source)
        except Exception:  # noqa: BLE001 - what cannot be read is not measured
            continue
        if document.meta.language.split("-")[0] != "de":
            continue
        for sentence in document.sentences():
            found += [sentence.text[a:b] for a, b in quoted_phrases(sentence.text)]
    return found


def lingua_detector():
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH, Language.FRENCH).build()
    names = {Language.GERMAN: "de", Language.ENGLISH: "en", Language.FRENCH: "fr"}

    def classify(text):
        best = detector.compute_language_confidence_values(text)[0]
        return names[best.language], best.value
    return classify


def langid_detector():
    import py3langid.langid as langid

    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(["de", "en", "fr"])
    return identifier.classify


def main() -> int:
    from narration.speech.detect import language_of, reads_german

    pos, neg = positives(), negatives()
    print(f"{len(pos)} foreign phrases, {len(neg)} German quoted phrases")
    found = sum(1 for lang, text in pos if not reads_german(text) and language_of(text) == lang)
    wrong = sorted({t for t in neg if not reads_german(t) and language_of(t)})
    print(f"narration's rule (detect.py): {found}/{len(pos)} found; called foreign: {wrong}")
    for name, make in (("lingua-language-detector", lingua_detector), ("py3langid", langid_detector)):  # if installed
        try:
            started = time.perf_counter()
            classify = make()
            classify("warm up")
            loaded = time.perf_counter() - started
        except ImportError:
            print(f"{name}: not installed")
            continue
        from narration.speech.detect import reads_german

        started = time.perf_counter()
        got_pos = [(lang, *(("de", 1.0) if reads_german(text) else classify(text))) for lang, text in pos]
        got_neg = [("de", 1.0) if reads_german(text) else classify(text) for text in neg]
        per = (time.perf_counter() - started) / max(1, len(pos) + len(neg)) * 1000
        print(f"{name}: loads in {loaded:.2f} s, {per:.2f} ms a phrase")
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
            found = sum(1 for want, lang, p in got_pos if lang == want and p >= threshold)
            wrong = [t for t, (lang, p) in zip(neg, got_neg) if lang != "de" and p >= threshold]
            print(f"  confidence ≥ {threshold}: {found}/{len(pos)} found, {len(wrong)} German phrases called foreign"
                  + (f": {sorted(set(wrong))}" if wrong else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
