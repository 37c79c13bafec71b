"""Encodings of pasted text are detected, not guessed (issue 2)."""
import codecs

import pytest

from narration.errors import ReaderError
from narration.textio import decode

TEXT = "Die Größe „Maß“ – über Öl, Ärger und Übel.\nZweite Zeile."


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # with BOM, native order
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    lambda t: t.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf16-le", "cp1252"])
def test_encodings_round_trip(encode):
    assert decode(encode(TEXT)) == TEXT


def test_latin1_umlauts():
    text = "Schöne Grüße aus Köln, daß es schön war."
    assert decode(text.encode("latin-1")) == text


def test_crlf_and_cr_become_newlines():
    assert decode(b"eins\r\nzwei\rdrei") == "eins\nzwei\ndrei"


@pytest.mark.parametrize("junk", [bytes(range(256)) * 4, b"\x00\x01\x02PK\x03\x04" * 50])
def test_binary_is_refused(junk):
    with pytest.raises(ReaderError, match="binary"):
        decode(junk)
