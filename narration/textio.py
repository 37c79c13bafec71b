"""Turn the bytes of a text source into clean Unicode.

Pasted news text arrives as UTF-8 (with or without BOM), UTF-16 from Windows
editors, or Windows-1252/Latin-1 from older tools. We decide by evidence: a BOM
is certain, strict UTF-8 decoding is nearly certain, and only then does
charset-normalizer choose among the legacy code pages.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
import unicodedata
from pathlib import Path


from .errors import ReaderError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ["cp1252", "latin_1", "iso8859_15"]
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK  # mkstemp makes 0600; outputs are meant to be read (and served)


def decode(data: bytes) -> str:
    """Decode ``data`` and normalise newlines and Unicode composition."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"starts with a {encoding} byte-order mark but is not {encoding}") from exc
            break
    if text is None:
        if b"\x00" in data:
            raise ReaderError("is binary data, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes  # only for files that are not UTF-8

            best = from_bytes(data, cp_isolation=_LEGACY).best()
            text = str(best) if best is not None else data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReaderError("is binary data, not text")
    return unicodedata.normalize("NFC", text)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t\f")
    return controls > max(2, len(text) // 200)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``path`` so that a reader (or a crash) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def replacing(path: Path):
    """``with replacing(final) as temp:`` a tool writes ``temp``; it becomes ``final`` only when the
    block ends without an error (else it is removed), so ``final`` is never half written."""
    temp = temp_path_for(path)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def temp_path_for(path: Path) -> Path:
    """A sibling temporary name, for tools (ffmpeg, zip) that write by path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f".part{path.suffix}")
    os.close(fd)
    os.chmod(tmp, _FILE_MODE)
    return Path(tmp)
