"""German nouns with their gender, number and case, from Wiktionary.

A number agrees with the noun after it ("eine Person", "in der zweiten
Halbzeit"), so the normaliser must know that "Person" is feminine and
"Kunden" plural. The ``german-nouns`` package (Wiktionary, ~100,000 nouns)
knows; the forms we need ship with narration as a compact text table derived
from it (``data/nouns.tsv.gz``, one ``form<TAB>analyses`` line each, sorted,
never a pickle; CC BY-SA, see ``data/nouns.LICENSE.md``), so pip installs it
with no dependency of its own (german-nouns' parser pins an old lxml). It is
unpacked once per machine into the user's cache folder and not loaded: it is
memory-mapped and binary-searched, so a build that looks up a few nouns pays
microseconds, not the quarter second a dict of 250,000 forms costs.
``python -m narration.speech.nouns nouns.csv`` makes the table anew.

An analysis is two letters: gender (m f n, or p for plural) and case
(n a d g). Compounds missing from Wiktionary take the gender of their last
part ("Mitgliedsland" like "Land"), as German grammar does.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import logging
import mmap
import os
import re
import sys
from pathlib import Path

log = logging.getLogger(__name__)
SHIPPED = Path(__file__).with_name("data") / "nouns.tsv.gz"
_CASES = {"nominativ": "n", "akkusativ": "a", "dativ": "d", "genitiv": "g"}
_MIN_PART = 3  # shortest last part a compound is split at ("Eis", "Tag")


def build_table(csv_path: Path) -> dict[str, str]:
    """Every inflected form of every noun -> its analyses ("fnfafdfg")."""
    table: dict[str, set[str]] = {}
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        genus_cols = [i for i, name in enumerate(header) if name.startswith("genus")]
        form_cols = []
        for i, name in enumerate(header):
            parts = name.replace("*", "").split()
            if len(parts) >= 2 and parts[0] in _CASES and parts[1] in ("singular", "plural"):
                form_cols.append((i, _CASES[parts[0]], parts[1] == "plural"))
        for row in rows:
            if "Substantiv" not in row[1]:
                continue
            genders = {row[i] for i in genus_cols if i < len(row) and row[i] in ("m", "f", "n")}
            if not genders:
                continue
            for i, case, plural in form_cols:
                form = row[i] if i < len(row) else ""
                if not form or " " in form or form.startswith("-"):
                    continue
                codes = table.setdefault(form, set())
                for gender in ("p",) if plural else genders:
                    codes.add(gender + case)
    return {form: "".join(sorted(codes)) for form, codes in table.items()}


def table_bytes(table: dict[str, str]) -> bytes:
    """The stored form: lines sorted by their UTF-8 bytes, which the binary search relies on."""
    lines = sorted(f"{form}\t{codes}".encode("utf-8") for form, codes in table.items())
    return b"\n" + b"\n".join(lines) + b"\n"


class SortedTable:
    """A read-only ``form -> analyses`` mapping over the stored table's bytes."""

    def __init__(self, data):
        self.data = data  # bytes or mmap; starts and ends with a newline

    def get(self, form: str) -> str | None:
        key = form.encode("utf-8") + b"\t"
        data, lo, hi = self.data, 0, len(self.data)
        while lo < hi:  # [lo, hi) holds the wanted line's start
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", 0, mid) + 1
            end = data.find(b"\n", mid)
            line = data[start:end]
            if line.startswith(key):
                return line[len(key):].decode("ascii")
            if line < key:
                lo = end + 1
            else:
                hi = start
        return None


class NounLexicon:
    """Lookups of noun forms; the table is opened on first use."""

    def __init__(self, store: Path | None = None, table: dict[str, str] | None = None):
        self.store = store
        self._table = SortedTable(table_bytes(table)) if table is not None else None

    @property
    def table(self) -> SortedTable:
        if self._table is None:
            self._table = self._open()
        return self._table

    def _open(self) -> SortedTable:
        try:
            packed = SHIPPED.read_bytes()
        except OSError:
            log.warning("%s is missing: numbers before nouns take the most common gender", SHIPPED.name)
            return SortedTable(b"\n")
        tag = hashlib.sha256(packed).hexdigest()[:16]
        path = self.store / f"nouns-{tag}.tsv" if self.store is not None else None
        if path is not None:
            try:
                with open(path, "rb") as handle:
                    return SortedTable(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            except (OSError, ValueError):
                pass
        data = gzip.decompress(packed)
        if path is not None:
            from ..textio import atomic_write

            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, data)
            except OSError as exc:  # the table is an optimisation: never fail the build over it
                log.debug("noun table not stored: %s", exc)
        return SortedTable(data)

    def analyses(self, word: str) -> str:
        """'Person' -> 'fafdfgfn'; unknown compounds by their last part; '' if not a noun."""
        word = re.split(r"[:*_/]", word.rsplit("-", 1)[-1])[0]
        if not word or not word[0].isupper():
            return ""
        table = self.table
        found = table.get(word)
        if found is not None:
            return found
        for modern in _modern_spellings(word):  # 'Theil', 'Capitel': an old book's spelling of 'Teil', 'Kapitel'
            found = table.get(modern)
            if found is not None:
                return found
        for start in range(1, len(word) - _MIN_PART + 1):
            found = table.get(word[start].upper() + word[start + 1:])
            if found is not None:
                return found
        return ""

    def exact(self, word: str) -> str:
        """The word's analyses if the table holds the word itself (not as a compound's last part)."""
        return self.table.get(word) or ""

    def is_noun(self, word: str) -> bool:
        return bool(self.analyses(word))


_OLD_SPELLINGS = ((re.compile(r"^C(?=[aoulr])"), "K"), (re.compile(r"^C(?=[ei])"), "Z"), (re.compile(r"(?<=[TtRr])h"), ""),
                  (re.compile(r"ey"), "ei"), (re.compile(r"(?<=[a-z])c(?=[aou])"), "k"))


def _modern_spellings(word: str) -> list[str]:
    """The word as spelled since 1901 ('Theil' -> 'Teil', 'Capitel' -> 'Kapitel', 'Centrum' ->
    'Zentrum', 'Rathhaus' -> 'Rathaus', 'Feyer' -> 'Feier'): each old rule, then all of them."""
    if not re.search(r"^C|[TtRr]h|ey|[a-z]c[aou]", word):
        return []
    found, every = [], word
    for old, new in _OLD_SPELLINGS:
        changed = old.sub(new, word)
        every = old.sub(new, every)
        if changed != word:
            found.append(changed)
    return found + ([every] if every not in found and every != word else [])


_DEFAULT: NounLexicon | None = None


def user_store() -> Path:
    """Where the table is kept: like matplotlib's font cache, it is derived from an installed
    package, not from any article, so it lives in the user's cache folder and is built once per
    machine and package version, not once per project cache. ``NARRATION_NOUNS_DIR`` overrides."""
    if os.environ.get("NARRATION_NOUNS_DIR"):
        return Path(os.environ["NARRATION_NOUNS_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "narration"


def default() -> NounLexicon:
    """One lexicon per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = NounLexicon(user_store())
    return _DEFAULT


if __name__ == "__main__":  # python -m narration.speech.nouns PATH/TO/german_nouns/nouns.csv
    SHIPPED.write_bytes(gzip.compress(table_bytes(build_table(Path(sys.argv[1]))), 9, mtime=0))
    print(f"wrote {SHIPPED}")
