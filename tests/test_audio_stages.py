"""The audio stages take what they need as arguments and return what they made (issue 27): they
can be run, as here, from plain values, without a build or its context."""
from __future__ import annotations

import ast
import math
import struct
import subprocess
from pathlib import Path

from conftest import ROOT, ffmpeg
from narration.audio.encode import codecs, encode_pieces, ffmetadata
from narration.audio.tags import Tags, tag_mp3
from narration.config import Options
from narration.spread import ThreadSpread
from narration.timeline import Piece

RATE = 24000


def test_no_audio_module_imports_the_flow():
    """Not even for type hints: the flow hands the audio layer its pieces, layout and settings."""
    flow = {"context", "pipeline", "catalogue"}
    for module in sorted((ROOT / "narration" / "audio").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[-1]} | {alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                names = {alias.name.split(".")[-1] for alias in node.names}
            else:
                continue
            assert not names & flow, f"{module.name} imports {names & flow}"


class Store:
    """The pieces' PCM in one file, as ``audio.assemble.PieceStore`` keeps it."""

    def __init__(self, path: Path, lengths: list[int]):
        self.path, self.offsets = path, [sum(lengths[:i]) for i in range(len(lengths))]
        tone = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / RATE)))
                        for n in range(sum(lengths)))
        path.write_bytes(tone)
        self.asked = []

    def ensure(self, indices):
        self.asked.append(list(indices))


def seconds(path: Path) -> float:
    probe = subprocess.run([ffmpeg(), "-hide_banner", "-i", str(path), "-f", "null", "-"], capture_output=True, text=True)
    time = probe.stderr.rsplit("time=", 1)[1].split()[0]
    hours, minutes, secs = time.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


def test_pieces_are_encoded_from_plain_values_and_kept(tmp_path):
    lengths = [1152 * 25, 1152 * 50]  # whole MP3 frames, as the layout makes them
    pieces = [Piece(i, 0, 0, n, 0, f"digest-{i}") for i, n in enumerate(lengths)]
    store = Store(tmp_path / "pieces.pcm", lengths)
    mp3 = codecs(Options())["mp3"]
    made = encode_pieces(pieces, store, RATE, "volume=0.5", [mp3], tmp_path / "cache", ThreadSpread(2), "test")
    assert list(made) == ["mp3"] and all(p.is_file() for p in made["mp3"])
    assert [round(seconds(p), 1) for p in made["mp3"]] == [round(n / RATE, 1) for n in lengths]
    before = [p.stat().st_mtime_ns for p in made["mp3"]]
    again = encode_pieces(pieces, store, RATE, "volume=0.5", [mp3], tmp_path / "cache", ThreadSpread(2), "test")
    assert again == made and [p.stat().st_mtime_ns for p in again["mp3"]] == before  # kept, not made again
    assert store.asked == [[0, 1], []]
    louder = encode_pieces(pieces, store, RATE, "volume=0.9", [mp3], tmp_path / "cache", ThreadSpread(2), "test")
    assert set(louder["mp3"]).isdisjoint(made["mp3"])  # another loudness chain is another encoding


def test_tags_and_chapters_from_plain_values(tmp_path):
    from mutagen.id3 import ID3

    source = tmp_path / "a.mp3"
    subprocess.run([ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", f"sine=d=2:r={RATE}", "-ac", "1", str(source)],
                   check=True)
    tags = Tags(title="Titel", author="Autorin", album="Reihe", date="2024-05-03", language="deu", comment="Notiz")
    tag_mp3(source, tags, chapters=[(0, 1000, "Eins"), (1000, 2000, "Zwei")])
    read = ID3(source)
    assert str(read["TIT2"]) == "Titel" and str(read["TPE1"]) == "Autorin" and str(read["TALB"]) == "Reihe"
    assert [(c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in read.getall("CHAP")] == [
        (0, 1000, "Eins"), (1000, 2000, "Zwei")]
    assert ffmetadata("Ti=tel", [(0, 1000, "Ein;s")]).splitlines()[1:4] == ["title=Ti\\=tel", "[CHAPTER]",
                                                                           "TIMEBASE=1/1000"]
