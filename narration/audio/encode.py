"""Encode each piece once per codec (cached), then join the pieces.

An encoded piece is keyed by the piece's PCM digest, the loudness chain and
the encoder settings, and kept in the cache folder, so a rebuild after one
changed sentence encodes one piece (a few paragraphs). Missing pieces are
encoded in runs of consecutive pieces, one ffmpeg per run (the run's bytes of
the PCM read once, encoders in parallel threads), the runs spread over the
cores, or over a Dask cluster's workers for a long book (``narration.spread``). The
episode MP3, the M4B and the section files are joined from the pieces without
re-encoding (MP3 frames copied by ``audio.mp3join``, the M4B by ffmpeg's stream
copy), which is exact because pieces fill whole codec frames (``audio.frames``).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from ..progress import Progress
from ..textio import replacing
from .ffmpeg import ffmpeg_exe, run

log = logging.getLogger(__name__)
BATCH_PIECES = 24  # per ffmpeg run: every input frame passes each piece's trim, so not hundreds
AAC_PRIMING = 1024  # samples the AAC encoder puts before the audio; the joined MP4 says to skip them
MP3_COPY = ["-c", "copy", "-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3"]


@dataclass(frozen=True)
class Codec:
    name: str
    suffix: str
    args: tuple[str, ...]


def codecs(options) -> dict[str, Codec]:
    audio = options.audio
    return {
        # LAME's algorithm quality 7 (its default is 5): 2.4 times faster here. For a synthetic voice at
        # a speech bitrate it is no worse: on the seed, 24 dB signal-to-noise against 20 dB at 5, every
        # band better; 5 spends its time on noise shaping that this material does not need.
        "mp3": Codec("mp3", ".mp3", ("-c:a", "libmp3lame", "-b:a", audio.mp3_bitrate, "-compression_level", "7",
                                     "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3")),
        # ffmpeg's native AAC with the fast coder: five times faster than its default coder at the same bitrate.
        "aac": Codec("aac", ".m4a", ("-c:a", "aac", "-aac_coder", "fast", "-b:a", audio.aac_bitrate, "-f", "mp4")),
    }


def piece_path(cache_dir: Path, filters: str, rate: int, codec: Codec, piece) -> Path:
    """Where a piece encoded with ``codec`` after the loudness chain ``filters`` is kept."""
    blob = json.dumps([piece.digest, filters, rate, codec.args, ffmpeg_exe()])
    key = hashlib.sha256(blob.encode()).hexdigest()
    return Path(cache_dir) / "encoded" / key[:2] / f"{key}{codec.suffix}"


def encode_pieces(pieces, store, rate: int, filters: str, wanted: list[Codec], cache_dir: Path, spread,
                  label: str, quiet: bool = False) -> dict[str, list[Path]]:
    """Every piece in every ``wanted`` codec, from the pieces' PCM in ``store`` after the loudness
    chain ``filters``; cached, so only the missing ones are made. Returns each codec's piece files in
    order. ``spread`` runs the ffmpeg jobs: threads here (``spread.ThreadSpread``) or a cluster's workers."""
    made = {codec.name: [piece_path(cache_dir, filters, rate, codec, piece) for piece in pieces] for codec in wanted}
    missing: dict[int, list[tuple[Codec, Path]]] = {}
    for codec in wanted:
        for piece, path in zip(pieces, made[codec.name]):
            if not path.is_file():
                missing.setdefault(piece.index, []).append((codec, path))
    store.ensure(sorted(missing))  # their PCM, rendered now if the layout pass did not need it
    jobs = [encode_job(pieces, store.offsets, store.path, rate, filters, [(i, missing[i]) for i in run])
            for run in batches(sorted(missing), pieces, store.offsets, spread.slots)]
    progress = Progress(len(missing), f"{label}: encoding", quiet=quiet, unit="piece")
    started = time.monotonic()
    try:
        from ..background import idle

        results = spread.map(run_encode_job, jobs)
        idle()  # the encoders run: what waited for a quiet main thread (the covers) begins
        for count in results:
            progress.advance(count)
    finally:
        progress.close()
    log.debug("%s: encoding %d of %d pieces in %d runs took %.2f s", label, len(missing), len(pieces), len(jobs),
              time.monotonic() - started)
    return made


