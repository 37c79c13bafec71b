"""``manifest.json``: the document model and the timing map, for people and tools."""
from __future__ import annotations

import json

from .. import __version__
from ..textio import atomic_write
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
            "script": [{"id": i.id, "kind": i.kind, "text": i.text, "speech": i.speech, "pause_ms": i.pause_ms}
                       for i in ctx.script],
            "timeline": ctx.timeline.to_dict(),
            "files": {role: str(path.relative_to(ctx.out_dir)) for role, path in sorted(ctx.files.items())},
        }
        path = ctx.path("manifest.json")
        atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1))
        ctx.files["manifest"] = path
