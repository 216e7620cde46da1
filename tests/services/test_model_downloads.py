"""Catalogue downloads through ModelService, end to end with real parts.

The loopback server (tests/model_server.py) serves the files of the converted tiny model;
HF_ENDPOINT points the catalogue's https://huggingface.co URLs at it. The catalogue is a test
file in the real schema, built from real entries of resources/models/catalogue.json. Installs
go to a models folder in tmp_path, so the shared model cache is only read, never changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ideaforge.core.errors import (
    ChecksumMismatch,
    DownloadNotFound,
    DownloadRefused,
    LicenceNotAccepted,
    ModelCorrupt,
    ModelUnsupported,
)
from ideaforge.gen import catalogue, download, provision
from ideaforge.gen.provision import InstalledModel
from ideaforge.services.diverge import DivergeRequest
from ideaforge.services.models import RECORDED
from ideaforge.services.workspace import Workspace
from tests.catalogue_site import (
    BIKE,
    HUB,
    LICENSED,
    NESTED,
    ONNX,
    REPO,
    REVISION,
    SPLIT_GGUF,
    UNVERIFIED,
    catalogue_workspace,
    entry_data,
    model_files,
    origin,
    write_catalogue,
)
from tests.model_server import Site, serve

# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_files(tiny_model: InstalledModel) -> dict[str, bytes]:
    return model_files(tiny_model)


@pytest.fixture
def site(tiny_files: dict[str, bytes]) -> Iterator[Site]:
    with serve(tiny_files) as s:
        yield s


@pytest.fixture
def models(tmp_path: Path) -> Path:
    return tmp_path / "models"


@pytest.fixture
def ws(tmp_path: Path, models: Path, site: Site, tiny_files: dict[str, bytes],
       monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:  # fmt: skip
    with catalogue_workspace(tmp_path, models, site, tiny_files, monkeypatch) as w:
        yield w


def assert_files(model: InstalledModel, files: dict[str, bytes]) -> None:
    assert sorted(model.manifest.files) == sorted(files)
    for path, body in files.items():
        assert (model.path / path).read_bytes() == body


def assert_nothing_installed(ws: Workspace, models: Path, name: str) -> None:
    assert name not in {i.name for i in ws.models.available()}
    assert not (models / name).exists()
    assert provision.check(models, name, "cpu").status == "missing"


# --- tests -----------------------------------------------------------------------------------


def test_a_catalogue_build_downloads_installs_and_generates_with_its_source(
    ws: Workspace, site: Site, models: Path, tiny_files: dict[str, bytes]
) -> None:
    site.delay = 0.0005  # slow enough for a speed to be measured
    messages: list[str] = []
    states: set[str] = set()

    def progress(done: int, total: int | None, message: str) -> None:
        messages.append(message)
        states.add(provision.check(models, "tiny-onnx", "cpu").status)

    model = ws.models.download(ONNX, progress=progress)
    # Atomic: while the files came in, the model was not there at all.
    assert states == {"missing"}
    assert model.path == models / "tiny-onnx" / "cpu"
    assert_files(model, tiny_files)
    m = model.manifest
    assert (m.source, m.source_path, m.target) == ("catalogue", origin(ONNX, REPO), "cpu")
    assert m.eos_token_ids == [2, 0] and m.family == "llama" and m.languages == ["en"]
    assert not (models / download.DOWNLOADS).exists()
    assert [p.name for p in (models / "tiny-onnx").iterdir()] == ["cpu"]  # no staging left
    rates = [
        m
        for m in messages
        if re.fullmatch(r".+: [\d.]+ of [\d.]+ MB · [\d.,]+ [KM]B/s · \d+ (s|min) left", m)
    ]
    assert rates, messages
    assert all(h.path.startswith(f"/{REPO}/resolve/{REVISION}/") for h in site.hits)
    assert sorted(site.names()) == sorted(p.split("/")[-1] for p in tiny_files)

    info = {i.name: i for i in ws.models.available()}["tiny-onnx"]
    assert info.states == {"cpu": "ready"} and not info.builtin
    assert ws.models.use("tiny-onnx") == "tiny-onnx" and ws.models.active() == "tiny-onnx"
    assert ws.models.source_of("tiny-onnx", "cpu") == origin(ONNX, REPO)

    s = ws.sessions.new(BIKE)
    res = ws.diverge.generate(DivergeRequest(s.id, count=2, model="tiny-onnx", seed=7))
    assert res.ideas and res.run.model == "tiny-onnx"
    assert res.run.settings["model_source"] == origin(ONNX, REPO)
    for idea in ws.ideas.list(s.id):
        p = idea.provenance
        assert p is not None and p.model == "tiny-onnx" and p.seed == 7
        assert p.settings["model_source"] == origin(ONNX, REPO)


def test_a_licence_to_accept_is_asked_for_before_any_request(
    ws: Workspace, site: Site, models: Path, tiny_files: dict[str, bytes]
) -> None:
    entry = ws.models.catalogue_entry(LICENSED)
    assert not ws.models.licence_accepted(entry)
    with pytest.raises(
        LicenceNotAccepted,
        match=r"comes under the Tiny Research Licence \(https://example\.org/tiny-research-"
        r"licence\)\. Read it, then accept it",
    ):
        ws.models.download(LICENSED)
    assert site.hits == []
    assert_nothing_installed(ws, models, "tiny-licensed")
    assert ws.models.downloaded_bytes(LICENSED) == 0

    model = ws.models.download(LICENSED, accept_licence=True)
    assert_files(model, tiny_files)
    assert ws.models.licence_accepted(entry)  # remembered ...
    ws.models.remove("tiny-licensed")
    site.hits.clear()
    ws.models.download(LICENSED)  # ... so the next download needs no flag
    assert site.hits


def test_corrupted_bytes_install_nothing_and_leave_no_part(
    ws: Workspace, site: Site, models: Path
) -> None:
    site.corrupt.add("tokenizer.json")
    with pytest.raises(ChecksumMismatch, match=r"tokenizer\.json failed its check"):
        ws.models.download(ONNX)
    assert_nothing_installed(ws, models, "tiny-onnx")
    folder = download.partial_folder(models, "tiny-onnx", "cpu")
    assert not list(folder.rglob("*.part"))  # the damaged file is gone ...
    assert "tokenizer.json" not in {p.name for p in folder.rglob("*")}
    assert ws.models.downloaded_bytes(ONNX) == sum(p.stat().st_size for p in folder.iterdir())
    ws.models.discard_download(ONNX)  # ... and the verified rest is discarded on request
    assert ws.models.downloaded_bytes(ONNX) == 0
    assert not (models / download.DOWNLOADS).exists()


def test_a_dropped_connection_resumes_with_one_range_request(
    ws: Workspace, site: Site, tiny_files: dict[str, bytes]
) -> None:
    site.drop_once["model.onnx.data"] = 10_000_000
    model = ws.models.download(ONNX)
    assert site.ranges("model.onnx.data") == [None, "bytes=10000000-"]
    assert [h.range for h in site.hits if h.range] == ["bytes=10000000-"]
    assert_files(model, tiny_files)


def test_unverified_files_are_recorded_on_first_download_and_checked_from_then_on(
    ws: Workspace, site: Site, models: Path, tiny_files: dict[str, bytes]
) -> None:
    entry = ws.models.catalogue_entry(UNVERIFIED)
    assert not entry.verified and all(f.sha256 is None and not f.size_exact for f in entry.files)
    assert {f.path: f.size for f in entry.files}["model.onnx.data"] != len(
        tiny_files["model.onnx.data"]
    )  # the catalogue's size is the rounded one
    model = ws.models.download(UNVERIFIED)
    assert_files(model, tiny_files)
    expected = {
        path: {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
        for path, body in tiny_files.items()
    }
    assert ws.models._recorded(UNVERIFIED) == expected
    recorded = json.loads((models / RECORDED).read_text(encoding="utf-8"))
    assert recorded[UNVERIFIED] == expected

    # The server now sends other bytes of the same size: refused, and the install is kept.
    site.corrupt.add("model.onnx")
    site.hits.clear()
    with pytest.raises(ChecksumMismatch, match=r"model\.onnx failed its check"):
        ws.models.download(UNVERIFIED)
    assert "model.onnx" in site.names()
    assert_files(model, tiny_files)
    assert json.loads((models / RECORDED).read_text(encoding="utf-8")) == recorded
    assert ws.models.verify("tiny-unverified")


def test_verify_checks_the_installed_files_against_the_catalogue(
    ws: Workspace, models: Path
) -> None:
    model = ws.models.download(ONNX)
    checked = ws.models.verify("tiny-onnx")
    assert checked == ["tiny-onnx (cpu): 6 files, sizes as installed, 6 SHA-256 checked"]
    path = model.path / "model.onnx.data"
    with path.open("r+b") as fh:  # one byte changed, the size stays
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(
        ModelCorrupt, match=r"model\.onnx\.data of tiny-onnx \(cpu\) has changed since it was"
    ):
        ws.models.verify("tiny-onnx")


def test_gguf_parts_that_are_not_gguf_install_nothing(
    ws: Workspace, site: Site, models: Path
) -> None:
    """The test catalogue's split entry serves two parts with the right names and garbage in
    them: downloaded and checked, then refused when joined."""
    site.files.update({"tiny-00001-of-00002.gguf": b"GGUF part one", "tiny-00002-of-00002.gguf":
                       b"two"})  # fmt: skip
    with pytest.raises(ModelCorrupt, match=r"tiny-00001-of-00002\.gguf is not a readable GGUF"):
        ws.models.download(SPLIT_GGUF)
    assert_nothing_installed(ws, models, "tiny-split")


def test_gguf_files_that_are_not_the_parts_of_one_model_are_refused_before_any_request(
    ws: Workspace, site: Site, models: Path, tmp_path: Path, tiny_files: dict[str, bytes]
) -> None:
    files = {"tiny-00001-of-00002.gguf": b"one", "other-00002-of-00002.gguf": b"two"}
    entry = entry_data(
        "smollm2-135m-cpu", "two-ggufs-cpu", "two-ggufs", "ideaforge-test/two", files
    )
    ws.models.catalogue_path = write_catalogue(tmp_path / "catalogue.json", tiny_files, entry)
    with pytest.raises(ModelUnsupported, match=r"a GGUF in 2 files that are not the parts of one"):
        ws.models.download("two-ggufs-cpu")
    assert site.hits == []
    assert not models.exists() or not any(models.iterdir())


def test_a_file_missing_on_the_server_is_not_found(ws: Workspace, site: Site, models: Path) -> None:
    site.status["tokenizer.json"] = 404
    with pytest.raises(
        DownloadNotFound,
        match=rf"tokenizer\.json was not found at {re.escape(site.base)}{REPO}/resolve/"
        rf"{REVISION}/tokenizer\.json \(HTTP 404\): the catalogue entry may be out of date",
    ):
        ws.models.download(ONNX)
    assert_nothing_installed(ws, models, "tiny-onnx")


def test_access_refused_for_a_hugging_face_file_points_to_its_licence_page(
    ws: Workspace, site: Site, models: Path
) -> None:
    site.status["genai_config.json"] = 403
    with pytest.raises(DownloadRefused) as refused:
        ws.models.download(ONNX)
    assert_nothing_installed(ws, models, "tiny-onnx")
    assert "(HTTP 403)" in str(refused.value)
    assert f"Accept its licence on {HUB}/{REPO}," in str(refused.value)


def test_a_refusal_keeps_what_was_fetched_before_it(
    ws: Workspace, site: Site, models: Path, tiny_files: dict[str, bytes]
) -> None:
    """Refused at the second file (through the HF_ENDPOINT mirror): nothing installed, the
    first file kept to resume, no retries."""
    site.status["genai_config.json"] = 403
    with pytest.raises(DownloadRefused, match=r"genai_config\.json was refused \(HTTP 403\)"):
        ws.models.download(ONNX)
    assert_nothing_installed(ws, models, "tiny-onnx")
    # Files are fetched in the catalogue's order; the one before the refused file is kept.
    assert site.names() == ["chat_template.jinja", "genai_config.json"]  # no retries
    assert ws.models.downloaded_bytes(ONNX) == len(tiny_files["chat_template.jinja"])


def test_a_build_in_a_folder_of_its_repository_installs_as_a_usable_model(
    ws: Workspace, site: Site, models: Path, tiny_files: dict[str, bytes]
) -> None:
    """The layout of every onnxruntime-genai entry of the real catalogue (Phi, Llama ONNX)."""
    model = ws.models.download(NESTED)
    assert site.hits[0].path.startswith(f"/ideaforge-test/tiny-nested/resolve/{REVISION}/")
    s = ws.sessions.new(BIKE)
    res = ws.diverge.generate(DivergeRequest(s.id, count=2, model="tiny-nested", seed=7))
    assert res.ideas
    assert model.manifest.eos_token_ids == [2, 0]


@pytest.mark.slow
def test_a_gguf_build_downloads_and_is_converted(
    ws: Workspace, site: Site, models: Path, tmp_path: Path, tiny_files: dict[str, bytes]
) -> None:
    """The tiny model's GGUF (from its installed package) as a catalogue download."""
    from ideaforge.gen.catalog import SMOLLM2_135M

    scratch = tmp_path / "gguf"
    scratch.mkdir()
    gguf = provision.assemble_gguf(SMOLLM2_135M, scratch)
    site.files[gguf.name] = gguf.read_bytes()
    repo = "ideaforge-test/tiny-gguf"
    entry = entry_data(
        "smollm2-135m-cpu", "tiny-gguf-cpu", "tiny-gguf", repo, {gguf.name: site.files[gguf.name]}
    )
    ws.models.catalogue_path = write_catalogue(tmp_path / "catalogue.json", tiny_files, entry)

    model = ws.models.download("tiny-gguf-cpu")
    assert site.names() == [gguf.name]
    m = model.manifest
    assert (m.source, m.source_path) == ("gguf", origin("tiny-gguf-cpu", repo))
    assert m.languages == ["en"] and m.target == "cpu"
    assert not (models / download.DOWNLOADS).exists()  # the GGUF is gone once converted
    assert ws.models.verify("tiny-gguf")
    s = ws.sessions.new(BIKE)
    res = ws.diverge.generate(DivergeRequest(s.id, count=2, model="tiny-gguf", seed=7))
    assert res.ideas
    assert res.run.settings["model_source"] == origin("tiny-gguf-cpu", repo)


