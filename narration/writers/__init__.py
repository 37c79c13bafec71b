"""Writer registry: ``--formats`` word -> writer. Adding a format means adding
one module and one entry here; requirements are pulled in automatically
(the EPUB embeds the section MP3s, the player page links the episode)."""
from __future__ import annotations

from ..errors import ConfigError
from .base import Writer
from .chapters_json import ChaptersJsonWriter
from .epub import EpubWriter
from .m4b import M4bWriter
from .manifest import ManifestWriter
from .mp3 import Mp3Writer
from .player import PlayerWriter
from .sections import SectionsWriter
from .srt import SrtWriter
from .vtt import VttWriter

_ORDER = (Mp3Writer, M4bWriter, SectionsWriter, VttWriter, SrtWriter, ChaptersJsonWriter, EpubWriter, PlayerWriter)
WRITERS: dict[str, type[Writer]] = {}
for _cls in _ORDER:
    if _cls.name in WRITERS:
        raise RuntimeError(f"two writers named {_cls.name}")
    WRITERS[_cls.name] = _cls
ALL_FORMATS = tuple(WRITERS)


def parse_formats(value) -> tuple[str, ...]:
    if not value:
        return ALL_FORMATS
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    unknown = [n for n in names if n not in WRITERS]
    if unknown:
        raise ConfigError(f"unknown format '{unknown[0]}'", "known: " + ", ".join(ALL_FORMATS))
    return tuple(names)


def select(formats: tuple[str, ...]) -> list[Writer]:
    """Writers for ``formats`` plus what they require, in build order; the manifest always comes last."""
    wanted, stack = set(), list(formats)
    while stack:
        name = stack.pop()
        if name not in wanted:
            wanted.add(name)
            stack.extend(WRITERS[name].requires)
    return [cls() for cls in _ORDER if cls.name in wanted] + [ManifestWriter()]
