"""Model downloads: resumable, verified, installed atomically, and only when a person asks.

``download_model`` fetches a model's files into ``<models>/.downloads/<name>-<target>/``, each
as ``<path>.part`` until it is complete and verified and under its own name after that. Only
when every file is there and checked are they moved into the models folder through provision's
atomic install (a temporary sibling folder, the manifest written last, one rename), so a
half-downloaded model never looks installed. A later call resumes where the last one stopped
(HTTP range requests).

What stays in the download folder when a download stops:

- cancelled, interrupted, disk full, offline, refused, not found: every byte downloaded so far
  is kept, so that starting again resumes; ``discard_partial`` deletes them.
- size or checksum mismatch: the file that failed is deleted (its bytes cannot be trusted);
  the other files, already verified, are kept.

Standard library only. Proxies come from the environment (``https_proxy``, ``http_proxy``,
``no_proxy``) through urllib's default ProxyHandler. A Hugging Face token (``HF_TOKEN``) is sent
only over HTTPS to huggingface.co, and on a redirect only if the new address is one too.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import http.client
import os
import re
import shutil
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ideaforge import __version__
from ideaforge.core.errors import (
    ChecksumMismatch,
    DownloadDiskFull,
    DownloadError,
    DownloadInterrupted,
    DownloadNotFound,
    DownloadOffline,
    DownloadRefused,
    InvalidInput,
)
from ideaforge.core.i18n import tr
from ideaforge.core.progress import CancelToken, Progress, no_progress
from ideaforge.gen.provision import MANIFEST, InstalledModel, Manifest, _install

USER_AGENT = f"IdeaForge/{__version__}"
DOWNLOADS = ".downloads"  # hidden: list_installed skips it
PART = ".part"
DISK_MARGIN = 64 * 10**6  # bytes kept free beyond the download itself
HF_HOST = "huggingface.co"
REPORT_EVERY = 0.25  # seconds between progress reports
RATE_WINDOW = 5.0  # seconds of history behind the speed shown


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """One file of a model on a server; ``size`` and ``sha256`` are checked when known."""

    url: str
    path: str  # relative POSIX path inside the model folder
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class RecordedFile:
    """A downloaded and verified file, to record so later downloads are checked against it."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Downloaded:
    model: InstalledModel
    files: list[RecordedFile]


ENV_MIRROR = "HF_ENDPOINT"  # the Hugging Face hub's own variable for a mirror (hf-mirror.com...)
HUB = "https://huggingface.co"


def partial_folder(model_dir: Path, name: str, target: str) -> Path:
    """Where the files of an unfinished download of ``name`` for ``target`` wait."""
    return model_dir / DOWNLOADS / f"{name}-{target}"


def partial_bytes(model_dir: Path, name: str, target: str) -> int:
    """Bytes already downloaded toward ``name`` (0 when no download was started)."""
    folder = partial_folder(model_dir, name, target)
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def discard_partial(model_dir: Path, name: str, target: str) -> None:
    """Delete what an unfinished download of ``name`` left behind."""
    shutil.rmtree(partial_folder(model_dir, name, target), ignore_errors=True)
    with contextlib.suppress(OSError):
        (model_dir / DOWNLOADS).rmdir()  # only when empty


def download_model(
    files: Sequence[RemoteFile],
    model_dir: Path,
    name: str,
    target: str,
    manifest: Callable[[Path, list[RecordedFile]], Manifest],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    pause: threading.Event | None = None,
    timeout: float = 30.0,
    retries: int = 4,
    backoff: float = 1.0,
) -> Downloaded:
    """Download, verify and install a model as ``<model_dir>/<name>/<target>``.

    Args:
        files: the model's files; their paths become the model folder's layout.
        manifest: makes the manifest from the assembled folder (before it is renamed into
            place) and the recorded files; its ``files`` field is filled in by the install.
        pause: while set, reading stops (what was downloaded is kept) until it is cleared.
        retries: tries after a dropped connection before giving up; a try that brought new
            bytes starts the count again. ``backoff`` doubles between tries.

    Raises:
        DownloadError: one of its subclasses, with a message saying what to do.
        Cancelled: the person cancelled; what was downloaded is kept to resume.
    """
    folder = partial_folder(model_dir, name, target)
    try:
        recorded = fetch(
            files, folder, progress=progress, cancel=cancel, pause=pause, timeout=timeout,
            retries=retries, backoff=backoff,
        )  # fmt: skip

        def build(out: Path, _scratch: Path) -> Manifest:
            for rec in recorded:
                (out / rec.path).parent.mkdir(parents=True, exist_ok=True)
                os.replace(folder / rec.path, out / rec.path)
            return manifest(out, recorded)

        installed = _install(model_dir, name, target, build, need_gb=0.0)  # space checked above
    finally:
        _tidy(folder)
        with contextlib.suppress(OSError):
            (model_dir / DOWNLOADS).rmdir()  # only when empty
    return Downloaded(installed, recorded)


