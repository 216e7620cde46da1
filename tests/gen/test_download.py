"""The download engine against a real HTTP server on the loopback interface, with faults.

The server (``tests.model_server.Site``) serves generated files with known SHA-256s and injects
the faults a test asks for: a connection dropped after some bytes, corrupted bytes, an HTTP
status, a server that ignores Range, a stall, slow pieces. It also answers requests in proxy
form (``GET http://host/path``), so it doubles as the proxy of the proxy tests: names such as
models.example.test and huggingface.co are then never looked up, only sent to 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ideaforge import __version__
from ideaforge.core.errors import (
    ChecksumMismatch,
    DownloadDiskFull,
    DownloadInterrupted,
    DownloadNotFound,
    DownloadOffline,
    DownloadRefused,
    InvalidInput,
)
from ideaforge.core.progress import Cancelled, CancelToken
from ideaforge.gen import download, provision
from ideaforge.gen.download import RecordedFile, RemoteFile
from ideaforge.gen.provision import Manifest
from tests.model_server import Site, serve

NAME, TARGET = "tiny-dl", "cpu"
_rng = random.Random(7)
FILES = {
    "model.onnx": _rng.randbytes(1_200_000),
    "tokenizer.json": _rng.randbytes(300_000),
    "sub/extra.bin": _rng.randbytes(200_000),
}
TOTAL = sum(len(b) for b in FILES.values())


@pytest.fixture
def site() -> Iterator[Site]:
    with serve(FILES) as s:
        yield s


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy or token from the machine running the tests: each test sets its own."""
    for var in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HF_TOKEN"):
        monkeypatch.delenv(var, raising=False)
        monkeypatch.delenv(var.upper(), raising=False)


@pytest.fixture
def models(tmp_path: Path) -> Path:
    return tmp_path / "models"


