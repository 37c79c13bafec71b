"""One article through the whole flow:
reader -> document -> speech script -> clips (cached) -> timeline -> writers.

A build stamp (hash of every input that shapes the outputs) lets an
unchanged article be skipped before anything heavy is even imported.
"""
from __future__ import annotations

import functools
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
    spread: dict = field(default_factory=dict)  # on a cluster: jobs run per kind, and on how many workers
    phases: list = field(default_factory=list)  # (stage, seconds from the start when it ended)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package's code and data, read once per process (every article of a build asks)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css", ".js", ".tsv", ".txt", ".gz")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def input_fingerprint(source: Path, options, engine_identity: dict, formats: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    from .readers import companions

    for path in (source, *companions(source)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    shaping = asdict(options)
    for where_only in ("jobs", "cache_dir", "out", "scheduler"):  # they change where and how fast, not what
        shaping["build"].pop(where_only)
    digest.update(json.dumps([shaping, engine_identity, formats], sort_keys=True, default=str).encode())
    digest.update(code_fingerprint().encode())
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


SITE_KEYS = ("title", "identifier", "description", "date", "language", "source_url")  # of the document's metadata
SITE_FIELDS = (*SITE_KEYS, "duration_ms", "files", "modified")  # what ``site_entry`` keeps


def site_entry(ctx) -> dict:
    """What the feed and the index need of one article, kept in its stamp: the site then never
    reads a whole timing map (``manifest.json``, megabytes for a book) for it. The same values as
    the manifest's (``site`` reads those for an article stamped by an earlier version)."""
    files = {role: str(path.relative_to(ctx.out_dir)) for role, path in sorted(ctx.files.items())
             if role != "manifest"}  # the manifest is written before it could list itself
    return {**{key: getattr(ctx.doc.meta, key) for key in SITE_KEYS}, "duration_ms": ctx.timeline.duration_ms,
            "files": files, "modified": ctx.modified.isoformat() if ctx.modified else ""}


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
                  quiet: bool = False, force: bool = False, spread=None) -> ArticleResult:
    """One article through the named stages below, each with explicit inputs and outputs:
    up to date? -> read -> script -> engine -> synthesise -> (assemble -> loudness -> encode
    -> write) -> stamp. ``engine``: an Engine, or an ``engines.EngineChoice`` that decides (probes
    the network) only if a clip must be synthesised. ``jobs`` 0: the engine's default. ``spread``:
    where synthesis and encoding jobs may run besides here (``distributed.ClusterSpread``)."""
    started = time.monotonic()
    slug = slug_for(source)
    out_dir = out_root / slug
    result = ArticleResult(source, slug, out_dir)
    choice = engine if hasattr(engine, "candidates") else _Fixed(engine)
    prior = previous_stamp(out_dir).get("engine")
    prior = prior if prior in choice.candidates else None
    stamp = None if force else skip_stage(source, options, choice, prior, formats, out_dir)
    if stamp is not None:
        result.skipped = True
        result.clips = result.cached = stamp.get("clips", 0)
        return result

    def phase(name):
        result.phases.append((name, round(time.monotonic() - started, 2)))
        log.debug("%s: %s done at %.2f s", slug, name, result.phases[-1][1])

    from .markers import CACHE_MARKER, OUTPUT_MARKER, mark_folder
    from .textio import use_temp_dir

    phase("imports")
    from .audio.ffmpeg import ffmpeg_exe
    from .background import start

    start("ffmpeg check", ffmpeg_exe)  # imageio-ffmpeg runs `ffmpeg -version` once: not on the way
    if "espeak" in choice.candidates:  # workers start while the text is read and split
        choice.named("espeak").warm(jobs or choice.named("espeak").default_jobs)
    cache_root = Path(options.build.cache_dir)
    use_temp_dir(cache_root, cache_root / "tmp")
    doc, lexicon = read_stage(source, cache_root)
    project = options  # the source's own settings are in its bytes: the fingerprint is the project's, as skip_stage's
    options = settings_stage(doc, options)
    doc = chapters_stage(languages_stage(matter_stage(doc, options), options), options)
    script = script_stage(doc, lexicon, options)
    engine, keys = engine_stage(choice, prior, script, cache_root)
    fingerprint = input_fingerprint(source, project, engine.cache_identity(), formats)
    jobs = jobs or engine.default_jobs
    if spread is None:
        from .spread import ThreadSpread

        spread = ThreadSpread(jobs)
    mark_folder(cache_root, CACHE_MARKER)
    phase("reading")
    clips = synthesis_stage(script, engine, keys, cache_root, jobs, quiet, slug, spread)
    phase("synthesis")
    result.clips, result.cached, result.synthesised = clips.stats.clips, clips.stats.cached, clips.stats.synthesised
    mark_folder(out_root, OUTPUT_MARKER)  # made by us: `clean` may remove it
    out_dir.mkdir(parents=True, exist_ok=True)
    article = Article(source, slug, out_dir, doc, lexicon, script, engine, clips, options, formats, spread, quiet,
                      force, cache_root)
    ctx = outputs_stage(article, phase)
    files = sorted(str(p.relative_to(out_dir)) for p in ctx.files.values())
    if ctx.cover is not None:
        files.append(ctx.cover.name)
    from .textio import atomic_write

    atomic_write(out_dir / STAMP, json.dumps({"inputs": fingerprint, "files": files, "clips": result.clips,
                                              "made": ctx.made, "engine": engine.name,
                                              "source": str(source.resolve()),
                                              "images": image_digests(doc), "site": site_entry(ctx)}))
    result.files = files
    result.spread = getattr(spread, "report", dict)()
    result.seconds = time.monotonic() - started
    return result


