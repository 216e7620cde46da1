"""Provisioning from the real model packages: checksum, manifest, atomic installs, imports."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from ideaforge.core.errors import InvalidInput, ModelCorrupt, ModelMissing, ModelUnsupported
from ideaforge.gen import catalog, provision
from ideaforge.gen.catalog import SMOLLM2_135M, SourceFile
from ideaforge.gen.provision import InstalledModel


def test_tiny_model_is_prepared_from_its_package(
    tiny_model: InstalledModel, model_dir: Path
) -> None:
    m = tiny_model.manifest
    assert (m.source, m.source_sha256, m.precision, m.target) == (
        "builtin",
        SMOLLM2_135M.sha256,
        "int4",
        "cpu",
    )
    assert m.builder.startswith("onnxruntime-genai 0.")
    assert m.eos_token_ids == [2, 0] and m.pad_token_id == 0
    for name in ("genai_config.json", "model.onnx", "tokenizer.json"):
        assert name in m.files
    cfg = json.loads((tiny_model.path / "genai_config.json").read_text())
    assert cfg["model"]["pad_token_id"] == 0 and cfg["search"]["do_sample"] is True
    # Prepared again: the good install is reused, not rebuilt.
    mtime = (tiny_model.path / "model.onnx").stat().st_mtime_ns
    again = provision.prepare_builtin(model_dir, "smollm2-135m")
    assert (again.path / "model.onnx").stat().st_mtime_ns == mtime
    assert provision.check(model_dir, "smollm2-135m", "cpu").status == "ready"


def _fake_builtin(monkeypatch: pytest.MonkeyPatch, **changes: object) -> str:
    """Register a built-in entry that reads the real packaged file with other expectations."""
    entry = dataclasses.replace(SMOLLM2_135M, name="smollm2-test", **changes)  # type: ignore[arg-type]
    monkeypatch.setitem(catalog.BUILTIN, entry.name, entry)
    monkeypatch.setitem(provision.BUILTIN, entry.name, entry)
    return entry.name


def test_checksum_mismatch_installs_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    name = _fake_builtin(monkeypatch, sha256="0" * 64)
    with pytest.raises(ModelCorrupt, match=r"fail their SHA-256 check.*Nothing was installed"):
        provision.prepare_builtin(tmp_path, name)
    assert provision.list_installed(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == []  # staging folders cleaned up


def test_wrong_size_and_missing_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    name = _fake_builtin(monkeypatch, size=123)
    with pytest.raises(ModelCorrupt, match="expected 123"):
        provision.prepare_builtin(tmp_path, name)
    name = _fake_builtin(monkeypatch, sources=(SourceFile("ideaforge-no-such-package", "x.gguf"),))
    with pytest.raises(ModelMissing, match=r"'ideaforge-no-such-package', which is not installed"):
        provision.prepare_builtin(tmp_path, name)
    with pytest.raises(ModelMissing, match="no built-in model called 'nope'"):
        provision.prepare_builtin(tmp_path, "nope")


def _copy(model: InstalledModel, root: Path) -> Path:
    dest = root / model.name / model.target
    shutil.copytree(model.path, dest)
    return dest


def test_broken_and_stale_installs_are_detected(tiny_model: InstalledModel, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path)
    data = folder / "model.onnx.data"
    data.write_bytes(data.read_bytes()[:1000])
    state = provision.check(tmp_path, tiny_model.name, "cpu")
    assert (state.status, state.reason) == ("broken", "model.onnx.data has the wrong size")
    (folder / "manifest.json").write_text("{not json")
    assert provision.check(tmp_path, tiny_model.name, "cpu").status == "broken"
    shutil.rmtree(folder)
    folder = _copy(tiny_model, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["builder"] = "onnxruntime-genai 0.0.1"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    state = provision.check(tmp_path, tiny_model.name, "cpu")
    assert (state.status, state.reason) == ("stale", "built with onnxruntime-genai 0.0.1")


def test_broken_install_is_rebuilt(tiny_model: InstalledModel, tmp_path: Path) -> None:
    folder = _copy(tiny_model, tmp_path)
    (folder / "tokenizer.json").unlink()
    steps: list[str] = []
    rebuilt = provision.prepare_builtin(
        tmp_path, tiny_model.name, "cpu", lambda d, t, m: steps.append(m)
    )
    assert provision.check(tmp_path, tiny_model.name, "cpu").status == "ready"
    assert (rebuilt.path / "tokenizer.json").is_file()
    assert any("Checking the packaged weights" in s for s in steps)
    assert any("is ready" in s for s in steps)


def test_import_onnx_folder_and_bad_inputs(tiny_model: InstalledModel, tmp_path: Path) -> None:
    models = tmp_path / "models"
    imported = provision.import_model(models, tiny_model.path, name="My Model")
    assert imported.name == "my-model" and imported.manifest.source == "onnx"
    assert imported.manifest.eos_token_ids == [2, 0]
    fake = tmp_path / "weights.gguf"
    fake.write_bytes(b"PK\x03\x04 not a gguf at all")
    with pytest.raises(ModelUnsupported, match="not a GGUF file"):
        provision.import_model(models, fake)
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    with pytest.raises(ModelUnsupported, match="not a model IdeaForge can import"):
        provision.import_model(models, empty)
    half = tmp_path / "half"
    half.mkdir()
    (half / "genai_config.json").write_text("{}")
    with pytest.raises(ModelCorrupt, match="lacks model.onnx, tokenizer.json"):
        provision.import_model(models, half)
    with pytest.raises(InvalidInput, match="does not exist"):
        provision.import_model(models, tmp_path / "nowhere.gguf")
    with pytest.raises(InvalidInput, match="built-in model"):
        provision.import_model(models, tiny_model.path, name="qwen2.5-1.5b")
    assert [s.name for s in provision.list_installed(models)] == ["my-model"]
    provision.remove(models, "my-model")
    assert provision.list_installed(models) == []


@pytest.mark.slow
def test_import_gguf_file_converts_it(tmp_path: Path) -> None:
    gguf = provision.locate_sources(SMOLLM2_135M)[0]
    imported = provision.import_model(tmp_path, gguf, name="smol-import")
    assert imported.manifest.source == "gguf" and imported.manifest.family == "llama"
    assert imported.manifest.source_sha256 == SMOLLM2_135M.sha256
    assert provision.read_gguf_header(gguf) == {"architecture": "llama"}
    assert provision.check(tmp_path, "smol-import", "cpu").status == "ready"


@pytest.mark.slow
def test_import_hugging_face_folder(tmp_path: Path) -> None:
    """A Hugging Face folder (made here from the tiny GGUF, as a person's download would be)."""
    from ideaforge.gen.convert import gguf_to_hf

    gguf = provision.locate_sources(SMOLLM2_135M)[0]
    hf = tmp_path / "SmolLM2-hf"
    gguf_to_hf(gguf, hf)
    assert (hf / "config.json").is_file()
    imported = provision.import_model(tmp_path / "models", hf)
    assert imported.name == "smollm2-hf" and imported.manifest.source == "hf"
    assert imported.manifest.family == "llama"
    assert provision.check(tmp_path / "models", "smollm2-hf", "cpu").status == "ready"