class Log:
    """A Progress that keeps every report."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None, str]] = []
        self.seen: dict[str, threading.Event] = {}

    def __call__(self, done: int, total: int | None, message: str) -> None:
        self.calls.append((done, total, message))
        for text, event in self.seen.items():
            if text in message:
                event.set()

    def waiter(self, text: str) -> threading.Event:
        return self.seen.setdefault(text, threading.Event())

    @property
    def messages(self) -> list[str]:
        return [m for _d, _t, m in self.calls]


def remote(base: str, *, known: bool = True, **size: int) -> list[RemoteFile]:
    return [
        RemoteFile(
            url=base + path,
            path=path,
            size=size.get(path.replace("/", "_").replace(".", "_"), len(body)) if known else None,
            sha256=hashlib.sha256(body).hexdigest() if known else None,
        )
        for path, body in FILES.items()
    ]


def recorded() -> list[RecordedFile]:
    return [RecordedFile(p, len(b), hashlib.sha256(b).hexdigest()) for p, b in FILES.items()]


def manifest(folder: Path, files: list[RecordedFile]) -> Manifest:
    assert (folder / "model.onnx").is_file()  # the assembled folder, before its rename
    return Manifest(
        name=NAME, source="download", source_path="loopback", source_sha256=files[0].sha256,
        builder="test", precision="int4", target=TARGET, family="llama", languages=["en"],
        eos_token_ids=[2], pad_token_id=0, created_at="2025-01-01T00:00:00+00:00",
    )  # fmt: skip


def get(files: list[RemoteFile], models: Path, **kwargs: object) -> download.Downloaded:
    kwargs.setdefault("backoff", 0.01)
    return download.download_model(files, models, NAME, TARGET, manifest, **kwargs)  # type: ignore[arg-type]


def assert_installed(models: Path, result: download.Downloaded | None = None) -> None:
    state = provision.check(models, NAME, TARGET)
    assert state.status == "ready", state.reason
    for path, body in FILES.items():
        assert (state.model.path / path).read_bytes() == body  # type: ignore[union-attr]
    assert not (models / download.DOWNLOADS).exists()  # the download folder is gone
    if result is not None:
        assert result.files == recorded()
        assert result.model.path == state.model.path  # type: ignore[union-attr]


def assert_nothing_installed(models: Path) -> None:
    assert provision.list_installed(models) == []
    assert not (models / NAME).exists()


def parts(models: Path) -> dict[str, int]:
    return {
        str(p.relative_to(models)): p.stat().st_size
        for p in models.rglob("*")
        if p.is_file() or p.is_symlink()
    }


def wait_for_part(models: Path, size: int) -> None:
    """Until model.onnx.part holds ``size`` bytes: the client has read them from the server."""
    part = download.partial_folder(models, NAME, TARGET) / "model.onnx.part"
    deadline = time.monotonic() + 5
    while not (part.exists() and part.stat().st_size >= size):
        assert time.monotonic() < deadline, "the download did not start"
        time.sleep(0.01)


def test_downloads_verifies_and_installs_with_its_manifest(site: Site, models: Path) -> None:
    log = Log()
    result = get(remote(site.base), models, progress=log)
    assert_installed(models, result)
    assert sorted(result.model.manifest.files) == sorted(FILES)
    assert result.model.manifest.source == "download"
    assert site.names() == ["model.onnx", "tokenizer.json", "extra.bin"]  # one request each
    assert all(h.range is None for h in site.hits)
    assert all(h.headers["User-Agent"] == f"IdeaForge/{__version__}" for h in site.hits)
    assert all("Authorization" not in h.headers for h in site.hits)
    assert log.calls[-1] == (TOTAL, TOTAL, "Downloaded and checked 1.7 MB")
    dones = [d for d, _t, _m in log.calls]
    assert dones == sorted(dones) and {t for _d, t, _m in log.calls} == {TOTAL}


def test_dropped_connection_resumes_with_a_range_request(site: Site, models: Path) -> None:
    site.drop_once["model.onnx"] = 500_000
    result = get(remote(site.base), models)
    assert site.ranges("model.onnx") == [None, "bytes=500000-"]
    assert_installed(models, result)  # the checksum of the joined file passed


def test_a_server_that_ignores_range_is_downloaded_again_from_the_start(
    site: Site, models: Path
) -> None:
    site.drop_once["model.onnx"] = 500_000
    site.ignore_range = True  # answers the resume with 200 and the whole file
    result = get(remote(site.base), models)
    assert site.ranges("model.onnx") == [None, "bytes=500000-"]
    assert_installed(models, result)


def test_a_server_error_is_retried(site: Site, models: Path) -> None:
    site.status_once["tokenizer.json"] = 503
    assert_installed(models, get(remote(site.base), models))
    assert site.names() == ["model.onnx", "tokenizer.json", "tokenizer.json", "extra.bin"]


def test_corrupted_bytes_fail_the_checksum_and_install_nothing(site: Site, models: Path) -> None:
    site.corrupt.add("tokenizer.json")
    with pytest.raises(
        ChecksumMismatch,
        match=r"tokenizer\.json failed its check \(300,000 bytes, SHA-256 [0-9a-f]{16}…; "
        r"expected 300,000 bytes, [0-9a-f]{16}…\): it was damaged on the way\. It was deleted "
        r"and nothing was installed",
    ):
        get(remote(site.base), models)
    assert_nothing_installed(models)
    # The damaged file is gone, no .part is left; the file verified before it is kept ...
    assert parts(models) == {".downloads/tiny-dl-cpu/model.onnx": 1_200_000}
    # ... and reused by the next try, which fetches only what is missing.
    site.corrupt.clear()
    site.hits.clear()
    assert_installed(models, get(remote(site.base), models))
    assert site.names() == ["tokenizer.json", "extra.bin"]


def test_not_found(site: Site, models: Path) -> None:
    site.status["tokenizer.json"] = 404
    with pytest.raises(
        DownloadNotFound,
        match=rf"tokenizer\.json was not found at {site.base}tokenizer\.json \(HTTP 404\): "
        r"the catalogue entry may be out of date\.",
    ):
        get(remote(site.base), models)
    assert_nothing_installed(models)
    assert site.names() == ["model.onnx", "tokenizer.json"]  # no retries


@pytest.mark.parametrize("code", [401, 403])
def test_access_refused_by_a_server(site: Site, models: Path, code: int) -> None:
    site.status["model.onnx"] = code
    with pytest.raises(
        DownloadRefused, match=rf"Access to .*model\.onnx was refused \(HTTP {code}\)"
    ):
        get(remote(site.base), models)
    assert_nothing_installed(models)
    assert parts(models) == {}  # not even an empty download folder is left


def test_a_gated_hugging_face_model_says_how_to_get_access(
    site: Site, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """huggingface.co here is the loopback server, reached as the proxy of the environment."""
    monkeypatch.setenv("http_proxy", site.base)
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    site.status["model.onnx"] = 403
    hf = "http://huggingface.co/org/tiny/resolve/main/"
    with pytest.raises(
        DownloadRefused,
        match=r"Access to model\.onnx was refused \(HTTP 403\): the model is gated\. Accept "
        r"its licence on http://huggingface\.co/org/tiny, create an access token there, set "
        r"HF_TOKEN to it, and try again\.",
    ):
        get(remote(hf), models)
    assert site.hits[0].path == hf + "model.onnx"
    assert "Authorization" not in site.hits[0].headers  # never over plain HTTP


def test_the_token_goes_only_to_hugging_face_over_https(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    for url in ("https://huggingface.co/o/m/resolve/main/x", "https://cdn-lfs.huggingface.co/x"):
        assert download._bearer(url) == "hf_secret"
    for url in (
        "http://huggingface.co/o/m/resolve/main/x",
        "https://huggingface.co.example.test/x",
        "https://nothuggingface.co/x",
        "https://127.0.0.1/x",
    ):
        assert download._bearer(url) is None
    monkeypatch.delenv("HF_TOKEN")
    assert download._bearer("https://huggingface.co/x") is None


def test_cancel_on_a_stalled_server_is_prompt_and_the_next_call_resumes(
    site: Site, models: Path
) -> None:
    site.stall_once["model.onnx"] = 400_000  # sends 400 kB, then nothing (until released)
    cancel = CancelToken()
    cancelled_at: list[float] = []

    def press_cancel() -> None:
        wait_for_part(models, 300_000)
        cancelled_at.append(time.monotonic())
        cancel.cancel()

    presser = threading.Thread(target=press_cancel)
    presser.start()
    with pytest.raises(Cancelled):
        get(remote(site.base), models, cancel=cancel)  # the socket timeout stays at 30 s
    took = time.monotonic() - cancelled_at[0]
    presser.join()
    assert took < 1.5, took
    assert_nothing_installed(models)
    kept = parts(models)  # what arrived before the cancel (up to 400 kB) is kept
    assert list(kept) == [".downloads/tiny-dl-cpu/model.onnx.part"]
    assert 300_000 <= kept[".downloads/tiny-dl-cpu/model.onnx.part"] <= 400_000
    result = get(remote(site.base), models)
    assert site.ranges("model.onnx") == [
        None,
        f"bytes={kept['.downloads/tiny-dl-cpu/model.onnx.part']}-",
    ]
    assert_installed(models, result)


def test_pause_stops_reading_and_resume_continues_with_a_range(site: Site, models: Path) -> None:
    site.stall_once["model.onnx"] = 400_000
    pause = threading.Event()
    log = Log()
    paused = log.waiter("Paused")

    def pause_then_resume() -> None:
        wait_for_part(models, 300_000)
        pause.set()
        assert paused.wait(5)
        time.sleep(0.2)
        pause.clear()

    person = threading.Thread(target=pause_then_resume)
    person.start()
    result = get(remote(site.base), models, pause=pause, progress=log)
    person.join()
    # A pause drops what the connection had received but not yet read: the resume starts where
    # the .part ends, somewhere between 300 and 400 kB.
    at = [m for m in log.messages if m.startswith("Paused")]
    assert len(at) == 1 and re.fullmatch(r"Paused at 0\.[34] of 1\.7 MB", at[0]), at
    ranges = site.ranges("model.onnx")
    assert ranges[0] is None and re.fullmatch(r"bytes=\d+-", ranges[1] or "")
    assert len(ranges) == 2 and 300_000 <= int(ranges[1][6:-1]) <= 400_000  # type: ignore[index]
    assert_installed(models, result)


def test_unknown_sizes_and_checksums_are_computed_and_returned(site: Site, models: Path) -> None:
    log = Log()
    result = get(remote(site.base, known=False), models, progress=log)
    assert_installed(models, result)  # result.files == the real sizes and SHA-256s
    assert log.calls[0][1] is None  # total unknown at first ...
    assert log.calls[-1][:2] == (TOTAL, TOTAL)  # ... known once every file has answered


def test_a_part_that_already_holds_the_whole_file_is_not_downloaded_again(
    site: Site, models: Path
) -> None:
    folder = download.partial_folder(models, NAME, TARGET)
    folder.mkdir(parents=True)
    (folder / "model.onnx.part").write_bytes(FILES["model.onnx"])
    result = get(remote(site.base, known=False), models)
    assert site.ranges("model.onnx") == ["bytes=1200000-"]  # answered 416: nothing to send
    assert_installed(models, result)


def test_progress_shows_speed_and_time_left(site: Site, models: Path) -> None:
    site.delay = 0.01  # about 3 MB/s
    log = Log()
    get(remote(site.base), models, progress=log)
    rates = [
        m
        for m in log.messages
        if re.fullmatch(r"model\.onnx: [\d.]+ of 1\.7 MB · [\d.,]+ [KM]B/s · \d+ (s|min) left", m)
    ]
    assert rates, log.messages


def test_not_enough_free_disk_is_refused_before_the_first_byte(
    site: Site, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The free space is a fault injected where the engine asks the operating system for it."""
    real = shutil.disk_usage

    def nearly_full(path: str | Path) -> object:
        return real(path)._replace(free=1_000_000)

    monkeypatch.setattr(shutil, "disk_usage", nearly_full)
    with pytest.raises(
        DownloadDiskFull,
        match=r"The download needs 65.7 MB of free disk in .*; 1.0 MB is free\. Free some "
        r"space, or set IDEAFORGE_MODEL_DIR",
    ):
        get(remote(site.base), models)
    assert site.hits == []
    assert parts(models) == {}


