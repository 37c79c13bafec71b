"""Join encoded MP3 pieces by copying bytes, exactly as ffmpeg's stream copy would.

Stream-copying through ffmpeg costs about 2 CPU-s per audio hour: its demuxer,
muxer and threads hand every packet along. But joining pieces that fill whole
frames is only this: each piece starts with one Xing/LAME "Info" frame, then
its audio frames; the joined file is one new Info frame, then every piece's
audio frames, unchanged. This module writes that Info frame the way ffmpeg's
MP3 muxer (``-write_xing 1``) does, field by field, so the result is the same
file byte for byte (tested against ffmpeg): frame and byte counts, the
100-entry seek table, the LAME tag's encoder delay (from the first piece) and
padding (from the last), music length and CRC, tag CRC.

The music CRC covers hundreds of megabytes for a long book; it is not
recomputed. Each piece's own Info frame carries the CRC of its audio, and
CRC-16 is linear, so the pieces' CRCs combine into the whole one.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError

TAG = 13  # where "Info" starts in an MPEG-2 mono frame (after the header and 9 bytes of side info)
FIELDS = {"frames": TAG + 8, "bytes": TAG + 12, "toc": TAG + 16, "encoder": TAG + 120,
          "delay_padding": TAG + 141, "music_length": TAG + 148, "music_crc": TAG + 152, "tag_crc": TAG + 154}
TOC_BAGS = 400  # ffmpeg keeps this many sampled frame positions, halving them as the stream grows
TAG_CRC_SPAN = 190  # the LAME tag's CRC covers the frame's first 190 bytes
ENCODER = b"Lavf"  # what ffmpeg's muxer names as encoder when it copies a stream

_MPEG2_KBPS = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_MPEG2_RATES = (22050, 24000, 16000)


def joinable(path: Path) -> bool:
    """Whether ``join_mp3`` knows this piece's frames: MPEG-2 Layer III, mono (every voice here:
    eSpeak NG at 22.05 kHz, gTTS at 24 kHz), starting with an Info frame. Others go through ffmpeg."""
    try:
        Piece.read(Path(path))
    except (OSError, AudioError):
        return False
    return True


def frame_size(header: bytes) -> int:
    """The length of the MPEG-2 Layer III mono frame that starts with ``header``."""
    word = int.from_bytes(header[:4].ljust(4, b"\0"), "big")
    bitrate, rate = (word >> 12) & 15, (word >> 10) & 3
    if (word >> 21 != 0x7FF or (word >> 19) & 3 != 2 or (word >> 17) & 3 != 1 or (word >> 6) & 3 != 3
            or bitrate in (0, 15) or rate == 3):
        raise AudioError("an encoded MP3 piece is not the MPEG-2 Layer III mono we join (damaged cache?)")
    return 72000 * _MPEG2_KBPS[bitrate] // _MPEG2_RATES[rate] + ((word >> 9) & 1)


@dataclass(frozen=True)
class Piece:
    """One encoded piece, as its own Info frame describes it."""
    path: Path
    info: bytes  # its Info frame
    frames: int  # audio frames after the Info frame
    audio_bytes: int
    crc: int  # CRC-16 of its audio frames

    @classmethod
    def read(cls, path: Path) -> Piece:
        with open(path, "rb") as source:
            head = source.read(4)
            info = head + source.read(frame_size(head) - 4)
        if info[TAG:TAG + 4] not in (b"Info", b"Xing"):
            raise AudioError(f"encoded MP3 piece {path.name} has no Info frame (damaged cache?)")
        size = os.path.getsize(path) - len(info)
        return cls(path, info, _u32(info, FIELDS["frames"]), size, _u16(info, FIELDS["music_crc"]))


def join_mp3(paths: list[Path], target: Path) -> None:
    """A new Info frame, then every piece's audio frames, into ``target``. A piece that cannot be
    read or a target that cannot be written (a full disk) is an AudioError."""
    try:
        _join(paths, Path(target))
    except OSError as exc:
        raise AudioError(f"could not join the MP3 {Path(target).name}: {exc.strerror or exc}") from exc


def _join(paths: list[Path], target: Path) -> None:
    pieces = [Piece.read(Path(p)) for p in paths]
    if not pieces:
        raise AudioError("no MP3 pieces to join")
    info = bytearray(pieces[0].info)
    frames = sum(p.frames for p in pieces)
    size = len(info) + sum(p.audio_bytes for p in pieces)
    info[FIELDS["frames"]:FIELDS["frames"] + 4] = frames.to_bytes(4, "big")
    info[FIELDS["bytes"]:FIELDS["bytes"] + 4] = size.to_bytes(4, "big")
    info[FIELDS["toc"]:FIELDS["toc"] + 100] = _toc(pieces, len(info), size)
    info[FIELDS["encoder"]:FIELDS["encoder"] + 9] = ENCODER.ljust(9, b"\0")
    delay = _u24(pieces[0].info, FIELDS["delay_padding"]) >> 12
    padding = _u24(pieces[-1].info, FIELDS["delay_padding"]) & 0xFFF
    info[FIELDS["delay_padding"]:FIELDS["delay_padding"] + 3] = (delay << 12 | padding).to_bytes(3, "big")
    info[FIELDS["music_length"]:FIELDS["music_length"] + 4] = size.to_bytes(4, "big")
    crc = 0
    for piece in pieces:
        crc = crc16_combine(crc, piece.crc, piece.audio_bytes)
    info[FIELDS["music_crc"]:FIELDS["music_crc"] + 2] = crc.to_bytes(2, "big")
    info[FIELDS["tag_crc"]:FIELDS["tag_crc"] + 2] = b"\0\0"  # the tag's CRC covers its own field, as zeros
    info[FIELDS["tag_crc"]:FIELDS["tag_crc"] + 2] = crc16(bytes(info[:TAG_CRC_SPAN])).to_bytes(2, "big")
    with open(target, "wb") as out:
        out.write(info)
        for piece in pieces:
            with open(piece.path, "rb") as source:
                source.seek(len(piece.info))
                shutil.copyfileobj(source, out, 1 << 20)


def _toc(pieces: list[Piece], info_size: int, size: int) -> bytes:
    """The seek table ffmpeg writes: it samples the byte position after every ``want``-th frame,
    keeping at most 400 samples by dropping every other one and doubling ``want``; entry i is
    the sample i/100 of the way through, as a 256th of the file."""
    total = sum(p.frames for p in pieces)
    want, count, bag = 1, 0, []  # bag: the frame counts whose end positions are sampled
    while count + want <= total:
        count += want
        bag.append(count)
        if len(bag) == TOC_BAGS:
            bag, want = bag[1::2], want * 2
    ends = _frame_ends(pieces, sorted({bag[i * len(bag) // 100] for i in range(1, 100)}), info_size)
    table = [0] + [min(256 * ends[bag[i * len(bag) // 100]] // size, 255) for i in range(1, 100)]
    return bytes(table)


def _frame_ends(pieces: list[Piece], counts: list[int], info_size: int) -> dict[int, int]:
    """Byte position (in the joined stream) just after frame number ``count`` (1 = the first audio
    frame), for each of ``counts`` in ascending order: frames are walked only in the pieces asked about."""
    ends, first, position, wanted = {}, 0, info_size, iter(counts)
    count = next(wanted, None)
    for piece in pieces:
        if count is not None and count <= first + piece.frames:
            with open(piece.path, "rb") as source:
                data = source.read()
            offset, number = len(piece.info), first
            while count is not None and count <= first + piece.frames:
                while number < count:
                    offset += frame_size(data[offset:offset + 4])
                    number += 1
                ends[count] = position + offset - len(piece.info)
                count = next(wanted, None)
        first += piece.frames
        position += piece.audio_bytes
    return ends


# --- CRC-16/ARC (reflected 0x8005, start 0), as in the LAME tag ---------------------------------------------

def _table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_TABLE = _table()


def crc16(data: bytes, crc: int = 0) -> int:
    for byte in data:
        crc = (crc >> 8) ^ _TABLE[(crc ^ byte) & 0xFF]
    return crc


_ZERO_RUNS = [[crc16(b"\0", 1 << bit) for bit in range(16)]]  # [k]: 2**k zero bytes, as images of bits 0..15


def _after_zeros(crc: int, length: int) -> int:
    """``crc`` run through ``length`` zero bytes, without running them: the CRC is linear, so it is
    the operators for 1, 2, 4, ... zero bytes applied to it, one per bit of ``length``. Those are
    squared once per process and kept, as a long book joins hundreds of pieces."""
    power = 0
    while length:
        if power == len(_ZERO_RUNS):
            last = _ZERO_RUNS[-1]
            _ZERO_RUNS.append([_apply(last, image) for image in last])
        if length & 1:
            crc = _apply(_ZERO_RUNS[power], crc)
        length >>= 1
        power += 1
    return crc


def _apply(operator: list[int], state: int) -> int:
    out = 0
    for bit in range(16):
        if state >> bit & 1:
            out ^= operator[bit]
    return out


def crc16_combine(first: int, second: int, second_length: int) -> int:
    """CRC of A + B from CRC(A), CRC(B) and len(B)."""
    return _after_zeros(first, second_length) ^ second


def _u16(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 2], "big")


def _u24(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 3], "big")


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at:at + 4], "big")
