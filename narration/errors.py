"""One error family, each with a category and a probable cause.

The CLI prints ``error: <file>: <message>`` for any of these and carries on
with the next article; anything else is a bug and shows a traceback with -v.
"""


class NarrationError(Exception):
    category = "error"
    exit_code = 1

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ReaderError(NarrationError):
    category = "reader"


class ConfigError(NarrationError):
    category = "config"
    exit_code = 2


class EngineError(NarrationError):
    category = "engine"


class AudioError(NarrationError):
    category = "audio"


class WriterError(NarrationError):
    category = "writer"
