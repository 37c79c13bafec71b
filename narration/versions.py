"""Installed package versions, which key our caches.

``importlib.metadata`` answers this too, but importing it costs about 35 ms
(email, zipfile, csv), and a version is needed on every build, the up-to-date
check included. The wheel's ``<name>-<version>.dist-info`` folder on
``sys.path`` says the same; importlib.metadata stays the fallback.
"""
from __future__ import annotations

import functools
import os
import sys


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


@functools.lru_cache(maxsize=None)
def installed_version(distribution: str) -> str:
    wanted = _normal(distribution)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                if _normal(project) == wanted and version:
                    return version
    import importlib.metadata

    return importlib.metadata.version(distribution)
