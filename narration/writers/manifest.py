"""``manifest.json``: the document model and the timing map, for people and tools.

It is written as it is made: a long list given as a generator (the cues, the
script) goes out element by element, so a ten-hour book's manifest is never
one string, nor one tree of dicts, in memory. The bytes are exactly those of
``json.dumps(data, ensure_ascii=False, indent=1)`` with the lists made whole.
"""
from __future__ import annotations

import json
import types

from .. import __version__
from ..speech import parts
from ..textio import replacing
from .base import Writer


class ManifestWriter(Writer):
    name = "manifest"

    def write(self, ctx):
        data = {
            "generator": f"narration {__version__}",
            "slug": ctx.slug,
            "narrator": ctx.narrator,
            "engine": ctx.engine,
            "modified": ctx.modified.isoformat() if ctx.modified else "",
            "document": ctx.doc.to_dict(),
            "script": (script_item(i, ctx.doc.meta.language) for i in ctx.script),
            "timeline": ctx.timeline.to_dict(),
            "files": {role: str(path.relative_to(ctx.out_dir)) for role, path in sorted(ctx.files.items())},
        }
        path = ctx.path("manifest.json")
        with replacing(path) as temp, open(temp, "w", encoding="utf-8", newline="") as out:
            write_json(out, data)
        ctx.files["manifest"] = path


def script_item(item, language: str) -> dict:
    """A script item; one with passages in other languages lists its parts with their language."""
    entry = {"id": item.id, "kind": item.kind, "text": item.text, "speech": parts.plain(item.speech),
             "pause_ms": item.pause_ms}
    if parts.has_parts(item.speech):
        entry["parts"] = [{"language": part.language or language, "speech": part.text}
                          for part in parts.split(item.speech)]
    return entry


def write_json(out, value, depth: int = 0) -> None:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` would give it, written to
    ``out`` piece by piece: dicts key by key, generators element by element."""
    if isinstance(value, dict) and any(isinstance(v, (dict, types.GeneratorType)) for v in value.values()):
        items = iter(value.items())
        opening, closing = "{", "}"

        def write_item(item):
            key, inner = item
            out.write(json.dumps(key, ensure_ascii=False) + ": ")
            write_json(out, inner, depth + 1)
    elif isinstance(value, types.GeneratorType):
        items, opening, closing = value, "[", "]"

        def write_item(item):
            write_json(out, item, depth + 1)
    else:  # small: the standard encoder, its lines moved in to this depth (strings hold no raw newline)
        out.write(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth))
        return
    first = True
    for item in items:
        out.write((opening if first else ",") + "\n" + " " * (depth + 1))
        write_item(item)
        first = False
    out.write(opening + closing if first else "\n" + " " * depth + closing)
