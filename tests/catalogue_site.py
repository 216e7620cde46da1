"""The test catalogue and loopback site for catalogue downloads (services and window tests).

The loopback server (tests/model_server.py) serves the files of the converted tiny model;
HF_ENDPOINT points the catalogue's https://huggingface.co URLs at it. The catalogue is a test
file in the real schema, built from real entries of resources/models/catalogue.json. Installs
go to a models folder in tmp_path, so the shared model cache is only read, never changed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ideaforge.gen import catalogue
from ideaforge.gen.provision import MANIFEST, InstalledModel
from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from tests.model_server import Site

HUB = "https://huggingface.co"
REVISION = hashlib.sha1(b"ideaforge tiny test build").hexdigest()  # 40 hex digits, as pinned
REPO = "ideaforge-test/tiny-onnx"
ONNX, LICENSED, UNVERIFIED, SPLIT_GGUF, NESTED = (
    "tiny-onnx-cpu",
    "tiny-licensed-cpu",
    "tiny-unverified-cpu",
    "tiny-split-gguf-cpu",
    "tiny-nested-cpu",
)
# Where the real onnxruntime-genai entries' files are: a folder inside the repository.
NESTED_FOLDER = "cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4"
BIKE = "How might we make bike commuting safer for new riders?"


# --- the catalogue --------------------------------------------------------------------------


def real(entry_id: str) -> dict[str, Any]:
    data = json.loads(catalogue.DEFAULT_PATH.read_text(encoding="utf-8"))
    return copy.deepcopy(next(e for e in data["models"] if e["id"] == entry_id))


def entry_data(
    template: str,
    entry_id: str,
    model: str,
    repo: str,
    files: dict[str, bytes],
    *,
    exact: bool = True,
    **changes: Any,
) -> dict[str, Any]:
    """A real entry with this id, model, repository and files (size and SHA-256 from the bytes
    when ``exact``; else the rounded size a Hugging Face page shows and no SHA-256)."""
    e = real(template)
    e.update(
        id=entry_id, model=model, title=f"Tiny test build {entry_id}", family="llama",
        parameters=0.135, languages=["en"], builtin=None,
    )  # fmt: skip
    e["source"].update(
        repository=repo,
        revision=REVISION,
        revision_pinned=True,
        url=f"{HUB}/{repo}/tree/{REVISION}",
        evidence=["Served by the tests' loopback server from the converted tiny model."],
    )
    e["files"] = [
        {
            "path": path,
            "url": f"{HUB}/{repo}/resolve/{REVISION}/{path}",
            "size": len(body) if exact else int(float(f"{len(body):.3g}")),
            "size_exact": exact,
            "sha256": hashlib.sha256(body).hexdigest() if exact else None,
            "verified": exact,
        }
        for path, body in files.items()
    ]
    e["download_size"] = sum(f["size"] for f in e["files"])
    e.update(changes)
    return e


def write_catalogue(path: Path, files: dict[str, bytes], *extra: dict[str, Any]) -> Path:
    onnx = "phi-4-mini-cpu"  # a real onnxruntime-genai entry, as the template
    split = {"tiny-00001-of-00002.gguf": b"GGUF part one", "tiny-00002-of-00002.gguf": b"two"}
    entries = [
        entry_data(onnx, ONNX, "tiny-onnx", REPO, files),
        entry_data(
            onnx,
            LICENSED,
            "tiny-licensed",
            "ideaforge-test/tiny-licensed",
            files,
            licence={
                "name": "Tiny Research Licence",
                "url": "https://example.org/tiny-research-licence",
                "requires_acceptance": True,
                "gated": False,
            },
        ),
        entry_data(
            onnx, UNVERIFIED, "tiny-unverified", "ideaforge-test/tiny-unv", files, exact=False
        ),
        entry_data("smollm2-135m-cpu", SPLIT_GGUF, "tiny-split", "ideaforge-test/tiny-gguf", split),
        entry_data(
            onnx,
            NESTED,
            "tiny-nested",
            "ideaforge-test/tiny-nested",
            {f"{NESTED_FOLDER}/{path}": body for path, body in files.items()},
        ),
    ]
    data = json.loads(catalogue.DEFAULT_PATH.read_text(encoding="utf-8"))
    data["models"] = [*entries, *extra]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    catalogue.load_catalogue(path)  # it is a valid catalogue
    return path


def origin(entry_id: str, repo: str) -> str:
    return f"catalogue:{entry_id} {repo}@{REVISION}"


def model_files(model: InstalledModel) -> dict[str, bytes]:
    """A converted model's files (not its manifest: an install writes its own)."""
    return {
        p.relative_to(model.path).as_posix(): p.read_bytes()
        for p in sorted(model.path.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


@contextmanager
def catalogue_workspace(
    tmp_path: Path, models: Path, site: Site, files: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Workspace]:  # fmt: skip
    """A workspace on a real SQLite file whose models folder is its own (empty) folder, with
    the test catalogue, HF_ENDPOINT at the loopback site and no proxy or token set."""
    for var in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HF_TOKEN"):
        monkeypatch.delenv(var, raising=False)
        monkeypatch.delenv(var.upper(), raising=False)
    monkeypatch.setenv("HF_ENDPOINT", site.base)
    settings = load_settings(
        db=f"sqlite:///{tmp_path / 'gen.db'}", data_dir=tmp_path / "data", model_dir=models,
        device="cpu", user="ada",
    )  # fmt: skip
    w = Workspace(open_store(settings.db_url), "ada", settings)
    w.models.catalogue_path = write_catalogue(tmp_path / "catalogue.json", files)
    try:
        yield w
    finally:
        w.close()
