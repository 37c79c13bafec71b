"""Safe ASCII names for output folders, always from the file name (never
from metadata, so a title like ``../../etc/passwd`` cannot steer a path)."""
from __future__ import annotations

from slugify import slugify as _slugify

_GERMAN = [["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"]]


def slugify(text: str, fallback: str = "article", max_length: int = 80) -> str:
    return _slugify(text, replacements=_GERMAN, max_length=max_length, word_boundary=True) or fallback
