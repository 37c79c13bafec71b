"""Command line: ``python build.py [PATHS...]`` and the helper commands.

Only this module configures logging. Every failure of one article is one line
``error: <file>: <reason>`` (a traceback only with -v); the other articles
still build, and the exit status says whether all went well.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import config
from .catalogue import SOURCE_DIR
from .errors import NarrationError, report

log = logging.getLogger("narration")
COMMANDS = ("build", "watch", "script", "document", "toc", "voices", "clean", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Narrate articles: audio, EPUB 3, transcripts, feed, web page.")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug output and tracebacks")
    parser.add_argument("--config", default=config.CONFIG_FILE, help="project configuration (default: %(default)s)")
    sub = parser.add_subparsers(dest="command")

    build = sub.add_parser("build", help="build articles (the default command)")
    watch = sub.add_parser("watch", help="build, then rebuild whenever a source (or its sidecar, lexicon, "
                                         "configuration) changes, with everything kept loaded; Ctrl-C stops")
    for command in (build, watch):
        command.add_argument("paths", nargs="*", help="sources, folders or http(s) URLs (default: source/)")
        command.add_argument("--out", help="output folder (default: output)")
        command.add_argument("--engine", help="auto, gtts or espeak")
        command.add_argument("--formats", help="comma-separated: mp3,m4b,sections,vtt,srt,chapters,epub,html")
        command.add_argument("--jobs", type=int, help="parallel synthesis jobs")
        command.add_argument("--scheduler", help="build on a Dask cluster: tcp://host:port, or 'local' for a "
                                                 "LocalCluster on this machine (default: no Dask)")
        command.add_argument("--epub-audio", dest="epub_audio", choices=("mp3", "aac"),
                             help="audio inside the EPUB: mp3 (default) or aac (.m4a, for Kobo and Apple Books)")
        command.add_argument("--cache-dir", dest="cache_dir", help="clip cache folder")
        command.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
        command.add_argument("--refresh", action="store_true",
                             help="fetch web pages (.url sources) again; a page that changed is rebuilt")
        command.add_argument("--chapters", help="build only these chapters, e.g. 3-7 or 1,4,6-8 (see: toc FILE)")
        command.add_argument("--notes", choices=("skip", "inline", "end-of-chapter"),
                             help="a book's notes: shown only (skip, the default), read where they stand, or "
                                  "read after their chapter")
        command.add_argument("--page-numbers", dest="page_numbers", action="store_true",
                             help="say the print page numbers of a book (\"Seite 12\") where each page begins")
    watch.add_argument("--interval", type=float, default=0.5, help="seconds between looks (default: %(default)s)")

    script = sub.add_parser("script", help="print what the engine will hear, one line per sentence")
    script.add_argument("file", help="a source file, or - for plain text on standard input")
    script.add_argument("--explain", action="store_true",
                        help="per sentence, each token that changed: its text, class and spoken form")

    document = sub.add_parser("document", help="print the document as the readers see it: metadata, headings, "
                                                "paragraphs, lists, figures")
    document.add_argument("file", help="a source file (a .url reads its kept page, fetching it once)")
    document.add_argument("--explain", action="store_true", help="also list what the reader left out, and why")

    toc = sub.add_parser("toc", help="list a book's chapters: number, title, length, listening time")
    toc.add_argument("file", help="a source file")

    sub.add_parser("voices", help="list the engines and voices usable here")

    clean = sub.add_parser("clean", help="remove build products")
    clean.add_argument("--cache", action="store_true", help="also empty the clip cache")
    clean.add_argument("--out", help="output folder (default: output)")
    clean.add_argument("--cache-dir", dest="cache_dir", help="clip cache folder")

    serve = sub.add_parser("serve", help="serve output/ on 127.0.0.1 (with HTTP Range for seeking)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--out", help="output folder (default: output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(_default_to_build(list(sys.argv[1:] if argv is None else argv)))
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    for noisy in ("pypandoc", "urllib3", "PIL"):  # their debug output is not ours
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for noisy in ("trafilatura", "htmldate", "courlan", "justext", "readability"):  # their fallbacks' chatter
        logging.getLogger(noisy).setLevel(logging.ERROR)
    from . import processes

    processes.install()
    try:
        options = config.load(Path(args.config))
        command = args.command or "build"
        return globals()[f"_cmd_{command}"](args, options)
    except NarrationError as exc:
        report(None, exc, args.verbose)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: children killed, temporaries removed on the way out
        code = getattr(exc, "exit_code", 130)
        print("terminated" if code == 143 else "interrupted", file=sys.stderr)
        return code
    except BrokenPipeError:  # `build.py script FILE | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ModuleNotFoundError as exc:  # started outside the project's venv
        print(f"error: missing dependency '{exc.name}' (run `make build`, which sets up .venv, "
              "or use .venv/bin/python build.py)", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, the traceback with -v
        report(None, exc, args.verbose)
        return 1


def _default_to_build(argv: list[str]) -> list[str]:
    """``build.py [PATHS] [flags]`` means ``build.py build [PATHS] [flags]``; global flags may stand anywhere."""
    global_flags, rest, tokens = [], [], iter(argv)
    for token in tokens:
        if token in ("-q", "--quiet", "-v", "--verbose") or token.startswith("--config="):
            global_flags.append(token)
        elif token == "--config":
            global_flags += [token, next(tokens, "")]
        else:
            rest.append(token)
    if not rest or (rest[0] not in COMMANDS and rest[0] not in ("-h", "--help")):
        rest.insert(0, "build")
    return global_flags + rest


def _cmd_build(args, options) -> int:
    from .catalogue import Catalogue

    return Catalogue.from_args(args, options).run(force=args.force)


def _cmd_watch(args, options) -> int:
    """Poll the sources' and companions' sizes and times; rebuild when they change and then hold
    still for one more look (an editor's save can take several writes). A failing article is
    reported and watched on; only Ctrl-C ends the watch (exit status 0)."""
    import time

    from .readers import companions

    if not args.interval > 0:
        raise NarrationError(f"--interval must be a positive number of seconds, not {args.interval}")
    config_file = Path(args.config)

    def snapshot():
        files = [config_file]
        for source in find_sources(builder.paths):
            files += [source, *companions(source)]
        seen = {}
        for path in files:
            try:
                stat = path.stat()
                seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                seen[str(path)] = None
        return seen

    from .catalogue import Catalogue, find_sources

    builder = Catalogue.from_args(args, options)
    state = snapshot()
    builder.run(force=args.force)
    builder.quiet_skips, builder.refresh = True, False  # pages are fetched again only on the first build
    log.info("watching %s for changes (Ctrl-C stops)", ", ".join(map(str, builder.paths or [SOURCE_DIR])))
    try:
        while True:
            time.sleep(args.interval)
            now = snapshot()
            if now == state:
                continue
            time.sleep(args.interval)
            settled = snapshot()
            if settled != now:  # still being written: look again next time
                continue
            if settled.get(str(config_file)) != state.get(str(config_file)):
                try:
                    builder = Catalogue.from_args(args, config.load(config_file))
                    builder.quiet_skips = True
                except NarrationError as exc:
                    report(config_file, exc, args.verbose)
                    state = settled
                    continue
            state = settled
            builder.run()
    except KeyboardInterrupt:
        log.info("stopped watching")
        return 0


def _cmd_script(args, options) -> int:
    from .document import assemble, load
    from .readers import plaintext
    from .pipeline import languages_stage
    from .speech.lexicon import load as load_lexicon
    from .speech.script import build_script

    if args.file == "-":
        data = sys.stdin.buffer.read()
        if not data.strip():
            raise NarrationError("standard input is empty")
        doc = assemble(plaintext.read(Path("stdin.txt"), data), Path("stdin.txt"))
        lexicon = load_lexicon(SOURCE_DIR)
        doc = languages_stage(doc, options)
    else:
        path = Path(args.file)
        try:
            doc, lexicon = languages_stage(load(path), options), load_lexicon(path.parent)
        except NarrationError as exc:
            raise type(exc)(f"{path}: {exc.message}", exc.hint) from exc
    from .pipeline import matter_stage, settings_stage
    from .speech import parts

    options = settings_stage(doc, options)
    doc = matter_stage(doc, options)
    for item in build_script(doc, lexicon, intro=options.build.intro, notes=options.build.notes,
                             page_numbers=options.build.page_numbers):
        print(parts.readable(item.speech) if args.explain else parts.plain(item.speech))
        if args.explain:
            for token in item.tokens:
                if token.kind == "lang":
                    continue
                if token.kind != "plain":
                    print(f"    {token.text!r:28} {token.kind:13} {token.spoken!r}")
            for part in parts.split(item.speech):
                if part.language:
                    print(f"    [{part.language}] {part.text.strip()!r}")
    return 0


def _cmd_document(args, options) -> int:
    from .document import load
    from .outline import outline
    from .pipeline import languages_stage

    path = Path(args.file)
    try:
        doc = languages_stage(load(path), options)
    except NarrationError as exc:
        raise type(exc)(f"{path}: {exc.message}", exc.hint) from exc
    for line in outline(doc, explain=args.explain):
        print(line)
    return 0


def _cmd_toc(args, options) -> int:
    from .chapters import table
    from .document import load

    path = Path(args.file)
    try:
        doc = load(path)
    except NarrationError as exc:
        raise type(exc)(f"{path}: {exc.message}", exc.hint) from exc
    for line in table(doc):
        print(line)
    return 0


def _cmd_voices(args, options) -> int:
    from .engines import ENGINES, engine_class
    from .engines.base import VoiceSettings

    for name in ENGINES:
        engine = engine_class(name)(VoiceSettings())
        ok, why = engine.available()
        print(f"{name}: {'usable' if ok else 'not usable'} ({why})")
        if ok or not engine.online:
            try:
                voices = engine.voices()
            except Exception as exc:
                voices = [f"(cannot list: {exc})"]
            german = [v for v in voices if v.split("/")[-1].startswith("de")] or voices
            print("  " + ", ".join(german))
    return 0


def _cmd_clean(args, options) -> int:
    """Remove the output (and the cache) only if narration made it: the marker it writes when it
    creates the folder must be there. ``--out .`` or ``--out ~`` is refused, not obeyed."""
    import shutil

    from .cache import clear
    from .markers import CACHE_MARKER, OUTPUT_MARKER

    out = Path(args.out or options.build.out)
    cache_dir = Path(args.cache_dir or options.build.cache_dir) if args.cache else None
    for folder, marker in ((out, OUTPUT_MARKER), (cache_dir, CACHE_MARKER)):
        if folder is not None and folder.exists() and not (folder / marker[0]).is_file():
            raise NarrationError(f"{folder} was not made by narration (no {marker[0]} in it); not removing it")
    if out.exists():
        shutil.rmtree(out)
        log.info("removed %s", out)
    if cache_dir is not None:
        count = clear(cache_dir)
        log.info("removed %d cached files from %s", count, cache_dir)
    return 0


def _cmd_serve(args, options) -> int:
    from .serve import serve

    serve(Path(args.out or options.build.out), args.port)
    return 0
