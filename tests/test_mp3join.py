"""The episode and section MP3s are joined by copying frames (``audio.mp3join``): the result must be
the very file ffmpeg's own stream copy makes from the same pieces, and ffmpeg must decode it whole."""
import subprocess

import numpy as np
import pytest

from conftest import ffmpeg
from narration.audio import mp3join
from narration.audio.encode import MP3_COPY, codecs, join, join_mp3s
from narration.audio.frames import CODEC_TAIL, FRAME_LCM
from narration.config import load
from narration.errors import AudioError

RATE = 22050
MP3 = list(codecs(load(None))["mp3"].args)


def encoded_pieces(folder, lengths, rate=RATE, channels=1, args=MP3):
    """Pieces encoded as the build encodes them, from noise bursts with pauses (so frames differ)."""
    rng = np.random.default_rng(len(lengths))
    paths = []
    for n, length in enumerate(lengths):
        samples = np.zeros(length * channels)
        burst = length * channels * 2 // 3
        samples[:burst] = rng.normal(0, rng.uniform(500, 8000), burst)
        path = folder / f"piece{n}.mp3"
        subprocess.run([ffmpeg(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", str(channels),
                        "-i", "pipe:0", *args, str(path)],
                       input=np.clip(samples, -32767, 32767).astype(np.int16).tobytes(), check=True)
        paths.append(path)
    return paths


def slots(*multiples):
    """Piece lengths as the build makes them: a whole number of 9216-sample slots less the codec tail,
    the last one too (here it is no different)."""
    return [m * FRAME_LCM - CODEC_TAIL for m in multiples]


@pytest.mark.parametrize("multiples", [(3,), (2, 5), (4, 1, 7, 2, 9, 3, 6, 1, 8, 5, 2, 4)],
                         ids=["one piece", "two pieces", "twelve pieces, 3900 frames"])
def test_frames_copied_give_the_same_file_as_ffmpegs_stream_copy(tmp_path, multiples):
    """Twelve pieces make about 3,900 frames: ffmpeg's seek table then halved its samples three times."""
    pieces = encoded_pieces(tmp_path, slots(*multiples))
    ours, theirs = tmp_path / "ours.mp3", tmp_path / "theirs.mp3"
    mp3join.join_mp3(pieces, ours)
    join([(pieces, theirs)], tmp_path, [], MP3_COPY)
    assert ours.read_bytes() == theirs.read_bytes()
    probe = subprocess.run([ffmpeg(), "-v", "error", "-i", str(ours), "-f", "null", "-"], capture_output=True, text=True)
    assert probe.returncode == 0 and probe.stderr == ""


def test_crc16_is_the_lame_tags_crc():
    """CRC-16/ARC's catalogue check value, and two halves combined as one."""
    assert mp3join.crc16(b"123456789") == 0xBB3D
    assert mp3join.crc16_combine(mp3join.crc16(b"12345"), mp3join.crc16(b"6789"), 4) == 0xBB3D
    assert mp3join.crc16_combine(0, 0xBB3D, 9) == 0xBB3D


def test_pieces_it_does_not_know_go_through_ffmpeg(tmp_path):
    """44.1 kHz stereo (MPEG-1) is not what our voices make: such pieces are joined by ffmpeg."""
    pieces = encoded_pieces(tmp_path, slots(1, 2), rate=44100, channels=2, args=["-c:a", "libmp3lame", "-b:a",
                                                                                 "128k", "-write_xing", "1", "-f", "mp3"])
    assert not mp3join.joinable(pieces[0])
    ours, theirs = tmp_path / "ours.mp3", tmp_path / "theirs.mp3"
    join_mp3s([(pieces, ours)], tmp_path)
    join([(pieces, theirs)], tmp_path, [], MP3_COPY)
    assert ours.read_bytes() == theirs.read_bytes()
    probe = subprocess.run([ffmpeg(), "-hide_banner", "-i", str(ours)], capture_output=True, text=True)
    assert "44100 Hz, stereo" in probe.stderr


def test_a_damaged_piece_is_one_line_error(tmp_path):
    pieces = encoded_pieces(tmp_path, slots(2, 2))
    pieces[1].write_bytes(b"\0" * 600)
    with pytest.raises(AudioError, match="MPEG-2 Layer III mono"):
        mp3join.join_mp3(pieces, tmp_path / "out.mp3")


def test_a_full_disk_while_joining_is_one_line(tmp_path):
    """RLIMIT_FSIZE stands in for a full disk: the join fails with an AudioError naming the file."""
    import sys

    pieces = encoded_pieces(tmp_path, slots(6, 6))
    script = ("import resource, sys; from pathlib import Path; from narration.audio.mp3join import join_mp3;"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000));"
              f"join_mp3([Path(p) for p in sys.argv[1:]], Path({str(tmp_path / 'joined.mp3')!r}))")
    run = subprocess.run([sys.executable, "-c", script, *map(str, pieces)], capture_output=True, text=True)
    assert run.returncode != 0
    assert run.stderr.strip().splitlines()[-1].startswith("narration.errors.AudioError: could not join the MP3 joined.mp3:")
