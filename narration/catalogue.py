"""Many articles: the sources found, each built (here, or on a Dask cluster), the site written.

``cli.py`` only parses the command line; this module decides what to build and in which order,
reports each failure in one line (the others still build), removes the articles whose source is
gone, and writes the feed and the index once, after every article is done.
"""
from __future__ import annotations

import logging
from pathlib import Path

from . import config
from .errors import NarrationError, report

log = logging.getLogger("narration")
SOURCE_DIR = Path("source")


def find_sources(paths: list[Path]) -> list[Path]:
    from .readers import is_source

    found, seen = [], set()
    for path in paths or [SOURCE_DIR]:
        if path.is_dir():
            candidates = sorted(p for p in path.iterdir() if p.is_file() and is_source(p) and not p.name.startswith("."))
        else:
            candidates = [path]
        for candidate in candidates:  # a file named and also in a folder named (or a URL added to it) is built once
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def source_paths(arguments: list[str], options) -> list[Path]:
    """Paths as given; a URL (on the command line, or in ``[sources] urls`` when no path is given)
    becomes a ``.url`` source in ``source/``, so it stays in the catalogue and rebuilds offline."""
    from .fetch import add_url_source, is_url

    urls = [a for a in arguments if is_url(a)] + ([] if arguments else list(options.sources.urls))
    added = [add_url_source(url, SOURCE_DIR) for url in urls]
    paths = [Path(a) for a in arguments if not is_url(a)]
    return paths + added if arguments else []


def refresh_pages(sources: list[Path]) -> list[tuple[Path, BaseException]]:
    """``--refresh``: fetch every web page again (a page that did not change keeps its copy)."""
    from .fetch import URL_SUFFIX, kept_page, url_in

    failed = []
    for source in sources:
        if source.suffix.lower() == URL_SUFFIX:
            try:
                kept_page(source, url_in(source, source.read_bytes()), refresh=True)
            except (NarrationError, OSError) as exc:
                if source.with_suffix(".webpage").is_file():  # offline: the kept copy still builds
                    log.warning("%s: not refreshed (%s); building the kept copy", source, exc)
                else:
                    failed.append((source, exc))
    return failed


def engine_choice(options):
    """The engine choice; nothing is probed until a clip must be synthesised."""
    from .engines import EngineChoice
    from .engines.base import VoiceSettings

    v = options.voice
    settings = VoiceSettings(language=v.language, voice=v.espeak_voice, rate=v.rate, pitch=v.pitch, tld=v.gtts_tld,
                             voices=tuple(options.voices.items()),
                             timeout=v.gtts_timeout, max_concurrency=v.gtts_concurrency,
                             min_interval=v.gtts_min_interval, retries=v.gtts_retries, backoff=v.gtts_backoff)
    return EngineChoice(options.build.engine, settings, {"espeak": v.espeak_voice, "gtts": v.gtts_voice})


def _remove_orphans(out_root: Path, folders: list[Path]) -> list[str]:
    """Articles whose source was in a folder being built and is gone: their folders go (one line
    each), and with them their feed items and index entries. Only folders whose build stamp names
    such a source are touched, never another folder's articles."""
    import shutil

    from .pipeline import previous_stamp

    removed = []
    watched = {folder.resolve() for folder in folders}
    if not out_root.is_dir() or not watched:
        return removed
    for folder in sorted(out_root.iterdir()):
        source = previous_stamp(folder).get("source") if folder.is_dir() else None
        if isinstance(source, str) and Path(source).parent in watched and not Path(source).exists():
            shutil.rmtree(folder)
            log.info("%s: removed, its source is gone", folder)
            removed.append(folder.name)
    return removed