# --- the stages ------------------------------------------------------------------------------------------------

def skip_stage(source: Path, options, choice, prior: str | None, formats, out_dir: Path) -> dict | None:
    """The last build's stamp, if it was made from exactly these inputs: then nothing is done."""
    if prior is None:
        return None
    fingerprint = input_fingerprint(source, options, choice.named(prior).cache_identity(), formats)
    return up_to_date(out_dir, fingerprint)


def read_stage(source: Path, cache_root: Path):
    """Source file -> (Document, Lexicon): reader, metadata, sentences (remembered per paragraph)."""
    from .document import load
    from .speech.lexicon import load as load_lexicon

    return load(source, cache_root / "sentences"), load_lexicon(source.parent)


def settings_stage(doc, options):
    """Options -> the same with the source's own settings (its front matter or sidecar) applied."""
    from .config import for_source

    return for_source(options, dict(doc.settings), f"{doc.source}'s own settings")


def matter_stage(doc, options):
    """Document -> the same with the kinds of matter asked for read aloud (``narrate_matter``)."""
    if not options.build.narrate_matter:
        return doc
    from .narrated_matter import narrated

    return narrated(doc, options.build.narrate_matter)


def chapters_stage(doc, options):
    """Document -> only the chapters asked for (``--chapters``), ids and texts as in the whole."""
    if not options.build.chapters:
        return doc
    from .chapters import select

    return select(doc, options.build.chapters)


def languages_stage(doc, options):
    """Document -> the same, with the quoted English and French phrases of its German text marked
    as passages in their language (``speech.detect``), unless the project turned that off."""
    if not options.build.detect_languages:
        return doc
    from .speech.detect import with_foreign_spans

    return with_foreign_spans(doc)


def script_stage(doc, lexicon, options):
    """Document -> the speech script: what is said, normalised, with the pause after each item."""
    from .speech.script import build_script

    return build_script(doc, lexicon, options.pauses, intro=options.build.intro, notes=options.build.notes,
                        page_numbers=options.build.page_numbers)


