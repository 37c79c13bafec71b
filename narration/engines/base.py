"""What every speech engine declares and does; the rest of the build only
talks to this interface (after aeneas's thin TTS wrappers)."""
from __future__ import annotations

from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceSettings:
    language: str = "de"
    voice: str = "de"  # engine-specific voice name
    rate: int = 165  # words per minute (eSpeak); gTTS only knows normal/slow
    pitch: int = 50  # 0-100 (eSpeak)
    tld: str = "de"  # gTTS: Google host suffix
    timeout: float = 10.0  # gTTS: seconds per request
    max_concurrency: int = 4  # gTTS: requests in flight at once
    min_interval: float = 0.1  # gTTS: seconds between request starts
    retries: int = 4  # gTTS: tries after the first
    backoff: float = 0.5  # gTTS: first back-off in seconds (doubles, with jitter)
    voices: tuple[tuple[str, str], ...] = ()  # (language, engine voice) for passages in other languages

    def voice_for(self, language: str) -> str:
        """The voice for a passage in ``language`` ("" is the document's: the voice above)."""
        if not language:
            return self.voice
        return dict(self.voices).get(language, dict(self.voices).get(language.split("-")[0], language))


class Engine:
    """Base class. Subclasses set the class attributes and implement ``synthesize``."""

    name = ""
    display_name = ""
    limiter_hint_db = -6.0  # limiter threshold its voice usually needs for -16 LUFS (a first guess)
    online = False
    clip_suffix = ".wav"  # what synthesize() returns: ".wav" (PCM) or ".mp3"
    sample_rate = 22050  # the timeline's rate when this engine speaks
    default_jobs = 1
    word_times = False  # whether clips carry the time of every word (eSpeak NG does, gTTS does not)

    def __init__(self, settings: VoiceSettings):
        self.settings = settings

    def version(self) -> str:
        raise NotImplementedError

    def voices(self) -> list[str]:
        raise NotImplementedError

    def available(self) -> tuple[bool, str]:
        """(usable here?, why) - used by ``--engine auto`` and ``voices``."""
        return True, "built in"

    def cache_identity(self) -> dict:
        """Everything that changes the sound, for the content-addressed cache key."""
        s = self.settings
        return {"engine": self.name, "version": self.version(), "voice": s.voice, "language": s.language,
                "rate": s.rate, "pitch": s.pitch, "format": self.clip_suffix, "word_times": self.word_times}

    def synthesize(self, text: str) -> bytes:
        raise NotImplementedError

    def languages_without_voice(self, languages: set[str]) -> set[str]:
        """Of the languages a text switches to (``speech.parts``), those this engine cannot speak:
        their passages are read by the document's voice."""
        return set()

    def release(self, executor: Executor) -> None:
        """Done with an executor from ``executor()``: engines that keep theirs warm override this."""
        executor.shutdown(wait=True, cancel_futures=True)

    def warm(self, jobs: int) -> None:
        """Get ready to synthesise while the build still reads (engines with a start-up cost)."""

    def executor(self, jobs: int) -> tuple[Executor, callable]:
        """An executor and a callable (text -> clip bytes) to submit to it."""
        return ThreadPoolExecutor(max_workers=max(1, jobs)), self.synthesize

    def filler(self, jobs: int) -> tuple[Executor, callable] | None:
        """An executor and a callable (text, cache entry path -> None) that writes the clip's cache
        entry itself (``cache.write_entry``) where the clip is made, so its bytes never travel back
        to the build's process. None: the build writes what ``executor``'s callable returns."""
        return None