def fetch(
    files: Sequence[RemoteFile],
    folder: Path,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    pause: threading.Event | None = None,
    timeout: float = 30.0,
    retries: int = 4,
    backoff: float = 1.0,
    chunk: int = 1 << 20,
) -> list[RecordedFile]:
    """Download and verify ``files`` into ``folder`` (resuming what is there); install nothing.

    Same arguments and errors as ``download_model``; the verified files are left in ``folder``
    under their own paths.
    """
    _validate(files)
    folder.mkdir(parents=True, exist_ok=True)
    job = _Fetch(folder, progress, cancel, pause, timeout, retries, backoff, chunk)
    try:
        with _Wire(cancel, pause) as wire:
            return job.run(files, wire)
    finally:
        _tidy(folder)


def _tidy(folder: Path) -> None:
    """Remove the download folder once it holds no file (only empty folders)."""
    if folder.is_dir() and not any(p.is_file() or p.is_symlink() for p in folder.rglob("*")):
        shutil.rmtree(folder, ignore_errors=True)


def _validate(files: Sequence[RemoteFile]) -> None:
    if not files:
        raise InvalidInput(tr("A download needs at least one file."))
    seen: set[str] = set()
    for f in files:
        p = PurePosixPath(f.path)
        if (
            p.is_absolute() or ".." in p.parts or "\\" in f.path or str(p) != f.path
            or p.name in ("", ".", MANIFEST) or p.name.endswith(PART) or f.path in seen
        ):  # fmt: skip
            raise InvalidInput(
                tr(
                    "'{path}' cannot be the path of a downloaded file: it must be relative, "
                    "inside the model folder, unique, and not {manifest}.",
                    path=f.path,
                    manifest=MANIFEST,
                )
            )
        if urlsplit(f.url).scheme not in ("http", "https"):
            raise InvalidInput(tr("'{url}' is not an http or https address.", url=f.url))
        seen.add(f.path)


def _is_hf(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == HF_HOST or host.endswith("." + HF_HOST)


def mirrored(url: str) -> str:
    """``url`` on the Hugging Face mirror HF_ENDPOINT names, where one is set (people behind
    firewalls use one; the tests point it at a loopback server). Checksums are the same."""
    mirror = os.environ.get(ENV_MIRROR, "").strip().rstrip("/")
    if mirror and url.startswith(HUB + "/"):
        return mirror + url[len(HUB) :]
    return url


def _bearer(url: str) -> str | None:
    """The Hugging Face token to send to ``url``: only over HTTPS to huggingface.co."""
    if urlsplit(url).scheme != "https" or not _is_hf(url):
        return None
    return os.environ.get("HF_TOKEN", "").strip() or None


def _proxy_for(url: str) -> str | None:
    """The proxy (host:port, no credentials) the environment sets for ``url``, if any."""
    parts = urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme)
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    where = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    return f"{where.hostname}:{where.port}" if where.port else where.hostname


def _model_page(url: str) -> str:
    """The Hugging Face page of the repository a ``.../resolve/...`` URL points into."""
    head, sep, _tail = url.partition("/resolve/")
    return head if sep else url


# --- sizes and times for people ---------------------------------------------------------------


def _scale(n: float) -> tuple[float, str]:
    return (1e9, "GB") if n >= 1e9 else (1e6, "MB") if n >= 1e6 else (1e3, "KB")