@pytest.mark.slow
def test_a_gguf_in_parts_is_joined_converted_and_generates(
    ws: Workspace, site: Site, models: Path, tmp_path: Path, tiny_files: dict[str, bytes]
) -> None:
    """As the Qwen2.5 7B GGUF is published: in gguf-split parts. Here the tiny model's GGUF,
    split in two with gguf-py's writer."""
    from ideaforge.gen.catalog import SMOLLM2_135M
    from tests.gguf_parts import split_gguf

    scratch = tmp_path / "gguf"
    (scratch / "parts").mkdir(parents=True)
    whole = provision.assemble_gguf(SMOLLM2_135M, scratch)
    parts = {p.name: p.read_bytes() for p in split_gguf(whole, scratch / "parts", 2)}
    site.files.update(parts)
    repo = "ideaforge-test/tiny-gguf-parts"
    entry = entry_data("smollm2-135m-cpu", "tiny-parts-cpu", "tiny-parts", repo, parts)
    ws.models.catalogue_path = write_catalogue(tmp_path / "catalogue.json", tiny_files, entry)
    messages: list[str] = []
    stages: list[str] = []
    model = ws.models.download(
        "tiny-parts-cpu", lambda _d, _t, m: messages.append(m), on_stage=stages.append
    )
    assert sorted(site.names()) == sorted(parts)
    assert stages == ["convert"]
    assert f"Joining the 2 parts of {whole.name}" in messages
    assert model.manifest.source_path == origin("tiny-parts-cpu", repo)
    assert not (models / download.DOWNLOADS).exists()  # parts and joined file are gone
    s = ws.sessions.new(BIKE)
    res = ws.diverge.generate(DivergeRequest(s.id, count=2, model="tiny-parts", seed=7))
    assert res.ideas


