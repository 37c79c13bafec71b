"""Offline speech: eSpeak NG from the ``espeakng-loader`` wheel, through ctypes.

libespeak-ng keeps global state (one voice, one callback per process), so each
worker process owns one initialised synthesiser; inside a process, calls are
serialised by a lock.

Reproducible clips: eSpeak NG's output depends slightly on what the same
process spoke before (state that survives ``espeak_Terminate``; reseeding
``rand()`` does not help). So a worker initialises the synthesiser and sets
the voice but never speaks itself: every clip is spoken by a fresh ``fork()``
of it, which starts from exactly that state. The workers themselves come from
a fork server (a clean process that never loaded eSpeak NG), never from the
build's own process, so what the build did before cannot leak in either. The
same sentence and settings then give byte-identical clips whatever ran before
(a few milliseconds a clip).
"""
from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..audio.levels import measure
from ..audio.wavwords import wav_parts
from ..cache import write_entry
from ..errors import EngineError
from ..speech import parts
from .base import Engine, VoiceSettings

if TYPE_CHECKING:  # the pool's module (and multiprocessing) load only when a clip must be made
    from concurrent.futures import ProcessPoolExecutor

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_PARAM_RATE, _PARAM_PITCH = 1, 3
_EVENT_LIST_TERMINATED, _EVENT_WORD = 0, 1
JOIN_SILENCE_MS = 5  # of eSpeak NG's pause kept where two voices meet inside a sentence


class _EVENT(ctypes.Structure):
    """espeak_EVENT (speak_lib.h): what the synthesiser reports while it speaks."""
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_char * 8)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_EVENT))


class _VOICE(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_char_p), ("identifier", ctypes.c_char_p),
                ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


class _Synth:
    """One initialised libespeak-ng in this process."""

    def __init__(self):
        import espeakng_loader

        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        data = espeakng_loader.get_data_path().encode()
        self.rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if self.rate <= 0:
            raise EngineError("eSpeak NG could not start", "its voice data in the espeakng-loader wheel is missing")
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.version = self.lib.espeak_Info(None).decode()
        self.lock = threading.Lock()
        self._buffer = bytearray()
        self._words: list[tuple[int, int, int]] = []
        self._callback = _CALLBACK(self._collect)  # keep a reference: C holds a pointer
        self.lib.espeak_SetSynthCallback(self._callback)
        self.configured = None

    def _collect(self, wav, count, events):
        if count > 0:
            self._buffer.extend(ctypes.string_at(wav, count * 2))
        i = 0
        while events and events[i].type != _EVENT_LIST_TERMINATED:
            event = events[i]
            if event.type == _EVENT_WORD:  # (first character, characters, first sample) of a spoken word
                sample = (event.audio_position * self.rate + 500) // 1000
                self._words.append((event.text_position - 1, event.length, sample))
            i += 1
        return 0

    def configure(self, settings: VoiceSettings):
        if self.configured == settings:
            return
        if self.lib.espeak_SetVoiceByName(settings.voice.encode()) != 0:
            raise EngineError(f"eSpeak NG has no voice '{settings.voice}'", "see: python build.py voices")
        self.lib.espeak_SetParameter(_PARAM_RATE, int(settings.rate), 0)
        self.lib.espeak_SetParameter(_PARAM_PITCH, int(settings.pitch), 0)
        self.configured = settings

    def pcm(self, text: str, settings: VoiceSettings) -> tuple[bytes, list[tuple[int, int, int]]]:
        """The speech and its word events (character start, length, first sample). Called in a
        fresh fork (``_synthesize_in_worker``), so the lock is the parent's, already held."""
        self.configure(settings)
        if not parts.has_parts(text):
            return self._speak(text)
        return self._speak_parts(text, settings)

    def _speak(self, text: str) -> tuple[bytes, list[tuple[int, int, int]]]:
        self._buffer, self._words = bytearray(), []
        data = text.encode("utf-8")
        status = self.lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, _CHARS_UTF8, None, None)
        if status != 0:
            raise EngineError(f"eSpeak NG failed (status {status}) on: {parts.plain(text)[:60]!r}")
        return bytes(self._buffer), list(self._words)

    def _speak_parts(self, text: str, settings: VoiceSettings) -> tuple[bytes, list[tuple[int, int, int]]]:
        """A sentence with passages in other languages: each part in its own voice, joined where the
        voices meet without the pause eSpeak NG puts at an utterance's ends (at most ``JOIN_SILENCE_MS``
        of it stays), and its word events counted in the whole text and the whole clip."""
        from ..audio.levels import measure

        pieces = parts.split(text)
        joined, words = bytearray(), []
        keep = self.rate * JOIN_SILENCE_MS // 1000
        for n, part in enumerate(pieces):
            voice = settings.voice_for(part.language).encode()
            if self.lib.espeak_SetVoiceByName(voice) != 0:  # no such voice: the document's reads it
                self.lib.espeak_SetVoiceByName(settings.voice.encode())
            self.lib.espeak_SetParameter(_PARAM_RATE, int(settings.rate), 0)
            self.lib.espeak_SetParameter(_PARAM_PITCH, int(settings.pitch), 0)
            pcm, events = self._speak(part.text)
            levels = measure(pcm)
            total = len(pcm) // 2
            first = max(0, levels.first - keep) if n > 0 and levels.end else 0
            last = min(total, levels.end + keep) if n < len(pieces) - 1 and levels.end else total
            base = len(joined) // 2 - first  # a sample of this part is at ``base + sample`` in the clip
            joined += pcm[first * 2:last * 2]
            words += [(part.start + char, length, base + max(sample, first)) for char, length, sample in events]
        self.configured = None  # the voice changed: the next clip sets it again
        return bytes(joined), words

    def voices(self) -> list[str]:
        self.lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_VOICE))
        found, array, i = [], self.lib.espeak_ListVoices(None), 0
        while array[i]:
            voice = array[i].contents
            found.append(voice.identifier.decode())
            i += 1
        return found


