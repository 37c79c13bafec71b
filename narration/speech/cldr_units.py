"""German unit names from Unicode CLDR, through Babel: symbols, singular and plural forms.

CLDR knows hundreds of units (``kWh``, ``hPa``, ``mm Hg``, ``EL``, ``L/100 km``, ``GHz``, ...) with
their German names; loading Babel's locale data costs about 90 ms, too much for every build, so
the table is derived once, here, into ``data/units_cldr.tsv`` (symbol, singular, plural, gender:
the same columns as our own ``data/units.tsv``), and a test checks that it still equals what the
pinned Babel gives. Our own file wins where both name a symbol, and keeps what CLDR lacks.

A unit's gender (for "eine Kilowattstunde") comes from the noun lexicon: the gender of its name's
last noun ("Kilowattstunde" like "Stunde"). Symbols that are a lone letter, or that CLDR shares
with a German word or another unit, are left out (``data/units_cldr_skipped.txt``): after a number
"5 G" or "3 Tsd." must not become a unit by accident.

    python -m narration.speech.cldr_units     # writes data/units_cldr.tsv
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).with_name("data")
TABLE = DATA / "units_cldr.tsv"
HEADER = ("# Derived from Unicode CLDR (through Babel) by `python -m narration.speech.cldr_units`; do not edit.\n"
          "# symbol, singular, plural, gender (from the noun lexicon). data/units.tsv wins over this file.\n")


def _name(pattern: str) -> str:
    return " ".join(pattern.replace("{0}", " ").replace("\xa0", " ").split())


def _spoken(name: str) -> str:
    """A name is heard as it stands: 'Liter pro 100 Kilometer' -> 'Liter pro hundert Kilometer'."""
    from .numbers import cardinal

    return re.sub(r"\d+", lambda m: "hundert" if m.group(0) == "100" else cardinal(int(m.group(0))), name)


def derive() -> str:
    from babel import Locale

    from . import data
    from .nouns import default as nouns

    skipped = data.words("units_cldr_skipped.txt")
    ours = data.rows("units.tsv")
    table = Locale.parse("de")._data["unit_patterns"]  # noqa: SLF001 - Babel keeps the CLDR patterns here
    rows, seen = {}, {}
    for unit in sorted(table):
        forms = table[unit]
        if "short" not in forms or "long" not in forms:
            continue
        symbol = _name(forms["short"].get("other", ""))
        singular = _spoken(_name(forms["long"].get("one", forms["long"].get("other", ""))))
        plural = _spoken(_name(forms["long"].get("other", "")))
        if (not symbol or not singular or symbol in ours or symbol in skipped or len(symbol) == 1
                or singular == symbol or "[" in symbol):  # untranslated, or Japanese measures
            continue
        if symbol in seen and seen[symbol] != (singular, plural):
            rows.pop(symbol, None)  # two units, one symbol: neither
            skipped = skipped | {symbol}
            continue
        seen[symbol] = (singular, plural)
        last = re.findall(r"[A-ZÄÖÜ][\wäöüß]*", singular.split(" pro ")[0])
        analyses = nouns().analyses(last[-1]) if last else ""
        gender = next((code[0] for code in re.findall("..", analyses) if code[0] in "mfn"), "m")
        rows[symbol] = (singular, plural, gender)
    lines = [f"{symbol}\t{singular}\t{plural}\t{gender}" for symbol, (singular, plural, gender) in sorted(rows.items())]
    return HEADER + "\n".join(lines) + "\n"


if __name__ == "__main__":
    TABLE.write_text(derive(), encoding="utf-8")
    print(f"wrote {TABLE}", file=sys.stderr)