class Catalogue:
    """Everything one build of the sources needs, made once: kept by ``watch`` between rebuilds,
    so a rebuild pays for no start-up, imports, engine or tokenizer."""

    def __init__(self, paths: list[Path], options, quiet: bool = False, verbose: bool = False):
        from .writers import parse_formats

        self.paths, self.options, self.quiet, self.verbose = list(paths or []), options, quiet, verbose
        self.formats = parse_formats(options.build.formats)
        self.engine = None
        self.quiet_skips = False  # watch: only say what was rebuilt
        self.refresh = False  # fetch web pages again

    @classmethod
    def from_args(cls, args, options) -> "Catalogue":
        options = config.with_flags(options, out=args.out, engine=args.engine, jobs=args.jobs,
                                    epub_audio=args.epub_audio, cache_dir=args.cache_dir,
                                    scheduler=getattr(args, "scheduler", None), chapters=getattr(args, "chapters", None),
                                    notes=getattr(args, "notes", None),
                                    page_numbers=True if getattr(args, "page_numbers", False) else None,
                                    formats=tuple(args.formats.split(",")) if args.formats else None)
        catalogue = cls(source_paths(args.paths, options), options, quiet=args.quiet, verbose=args.verbose)
        catalogue.refresh = getattr(args, "refresh", False)
        return catalogue

    def run(self, force: bool = False) -> int:
        """Build every article; returns the exit status (1 if any article failed)."""
        from .pipeline import slug_for
        from .textio import sweep

        options = self.options
        sources = find_sources(self.paths)
        if not sources:
            log.warning("nothing to build: no sources in %s", ", ".join(map(str, self.paths or [SOURCE_DIR])))
            return 0
        out_root = Path(options.build.out)
        cache_root = Path(options.build.cache_dir)
        for leftover in sweep(out_root, 2) + sweep(cache_root / "tmp", 0):
            log.debug("removed %s, left by an interrupted build", leftover)
        refused = dict(refresh_pages(sources)) if self.refresh else {}
        for source, exc in refused.items():
            report(source, exc, self.verbose)
        slugs, todo = {}, []
        for source in sources:
            if source in refused:
                continue
            slug = slug_for(source)
            if slug in slugs:  # a failure: counted as the sources not built
                report(source, NarrationError(f"has the same output name '{slug}' as {slugs[slug]}", "rename one"),
                       False)
                continue
            slugs[slug] = source
            todo.append(source)
        from .background import when_idle
        from .cover import podcast_cover

        artwork = when_idle("podcast cover", podcast_cover, out_root, options.podcast)  # drawn while audio encodes
        try:
            return self._build_and_publish(sources, todo, force, out_root, artwork)
        finally:
            artwork.cancel()

    def _build_and_publish(self, sources, todo, force, out_root, artwork) -> int:
        options = self.options
        failures, built = len(sources) - len(todo), []
        for source, outcome in self._build_all(todo, force):
            if isinstance(outcome, BaseException):  # one bad article never stops the others
                report(source, outcome, self.verbose)
                failures += 1
                continue
            built.append(outcome)
            if outcome.skipped:
                (log.debug if self.quiet_skips else log.info)(
                    "%s: up to date: %d clips, all from cache, 0 synthesised, nothing rewritten -> %s",
                    source.name, outcome.clips, outcome.out_dir)
            else:
                log.info("%s: %d clips, %d from cache, %d synthesised; %.1f s -> %s", source.name, outcome.clips,
                         outcome.cached, outcome.synthesised, outcome.seconds, outcome.out_dir)
        folders = [p for p in (self.paths or [SOURCE_DIR]) if p.is_dir()]
        removed = _remove_orphans(out_root, folders)
        if (built or removed) and (removed or any(not r.skipped for r in built) or not (out_root / "feed.xml").exists()):
            try:
                from .site import write_site

                write_site(out_root, options, artwork)  # once, after every article, by the one who asked
            except Exception as exc:
                report("site", exc, self.verbose)
                failures += 1
        if failures:
            log.error("%d of %d articles failed", failures, len(sources))
        return 1 if failures else 0

    def _build_all(self, sources: list[Path], force: bool):
        """(source, ArticleResult or the exception) for each source, as they finish."""
        if self.options.build.scheduler:
            from .distributed import build_on_cluster  # Dask is imported only when asked for

            yield from build_on_cluster(sources, self.options, self.formats, force, self.quiet)
            return
        from .pipeline import build_article

        if self.engine is None:
            self.engine = engine_choice(self.options)
        out_root = Path(self.options.build.out)
        for source in sources:
            try:
                yield source, build_article(source, self.options, self.engine, self.formats, out_root,
                                            self.options.build.jobs, quiet=self.quiet, force=force)
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                yield source, exc
