#!/usr/bin/env python3
"""List the speech text's tokens that need a human look, over real text nobody tuned on (issue 26).

    python bench/review_tokens.py [--pages DIR] [--corpus DIR] [--class NAME [--context]] [--left]

Every sentence of the article text of the saved web pages and of the corpus books goes through the
normaliser. Printed: per semiotic class, how many tokens it changed; then (``--left``) every token
it left alone that holds a digit, a symbol, a dot inside a word or is in capitals: each is a
candidate miss to read. ``--class NAME`` prints that class's tokens (written -> spoken) to review.
"""
from __future__ import annotations

import argparse
import collections
import json
import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SUSPECT = re.compile(r"\d|[%€$£¥§&*+=/²³½¼¾°−@#|<>~^_\\]|\w\.\w|\b[A-ZÄÖÜ]{2,}\b")


def sentences(pages: Path, corpus: Path):
    from narration.document import load

    logging.disable(logging.WARNING)
    sources = []
    if (pages / "cases.json").is_file():
        sources += [pages / case["file"] for case in json.loads((pages / "cases.json").read_text(encoding="utf-8"))]
    sources += sorted(corpus.glob("*.md"))
    for source in sources:
        try:
            document = load(source)
        except Exception as exc:  # noqa: BLE001 - a review lists what it could read
            print(f"skipped {source.name}: {exc}", file=sys.stderr)
            continue
        for sentence in document.sentences():
            yield source.name, sentence.text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "webpages")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--class", dest="kind", help="print this class's tokens, written -> spoken")
    parser.add_argument("--left", action="store_true", help="print the suspect tokens no class took")
    parser.add_argument("--context", action="store_true",
                        help="with --class: every occurrence, in its sentence's words around it (agreement lives there)")
    args = parser.parse_args(argv)
    from narration.speech.normalise import Normaliser

    normaliser = Normaliser()
    counts, left, shown = collections.Counter(), collections.Counter(), set()
    for name, text in sentences(args.pages, args.corpus):
        for token in normaliser.tokens(text):
            if token.kind != "plain":
                counts[token.kind] += 1
                if token.kind == args.kind and args.context:
                    print(f"{text[max(0, token.start - 40):token.start]:>40}[{token.text}]"
                          f"{text[token.end:token.end + 30]:30} -> {token.spoken!r}")
                elif token.kind == args.kind and token.text not in shown:
                    shown.add(token.text)
                    print(f"{name[:24]:24} {token.text!r:30} -> {token.spoken!r}")
            else:
                for word in token.text.split():
                    if SUSPECT.search(word):
                        left[word] += 1
    print(f"tokens changed: {sum(counts.values())}; " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"suspect tokens left alone: {sum(left.values())} ({len(left)} different)")
    if args.left:
        for word, count in left.most_common():
            print(f"  {count:4} {word}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
