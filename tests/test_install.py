"""Installed as users and operators install it (issue 27): a wheel from the checkout, pip alone.

The test may use the package registry, as ``make build`` does; nothing else of the network.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file a user gets; not the build's own bookkeeping (``.build-stamp.json`` holds file
    times and the ffmpeg binary's path, which differ between any two builds)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def project_with_the_seed(where: Path) -> Path:
    (where / "source").mkdir(parents=True)
    for companion in SEED.parent.iterdir():
        if companion.name.startswith(SEED.stem) or companion.name == "lexicon.pls":
            shutil.copy2(companion, where / "source" / companion.name)
    shutil.copy2(ROOT / "narration.toml", where / "narration.toml")
    return where


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
                    "-w", str(dist), str(ROOT)], check=True, timeout=900)
    return next(dist.glob("narration-*.whl"))


def test_the_wheel_carries_every_module_and_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    on_disk = {str(p.relative_to(ROOT)) for p in (ROOT / "narration").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert on_disk <= names, sorted(on_disk - names)
    assert "narration/speech/data/nouns.tsv.gz" in names and "narration/speech/data/nouns.LICENSE.md" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "narration = narration.fastexit:console" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_builds_the_seed_with_the_checkouts_bytes(wheel, tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-c", str(ROOT / "constraints.txt"), str(wheel)], check=True, timeout=1800)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NARRATION_NOUNS_DIR": str(tmp_path / "nouns")}
    env.pop("PYTHONPATH", None)
    flags = ["--engine", "espeak", "--cache-dir", "cache", "-q"]

    project = project_with_the_seed(tmp_path / "project")  # one folder for both: the stamp names the source
    ran = subprocess.run([str(environment / "bin" / "narration"), *flags], cwd=project, env=env,
                         capture_output=True, text=True, timeout=900)
    assert ran.returncode == 0, ran.stderr
    made = outputs(project / "output")
    shutil.rmtree(project / "output")
    shutil.rmtree(project / "cache")
    ran = subprocess.run([sys.executable, str(ROOT / "build.py"), *flags], cwd=project, env=env,
                         capture_output=True, text=True, timeout=900)
    assert ran.returncode == 0, ran.stderr
    expected = outputs(project / "output")
    assert any(name.endswith(".mp3") for name in made) and any(name.endswith(".epub") for name in made)
    assert made.keys() == expected.keys()
    assert [name for name in made if made[name] != expected[name]] == []
    help_text = subprocess.run([str(environment / "bin" / "narration"), "--help"], capture_output=True, text=True)
    assert "document" in help_text.stdout and "script" in help_text.stdout
