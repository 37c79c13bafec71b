"""Safe ASCII names for output folders, always from the file name (never
from metadata, so a title like ``../../etc/passwd`` cannot steer a path)."""
from __future__ import annotations

import re

_GERMAN = [["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"]]
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str, fallback: str = "article", max_length: int = 80) -> str:
    """python-slugify with German transliteration. A name that already is a slug (``haltung-der-usa``)
    is its own slug, and then python-slugify is not even imported: a build with nothing to do
    spends a tenth of its time otherwise importing it (tested to agree with it)."""
    if len(text) <= max_length and _SLUG.fullmatch(text):
        return text
    from slugify import slugify as _slugify

    return _slugify(text, replacements=_GERMAN, max_length=max_length, word_boundary=True) or fallback
