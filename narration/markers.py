"""Markers that say a folder was made by narration, so ``clean`` may remove it.

``clean --out DIR`` must never delete a folder it did not make (``--out .``
would delete the project). The output folder gets ``.narration-output`` when a
build creates it; the cache gets ``CACHEDIR.TAG`` (the Cache Directory Tagging
Specification's tag, which backup tools also honour). Folders from before the
markers are recognised by their own landmarks.
"""
from __future__ import annotations

from pathlib import Path

OUTPUT_MARKER = (".narration-output", "This folder was made by narration; `build.py clean` may remove it.\n")
CACHE_MARKER = ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by narration.\n")


def mark_folder(folder: Path, marker: tuple[str, str]) -> None:
    """Create ``folder`` (if needed) with its marker. A folder that already holds other things and
    no marker is not ours: it is used, never claimed."""
    name, text = marker
    if (folder / name).is_file():
        return
    if folder.exists() and any(folder.iterdir()) and not made_by_an_earlier_version(folder):
        return
    from .textio import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / name, text)


def made_by_an_earlier_version(folder: Path) -> bool:
    """Output or cache folders from before the markers: their own landmarks say they are ours."""
    from .pipeline import STAMP

    if (folder / "feed.xml").is_file() or any(folder.glob(f"*/{STAMP}")):
        return True
    return all(child.name in ("encoded", "layouts", "loudness", "sentences", "tmp") or len(child.name) == 2
               for child in folder.iterdir())
