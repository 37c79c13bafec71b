"""Engine registry: name -> class, plus ``auto`` (gTTS when Google answers,
else the offline engine). Adding an engine means adding one module here."""
from __future__ import annotations

import importlib
import logging

from ..errors import ConfigError, EngineError
from .base import Engine, VoiceSettings

log = logging.getLogger(__name__)
# name -> "module:Class", imported on use (gTTS pulls in requests; keep no-op rebuilds fast)
ENGINES: dict[str, str] = {"espeak": "espeak:EspeakEngine", "gtts": "gtts:GttsEngine"}


def engine_class(name: str) -> type[Engine]:
    module, cls = ENGINES[name].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)
OFFLINE_DEFAULT = "espeak"


def choose(name: str, settings: VoiceSettings, voice_for: dict[str, str] | None = None) -> Engine:
    """Make the engine the user asked for; ``auto`` probes and says which and why."""
    voice_for = voice_for or {}

    def make(engine_name):
        from dataclasses import replace

        return engine_class(engine_name)(replace(settings, voice=voice_for.get(engine_name, settings.voice)))

    if name == "auto":
        online = make("gtts")
        ok, why = online.available()
        if ok:
            log.info("engine: gtts (%s)", why)
            return online
        log.info("engine: %s, offline (%s)", OFFLINE_DEFAULT, why)
        return make(OFFLINE_DEFAULT)
    if name not in ENGINES:
        raise ConfigError(f"unknown engine '{name}'", "choose auto, " + ", ".join(ENGINES))
    engine = make(name)
    ok, why = engine.available()
    if not ok:
        hint = "use --engine espeak to build offline" if engine.online else ""
        raise EngineError(f"engine '{name}' cannot be used here: {why}", hint)
    log.info("engine: %s (%s)", name, why)
    return engine


class EngineChoice:
    """The engine a build will use, decided as late as possible: with ``auto`` the network is
    probed only when a clip must really be synthesised, so a build with nothing new to say (or
    whose clips are all cached) never waits for Google, even on a network that hangs."""

    def __init__(self, name: str, settings: VoiceSettings, voice_for: dict[str, str] | None = None):
        if name != "auto" and name not in ENGINES:
            raise ConfigError(f"unknown engine '{name}'", "choose auto, " + ", ".join(ENGINES))
        self.name, self.settings, self.voice_for = name, settings, voice_for or {}
        self._made: dict[str, Engine] = {}
        self._chosen: Engine | None = None

    @property
    def candidates(self) -> tuple[str, ...]:
        return ("gtts", OFFLINE_DEFAULT) if self.name == "auto" else (self.name,)

    def named(self, engine_name: str) -> Engine:
        """An engine object without any probing (its identity keys the cache)."""
        if engine_name not in self._made:
            from dataclasses import replace

            voice = self.voice_for.get(engine_name, self.settings.voice)
            self._made[engine_name] = engine_class(engine_name)(replace(self.settings, voice=voice))
        return self._made[engine_name]

    def resolve(self) -> Engine:
        """Probe (once per build) and return the engine to synthesise with."""
        if self._chosen is None:
            self._chosen = choose(self.name, self.settings, self.voice_for)
        return self._chosen
