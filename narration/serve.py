"""``build.py serve``: the output folder on 127.0.0.1, with HTTP Range
requests (206 Partial Content), which browsers need to seek in audio.

Only published files are served: nothing outside the folder (no ``..``, no
symbolic link that leads out), no dot-file (build stamps, markers, a running
build's temporaries) and no directory listing."""
from __future__ import annotations

import functools
import logging
import os
import re
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger(__name__)
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class RangeHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt", ".srt": "application/x-subrip",
                      ".m4b": "audio/mp4", ".epub": "application/epub+zip", ".mp3": "audio/mpeg",
                      ".json": "application/json"}

    def _published(self, path: Path) -> Path | None:
        """The file to serve for ``path``, or None if it is not part of the published site."""
        root = Path(self.directory).resolve()
        try:
            relative = path.relative_to(self.directory)
        except ValueError:
            return None
        if any(part.startswith(".") for part in relative.parts):
            return None
        real = path.resolve()
        if real != root and root not in real.parents:
            return None
        if real.is_dir():
            real = real / "index.html"
        return real if real.is_file() else None

    def send_head(self):
        if any(part.startswith(".") for part in self.path.split("?", 1)[0].split("#", 1)[0].split("/")):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        published = self._published(Path(self.translate_path(self.path)))
        if published is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if published.name == "index.html" and not self.path.split("?", 1)[0].endswith((".html", "/")):
            return super().send_head()  # the stdlib's redirect to "folder/"
        header = self.headers.get("Range")
        path = published
        if not header:
            return self._whole(path)
        match = _RANGE.match(header.strip())
        size = path.stat().st_size
        if not match or (not match.group(1) and not match.group(2)):
            return self._whole(path)  # several ranges, or none we understand: the whole file (RFC 9110)
        if match.group(1) and match.group(2) and int(match.group(2)) < int(match.group(1)):
            return self._whole(path)  # not a valid range: ignored, as RFC 9110 says
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
        else:  # suffix range: the last N bytes
            start, end = max(0, size - int(match.group(2))), size - 1
        if start >= size or start > end:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        handle = open(path, "rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def _whole(self, path: Path):
        handle = open(path, "rb")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(path.stat().st_size))
        self.end_headers()
        self._remaining = None
        return handle

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def end_headers(self):
        if not self._headers_buffer or b"Accept-Ranges" not in b"".join(self._headers_buffer):
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def copyfile(self, source, outputfile):
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        while remaining > 0:
            chunk = source.read(min(65536, remaining))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)
        self._remaining = None

    def log_message(self, format, *args):
        log.debug("serve: " + format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):  # a browser cancelling a media request is normal
            return
        super().handle_error(request, client_address)


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(RangeHandler, directory=os.fspath(folder))
    return _Server(("127.0.0.1", port), handler)


def serve(folder: Path, port: int) -> None:
    from .errors import NarrationError

    if not folder.is_dir():
        raise NarrationError(f"{folder} does not exist", "build first: python build.py")
    server = make_server(folder, port)
    log.info("serving %s at http://127.0.0.1:%d/ (Ctrl+C stops)", folder, server.server_address[1])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
