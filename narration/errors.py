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


def report(source, exc: BaseException, verbose: bool) -> None:
    """One line on standard error for a failed article (or the build); a traceback only with -v."""
    import sys

    where = f"{source}: " if source else ""
    if isinstance(exc, NarrationError):
        print(f"error: {where}{exc}", file=sys.stderr)
    elif isinstance(exc, OSError) and exc.filename:
        print(f"error: {where}{exc.filename}: {exc.strerror or exc}", file=sys.stderr)
    else:
        print(f"error: {where}internal error: {type(exc).__name__}: {exc} (run with -v for details)", file=sys.stderr)
    if verbose:
        import traceback

        traceback.print_exception(exc)
