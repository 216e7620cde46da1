"""A real HTTP server on the loopback interface that serves model files, with faults.

``serve(files)`` starts one (a context manager; wrap it in a fixture) and yields its ``Site``:
the files it serves (path -> bytes, per instance), the faults a test asks for (a connection
dropped after some bytes, corrupted bytes, an HTTP status, a server that ignores Range, a
stall, slow pieces) and every request it saw (``hits``). A request names a file by its path or
by any URL path that ends with ``/<path>``, so Hugging Face style URLs
(``/<repo>/resolve/<revision>/<path>``, reached through HF_ENDPOINT) work as they are. It also
answers requests in proxy form (``GET http://host/path``), so it doubles as a proxy: names such
as models.example.test and huggingface.co are then never looked up, only sent to 127.0.0.1.

Faults are keyed by the file's path as given in ``files``.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

PIECE = 32 * 1024  # bytes written at a time (faults and delays happen between pieces)


@dataclass
class Hit:
    path: str  # the request target as sent: "/model.onnx", or "http://host/..." via a proxy
    range: str | None
    headers: dict[str, str]

    @property
    def name(self) -> str:
        return urlsplit(self.path).path.split("/")[-1]


@dataclass
class Site:
    """What the loopback server serves, the faults it injects, and the requests it saw."""

    files: dict[str, bytes] = field(default_factory=dict)  # path -> body
    base: str = ""  # "http://127.0.0.1:<port>/" once started
    hits: list[Hit] = field(default_factory=list)
    drop_once: dict[str, int] = field(default_factory=dict)  # path -> close at this offset, once
    drop_every: dict[str, int] = field(default_factory=dict)  # ... every time
    stall_once: dict[str, int] = field(default_factory=dict)  # path -> stop sending here, once
    # path -> after this offset, once, send SIGINT to this process (a person pressing Ctrl-C in
    # a command running in the main thread) and end the response
    interrupt_once: dict[str, int] = field(default_factory=dict)
    corrupt: set[str] = field(default_factory=set)  # one byte in the middle flipped
    status: dict[str, int] = field(default_factory=dict)  # path -> answer with this status
    status_once: dict[str, int] = field(default_factory=dict)  # ... once
    ignore_range: bool = False
    delay: float = 0.0  # seconds after each piece
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def names(self) -> list[str]:
        """The last component of each request's path, in order."""
        return [h.name for h in self.hits]

    def ranges(self, name: str) -> list[str | None]:
        """The Range header of each request for the file whose last path component is ``name``."""
        return [h.range for h in self.hits if h.name == name]

    def file_for(self, target: str) -> str:
        """The key in ``files`` a request target names (the target's path if none)."""
        rel = urlsplit(target).path.lstrip("/")
        return next((n for n in self.files if rel == n or rel.endswith("/" + n)), rel)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server.site
        name = site.file_for(self.path)
        site.hits.append(Hit(self.path, self.headers.get("Range"), dict(self.headers)))
        status = site.status_once.pop(name, site.status.get(name))
        if status is not None:
            self.send_error(status)
            return
        if name not in site.files:
            self.send_error(404)
            return
        body = site.files[name]
        if name in site.corrupt:
            middle = len(body) // 2
            body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]
        start = 0
        wanted = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range") or "")
        if wanted and not site.ignore_range:
            start = int(wanted[1])
            if start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        drop = site.drop_once.pop(name, site.drop_every.get(name))
        stall = site.stall_once.pop(name, None)
        interrupt = site.interrupt_once.pop(name, None)
        pos = start
        try:
            while pos < len(body):
                if drop is not None and pos >= drop:
                    return  # the handler ends and the server closes the connection mid-file
                if interrupt is not None and pos >= interrupt:
                    self.wfile.flush()
                    os.kill(os.getpid(), signal.SIGINT)
                    time.sleep(1.0)  # the client stops reading before the connection closes
                    return
                if stall is not None and pos >= stall:
                    site.stalled.set()
                    site.release.wait(10)
                    return
                cuts = [c for c in (drop, stall, interrupt) if c is not None and c > pos]
                end = min(len(body), pos + PIECE, *cuts)
                self.wfile.write(body[pos:end])
                pos = end
                if site.delay:
                    time.sleep(site.delay)
        except OSError:
            pass  # the client went away (cancel, pause)


class _Server(ThreadingHTTPServer):
    site: Site


@contextmanager
def serve(files: Mapping[str, bytes]) -> Iterator[Site]:
    """Serve ``files`` on 127.0.0.1 (a free port) until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site(files=dict(files), base=f"http://127.0.0.1:{server.server_port}/")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.site.release.set()  # a stalled handler ends now
        server.shutdown()
        server.server_close()
        thread.join()
