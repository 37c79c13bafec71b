#!/usr/bin/env python3
"""Score the German normaliser on NeMo-text-processing's own German test cases (issue 26).

    python bench/nemo.py [CASES_DIR] [--show]

CASES_DIR holds NeMo's ``test_cases_<class>.txt`` (``spoken~written``; in
``test_cases_normalize_with_audio.txt`` a ``~written`` line, then each acceptable spoken form on
a line of its own). Default: ``../shared/nemo-de-tn`` (Apache 2.0; read in place, never copied).
Outputs are compared by their letters only (lower case, no spaces or punctuation), as NeMo writes
compound numbers apart ("zwei tausend drei"). A digit left in an output is always wrong.
Differences that are legitimate other readings, or NeMo's own questionable expectations, are
listed with their reason in ``ALTERNATIVES`` and counted apart.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "nemo-de-tn"

# written form -> why our reading differs from NeMo's and is still right (or NeMo's is not).
_KEEPS_DIGITS = "NeMo's audio-based mode accepts the written form unchanged; a speech text never keeps a digit"
_CENT = "'zwei Euro zwanzig' is how prices are said; 'zwanzig Cent' after it is NeMo's longer form"
_PROTOCOL = "'https://' is left unsaid (a listener needs the address, not its scheme); NeMo spells it"
_LIST = "digits joined by commas without spaces are a list here; NeMo reads pairs of them as decimals"
ALTERNATIVES: dict[str, str] = {
    "1126": "a bare four-digit number from 1100 to 1999 is read as a year unless context says count",
    "2.3": "without its final dot '2.3' is not a date in German writing; read as a version or English decimal",
    "1,2,3": _LIST, "1,2,3,4": _LIST, "1,2,3,4,5": _LIST,
    "https://www.abc.com": _PROTOCOL, "https://www.abc.com/ab?=3-/abs/1": _PROTOCOL,
    "0/0": "NeMo's 'null Nulltel' is no German word; zero over zero is read as two numbers",
    "1/100": "'ein Hundertstel' is the German fraction; NeMo says 'ein einhundertstel'",
    "1 h": "'eine Stunde' (feminine); NeMo's 'ein Stunde' is ungrammatical",
    "€1 million": "'eine Million Euro'; NeMo's 'eins million euro' is ungrammatical",
    "$2,20": _CENT, "€2,20": _CENT, "$2,200": _CENT, "€2,200": _CENT, "$2,20000": _CENT,
    "£2,01": "'zwei Pfund eins', as prices are said; NeMo adds 'Penny'",
    "£2,20": "'zwei Pfund zwanzig', as prices are said; NeMo adds 'Pence'",
    "t-0t25d12-f": _KEEPS_DIGITS, "B2A23C": _KEEPS_DIGITS, "25d08A": _KEEPS_DIGITS, "C24": _KEEPS_DIGITS,
    "1970-2010": _KEEPS_DIGITS, "W26s": _KEEPS_DIGITS, "5-3-Ws": _KEEPS_DIGITS, "401-ks": _KEEPS_DIGITS,
    "The box was 25 x 7 m.": _KEEPS_DIGITS, "4567": _KEEPS_DIGITS, "1,000,123": _KEEPS_DIGITS,
    "1000000.": "'Millionster'; NeMo's 'eine millionster' is ungrammatical",
    "dem 1000.": "'dem eintausendsten' (weak ending after the article); NeMo's 'dem ein tausendstem' is ungrammatical",
    "1 million mv": "'eine Million Millivolt'; NeMo's 'eins million' is ungrammatical",
}


@dataclass
class Case:
    file: str
    written: str
    expected: tuple[str, ...]
    got: str = ""

    @property
    def agrees(self) -> bool:
        return letters(self.got) in {letters(e) for e in self.expected}

    @property
    def keeps_digit(self) -> bool:
        return bool(re.search(r"\d", self.got))


def letters(text: str) -> str:
    """What is compared: the letters, with a letter we write as its name for the engine ('De',
    'Zee', 'Ka-We-Ha') taken as that letter, since both say the same."""
    names = _letter_names()
    text = re.sub(r"[\w]+", lambda m: names.get(m.group(0), m.group(0)), text)
    return re.sub(r"[\W\d_]+", "", text.casefold())


def _letter_names() -> dict[str, str]:
    from narration.speech import data

    return {spoken[0]: letter for letter, spoken in data.rows("letters.tsv").items()
            if len(letter) == 1 and spoken and spoken[0] != letter}


def cases(folder: Path) -> list[Case]:
    found = []
    for path in sorted(folder.glob("test_cases_*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if path.stem.endswith("normalize_with_audio"):
            current = None
            for line in lines:
                if line.startswith("~"):
                    current = Case(path.stem, line[1:], ())
                    found.append(current)
                elif line.strip() and current is not None:
                    current.expected += (line,)
            continue
        for line in lines:
            if "~" in line:
                spoken, written = line.split("~", 1)
                found.append(Case(path.stem, written, (spoken,)))
    return found


def accepted_everywhere(found: list[Case]) -> None:
    """A written form NeMo's suite gives more than once is right in any of the readings it gives
    for it anywhere: its audio-based file accepts 'zwei Dollar zwanzig' for '$2,20', which its
    money file writes 'zwei dollar zwanzig cent'."""
    readings: dict[str, tuple[str, ...]] = {}
    for case in found:
        readings[case.written] = readings.get(case.written, ()) + case.expected
    for case in found:
        case.expected += tuple(e for e in readings[case.written] if e not in case.expected)


def score(folder: Path) -> tuple[dict, list[Case]]:
    from narration.speech.normalise import Normaliser

    normaliser = Normaliser()
    found = cases(folder)
    accepted_everywhere(found)
    for case in found:
        case.got = normaliser(case.written)
    agree = sum(c.agrees for c in found)
    alternative = sum(1 for c in found if not c.agrees and c.written in ALTERNATIVES)
    possible = [c for c in found if any(not re.search(r"\d", e) for e in c.expected)]  # a spoken form exists
    summary = {"cases": len(found), "agree": agree, "agree_share": round(agree / max(1, len(found)), 4),
               "speakable_cases": len(possible),  # NeMo accepts some reading without a digit
               "agree_share_of_speakable": round(sum(c.agrees for c in possible) / max(1, len(possible)), 4),
               "listed_alternatives": alternative, "keep_a_digit": sum(c.keeps_digit for c in found),
               "unexplained": sum(1 for c in found if not c.agrees and c.written not in ALTERNATIVES)}
    return summary, found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", action="store_true", help="every case that differs, with ours and NeMo's")
    args = parser.parse_args(argv)
    if not list(args.folder.glob("test_cases_*.txt")):
        print(f"nemo: no test_cases_*.txt in {args.folder}", file=sys.stderr)
        return 2
    summary, found = score(args.folder)
    if args.show:
        for case in found:
            if not case.agrees:
                why = ALTERNATIVES.get(case.written, "")
                print(f"{case.file[11:]:22} {case.written!r}\n{'':22}   ours: {case.got!r}\n{'':22}   nemo: "
                      f"{case.expected[0]!r}" + (f"\n{'':22}   ({why})" if why else ""))
    for key, value in summary.items():
        print(f"{key:20} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