_SYNTH: _Synth | None = None
_SYNTH_LOCK = threading.Lock()


def _synth() -> _Synth:
    global _SYNTH
    with _SYNTH_LOCK:
        if _SYNTH is None or _SYNTH.pid != os.getpid():
            _SYNTH = _Synth()
            _SYNTH.pid = os.getpid()
        return _SYNTH


def _synthesize_in_worker(text: str, settings: VoiceSettings, entry: str = "") -> bytes:
    """One clip, spoken by a fresh fork of this process's (configured, never used) synthesiser.
    With ``entry`` (a clip cache path) the fork writes the cache entry itself and only says so: the
    clip's bytes then cross no pipe and no pickle on their way to the cache."""
    synth = _synth()
    with synth.lock:
        synth.configure(settings)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child speaks once and leaves
            os.close(read_end)
            status = 0
            try:
                pcm, words = synth.pcm(text, settings)
                if not pcm:
                    reply = b"Eno audio"
                else:
                    parts = wav_parts(pcm, synth.rate, words, measure(pcm))
                    if entry:
                        write_entry(Path(entry), parts)
                    reply = b"O" + (b"" if entry else b"".join(parts))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
                reply, status = b"E" + str(exc).encode("utf-8", "replace"), 1
            try:
                with os.fdopen(write_end, "wb") as out:
                    out.write(reply)
            finally:
                os._exit(status)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reply_pipe:
            reply = reply_pipe.read()
        os.waitpid(pid, 0)
    if reply[:1] != b"O":
        detail = reply[1:].decode("utf-8", "replace") or "the synthesis process died"
        raise EngineError(f"eSpeak NG failed ({detail}) on: {text[:60]!r}")
    return reply[1:]


class _Task:
    """Picklable callable for worker processes."""

    def __init__(self, settings):
        self.settings = settings

    def __call__(self, text):
        return _synthesize_in_worker(text, self.settings)

    def into(self, text, entry):
        _synthesize_in_worker(text, self.settings, entry)


