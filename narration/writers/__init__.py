"""Writer registry: ``--formats`` word -> writer. Adding a format means adding
one module and one entry here; a writer's ``requires`` pulls in what it embeds
or links (the EPUB embeds the section MP3s, the player page links the episode).
Modules are imported on use, so an up-to-date rebuild loads none of them."""
from __future__ import annotations

import importlib

from ..errors import ConfigError

# name -> "module:Class", in build order (audio first: the EPUB embeds section audio)
WRITERS: dict[str, str] = {
    "mp3": "mp3:Mp3Writer",
    "m4b": "m4b:M4bWriter",
    "sections": "sections:SectionsWriter",
    "sections_aac": "sections:SectionsAacWriter",
    "vtt": "vtt:VttWriter",
    "srt": "srt:SrtWriter",
    "chapters": "chapters_json:ChaptersJsonWriter",
    "epub": "epub:EpubWriter",
    "html": "player:PlayerWriter",
}
ALL_FORMATS = tuple(name for name in WRITERS if name != "sections_aac")  # the default: AAC sections only when asked


def writer_class(name: str):
    module, cls = WRITERS[name].split(":")
    found = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
    if found.name != name:
        raise RuntimeError(f"writer {WRITERS[name]} calls itself {found.name!r}, registered as {name!r}")
    return found


def parse_formats(value) -> tuple[str, ...]:
    if not value:
        return ALL_FORMATS
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    unknown = [n for n in names if n not in WRITERS]
    if unknown:
        raise ConfigError(f"unknown format '{unknown[0]}'", "known: " + ", ".join(ALL_FORMATS))
    return tuple(names)


def select(formats: tuple[str, ...], options=None):
    """Writers for ``formats`` plus what they require (given the options), in build order; the
    manifest always comes last."""
    from .manifest import ManifestWriter

    wanted, stack = set(), list(formats)
    while stack:
        name = stack.pop()
        if name not in wanted:
            wanted.add(name)
            stack.extend(writer_class(name).requirements(options))
    return [writer_class(name)() for name in WRITERS if name in wanted] + [ManifestWriter()]
