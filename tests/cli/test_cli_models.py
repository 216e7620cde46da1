"""models catalogue, download and verify from the command line, with real parts.

Downloads come from a loopback HTTP server: HF_ENDPOINT points the catalogue's
https://huggingface.co URLs at it, and IDEAFORGE_CATALOGUE points the CLI at a test catalogue
built from a real onnxruntime-genai entry of resources/models/catalogue.json.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ideaforge.cli import main
from tests.model_server import Site, serve

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "resources" / "models" / "catalogue.json"
HUB = "https://huggingface.co"
REPO = "ideaforge-test/cli-onnx"
REVISION = hashlib.sha1(b"ideaforge cli test build").hexdigest()
FILES = {
    "genai_config.json": json.dumps({"model": {"eos_token_id": [2], "pad_token_id": 0}}).encode(),
    "model.onnx": bytes(range(256)) * 40,
    "tokenizer.json": b'{"version": "1.0"}' * 50,
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    with serve(FILES) as site:
        monkeypatch.setenv("HF_ENDPOINT", site.base.rstrip("/"))
        monkeypatch.delenv("HF_TOKEN", raising=False)
        yield site


def _entry(entry_id: str, model: str, files: dict[str, bytes], **changes: Any) -> dict[str, Any]:
    data = json.loads(REAL.read_text(encoding="utf-8"))
    e: dict[str, Any] = copy.deepcopy(
        next(m for m in data["models"] if m["id"] == "phi-3.5-mini-cpu")
    )
    assert e["format"] == "onnxruntime-genai"
    e.update(id=entry_id, model=model, title=f"CLI test build {entry_id}", parameters=0.1,
             languages=["en"], builtin=None, memory_gb=0.5, disk_gb=0.01)  # fmt: skip
    e["source"].update(repository=REPO, revision=REVISION, revision_pinned=True,
                       url=f"{HUB}/{REPO}/tree/{REVISION}",
                       evidence=["Served by the test's loopback server."])  # fmt: skip
    e["files"] = [
        {"path": path, "url": f"{HUB}/{REPO}/resolve/{REVISION}/{path}", "size": len(body),
         "size_exact": True, "sha256": hashlib.sha256(body).hexdigest(), "verified": False}
        for path, body in files.items()
    ]  # fmt: skip
    e["download_size"] = sum(len(b) for b in files.values())
    e.update(changes)
    return e


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    licence = {"name": "Tiny Research Licence", "url": "https://example.org/tiny-licence",
               "requires_acceptance": True, "gated": False}  # fmt: skip
    data = json.loads(REAL.read_text(encoding="utf-8"))
    data["models"] = [
        _entry("tiny-cpu", "tiny", FILES),
        _entry("tiny-licensed-cpu", "tiny-licensed", FILES, licence=licence),
        _entry("tiny-gone-cpu", "tiny-gone", {**FILES, "missing.bin": b"never served"}),
    ]
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    monkeypatch.setenv("IDEAFORGE_CATALOGUE", str(path))
    return path


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(
        ["--db", str(tmp_path / "cli.db"), "--data-dir", str(tmp_path / "data"),
         "--model-dir", str(tmp_path / "models"), "--device", "cpu", *args],
        out=out,
    )  # fmt: skip
    return code, out.getvalue()


def test_catalogue_lists_the_real_entries_and_recommends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [m["id"] for m in json.loads(REAL.read_text(encoding="utf-8"))["models"]]
    code, text = run(tmp_path, "models", "catalogue", "--all")
    assert code == 0
    assert text.startswith("This computer: memory ")
    for entry_id in ids:
        assert f" {entry_id} " in text
    star = [line for line in text.splitlines() if line.startswith("* ")]
    last = text.strip().splitlines()[-1]
    if star:
        assert len(star) == 1 and last.startswith("Recommended for English: ")
        assert star[0].split()[1] in last
    else:
        assert last.startswith("None fits this computer for English: ")

    code, default = run(tmp_path, "models", "catalogue")  # only the ones that fit
    assert code == 0
    code, raw = run(tmp_path, "--json", "models", "catalogue", "--language", "zh-TW")
    data = json.loads(raw)
    assert [m["id"] for m in data["models"]] == ids
    fitting = [m["id"] for m in data["models"] if m["fits"]]
    for entry_id in fitting:
        assert f" {entry_id} " in default
    if len(fitting) < len(ids):
        assert f"({len(ids) - len(fitting)} more do not fit this computer" in default
    assert {"total_memory_gb", "free_disk_gb", "gpu", "gpu_note"} <= data["hardware"].keys()
    if data["recommended"] is not None:
        pick = next(m for m in data["models"] if m["id"] == data["recommended"])
        assert pick["fits"] and "zh-TW" in pick["languages"] and pick["recommended"]
    llama = next(m for m in data["models"] if m["id"] == "llama-3.2-1b-cpu")
    assert llama["licence"]["requires_acceptance"] and not llama["licence"]["accepted"]
    assert capsys.readouterr().err == ""


def test_download_installs_refuses_an_unaccepted_licence_and_verifies(
    tmp_path: Path, server: Site, catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    models = tmp_path / "models"
    code, text = run(tmp_path, "models", "catalogue", "--all")
    assert code == 0 and " tiny-licensed-cpu " in text and "(accept first)" in text

    code, text = run(tmp_path, "models", "download", "tiny-cpu")
    assert code == 0, capsys.readouterr().err
    folder = models / "tiny" / "cpu"
    assert text.splitlines() == [
        f"Installed tiny for CPU in {folder}.",
        "Use it with: models use tiny",
    ]
    for path, body in FILES.items():
        assert (folder / path).read_bytes() == body
    assert sorted(server.names()) == sorted(FILES)
    assert all(h.path.startswith(f"/{REPO}/resolve/{REVISION}/") for h in server.hits)
    assert "Downloading" in capsys.readouterr().err  # the progress bar
    code, text = run(tmp_path, "models", "catalogue", "--all")
    row = [ln.split() for ln in text.splitlines() if ln[2:].startswith("tiny-cpu ")]
    assert [r[-2:] for r in row] == [["yes", "yes"]]  # installed, fits

    # A licence to accept first: refused, and nothing asked of the server.
    server.hits.clear()
    code, text = run(tmp_path, "models", "download", "tiny-licensed-cpu")
    err = capsys.readouterr().err
    assert code == 1 and text == "" and server.hits == []
    assert "Tiny Research Licence" in err and "https://example.org/tiny-licence" in err
    assert "--accept-licence" in err and "error:" in err
    assert not (models / "tiny-licensed").exists()
    code, text = run(tmp_path, "models", "download", "tiny-licensed-cpu", "--accept-licence")
    assert code == 0 and "models use tiny-licensed" in text
    assert len(server.hits) == len(FILES)
    code, raw = run(tmp_path, "--json", "models", "catalogue")
    licensed = next(m for m in json.loads(raw)["models"] if m["id"] == "tiny-licensed-cpu")
    assert licensed["licence"]["accepted"] and licensed["installed"]

    # Verify: passes, then a flipped byte is found (exit code 4 with the message).
    code, text = run(tmp_path, "models", "verify", "tiny")
    assert code == 0
    assert text.strip() == "tiny (cpu): 3 files, sizes as installed, 3 SHA-256 checked"
    capsys.readouterr()
    onnx = folder / "model.onnx"
    flipped = bytearray(onnx.read_bytes())
    flipped[100] ^= 0xFF
    onnx.write_bytes(bytes(flipped))
    code, text = run(tmp_path, "models", "verify", "tiny")
    err = capsys.readouterr().err
    assert code == 4 and text == ""
    assert "model.onnx of tiny (cpu) has changed since it was downloaded" in err


def test_a_missing_file_exits_4_and_discard_deletes_what_was_kept(
    tmp_path: Path, server: Site, catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(tmp_path, "models", "download", "tiny-gone-cpu")
    err = capsys.readouterr().err
    assert code == 4 and text == ""
    assert "missing.bin was not found at http://127.0.0.1:" in err and "(HTTP 404)" in err
    assert not (tmp_path / "models" / "tiny-gone").exists()
    code, text = run(tmp_path, "models", "download", "tiny-gone-cpu", "--discard")
    # The files before the missing one are kept for a resume, until --discard.
    assert code == 0 and text.startswith("Deleted the partial download of tiny-gone-cpu (")
    code, raw = run(tmp_path, "--json", "models", "download", "tiny-gone-cpu", "--discard")
    assert json.loads(raw) == {"id": "tiny-gone-cpu", "discarded_bytes": 0}

    code, text = run(tmp_path, "models", "download", "no-such-model")
    assert code == 1 and "The catalogue has no model 'no-such-model'" in capsys.readouterr().err
    code, text = run(tmp_path, "models", "verify", "tiny")
    assert code == 4 and "No model called 'tiny' is installed." in capsys.readouterr().err


def test_ctrl_c_keeps_the_partial_download_and_the_same_command_resumes(
    tmp_path: Path, server: Site, catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.interrupt_once["model.onnx"] = len(FILES["model.onnx"]) // 2
    code, text = run(tmp_path, "models", "download", "tiny-cpu")
    err = capsys.readouterr().err
    assert code == 130 and text == ""
    assert "Download stopped. The " in err and "run the same command to resume" in err
    assert not (tmp_path / "models" / "tiny").exists()
    code, raw = run(tmp_path, "--json", "models", "catalogue")
    assert not next(m for m in json.loads(raw)["models"] if m["id"] == "tiny-cpu")["installed"]

    code, text = run(tmp_path, "models", "download", "tiny-cpu")
    err = capsys.readouterr().err
    assert code == 0 and "Resuming: " in err and "already downloaded" in err
    assert "models use tiny" in text
    assert (tmp_path / "models" / "tiny" / "cpu" / "model.onnx").read_bytes() == FILES["model.onnx"]


def test_ctrl_c_while_a_model_is_prepared_stops_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real Ctrl-C (SIGINT to this process) while the tiny model is converted into an empty
    models folder: the conversion stops, nothing half-made is installed, no traceback."""
    from ideaforge.gen import provision

    models = tmp_path / "models"
    started = threading.Event()

    def press_ctrl_c() -> None:
        while not started.is_set():
            time.sleep(0.05)
            if models.exists() and any(models.rglob("*")):  # the conversion is under way
                started.set()
        time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGINT)

    person = threading.Thread(target=press_ctrl_c, daemon=True)
    person.start()
    code, text = run(tmp_path, "models", "prepare", "smollm2-135m")
    started.set()
    person.join()
    err = capsys.readouterr().err
    assert code == 130 and text == ""
    assert "ideaforge-cli: stopped; what was finished is kept" in err
    assert "Traceback" not in err
    assert provision.check(models, "smollm2-135m", "cpu").status == "missing"