def batches(indices: list[int], pieces, offsets: list[int], slots: int) -> list[list[int]]:
    """Runs of consecutive pieces, about equal in samples, a multiple of ``slots`` of them, so every
    core (or worker) gets the same share of audio and none waits for a long last run."""
    from ..spread import share_out

    slots = max(1, slots)
    per_slot = -(-len(indices) // (slots * BATCH_PIECES))
    if len(indices) >= 8 * slots:  # enough pieces: two runs per slot or more, so no slot idles at the end
        per_slot = max(2, per_slot)

    def adjoining(previous: int, index: int) -> bool:  # next to each other in the PCM file too
        return previous == index - 1 and offsets[index] == offsets[previous] + pieces[previous].samples

    return share_out(indices, lambda i: pieces[i].samples, slots * per_slot, BATCH_PIECES, adjoining)


@dataclass(frozen=True)
class EncodeJob:
    """One ffmpeg run over a stretch of the PCM: plain data, so another machine that shares the cache
    folder can run it. ``outputs``: (first sample after ``begin``, samples, codec arguments, path)."""
    pcm: str
    rate: int
    filters: str
    begin: int
    end: int
    outputs: tuple[tuple[int, int, tuple[str, ...], str], ...]


def encode_job(pieces, offsets: list[int], pcm: Path, rate: int, filters: str,
               batch: list[tuple[int, list[tuple[Codec, Path]]]]) -> EncodeJob:
    first, last = batch[0][0], batch[-1][0]
    begin = offsets[first]
    outputs = tuple((offsets[index] - begin, pieces[index].samples, codec.args, str(path))
                    for index, wanted in batch for codec, path in wanted)
    return EncodeJob(str(Path(pcm).resolve()), rate, filters or "", begin, offsets[last] + pieces[last].samples,
                     outputs)


def run_encode_job(job: EncodeJob) -> int:
    """The run's bytes of the PCM are read once, the loudness chain applied once, and every piece is
    cut out and encoded in parallel threads of one ffmpeg. Returns how many pieces it made."""
    source = f"subfile,,start,{job.begin * 2},end,{job.end * 2},,:file:{job.pcm}"
    graph = [f"[0:a]{job.filters or 'anull'},asplit={len(job.outputs)}"
             + "".join(f"[s{k}]" for k in range(len(job.outputs)))]
    with contextlib.ExitStack() as stack:  # each piece enters the cache only whole
        maps = []
        for k, (offset, samples, args, path) in enumerate(job.outputs):
            graph.append(f"[s{k}]atrim=start_sample={offset}:end_sample={offset + samples},asetpts=PTS-STARTPTS[o{k}]")
            maps += ["-map", f"[o{k}]", *args, "-y", str(stack.enter_context(replacing(Path(path))))]
        run(["-loglevel", "error", "-f", "s16le", "-ar", str(job.rate), "-ac", "1", "-i", source,
             "-filter_complex", ";".join(graph), *maps])
    return len({(offset, samples) for offset, samples, _, _ in job.outputs})


def join(groups: list[tuple[list[Path], Path]], work: Path, extra_inputs: list[str], args: list[str],
         spread=None) -> None:
    """Stream-copy each group's pieces one after another into its target, all in one ffmpeg run
    (through the concat demuxer), here or as a job of ``spread``. ``extra_inputs`` come after the
    groups' inputs."""
    listings = []
    for pieces, target in groups:
        listing = work / f"{target.name}.concat"
        quoted = (p.resolve().as_posix().replace("'", "'\\''") for p in pieces)  # the concat format's quoting
        listing.write_text("".join(f"file '{q}'\n" for q in quoted), encoding="utf-8")
        listings.append((str(listing.resolve()), str(Path(target).resolve())))
    job = JoinJob(tuple(listings), tuple(extra_inputs), tuple(args))
    list(spread.map(run_join_job, [job])) if spread is not None else run_join_job(job)


def join_mp3s(groups: list[tuple[list[Path], Path]], work: Path, spread=None) -> None:
    """MP3 pieces joined by copying bytes (``mp3join``: the same file as ffmpeg's stream copy,
    without its cost), here; pieces it does not know the frames of go through ffmpeg."""
    from .mp3join import join_mp3, joinable

    if all(pieces and joinable(pieces[0]) for pieces, _ in groups):
        for pieces, target in groups:
            join_mp3(pieces, target)
    else:
        join(groups, work, [], MP3_COPY, spread)


@dataclass(frozen=True)
class JoinJob:
    """One ffmpeg run that stream-copies pieces into files: (concat listing, target) pairs."""
    listings: tuple[tuple[str, str], ...]
    extra_inputs: tuple[str, ...]
    args: tuple[str, ...]


def run_join_job(job: JoinJob) -> int:
    inputs, maps = [], []
    for n, (listing, target) in enumerate(job.listings):
        inputs += ["-f", "concat", "-safe", "0", "-i", listing]
        maps += ["-map", f"{n}:a", *job.args, "-y", target]
    run(["-loglevel", "error", *inputs, *job.extra_inputs, *maps])
    return len(job.listings)


def ffmetadata(title: str, chapters) -> str:
    """ffmpeg's metadata file: the title, and each chapter from (start ms, end ms, title)."""
    def esc(text: str) -> str:
        for ch in ("\\", "=", ";", "#", "\n"):
            text = text.replace(ch, "\\" + ch)
        return text

    lines = [";FFMETADATA1", f"title={esc(title)}"]
    for start_ms, end_ms, chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={start_ms}", f"END={end_ms}", f"title={esc(chapter)}"]
    return "\n".join(lines) + "\n"
