"""Turn the bytes of a text source into clean Unicode.

Pasted news text arrives as UTF-8 (with or without BOM), UTF-16 from Windows
editors, or Windows-1252/Latin-1 from older tools. We decide by evidence: a BOM
is certain, strict UTF-8 decoding is nearly certain, and only then does
charset-normalizer choose among the legacy code pages.
"""
from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import time
import tempfile
import unicodedata
from pathlib import Path


from .errors import ReaderError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ["cp1252", "latin_1", "iso8859_15"]
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK  # mkstemp makes 0600; outputs are meant to be read (and served)


def decode(data: bytes) -> str:
    """Decode ``data`` and normalise newlines and Unicode composition."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"starts with a {encoding} byte-order mark but is not {encoding}") from exc
            break
    if text is None:
        if b"\x00" in data:
            raise ReaderError("is binary data, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes  # only for files that are not UTF-8

            best = from_bytes(data, cp_isolation=_LEGACY).best()
            text = str(best) if best is not None else data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReaderError("is binary data, not text")
    return unicodedata.normalize("NFC", text)


def clean_text(value: str) -> str:
    """Metadata and alt text as plain text: tags stripped by nh3, whitespace collapsed."""
    import html

    import nh3

    return " ".join(html.unescape(nh3.clean(value, tags=set())).split())


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t\f")
    return controls > max(2, len(text) // 200)


# --- crash-safe files ------------------------------------------------------------------------------------
#
# Every temporary this program makes carries its owner in its name:
# ``.<name>.~<where>-<pid>-<start>~<random>.part`` for files, ``work~<where>-<pid>-<start>~<random>`` for
# folders, where <start> is the owning process's start time (field 22 of /proc/<pid>/stat) and <where>
# names the machine's boot and the pid namespace, the only place that pid means that process. A later
# build there can tell a temporary of a running build from one left by a killed build (its pid is gone,
# or was reused by a process that started at another time), and ``sweep`` removes only the latter. A
# cache shared by several machines (a Dask cluster's) also holds their temporaries, whose pids mean
# nothing here: those are left to their own machine, and removed here only once a day has passed
# without a change. Finished files are fsynced, renamed over the target, and their folder fsynced, so a
# power cut never leaves an empty "finished" file.


def _start_time(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return "0"


def _where() -> str:
    """This boot of this machine and this pid namespace (a container has its own), as 8 hex digits."""
    parts = []
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as boot:
            parts.append(boot.read().strip())
    except OSError:
        parts.append(os.uname().nodename)
    try:
        parts.append(os.readlink("/proc/self/ns/pid"))
    except OSError:
        pass
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]


WHERE = _where()
OWNER = f"{WHERE}-{os.getpid()}-{_start_time(os.getpid())}"
_OWNED = re.compile(r"~([0-9a-f]{8})-(\d+)-(\d+)~")
FOREIGN_AGE = 24 * 3600  # seconds unchanged after which another machine's temporary counts as left behind
UNOWNED_AGE = 3600  # the same for one without an owner (made by an earlier version)
_TEMP_DIRS: dict[Path, Path] = {}  # a root (the cache) -> where its temporaries are made


def owner_tag() -> str:
    """This process's tag (recomputed after a fork: a worker's temporaries are its own)."""
    global OWNER
    if not OWNER.startswith(f"{WHERE}-{os.getpid()}-"):
        OWNER = f"{WHERE}-{os.getpid()}-{_start_time(os.getpid())}"
    return OWNER


def is_stale(name: str, folder: str = "") -> bool:
    """Whether a temporary named by this module was left by a process that no longer runs. Its pid
    is asked only where that pid means its process; one made elsewhere (another machine sharing
    the folder) is stale once unchanged for ``FOREIGN_AGE``, one without an owner after ``UNOWNED_AGE``."""
    found = _OWNED.search(name)
    if found and found.group(1) == WHERE:
        return _start_time(int(found.group(2))) != found.group(3)
    try:
        age = time.time() - os.stat(os.path.join(folder, name)).st_mtime
    except OSError:
        return False
    return age > (FOREIGN_AGE if found else UNOWNED_AGE)


def use_temp_dir(root: Path, temp_dir: Path) -> None:
    """Temporaries for files under ``root`` (the cache) are made in ``temp_dir`` (on the same file
    system, so the final rename is still atomic) rather than beside each file: one folder to sweep."""
    _TEMP_DIRS[Path(root).resolve()] = Path(temp_dir)


def _temp_folder(path: Path) -> Path:
    resolved = path.parent.resolve()
    for root, temp_dir in _TEMP_DIRS.items():
        if resolved == root or root in resolved.parents:
            temp_dir.mkdir(parents=True, exist_ok=True)
            return temp_dir
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _finish(temp: Path, path: Path, durable: bool = True) -> None:
    """fsync ``temp``, rename it over ``path``, fsync the folder: durable once this returns. Not
    ``durable``: only the rename (never half a file for a reader, or after a killed build)."""
    if durable:
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    os.chmod(temp, _FILE_MODE)
    os.replace(temp, path)
    if durable:
        _fsync_folder(path.parent)


def atomic_write(path: Path, data: bytes | str | tuple[bytes, ...], durable: bool = True) -> None:
    """Write ``path`` so that a reader (or a crash, or a full disk) never sees half a file. A tuple
    of byte strings is written one after another (the file is their join). ``durable=False`` skips
    the fsyncs, for files that prove themselves when read (a checksummed cache entry)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=_temp_folder(path), prefix=f".{path.name}.~{owner_tag()}~", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in data if isinstance(data, tuple) else (data,):
                handle.write(part.encode("utf-8") if isinstance(part, str) else part)
        _finish(Path(tmp), path, durable)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def replacing(path: Path):
    """``with replacing(final) as temp:`` a tool writes ``temp``; it becomes ``final`` only when the
    block ends without an error (else it is removed), so ``final`` is never half written."""
    temp = temp_path_for(path)
    try:
        yield temp
        _finish(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def temp_path_for(path: Path) -> Path:
    """A temporary name for tools (ffmpeg, zip) that write by path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=_temp_folder(path), prefix=f".{path.stem}.~{owner_tag()}~",
                               suffix=f".part{path.suffix}")
    os.close(fd)
    os.chmod(tmp, _FILE_MODE)
    return Path(tmp)


def work_folder(parent: Path) -> tempfile.TemporaryDirectory:
    """A scratch folder for one build (removed when it ends; swept if the build is killed)."""
    parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=f"work~{owner_tag()}~", dir=parent)


def sweep(folder: Path, depth: int = 2) -> list[Path]:
    """Remove what killed builds left in ``folder`` (and ``depth`` levels below it): their
    ``*.part*`` files and ``work~`` folders. A running build's temporaries are left alone."""
    import shutil

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if (".part" in name or name.startswith("work~") or name.startswith(".work-")) and is_stale(name, str(folder)):
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
        elif depth > 0 and entry.is_dir(follow_symlinks=False):
            removed += sweep(Path(entry.path), depth - 1)
    return removed