def _number(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _size(n: float) -> str:
    div, unit = _scale(n)
    return f"{_number(n / div)} {unit}"


def _left(seconds: float) -> str:
    if seconds < 60:
        return tr("{seconds} s left", seconds=max(1, round(seconds)))
    if seconds < 3600:
        return tr("{minutes} min left", minutes=round(seconds / 60))
    return tr(
        "{hours} h {minutes} min left",
        hours=int(seconds // 3600),
        minutes=int(seconds % 3600 // 60),
    )


class _Meter:
    """Overall bytes, speed and time left, reported a few times a second."""

    def __init__(self, progress: Progress, files: Sequence[RemoteFile], have: dict[str, int]):
        self._progress = progress
        self.sizes = {f.path: f.size for f in files}
        self.done = dict(have)
        self.received = 0  # bytes that came over the network in this call
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), 0)])
        self._last = 0.0
        self.current = ""

    def total(self) -> int | None:
        sizes = list(self.sizes.values())
        return None if None in sizes else sum(s or 0 for s in sizes)

    def amounts(self) -> tuple[str, str | None]:
        done, total = sum(self.done.values()), self.total()
        if total is None:
            return _size(done), None
        div, unit = _scale(total)
        return _number(done / div), f"{_number(total / div)} {unit}"

    def start_file(self, path: str, start: int, size: int | None) -> None:
        known = size is None or size == self.sizes[path]
        changed = (path, start) != (self.current, self.done[path]) or not known
        self.current = path
        self.done[path] = start
        if size is not None:
            self.sizes[path] = size
        self.report(force=changed)

    def add(self, n: int) -> None:
        self.done[self.current] += n
        self.received += n
        self.report()

    def restart_clock(self) -> None:
        """Forget the speed before a pause: it says nothing about the speed after it."""
        self._samples = deque([(time.monotonic(), self.received)])

    def say(self, message: str) -> None:
        self._progress(sum(self.done.values()), self.total(), message)

    def report(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < REPORT_EVERY:
            return
        self._last = now
        self._samples.append((now, self.received))
        while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW:
            self._samples.popleft()
        t0, r0 = self._samples[0]
        rate = (self.received - r0) / (now - t0) if now - t0 >= 0.2 else None
        done, total = self.amounts()
        remaining = (self.total() or 0) - sum(self.done.values())
        file = self.current
        if rate is None:
            if total is None:
                self.say(tr("{file}: {done}", file=file, done=done))
            else:
                self.say(tr("{file}: {done} of {total}", file=file, done=done, total=total))
        elif total is None:
            self.say(tr("{file}: {done} · {speed}/s", file=file, done=done, speed=_size(rate)))
        else:
            left = _left(remaining / rate) if rate > 0 else tr("waiting for the server")
            self.say(
                tr(
                    "{file}: {done} of {total} · {speed}/s · {left}",
                    file=file,
                    done=done,
                    total=total,
                    speed=_size(rate),
                    left=left,
                )
            )


# --- the connection, watched so that cancel and pause act at once ----------------------------


class _Wire:
    """Shuts the open connection down as soon as the person cancels or pauses, so a read from a
    stalled server ends at once instead of at the socket timeout."""

    def __init__(self, cancel: CancelToken | None, pause: threading.Event | None) -> None:
        self._cancel = cancel
        self._pause = pause
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="download-watch", daemon=True)

    def __enter__(self) -> _Wire:
        if self._cancel is not None or self._pause is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock

    def _watch(self) -> None:
        while not self._done.wait(0.05):
            stop = (self._cancel is not None and self._cancel.cancelled) or (
                self._pause is not None and self._pause.is_set()
            )
            if stop:
                with self._lock:
                    if self._sock is not None:
                        # The plain socket's shutdown: it ends a blocked read (TLS included)
                        # without touching the TLS object another thread is reading through.
                        with contextlib.suppress(OSError):
                            socket.socket.shutdown(self._sock, socket.SHUT_RDWR)
                        self._sock = None