def engine_stage(choice, prior: str | None, script, cache_root: Path):
    """(engine, its clip keys by item id): one whose clips are all cached needs no decision; else
    the choice decides."""
    from .cache import ClipCache
    from .synth import keys_for

    keys = {}
    for name in dict.fromkeys(([prior] if prior else []) + list(choice.candidates)):
        candidate = choice.named(name)
        keys[name] = keys_for(script, candidate)
        if ClipCache(cache_root, candidate.clip_suffix).has_all(keys[name].values()):
            return candidate, keys[name]
    engine = choice.resolve()  # something must be synthesised: now the engine is decided
    return engine, keys.get(engine.name) or keys_for(script, engine)


@dataclass
class Clips:
    """Every item's clip, in the cache: its key, and how many were made now."""
    keys: dict
    stats: object
    cache: object
    engine: object

    def load(self, item):
        payload = self.cache.get(self.keys[item.id])
        if payload is None:  # damaged, or vanished since synthesis: make it again
            payload = self.engine.synthesize(item.speech)
            self.cache.put(self.keys[item.id], payload)
        return payload, self.engine.clip_suffix


def synthesis_stage(script, engine, keys: dict, cache_root: Path, jobs: int, quiet: bool, label: str,
                    spread=None) -> Clips:
    """Script -> clips: every clip the cache lacks, synthesised in parallel (on a cluster, a long
    book's by every worker)."""
    from .cache import ClipCache
    from .synth import synthesize

    cache = ClipCache(cache_root, engine.clip_suffix)
    keys, stats = synthesize(script, engine, cache, jobs, quiet=quiet, label=label, spread=spread, keys=keys)
    return Clips(keys, stats, cache, engine)


@dataclass
class Article:
    """What the output stages need of one article (plain values; the stages below use them)."""
    source: Path
    slug: str
    out_dir: Path
    doc: object
    lexicon: object
    script: list
    engine: object
    clips: Clips
    options: object
    formats: tuple
    spread: object  # where the encoding jobs run (spread.ThreadSpread, distributed.ClusterSpread)
    quiet: bool
    force: bool
    cache_root: Path


def outputs_stage(article: Article, phase):
    """Clips -> every output, in a scratch folder in the cache. A remembered piece layout that no
    longer matches its clips (a damaged clip made anew) means building again from the clips."""
    from .audio.assemble import StaleLayout
    from .textio import work_folder

    for remember in (True, False):
        with work_folder(article.cache_root / "tmp") as work:  # never inside the published output folder
            try:
                return _outputs(article, Path(work), remember, phase)
            except StaleLayout as exc:
                if not remember:
                    raise
                log.debug("%s: %s; building again without remembered layouts", article.slug, exc)
    raise AssertionError("unreachable")


def _outputs(a: Article, work: Path, remember: bool, phase):
    from .audio import loudness
    from .audio.assemble import PieceStore
    from .writers import select

    writers = select(a.formats, a.options)
    audio_writers = [w for w in writers if w.audio]
    meter = (loudness.PieceMeter(a.engine.sample_rate, a.engine.limiter_hint_db, a.cache_root / "loudness")
             if audio_writers else None)
    store = PieceStore(work / "pieces.pcm")
    try:
        # here the meter listens while the PCM is written; a cluster's workers meter it once written
        timeline = assemble_stage(a, store, None if a.spread.remote else meter, remember)
        phase(f"assembly of {timeline.duration_ms / 1000:.1f} s of audio")
        if meter is not None and a.spread.remote:
            meter.measure_spread(a.spread, store, timeline.pieces)
            phase("loudness metering")
        ctx = context_for(a, timeline, store)
        if meter is not None:
            loudness_stage(ctx, meter, a.cache_root)
            phase("loudness plan")
            encode_stage(ctx, audio_writers, work, a.quiet)
            phase("encoding")
    finally:
        if meter is not None:
            meter.abort()
    write_stage(ctx, [w for w in writers if not w.audio], phase)
    return ctx


