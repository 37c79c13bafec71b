"""One ffmpeg run for every audio output: read the PCM once, apply the
loudness chain once, split to each encoder (ffmpeg runs them in parallel
threads), and let each writer tag and place its files."""
from __future__ import annotations

from pathlib import Path

from ..writers.base import BuildContext, Encode, Writer
from .ffmpeg import run
from .loudness import raw_input_args


def ffmetadata(ctx: BuildContext) -> str:
    def esc(text: str) -> str:
        for ch in ("\\", "=", ";", "#", "\n"):
            text = text.replace(ch, "\\" + ch)
        return text

    lines = [";FFMETADATA1", f"title={esc(ctx.doc.meta.title)}"]
    for span in ctx.timeline.sections:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={span.start_ms}", f"END={span.end_ms}", f"title={esc(span.title)}"]
    return "\n".join(lines) + "\n"


def encode_all(ctx: BuildContext, writers: list[Writer], work: Path) -> None:
    planned = [(writer, writer.encodes(ctx)) for writer in writers]
    outputs: list[Encode] = [e for _, encodes in planned for e in encodes]
    if not outputs:
        return
    meta_file = work / "chapters.ffmeta"
    meta_file.write_text(ffmetadata(ctx), encoding="utf-8")
    graph = [f"[0:a]{ctx.audio_filters or 'anull'},asplit={len(outputs)}" + "".join(f"[s{i}]" for i in range(len(outputs)))]
    args = [*raw_input_args(ctx.pcm, ctx.timeline.sample_rate), "-f", "ffmetadata", "-i", str(meta_file)]
    maps = []
    for i, encode in enumerate(outputs):
        label = f"s{i}"
        if encode.filter:
            graph.append(f"[s{i}]{encode.filter}[o{i}]")
            label = f"o{i}"
        maps += ["-map", f"[{label}]", *encode.args, "-y", str(encode.temp)]
    try:
        run(["-loglevel", "error", *args, "-filter_complex", ";".join(graph), *maps])
        for writer, encodes in planned:
            writer.finish(ctx, encodes)
    finally:
        for encode in outputs:
            encode.temp.unlink(missing_ok=True)