class _Watched(http.client.HTTPConnection):
    """A connection that hands its socket to a ``_Wire`` as soon as it exists."""

    wire: _Wire

    def connect(self) -> None:
        create: Callable[..., socket.socket] = self._create_connection  # type: ignore[has-type]

        def created(*args: Any, **kwargs: Any) -> socket.socket:
            sock = create(*args, **kwargs)
            self.wire.attach(sock)  # so a connect or proxy tunnel that hangs can be stopped
            return sock

        self._create_connection = created
        super().connect()
        self.wire.attach(self.sock)  # the TLS socket, once wrapped


class _WatchedTLS(_Watched, http.client.HTTPSConnection):
    pass


def _watched(cls: type[_Watched], wire: _Wire) -> Callable[..., http.client.HTTPConnection]:
    def connection(host: str, /, **kwargs: Any) -> http.client.HTTPConnection:
        conn = cls(host, **kwargs)
        conn.wire = wire
        return conn

    return connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, wire: _Wire) -> None:
        super().__init__()
        self._connection = _watched(_Watched, wire)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, wire: _Wire) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(context=self._tls)
        self._connection = _watched(_WatchedTLS, wire)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._tls)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects; the token goes along only where ``_bearer`` allows it."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        token = _bearer(newurl)
        if new is not None and token:
            new.add_unredirected_header("Authorization", f"Bearer {token}")
        return new


# --- one download ----------------------------------------------------------------------------


class _Dropped(Exception):
    """The connection failed in a way a new try (resuming) may get past."""