def assemble_stage(a: Article, store, meter, remember: bool):
    """Clips + pauses -> the timeline and each piece's PCM (metered as it is made)."""
    from .audio.assemble import Layouts, assemble
    from .progress import Progress

    layouts = Layouts(a.cache_root / "layouts" if remember else None, a.engine.sample_rate,
                      a.options.audio.trim_silence)
    titles = [(s.heading.text, s.heading.id) for s in a.doc.sections]
    joining = Progress(len(a.script), f"{a.slug}: joining", quiet=a.quiet)
    try:
        return assemble(a.script, titles, a.clips.load, a.engine.sample_rate, store,
                        trim=a.options.audio.trim_silence, layouts=layouts,
                        clip_digest=lambda item: a.clips.cache.digest(a.clips.keys[item.id]), meter=meter,
                        progress=joining)
    finally:
        joining.close()


def context_for(a: Article, timeline, store):
    from .background import start
    from .context import BuildContext
    from .cover import article_cover

    narrator = f"{a.engine.display_name}, Stimme „{a.engine.settings.voice}“"
    ctx = BuildContext(doc=a.doc, slug=a.slug, out_dir=a.out_dir, script=a.script, timeline=timeline,
                       options=a.options, lexicon=a.lexicon, narrator=narrator, store=store, spread=a.spread,
                       engine=a.engine.name,
                       modified=source_date(a.source),
                       previous={} if a.force else previous_stamp(a.out_dir).get("made", {}))
    ctx.cover_job = start("cover", article_cover, a.doc, a.out_dir)  # needed once the audio is encoded
    return ctx


def loudness_stage(ctx, meter, cache_root: Path) -> None:
    """The meter's blocks -> gain and limiter for the target loudness (remetered only if needed)."""
    from .audio import loudness

    options, timeline, store = ctx.options, ctx.timeline, ctx.store

    def remeasure(threshold):
        return loudness.measure_pieces(lambda piece: store.read(piece.index), timeline.pieces,
                                       timeline.sample_rate, threshold, cache_root / "loudness",
                                       peak=lambda piece: store.layout(piece.index).peak).lufs

    plan = loudness.plan(meter.result(), remeasure, options.audio.loudness_lufs, options.audio.true_peak_dbtp)
    ctx.audio_filters = plan.filters
    timeline.loudness = {**plan.to_dict(), "target_lufs": options.audio.loudness_lufs,
                         "true_peak_ceiling_dbtp": options.audio.true_peak_dbtp}


def encode_stage(ctx, audio_writers, work: Path, quiet: bool) -> None:
    """Pieces -> encoded pieces (cached) -> the audio files, joined without re-encoding (the MP3s by
    copying frames, the M4B by ffmpeg's stream copy; its jobs run where ``ctx.spread`` puts them)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from .audio.encode import codecs, encode_pieces

    table = codecs(ctx.options)
    wanted = [table[name] for name in sorted({name for writer in audio_writers for name in writer.pieces})]
    ctx.pieces = encode_pieces(ctx.timeline.pieces, ctx.store, ctx.timeline.sample_rate, ctx.audio_filters, wanted,
                               Path(ctx.options.build.cache_dir), ctx.spread, ctx.slug, quiet=quiet)

    def finish(writer):
        started = time.monotonic()
        writer.finish(ctx, work)
        log.debug("%s: joining %s took %.2f s", ctx.slug, writer.name, time.monotonic() - started)

    with ctx.spread.waiting(), ThreadPoolExecutor(max(1, len(audio_writers))) as pool:
        list(pool.map(finish, audio_writers))


def write_stage(ctx, writers, phase) -> None:
    """Everything that is not audio: transcripts, chapters, EPUB, web page, manifest."""
    for writer in writers:
        writer.write(ctx)
        phase(writer.name)
