"""Which consonant clusters begin and end German words, learnt from the noun lexicon.

An unknown word in capitals is read as a word when German could say it ('ALDI', 'STIKO', 'LIDL')
and spelled when it could not ('DOSB', 'BASF', 'NEJM'): whether it can is decided by the consonants
before its first vowel and after its last, which must each begin or end enough German nouns. The
sets are derived once from ``data/nouns.tsv.gz`` into ``data/consonant_clusters.tsv`` (a test
checks that the file still equals the derivation), so no start pays for reading the lexicon.

    python -m narration.speech.clusters     # writes data/consonant_clusters.tsv
"""
from __future__ import annotations

import collections
import functools
import gzip
import re
import sys
from pathlib import Path

DATA = Path(__file__).with_name("data")
TABLE = DATA / "consonant_clusters.tsv"
HEADER = ("# Derived from data/nouns.tsv.gz by `python -m narration.speech.clusters`; do not edit.\n"
          "# cluster (upper case, empty = none), where it stands (initial, final) in enough German nouns.\n")
VOWELS = "AEIOUÄÖÜY"
MIN_WORDS = 5  # a cluster in fewer nouns is a loan word's or an abbreviation's ('BWL')
_GERMAN = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_INITIAL = re.compile(rf"[^{VOWELS}]*")
_FINAL = re.compile(rf"[^{VOWELS}]*$")


def edges(word: str) -> tuple[str, str]:
    """'ALDI' -> ('', ''), 'DOSB' -> ('D', 'SB'): the consonants before the first vowel and after the last."""
    upper = word.upper()
    return _INITIAL.match(upper).group(0), _FINAL.search(upper).group(0)


def derive() -> str:
    initial, final = collections.Counter(), collections.Counter()
    with gzip.open(DATA / "nouns.tsv.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            form = line.split("\t", 1)[0]
            if _GERMAN.fullmatch(form) and any(ch in VOWELS for ch in form.upper()):
                first, last = edges(form)
                initial[first] += 1
                final[last] += 1
    positions: dict[str, list[str]] = {}
    for where, counts in (("initial", initial), ("final", final)):
        for cluster, n in counts.items():
            if n >= MIN_WORDS:
                positions.setdefault(cluster, []).append(where)
    return HEADER + "".join(f"{cluster}\t{' '.join(where)}\n" for cluster, where in sorted(positions.items()))


@functools.lru_cache(maxsize=1)
def known() -> tuple[frozenset[str], frozenset[str]]:
    """(clusters that begin German words, clusters that end them), from the derived table."""
    from . import data

    table = data.rows(TABLE.name)
    return (frozenset(c for c, where in table.items() if "initial" in where[0].split()),
            frozenset(c for c, where in table.items() if "final" in where[0].split()))


if __name__ == "__main__":
    TABLE.write_text(derive(), encoding="utf-8")
    print(f"wrote {TABLE}", file=sys.stderr)