class _Digest:
    """SHA-256 of the first ``count`` bytes of a .part file."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.sha = hashlib.sha256()
        self.count = 0

    def update(self, data: bytes) -> None:
        self.sha.update(data)
        self.count += len(data)

    def catch_up(self, part: Path, upto: int) -> None:
        if upto == self.count:
            return
        self.reset()
        if upto:
            with part.open("rb") as fh:
                while self.count < upto and (block := fh.read(min(8 << 20, upto - self.count))):
                    self.update(block)


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Fetch:
    def __init__(
        self,
        folder: Path,
        progress: Progress,
        cancel: CancelToken | None,
        pause: threading.Event | None,
        timeout: float,
        retries: int,
        backoff: float,
        chunk: int,
    ) -> None:
        self.folder = folder
        self.progress = progress
        self.cancel = cancel
        self.pause = pause
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.chunk = chunk

    def run(self, files: Sequence[RemoteFile], wire: _Wire) -> list[RecordedFile]:
        self.wire = wire
        self.opener = urllib.request.build_opener(
            _HTTPHandler(wire), _HTTPSHandler(wire), _Redirects()
        )
        have = {f.path: self._have(f) for f in files}
        self.meter = _Meter(self.progress, files, have)
        self.left = {
            f.path: None if f.size is None else max(0, f.size - have[f.path]) for f in files
        }
        self._check_disk(sum(n or 0 for n in self.left.values()))  # before the first byte
        recorded = []
        for f in files:
            recorded.append(self._one(f))
            self.left[f.path] = 0
        self.meter.say(
            tr("Downloaded and checked {size}", size=_size(sum(r.size for r in recorded)))
        )
        return recorded

    def _paths(self, f: RemoteFile) -> tuple[Path, Path]:
        final = self.folder / f.path
        return final, final.with_name(final.name + PART)

    def _have(self, f: RemoteFile) -> int:
        final, part = self._paths(f)
        return _size_of(final) if final.is_file() else _size_of(part)

    def _check_disk(self, missing: int) -> None:
        free = shutil.disk_usage(self.folder).free
        if free < missing + DISK_MARGIN:
            raise DownloadDiskFull(
                tr(
                    "The download needs {need} of free disk in {folder}; {free} is free. Free "
                    "some space, or set IDEAFORGE_MODEL_DIR to a folder on another disk.",
                    need=_size(missing + DISK_MARGIN),
                    folder=self.folder,
                    free=_size(free),
                )
            )

    def _raise_if_cancelled(self) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()

    def _checkpoint(self) -> bool:
        """Stop here if cancelled; wait here while paused (True if it waited)."""
        self._raise_if_cancelled()
        if self.pause is None or not self.pause.is_set():
            return False
        done, total = self.meter.amounts()
        if total is None:
            self.meter.say(tr("Paused at {done}", done=done))
        else:
            self.meter.say(tr("Paused at {done} of {total}", done=done, total=total))
        while self.pause.is_set():
            self._raise_if_cancelled()
            time.sleep(0.05)
        self.meter.restart_clock()
        return True

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self._raise_if_cancelled()
            time.sleep(min(left, 0.05))

    def _one(self, f: RemoteFile) -> RecordedFile:
        final, part = self._paths(f)
        if final.is_file():
            recorded = self._recheck(f, final)
            if recorded is not None:
                return recorded
        final.parent.mkdir(parents=True, exist_ok=True)
        digest = _Digest()
        best, failures = _size_of(part), 0
        while True:
            self._checkpoint()
            try:
                if self._transfer(f, part, digest):
                    break
            except _Dropped as dropped:
                if self._checkpoint():
                    continue  # the pause closed the connection: not a failure
                if _size_of(part) > best:
                    best, failures = _size_of(part), 0
                failures += 1
                if failures > self.retries:
                    raise DownloadInterrupted(
                        tr(
                            "The download of {file} was interrupted ({reason}) and did not "
                            "recover after {tries} tries. Nothing was installed; the {done} "
                            "downloaded so far are kept, and starting the download again "
                            "resumes from there.",
                            file=f.path,
                            reason=dropped,
                            tries=failures,
                            done=_size(sum(self.meter.done.values())),
                        )
                    ) from dropped
                self._sleep(self.backoff * 2 ** (failures - 1))
        return self._finish(f, part, final, digest)

    def _transfer(self, f: RemoteFile, part: Path, digest: _Digest) -> bool:
        """One request: append to the .part; True when the file is complete."""
        have = _size_of(part)
        if f.size is not None and have > f.size:
            part.unlink()
            have = 0
        if f.size is not None and have == f.size and part.exists():
            return True
        self.meter.start_file(f.path, have, f.size)
        try:
            return self._receive(f, part, digest, have)
        except _RangeRefused as refused:
            if refused.total == have:
                return True  # the .part already holds the whole file
            part.unlink(missing_ok=True)
            return False
        finally:
            self.wire.attach(None)  # this connection is over: the watcher must not touch it

    def _receive(self, f: RemoteFile, part: Path, digest: _Digest, have: int) -> bool:
        with self._open(f, have) as response:
            start, size = self._accept(f, part, response, have)
            self.meter.start_file(f.path, start, size)
            if f.size is None and size is not None:
                later = sum(n or 0 for p, n in self.left.items() if p != f.path)
                self._check_disk(size - start + later)
            digest.catch_up(part, start)
            try:
                with part.open("ab" if start else "wb") as out:
                    while True:
                        if self.pause is not None and self.pause.is_set():
                            return False
                        self._raise_if_cancelled()
                        data = self._read(response)
                        if not data:
                            break
                        out.write(data)
                        digest.update(data)
                        self.meter.add(len(data))
            except OSError as error:  # reading errors became _Dropped: this is the disk
                raise self._write_error(f, part, error) from error
        end = size if size is not None else f.size
        if end is not None and digest.count < end:
            raise _Dropped(tr("the connection closed early"))
        return True

    def _open(self, f: RemoteFile, have: int) -> Any:
        actual = mirrored(f.url)
        request = urllib.request.Request(
            actual, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        )
        if have:
            request.add_header("Range", f"bytes={have}-")
        # The token goes where the person sent the download: huggingface.co, or the mirror they
        # chose in HF_ENDPOINT; never over plain HTTP.
        token = _bearer(f.url) if urlsplit(actual).scheme == "https" else None
        if token:
            request.add_unredirected_header("Authorization", f"Bearer {token}")
        try:
            return self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            with error:
                if error.code == 416 and have:
                    m = re.fullmatch(r"bytes \*/(\d+)", error.headers.get("Content-Range", ""))
                    raise _RangeRefused(int(m[1]) if m else None) from None
                raise self._http_error(f, error, token) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise self._connection_error(f, error) from error

    def _stopping(self) -> bool:
        return (self.cancel is not None and self.cancel.cancelled) or (
            self.pause is not None and self.pause.is_set()
        )

    def _accept(
        self, f: RemoteFile, part: Path, response: Any, have: int
    ) -> tuple[int, int | None]:
        """Where the response starts and the file's whole size, from its headers."""
        if response.status == 206:
            m = re.fullmatch(r"bytes (\d+)-\d+/(\d+|\*)", response.headers.get("Content-Range", ""))
            if m is None or int(m[1]) != have:
                part.unlink(missing_ok=True)  # not the range asked for: start over
                raise _Dropped(tr("the server sent another part of the file than asked"))
            start, size = have, None if m[2] == "*" else int(m[2])
        else:  # 200: the whole file, also when the server ignored the Range header
            length = response.headers.get("Content-Length", "")
            start, size = 0, int(length) if length.isdigit() else None
        if f.size is not None and size is not None and size != f.size:
            part.unlink(missing_ok=True)
            raise ChecksumMismatch(
                tr(
                    "{file} on the server has {got:,} bytes; the catalogue expects {size:,}. "
                    "The catalogue entry may be out of date. Nothing was installed.",
                    file=f.path,
                    got=size,
                    size=f.size,
                )
            )
        return start, size

    def _read(self, response: Any) -> bytes:
        try:
            data: bytes = response.read1(self.chunk)
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise _Dropped(_reason(error)) from error
        return data

    def _finish(self, f: RemoteFile, part: Path, final: Path, digest: _Digest) -> RecordedFile:
        size = _size_of(part)
        if digest.count != size:
            self.meter.say(tr("Checking {file}", file=f.path))
            digest.catch_up(part, size)
        sha = digest.sha.hexdigest()
        if (f.size is not None and size != f.size) or (f.sha256 and sha != f.sha256.lower()):
            part.unlink(missing_ok=True)
            raise ChecksumMismatch(
                tr(
                    "{file} failed its check ({size:,} bytes, SHA-256 {got}…; expected "
                    "{expected_size} bytes, {expected}…): it was damaged on the way. It was "
                    "deleted and nothing was installed; start the download again.",
                    file=f.path,
                    size=size,
                    got=sha[:16],
                    expected_size=f"{f.size:,}" if f.size is not None else "?",
                    expected=(f.sha256 or "?")[:16],
                )
            )
        os.replace(part, final)
        return RecordedFile(f.path, size, sha)

    def _recheck(self, f: RemoteFile, final: Path) -> RecordedFile | None:
        """A file a stopped download had finished: still good, or deleted (None)."""
        self.meter.current = f.path
        self.meter.say(tr("Checking {file}", file=f.path))
        digest = _Digest()
        digest.catch_up(final, _size_of(final))
        sha = digest.sha.hexdigest()
        if (f.size is not None and digest.count != f.size) or (
            f.sha256 and sha != f.sha256.lower()
        ):
            final.unlink()
            self.meter.done[f.path] = 0
            return None
        return RecordedFile(f.path, digest.count, sha)

    def _http_error(
        self, f: RemoteFile, error: urllib.error.HTTPError, token: str | None
    ) -> Exception:
        code, host = error.code, urlsplit(mirrored(f.url)).hostname or f.url
        if code in (404, 410):
            return DownloadNotFound(
                tr(
                    "{file} was not found at {url} (HTTP {code}): the catalogue entry may be "
                    "out of date.",
                    file=f.path,
                    url=mirrored(f.url),
                    code=code,
                )
            )
        if code == 401 and token:
            return DownloadRefused(
                tr(
                    "{host} did not accept HF_TOKEN (HTTP 401): check that it is a current "
                    "access token.",
                    host=host,
                )
            )
        if code in (401, 403) and _is_hf(f.url):
            page = _model_page(f.url)
            if token:
                return DownloadRefused(
                    tr(
                        "Access to {file} was refused (HTTP {code}): the model is gated and "
                        "the account of HF_TOKEN has not been granted access. Accept its "
                        "licence on {page} with that account, then try again.",
                        file=f.path,
                        code=code,
                        page=page,
                    )
                )
            return DownloadRefused(
                tr(
                    "Access to {file} was refused (HTTP {code}): the model is gated. Accept "
                    "its licence on {page}, create an access token there, set HF_TOKEN to it, "
                    "and try again.",
                    file=f.path,
                    code=code,
                    page=page,
                )
            )
        if code in (401, 403):
            return DownloadRefused(
                tr(
                    "Access to {url} was refused (HTTP {code}): the server wants a permission "
                    "this download does not have.",
                    url=mirrored(f.url),
                    code=code,
                )
            )
        if code == 407:
            return DownloadRefused(
                tr(
                    "The proxy asks for a login (HTTP 407): put the user and password in "
                    "HTTPS_PROXY, as http://user:password@host:port."
                )
            )
        if code in (408, 429) or code >= 500:
            return _Dropped(f"HTTP {code} {error.reason}")
        return DownloadError(
            tr(
                "{host} answered HTTP {code} ({reason}) for {file}.",
                host=host,
                code=code,
                reason=error.reason,
                file=f.path,
            )
        )

    def _connection_error(self, f: RemoteFile, error: BaseException) -> Exception:
        self._raise_if_cancelled()
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        host = urlsplit(mirrored(f.url)).netloc
        if isinstance(reason, ssl.SSLCertVerificationError):
            return DownloadError(
                tr(
                    "The secure connection to {host} could not be verified ({reason}). If a "
                    "company proxy inspects traffic, its certificate must be installed on this "
                    "computer.",
                    host=host,
                    reason=reason.verify_message or reason,
                )
            )
        if not isinstance(reason, BaseException):  # e.g. "unknown url type"
            return DownloadError(
                tr("Cannot download {url}: {reason}.", url=mirrored(f.url), reason=reason)
            )
        if (
            isinstance(error, urllib.error.URLError)  # failed before any answer came
            and self.meter.received == 0
            and not self._stopping()
        ):
            proxy = _proxy_for(mirrored(f.url))
            if proxy:
                return DownloadOffline(
                    tr(
                        "Cannot reach {host} through the proxy {proxy} ({reason}): check the "
                        "connection and the proxy setting (HTTPS_PROXY, HTTP_PROXY).",
                        host=host,
                        proxy=proxy,
                        reason=_reason(reason),
                    )
                )
            return DownloadOffline(
                tr(
                    "Cannot reach {host} ({reason}): check the internet connection, or set "
                    "HTTPS_PROXY if this network needs a proxy.",
                    host=host,
                    reason=_reason(reason),
                )
            )
        return _Dropped(_reason(reason))

    def _write_error(self, f: RemoteFile, part: Path, error: OSError) -> Exception:
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            total = self.meter.total()
            if total is not None:
                return DownloadDiskFull(
                    tr(
                        "The disk is full: {file} could not be written in {folder}. Nothing was "
                        "installed; what was downloaded is kept there, and the download resumes "
                        "from it once {need} more are free.",
                        file=f.path,
                        folder=self.folder,
                        need=_size(total - sum(self.meter.done.values()) + DISK_MARGIN),
                    )
                )
            return DownloadDiskFull(
                tr(
                    "The disk is full: {file} could not be written in {folder}. Nothing was "
                    "installed; what was downloaded is kept there, and the download resumes "
                    "from it once there is room.",
                    file=f.path,
                    folder=self.folder,
                )
            )
        return DownloadError(
            tr("{file} could not be written to {path}: {reason}.", file=f.path, path=part,
               reason=_reason(error))
        )  # fmt: skip


class _RangeRefused(Exception):
    """HTTP 416: the range asked for starts at or beyond the end of the file."""

    def __init__(self, total: int | None) -> None:
        super().__init__(total)
        self.total = total


def _reason(error: BaseException) -> str:
    """A short reason: "Connection refused" rather than "<urlopen error [Errno 111] ...>"."""
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        return _reason(error.reason)
    if isinstance(error, TimeoutError):
        return tr("timed out")
    if isinstance(error, http.client.IncompleteRead):
        return tr("the connection closed early")
    if isinstance(error, OSError) and error.strerror:
        return str(error.strerror)
    return str(error) or type(error).__name__
