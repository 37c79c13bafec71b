"""Regular-expression pieces the semiotic classes share (numbers, boundaries)."""
from __future__ import annotations

import re

from . import data

START = r"(?<![\w,])(?:(?<!\.)|(?<=[^\W\d]\.))"  # not inside a word or another number; "Nr.1" is "Nr. 1"
# an integer, with thousands grouped by dots, thin or no-break spaces, plain spaces ("25 000") or, as
# Swiss German writes them, apostrophes ("420'000")
INT = r"(?:\d{1,3}(?:[.\u202f\u00a0 '’]\d{3})+(?!\d)|\d+)"
NUMBER = rf"{INT}(?:,\d+)?"
# '(–1)': a change in a poll, an en dash for a minus; so is one before a number after a word ('bei –15 °C'),
# not one after a number ('10 –15': a range)
SIGN = r"(?:(?<![\w.])[-−+±]|(?<=\()–|(?<![\w–-])(?<!\d\s)–(?=\d))"
LETTER = r"A-Za-zÄÖÜäöüß"
SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")  # 'CO₂' is 'CO2' to a reader
# an ordinal's number right before ('in der 88. Min.', 'ab dem 21. km'): what counts the word after it
ORDINAL_BEFORE = re.compile(r"(?<![\d.])\d{1,3}\.\s?$")
# a file number up to its slash: 'Az. 123/22', 'Nr. 12/3', '2 BvF 1/22', 'VI ZR 123/22', 'Richtlinie 2001/83/EG',
# '(EU) 2016/679' (read 'Strich', not a fraction)
FILE_NUMBER_BEFORE = (r"(?:Az\.|Aktenzeichen|Nr\.|Nummer|Drs\.|Drucksache|Richtlinie|Verordnung|\((?:EU|EG|EWG)\)|\b(?:[A-Z]{1,4}|[A-Z][a-z][A-Z][A-Za-z]?))"
                      r"\s\d+$|\b[A-Z]-\d+$|\d/\d+$")  # a European court's 'C-311/18'; and '2001/83/EG'


def alternatives(keys) -> str:
    """Longest first, so 'km²' wins over 'km' and 'Mio.' over 'M'."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


def scales() -> str:
    return alternatives(data.rows("scales.tsv"))
