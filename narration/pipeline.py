"""One article through the whole flow:
reader -> document -> speech script -> clips (cached) -> timeline -> writers.

A build stamp (hash of every input that shapes the outputs) lets an
unchanged article be skipped before anything heavy is even imported.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__
from .slug import slugify

log = logging.getLogger(__name__)
STAMP = ".build-stamp.json"
PACKAGE = Path(__file__).resolve().parent


@dataclass
class ArticleResult:
    source: Path
    slug: str
    out_dir: Path
    skipped: bool = False
    clips: int = 0
    cached: int = 0
    synthesised: int = 0
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)


def _code_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css", ".js")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def input_fingerprint(source: Path, options, engine_identity: dict, formats: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    from .readers import companions

    for path in (source, *companions(source)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    shaping = asdict(options)
    for where_only in ("jobs", "cache_dir", "out"):  # they change where and how fast, not what
        shaping["build"].pop(where_only)
    digest.update(json.dumps([shaping, engine_identity, formats], sort_keys=True, default=str).encode())
    digest.update(_code_fingerprint().encode())
    return digest.hexdigest()


def previous_stamp(out_dir: Path) -> dict:
    try:
        stamp = json.loads((out_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def up_to_date(out_dir: Path, fingerprint: str) -> dict | None:
    """The stamp of the last build, if it was made from exactly these inputs (the images it used
    included) and its files are all there."""
    stamp = previous_stamp(out_dir)
    if stamp.get("inputs") == fingerprint and all((out_dir / f).is_file() for f in stamp.get("files", [])):
        images = stamp.get("images", {})
        if isinstance(images, dict) and all(file_digest(Path(p)) == d for p, d in images.items()):
            return stamp
    return None


def source_date(source: Path):
    """The date outputs carry (EPUB ``dcterms:modified``, zip entries, the feed's build date):
    ``SOURCE_DATE_EPOCH`` if set, else when the source or a companion last changed. Never the
    clock, so two builds of the same inputs are byte-identical."""
    import datetime as dt
    import os

    from .readers import companions

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        stamp = int(epoch)
    else:
        stamp = max(int(p.stat().st_mtime) for p in (source, *companions(source)) if p.is_file())
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc)


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def image_digests(doc) -> dict[str, str]:
    """Every image file that shapes an output (the cover, the figures), by content."""
    paths = {doc.meta.cover} | {b.image for s in doc.sections for b in s.blocks}
    return {p: file_digest(Path(p)) for p in sorted(paths) if p}


class _Fixed:
    """An engine given directly (tests, tools): no choice to make."""

    def __init__(self, engine):
        self.engine = engine
        self.candidates = (engine.name,)

    def named(self, _name):
        return self.engine

    def resolve(self):
        return self.engine


def slug_for(source: Path) -> str:
    return slugify(source.stem)


def build_article(source: Path, options, engine, formats: tuple[str, ...], out_root: Path, jobs: int,
                  quiet: bool = False, force: bool = False) -> ArticleResult:
    """``engine``: an Engine, or an ``engines.EngineChoice`` that is asked to decide (probe the
    network) only if this article has a clip to synthesise. ``jobs`` 0: the engine's default."""
    started = time.monotonic()
    slug = slug_for(source)
    out_dir = out_root / slug
    result = ArticleResult(source, slug, out_dir)
    choice = engine if hasattr(engine, "candidates") else _Fixed(engine)
    prior = previous_stamp(out_dir).get("engine")
    prior = prior if prior in choice.candidates else None
    if prior is not None and not force:
        fingerprint = input_fingerprint(source, options, choice.named(prior).cache_identity(), formats)
        stamp = up_to_date(out_dir, fingerprint)
        if stamp is not None:
            result.skipped = True
            result.clips = result.cached = stamp.get("clips", 0)
            return result

    from .audio import loudness
    from .audio.assemble import Layouts, PieceStore, StaleLayout, assemble
    from .audio.encode import encode_all
    from .cache import ClipCache
    from .cover import article_cover
    from .document import load
    from .progress import Progress
    from .speech.lexicon import load as load_lexicon
    from .speech.script import build_script
    from .markers import CACHE_MARKER, OUTPUT_MARKER, mark_folder
    from .synth import keys_for, synthesize
    from .textio import atomic_write, use_temp_dir, work_folder
    from .writers import select
    from .writers.base import BuildContext

    def phase(name):
        log.debug("%s: %s done at %.2f s", slug, name, time.monotonic() - started)

    phase("imports")
    if "espeak" in choice.candidates:  # workers start while the text is read and split
        choice.named("espeak").warm(jobs or choice.named("espeak").default_jobs)
    cache_root = Path(options.build.cache_dir)
    use_temp_dir(cache_root, cache_root / "tmp")
    doc = load(source, cache_root / "sentences")
    lexicon = load_lexicon(source.parent)
    script = build_script(doc, lexicon, options.pauses, intro=options.build.intro)
    engine = None
    for name in dict.fromkeys(([prior] if prior else []) + list(choice.candidates)):
        candidate = choice.named(name)  # an engine whose clips are all cached needs no decision
        if ClipCache(cache_root, candidate.clip_suffix).has_all(keys_for(script, candidate).values()):
            engine = candidate
            break
    if engine is None:
        engine = choice.resolve()  # something must be synthesised: now the engine is decided
    fingerprint = input_fingerprint(source, options, engine.cache_identity(), formats)
    jobs = jobs or engine.default_jobs
    mark_folder(cache_root, CACHE_MARKER)
    cache = ClipCache(cache_root, engine.clip_suffix)
    phase("reading")
    keys, stats = synthesize(script, engine, cache, jobs, quiet=quiet, label=slug)
    phase("synthesis")
    result.clips, result.cached, result.synthesised = stats.clips, stats.cached, stats.synthesised

    mark_folder(out_root, OUTPUT_MARKER)  # made by us: `clean` may remove it
    out_dir.mkdir(parents=True, exist_ok=True)

    def load_clip(item):
        payload = cache.get(keys[item.id])
        if payload is None:  # damaged, or vanished since synthesis: make it again
            payload = engine.synthesize(item.speech)
            cache.put(keys[item.id], payload)
        return payload, engine.clip_suffix

    def audio_and_writers(work: Path, remember: bool) -> BuildContext:
        """Timeline, loudness, encoded pieces and every output, from the cached clips."""
        titles = [(s.heading.text, s.heading.id) for s in doc.sections]
        writers = select(formats, options)
        audio_writers = [w for w in writers if w.audio]
        meter = (loudness.PieceMeter(engine.sample_rate, engine.limiter_hint_db, cache_root / "loudness")
                 if audio_writers else None)
        store = PieceStore(work / "pieces.pcm")
        layouts = Layouts(cache_root / "layouts" if remember else None, engine.sample_rate,
                          options.audio.trim_silence)
        try:
            joining = Progress(len(script), f"{slug}: joining", quiet=quiet)
            try:
                timeline = assemble(script, titles, load_clip, engine.sample_rate, store,
                                    trim=options.audio.trim_silence, layouts=layouts,
                                    clip_digest=lambda item: cache.digest(keys[item.id]), meter=meter,
                                    progress=joining)
            finally:
                joining.close()
            phase(f"assembly of {timeline.duration_ms / 1000:.1f} s of audio")
            narrator = f"{engine.display_name}, Stimme „{engine.settings.voice}“"
            ctx = BuildContext(doc=doc, slug=slug, out_dir=out_dir, script=script, timeline=timeline,
                               options=options, lexicon=lexicon, narrator=narrator, store=store, engine=engine.name,
                               modified=source_date(source),
                               previous={} if force else previous_stamp(out_dir).get("made", {}))
            ctx.cover = article_cover(doc, out_dir)
            if meter is not None:
                def remeasure(threshold):
                    return loudness.measure_pieces(lambda piece: store.read(piece.index), timeline.pieces,
                                                   timeline.sample_rate, threshold, cache_root / "loudness").lufs

                plan = loudness.plan(meter.result(), remeasure, options.audio.loudness_lufs,
                                     options.audio.true_peak_dbtp)
                ctx.audio_filters = plan.filters
                timeline.loudness = {**plan.to_dict(), "target_lufs": options.audio.loudness_lufs,
                                     "true_peak_ceiling_dbtp": options.audio.true_peak_dbtp}
                phase("loudness plan")
                encode_all(ctx, audio_writers, work, jobs, quiet=quiet)
                phase("encoding")
        finally:
            if meter is not None:
                meter.abort()
        for writer in writers:
            if not writer.audio:
                writer.write(ctx)
                phase(writer.name)
        return ctx

    for remember in (True, False):
        with work_folder(cache_root / "tmp") as work:  # never inside the published output folder
            try:
                ctx = audio_and_writers(Path(work), remember)
                break
            except StaleLayout as exc:  # a damaged clip was made anew: build again from the clips alone
                if not remember:
                    raise
                log.debug("%s: %s; building again without remembered layouts", slug, exc)
    files = sorted(str(p.relative_to(out_dir)) for p in ctx.files.values())
    if ctx.cover is not None:
        files.append(ctx.cover.name)
    atomic_write(out_dir / STAMP, json.dumps({"inputs": fingerprint, "files": files, "clips": result.clips,
                                              "made": ctx.made, "engine": engine.name,
                                              "source": str(source.resolve()),
                                              "images": image_digests(doc)}))
    result.files = files
    result.seconds = time.monotonic() - started
    return result
