"""Options: defaults here, then ``narration.toml``, then command-line flags.

One file holds everything a project tunes (voice, pauses, audio, podcast
channel), as pandoc keeps one options record per reader and writer.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError

CONFIG_FILE = "narration.toml"


@dataclass(frozen=True)
class BuildOptions:
    engine: str = "auto"
    formats: tuple[str, ...] = ()  # empty: every format
    jobs: int = 0  # 0: the engine's default
    cache_dir: str = ".cache/narration"
    out: str = "output"
    intro: bool = True
    scheduler: str = ""  # "" builds here; "local" starts a Dask LocalCluster; "tcp://host:port" uses that scheduler
    detect_languages: bool = True  # find quoted English and French phrases in German text (speech.detect)
    chapters: str = ""  # "" all; "3-7" or "1,4,6-8": build only those chapters (see: build.py toc FILE)
    notes: str = "skip"  # "skip": shown, not read; "inline": read where they stand; "end-of-chapter": after its text
    page_numbers: bool = False  # say the print page numbers ("Seite 12") where each page begins
    narrate_matter: tuple[str, ...] = ()  # a book's matter to read aloud too: "imprint", "index", "colophon", ...
    flagged: tuple[str, ...] = ()  # settings given on the command line: a source's own do not override them


@dataclass(frozen=True)
class VoiceOptions:
    language: str = "de"
    espeak_voice: str = "de"
    gtts_voice: str = "de"
    rate: int = 165
    pitch: int = 50
    gtts_tld: str = "de"
    gtts_concurrency: int = 4
    gtts_min_interval: float = 0.1
    gtts_timeout: float = 10.0
    gtts_retries: int = 4
    gtts_backoff: float = 0.5  # seconds before the first retry (doubles, with jitter)


@dataclass(frozen=True)
class PauseOptions:
    sentence_ms: int = 350
    paragraph_ms: int = 700
    heading_ms: int = 900
    section_ms: int = 1400


@dataclass(frozen=True)
class AudioOptions:
    mp3_bitrate: str = "64k"
    aac_bitrate: str = "64k"
    loudness_lufs: float = -16.0
    true_peak_dbtp: float = -1.5
    trim_silence: bool = True


@dataclass(frozen=True)
class PodcastOptions:
    title: str = "Narration"
    description: str = "Artikel zum Hören, gelesen von einer synthetischen Stimme."
    author: str = "Narration"
    email: str = ""
    language: str = "de"
    base_url: str = "http://127.0.0.1:8000/"
    category: str = "News"
    explicit: bool = False
    image: str = ""  # path to a square JPEG/PNG (1400-3000 px); generated when empty
    copyright: str = ""


@dataclass(frozen=True)
class EpubOptions:
    audio: str = "mp3"  # the overlays' audio: "mp3" (MP3 files) or "aac" (AAC-LC in .m4a, for Kobo and Apple)


EPUB_AUDIO = ("mp3", "aac")
NOTES = ("skip", "inline", "end-of-chapter")


@dataclass(frozen=True)
class SourceOptions:
    urls: tuple[str, ...] = ()  # web pages to narrate: each becomes source/<name>.url, fetched once and kept


@dataclass(frozen=True)
class Options:
    build: BuildOptions = field(default_factory=BuildOptions)
    voice: VoiceOptions = field(default_factory=VoiceOptions)
    pauses: PauseOptions = field(default_factory=PauseOptions)
    audio: AudioOptions = field(default_factory=AudioOptions)
    podcast: PodcastOptions = field(default_factory=PodcastOptions)
    epub: EpubOptions = field(default_factory=EpubOptions)
    sources: SourceOptions = field(default_factory=SourceOptions)
    voices: dict = field(default_factory=dict)  # language -> eSpeak NG voice for passages in it ("en" -> "en-us")


def load(path: Path | None = None) -> Options:
    """Read ``narration.toml`` (if any); unknown keys and wrong types are errors, not surprises."""
    path = Path(path or CONFIG_FILE)
    options = Options()
    if not path.is_file():
        return options
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name} is not valid TOML ({exc})") from exc
    for table, values in data.items():
        if table not in {f.name for f in fields(Options)}:
            raise ConfigError(f"{path.name}: unknown table [{table}]")
        if table == "voices":
            options = replace(options, voices=_voices(values, f"{path.name} [voices]"))
            continue
        options = replace(options, **{table: _apply(getattr(options, table), values, f"{path.name} [{table}]")})
    check(options, path.name)
    return options


def check(options: Options, where: str) -> None:
    """Values that have a type and still can be wrong."""
    scheduler = options.build.scheduler
    if scheduler and scheduler != "local" and not re.fullmatch(r"\w+://[^\s/:]+:\d+/?", scheduler):
        raise ConfigError(f"{where}: scheduler must be 'local' or an address like tcp://host:8786, not '{scheduler}'")
    for url in options.sources.urls:
        if not re.fullmatch(r"https?://[^\s/<>\"'`]+[^\s<>\"'`]*", url, re.I):
            raise ConfigError(f"{where} [sources]: '{url[:80]}' is not an http(s) URL")
    if options.build.notes not in NOTES:
        raise ConfigError(f"{where} [build]: 'notes' must be one of {', '.join(NOTES)}, not '{options.build.notes}'")
    from .narrated_matter import KINDS

    unknown = [kind for kind in options.build.narrate_matter if kind not in KINDS]
    if unknown:
        raise ConfigError(f"{where} [build]: 'narrate_matter' knows {', '.join(KINDS)}, not '{unknown[0]}'")
    if options.epub.audio not in EPUB_AUDIO:
        raise ConfigError(f"{where} [epub]: 'audio' must be one of {', '.join(EPUB_AUDIO)}, not '{options.epub.audio}'")


def _voices(values, where: str) -> dict:
    """``[voices]``: language tag = voice name, both plain strings."""
    if not isinstance(values, dict):
        raise ConfigError(f"{where} must be a table of language = voice")
    for language, voice in values.items():
        if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", language) or not isinstance(voice, str) or not voice:
            raise ConfigError(f"{where}: '{language} = {voice!r}' is not a language tag and a voice name")
    return dict(sorted(values.items()))


def _apply(section, values: dict, where: str):
    known = {f.name: f for f in fields(section)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown key '{key}'", "known: " + ", ".join(known))
        default = getattr(section, key)
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(value)
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not type(default):
            raise ConfigError(f"{where}: '{key}' must be {type(default).__name__}, not {type(value).__name__}")
        changes[key] = value
    return replace(section, **changes)


def with_flags(options: Options, epub_audio: str | None = None, **flags) -> Options:
    """Command-line flags override the file; ``None`` means 'not given'."""
    given = {k: v for k, v in flags.items() if v is not None}
    if given:
        flagged = tuple(sorted(set(options.build.flagged) | {k for k in given if k in SOURCE_SETTINGS}))
        options = replace(options, build=replace(options.build, **given, flagged=flagged))
    if epub_audio is not None:
        options = replace(options, epub=replace(options.epub, audio=epub_audio))
    check(options, "the command line")
    return options


SOURCE_SETTINGS = ("notes", "chapters", "page_numbers", "narrate_matter")  # [build] settings a source may set for itself
_TRUTH = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}


def for_source(options: Options, settings: dict, where: str) -> Options:
    """A source's own settings (front matter or sidecar: ``notes: inline``, ``chapters: 2-4``) over the
    project's, so one book of a catalogue can differ; a command-line flag still wins over both."""
    own = {key: value for key, value in settings.items() if key in SOURCE_SETTINGS and key not in options.build.flagged}
    if not own:
        return options
    if "page_numbers" in own:  # front matter says 'true', a sidecar 'yes': either is a yes
        said = str(own["page_numbers"]).strip().lower()
        if said not in _TRUTH:
            raise ConfigError(f"{where}: 'page_numbers' must be true or false, not '{own['page_numbers']}'")
        own["page_numbers"] = _TRUTH[said]
    if "narrate_matter" in own:  # 'imprint, colophon' in front matter or a sidecar
        own["narrate_matter"] = tuple(k for k in re.split(r"[\s,\[\]'\"]+", str(own["narrate_matter"])) if k)
    options = replace(options, build=replace(options.build, **own))
    check(options, where)
    return options