class EspeakEngine(Engine):
    name = "espeak"
    display_name = "eSpeak NG"
    limiter_hint_db = -12.0  # limiter threshold its voice usually needs for -16 LUFS (a first guess)
    online = False
    clip_suffix = ".wav"
    sample_rate = 22050
    default_jobs = os.cpu_count() or 1

    word_times = True  # clips carry eSpeak NG's word events (audio.wavwords)

    def version(self) -> str:
        from ..versions import installed_version

        return "espeak-ng " + installed_version("espeakng-loader")

    def voices(self) -> list[str]:
        return _synth().voices()

    def available(self):
        try:
            import espeakng_loader  # noqa: F401
        except ImportError:
            return False, "the espeakng-loader package is not installed"
        return True, "offline, built in"

    def languages_without_voice(self, languages: set[str]) -> set[str]:
        """Told by the voice files in eSpeak NG's data (``lang/<family>/<voice>``), without loading
        the library in the build's own process."""
        if not languages:
            return set()
        import espeakng_loader

        names = {p.name.lower() for p in (Path(espeakng_loader.get_data_path()) / "lang").rglob("*") if p.is_file()}
        return {lang for lang in languages if self.settings.voice_for(lang).lower() not in names}

    def synthesize(self, text: str) -> bytes:
        """One clip, from a worker like the build's (one kept per process for such calls)."""
        return _shared_pool(1).submit(_synthesize_in_worker, text, self.settings).result()

    def executor(self, jobs):
        return _shared_pool(jobs), _Task(self.settings)

    def filler(self, jobs):
        return _shared_pool(jobs), _Task(self.settings).into

    def release(self, executor) -> None:
        """The pool stays: the next article of this run (or the next save in ``watch``) uses the
        same warm workers. The workers die with the process."""

    def warm(self, jobs: int) -> None:
        """Start the workers while the text is read. The fork server is started by this thread:
        Linux sends the parent-death signal when the *thread* that forked a child ends, so it must
        be one that lives as long as the build. Waiting for the workers to report in (about 0.1 s)
        is left to a thread that ends once they have: the workers are the server's forks, not its."""
        from multiprocessing import forkserver

        pool = _shared_pool(jobs)
        forkserver.ensure_running()
        threading.Thread(target=_start_workers, args=(pool, max(1, jobs), self.settings),
                         name="synthesis workers start", daemon=True).start()


def _start_workers(pool: ProcessPoolExecutor, jobs: int, settings: VoiceSettings) -> None:
    try:
        for _ in range(jobs):
            pool.submit(_warm_up, settings)
    except RuntimeError:  # shut down meanwhile (the build ended or was interrupted): nothing to warm
        pass


def _warm_up(settings: VoiceSettings) -> None:
    _synth().configure(settings)


_POOLS: dict[int, ProcessPoolExecutor] = {}


def _shared_pool(jobs: int) -> ProcessPoolExecutor:
    """One pool per size, per process, kept warm between articles and rebuilds."""
    jobs = max(1, jobs)
    pool = _POOLS.get(jobs)
    if pool is None or getattr(pool, "_broken", False) or getattr(pool, "_shutdown_thread", False):
        if not _POOLS:
            from multiprocessing import util

            # multiprocessing joins a process's children when it exits: shut the pools down first
            # (a finaliser with a priority runs before that join), or a worker process would wait
            # for its own idle pool forever
            util.Finalize(None, _close_pools, exitpriority=100)  # before the queues close (10)
        pool = _POOLS[jobs] = _worker_pool(jobs)
    return pool


def _close_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(wait=True, cancel_futures=True)
    _POOLS.clear()


def _worker_start() -> None:
    """A synthesis worker's first step: die with the fork server, and leave at once if the server
    died before the worker got this far (it would otherwise live on, orphaned, taking the tasks
    still queued for it). The server's module is already loaded here: workers are its forks."""
    from . import _forkserver
    from ..processes import die_with_parent

    die_with_parent(expected=_forkserver.SERVER)
    # Each clip's levels are measured with numpy in the clip's fork, which must find it loaded: a
    # fork that imported it would do so anew for every clip (50 ms each, seven times the speech).
    # The fork server preloads it; this only makes sure, should the server be started otherwise.
    import numpy  # noqa: F401


def _worker_pool(jobs: int) -> ProcessPoolExecutor:
    """Synthesis workers forked from a clean fork server; each dies with the build."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ..processes import PARENT_VARIABLE, allow_children

    allow_children()  # a Dask worker under a nanny is a daemonic process
    os.environ[PARENT_VARIABLE] = str(os.getpid())  # the fork server, started now or later, dies with us
    context = multiprocessing.get_context("forkserver")
    # numpy too: each clip's levels are measured where it is made (``audio.levels``), never in the build
    context.set_forkserver_preload([__name__, "narration.engines._forkserver", "numpy"])
    return ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context, initializer=_worker_start)