ASSESS = """
import json, sys
connects, lookups = [], []
def hook(event, args):
    if event == "socket.connect":
        connects.append(repr(args[1]))
    elif event == "socket.getaddrinfo":
        lookups.append(repr(args[0]))
sys.addaudithook(hook)
from pathlib import Path
from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
tmp = Path(sys.argv[1])
settings = load_settings(
    db=f"sqlite:///{tmp / 'a.db'}", data_dir=tmp / "data", model_dir=tmp / "models",
    device="cpu", user="ada",
)
ws = Workspace(open_store(settings.db_url), "ada", settings)
fits, best = ws.models.assess("zh-TW")
entries = ws.models.catalogue()
ws.close()
print(json.dumps({
    "fits": [[f.entry.id, type(f).__name__, f.fits] for f in fits],
    "entries": [e.id for e in entries],
    "best": best.entry.id if best else None,
    "connects": connects, "lookups": lookups,
}))
"""


def test_assessing_the_real_catalogue_opens_no_socket(tmp_path: Path) -> None:
    env = {**os.environ, "IDEAFORGE_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run(
        [sys.executable, "-c", ASSESS, str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    real = [e.id for e in catalogue.load_catalogue()]
    assert out["entries"] == real and len(real) >= 10
    assert [f[0] for f in out["fits"]] == real
    assert {f[1] for f in out["fits"]} == {"Fit"}
    assert out["best"] is None or out["best"] in real
    assert out["connects"] == [] and out["lookups"] == []