def test_a_file_of_unknown_size_is_checked_against_free_disk_before_its_first_byte(
    site: Site, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shutil.disk_usage

    def room_for_1_mb(path: str | Path) -> object:
        return real(path)._replace(free=download.DISK_MARGIN + 1_000_000)

    monkeypatch.setattr(shutil, "disk_usage", room_for_1_mb)
    with pytest.raises(DownloadDiskFull, match=r"needs 65.2 MB of free disk"):
        get(remote(site.base, known=False), models)
    assert site.names() == ["model.onnx"]  # its Content-Length told: 1.2 MB does not fit
    assert parts(models) == {}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_disk_full_while_writing_keeps_what_was_downloaded(site: Site, models: Path) -> None:
    """The .part file is a link to /dev/full, where every write fails with ENOSPC as on a full
    disk: the fault is at the write boundary and nothing in the engine is replaced."""
    folder = download.partial_folder(models, NAME, TARGET)
    folder.mkdir(parents=True)
    (folder / "model.onnx.part").symlink_to("/dev/full")
    with pytest.raises(
        DownloadDiskFull,
        match=r"The disk is full: model\.onnx could not be written in .*tiny-dl-cpu\. Nothing "
        r"was installed; what was downloaded is kept there, and the download resumes from it "
        r"once 65.7 MB more are free\.",
    ):
        get(remote(site.base), models)
    assert_nothing_installed(models)
    assert (folder / "model.onnx.part").is_symlink()


def test_offline_says_the_host_cannot_be_reached(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    with pytest.raises(
        DownloadOffline,
        match=rf"Cannot reach 127\.0\.0\.1:{port} \(Connection refused\): check the internet "
        r"connection, or set HTTPS_PROXY if this network needs a proxy\.",
    ):
        get(remote(base), models, backoff=5.0)
    assert time.monotonic() - started < 2  # at once, no retries
    monkeypatch.setenv("http_proxy", base)
    with pytest.raises(
        DownloadOffline,
        match=rf"Cannot reach models\.example\.test through the proxy 127\.0\.0\.1:{port} "
        r"\(Connection refused\): check the connection and the proxy setting",
    ):
        get(remote("http://models.example.test/"), models)
    assert parts(models) == {}


def test_the_proxy_from_the_environment_is_used(
    site: Site, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", site.base)
    result = get(remote("http://models.example.test/repo/"), models)
    assert [h.path for h in site.hits] == [
        "http://models.example.test/repo/model.onnx",  # the proxy's request form
        "http://models.example.test/repo/tokenizer.json",
        "http://models.example.test/repo/sub/extra.bin",
    ]
    assert_installed(models, result)
    # no_proxy exempts a host: the same server is then asked directly.
    shutil.rmtree(models)
    site.hits.clear()
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    get(remote(site.base), models)
    assert [h.path for h in site.hits] == ["/model.onnx", "/tokenizer.json", "/sub/extra.bin"]


def test_a_connection_that_keeps_dropping_ends_as_interrupted(site: Site, models: Path) -> None:
    site.drop_every["model.onnx"] = 100_000
    with pytest.raises(
        DownloadInterrupted,
        match=r"The download of model\.onnx was interrupted \(the connection closed early\) and "
        r"did not recover after 3 tries\. Nothing was installed; the 100 KB downloaded so far "
        r"are kept, and starting the download again resumes from there\.",
    ):
        get(remote(site.base), models, retries=2)
    assert site.ranges("model.onnx") == [None, "bytes=100000-", "bytes=100000-"]
    assert parts(models) == {".downloads/tiny-dl-cpu/model.onnx.part": 100_000}
    download.discard_partial(models, NAME, TARGET)
    assert parts(models) == {} and not (models / download.DOWNLOADS).exists()


def test_a_size_other_than_the_catalogue_s_is_refused(site: Site, models: Path) -> None:
    with pytest.raises(
        ChecksumMismatch,
        match=r"model\.onnx on the server has 1,200,000 bytes; the catalogue expects "
        r"1,000,000\. The catalogue entry may be out of date",
    ):
        get(remote(site.base, model_onnx=1_000_000), models)
    assert parts(models) == {}


@pytest.mark.parametrize("path", ["../evil", "/abs", "a/../b", "manifest.json", "x.part", ""])
def test_paths_outside_the_model_folder_are_refused(models: Path, path: str) -> None:
    with pytest.raises(InvalidInput, match="cannot be the path of a downloaded file"):
        get([RemoteFile("http://127.0.0.1:9/x", path)], models)
    assert not models.exists()
