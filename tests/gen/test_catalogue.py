"""The model catalogue: the data file's schema, and the fit/recommendation rules on made-up
computers (no hardware needed)."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ideaforge.core.errors import ModelCorrupt
from ideaforge.core.i18n import LANGUAGES
from ideaforge.gen import catalogue
from ideaforge.gen.catalog import BUILTIN
from ideaforge.gen.catalogue import (
    CONVERT_MEMORY,
    DISK,
    MEMORY,
    NEEDS_CUDA,
    VRAM,
    CatalogueEntry,
    Hardware,
    assess,
    load_catalogue,
    recommend,
)

RAW: dict[str, Any] = json.loads(catalogue.DEFAULT_PATH.read_text(encoding="utf-8"))
ENTRIES = load_catalogue()
BY_ID = {e.id: e for e in ENTRIES}
SPLIT = re.compile(r"^(?P<stem>.+)-(?P<k>\d{5})-of-(?P<n>\d{5})\.gguf$")
REQUIRED = {
    "id", "model", "title", "family", "parameters", "languages", "licence", "format",
    "quantisation", "target", "download_size", "memory_gb", "convert_memory_gb", "disk_gb",
    "sizing_basis", "source", "files", "builtin", "measured", "estimate", "notes",
}  # fmt: skip


def hw(
    memory: float | None = 8.0,
    disk: float | None = 200.0,
    gpu: bool = False,
    vram: float | None = None,
    available: float | None = None,
) -> Hardware:
    return Hardware(
        total_memory_gb=memory,
        available_memory_gb=memory if available is None else available,
        free_disk_gb=disk,
        gpu=gpu,
        gpu_note="1 NVIDIA GPU(s) found" if gpu else "no NVIDIA driver found",
        vram_gb=vram,
        cpu_count=8,
    )


# --- the data file ----------------------------------------------------------------------------


def test_every_entry_is_complete_and_ids_are_unique() -> None:
    assert RAW["schema_version"] == catalogue.SCHEMA_VERSION
    for raw in RAW["models"]:
        assert raw.keys() >= REQUIRED, raw.get("id")
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert len({(e.model, e.target) for e in ENTRIES}) == len(ENTRIES)


def test_sizes_are_positive_bytes_adding_up_and_checksums_well_formed() -> None:
    for e in ENTRIES:
        assert all(isinstance(f.size, int) and f.size > 0 for f in e.files), e.id
        assert e.download_size == sum(f.size for f in e.files), e.id
        assert e.disk_gb >= e.download_size / 1e9, e.id
        assert e.memory_gb > 0 and e.parameters > 0, e.id
        for f in e.files:
            assert f.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", f.sha256), (e.id, f.path)
            if f.verified:
                assert f.sha256 is not None and f.size_exact, (e.id, f.path)


def test_urls_are_https_and_point_at_the_stated_repository_and_revision() -> None:
    for e in ENTRIES:
        src = e.source
        assert urlsplit(src.url).scheme == "https" and src.repository in src.url, e.id
        assert src.evidence, e.id
        if src.revision_pinned:
            assert re.fullmatch(r"[0-9a-f]{40}", src.revision), e.id
        for f in e.files:
            parts = urlsplit(f.url)
            assert parts.scheme == "https" and parts.netloc == "huggingface.co", f.url
            assert f.url == (
                f"https://huggingface.co/{src.repository}/resolve/{src.revision}/{f.path}"
            )


def test_licences_are_named_with_a_link_and_languages_are_allowed() -> None:
    for e in ENTRIES:
        assert e.licence.name.strip(), e.id
        assert urlsplit(e.licence.url).scheme == "https", e.id
        assert e.languages and set(e.languages) <= set(LANGUAGES), e.id
        # Only Qwen was read writing Chinese (MODELS.md); nothing else claims it.
        if "zh-TW" in e.languages:
            assert e.family == "qwen2", e.id


def test_the_built_ins_match_their_packages() -> None:
    for name, model in BUILTIN.items():
        entries = [e for e in ENTRIES if e.model == name]
        assert entries, name
        for e in entries:
            assert e.builtin and e.format == "gguf"
            (only,) = e.files
            assert only.path.endswith(model.gguf_name)
            assert (only.sha256, only.size) == (model.sha256, model.size)
            assert e.download_size == model.size
            assert set(e.builtin_packages) == {s.distribution for s in model.sources}
            assert e.convert_memory_gb == model.convert_memory_gb
            assert set(e.languages) == set(model.languages)
        cpu = next(e for e in entries if e.target == "cpu")
        assert cpu.measured is not None
        assert cpu.measured.ideas_per_min_cpu == model.ideas_per_min_cpu
        assert cpu.measured.usable_share == model.usable_share


def test_gguf_entries_have_exactly_the_files_a_conversion_needs() -> None:
    for e in (e for e in ENTRIES if e.format == "gguf"):
        names = [f.path for f in e.files]
        assert all(n.endswith(".gguf") and "/" not in n for n in names), e.id
        assert e.convert_memory_gb is not None, e.id
        if len(names) > 1:  # a split GGUF: every part of one set, nothing else
            parts = [SPLIT.match(n) for n in names]
            assert all(parts), e.id
            stems = {p["stem"] for p in parts if p}
            counts = {int(p["n"]) for p in parts if p}
            assert len(stems) == 1 and counts == {len(names)}, e.id
            assert sorted(int(p["k"]) for p in parts if p) == list(range(1, len(names) + 1))


def test_onnxruntime_genai_entries_have_a_complete_folder() -> None:
    for e in (e for e in ENTRIES if e.format == "onnxruntime-genai"):
        folders = {f.path.rsplit("/", 1)[0] for f in e.files}
        assert len(folders) == 1, e.id  # one build folder, downloaded as is
        names = {f.path.rsplit("/", 1)[-1] for f in e.files}
        assert {"genai_config.json", "tokenizer.json"} <= names, e.id
        graphs = {n for n in names if n.endswith(".onnx")}
        assert len(graphs) == 1 and {g + ".data" for g in graphs} <= names, e.id
        assert not any(n.endswith(".py") for n in names), e.id  # no code in a model folder
        assert e.convert_memory_gb is None, e.id


def test_the_catalogue_covers_what_the_issue_asks_for() -> None:
    def models(family: str, target: str) -> set[float]:
        return {e.parameters for e in ENTRIES if e.family == family and e.target == target}

    assert {3.09, 7.61} <= models("qwen2", "cpu") & models("qwen2", "cuda")
    assert {1.23, 3.21} <= models("llama", "cpu") & models("llama", "cuda")
    assert models("phi3", "cpu") & models("phi3", "cuda")


def test_estimates_say_so_and_measured_figures_come_from_models_md() -> None:
    for e in ENTRIES:
        if not e.builtin:
            assert e.measured is None, e.id  # nothing but the built-ins was measured
            assert e.estimate is not None and e.estimate.basis, e.id
        if e.target == "cpu":
            figures = e.measured or e.estimate
            assert figures is not None and figures.ideas_per_min_cpu, e.id


# --- broken files -----------------------------------------------------------------------------


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_invalid_json_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelCorrupt, match=r"catalogue.*not valid JSON"):
        load_catalogue(write(tmp_path, '{"schema_version": 1, "models": [}'))


def test_a_missing_file_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelCorrupt, match="cannot be read"):
        load_catalogue(tmp_path / "nowhere.json")


def test_a_missing_field_names_the_entry_and_the_field(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    del data["models"][3]["licence"]
    bad = data["models"][3]["id"]
    with pytest.raises(ModelCorrupt, match=rf"models\[3\] \({re.escape(bad)}\).*'licence'"):
        load_catalogue(write(tmp_path, data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m["files"][0].update(size=-1), "positive number of bytes"),
        (lambda m: m.update(download_size=m["download_size"] + 1), "sum of the files"),
        (lambda m: m["files"][0].update(url="http://example.com/x"), "not an https URL"),
        (lambda m: m["files"][0].update(sha256="ABC"), "64 lowercase hex"),
        (lambda m: m.update(languages=["fr"]), "'languages'"),
        (lambda m: m["licence"].update(name=" "), "'name' is empty"),
        (lambda m: m.update(target="tpu"), "'target'"),
        (lambda m: m["source"].update(revision="main"), "not a commit hash"),
    ],
)
def test_a_wrong_value_is_refused(tmp_path: Path, change: Any, message: str) -> None:
    data = copy.deepcopy(RAW)
    change(data["models"][0])
    with pytest.raises(ModelCorrupt, match=message):
        load_catalogue(write(tmp_path, data))


def test_duplicate_ids_and_a_newer_schema_are_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    data["models"].append(copy.deepcopy(data["models"][0]))
    with pytest.raises(ModelCorrupt, match="appears twice"):
        load_catalogue(write(tmp_path, data))
    data = copy.deepcopy(RAW)
    data["schema_version"] = 99
    with pytest.raises(ModelCorrupt, match="schema_version"):
        load_catalogue(write(tmp_path, data))


# --- fit and recommendation -------------------------------------------------------------------


def test_8_gb_without_a_gpu_gets_a_small_cpu_model() -> None:
    machine = hw(memory=8.0)
    fits = assess(ENTRIES, machine)
    pick = recommend(fits, "en")
    assert pick is not None and pick.fits
    assert pick.entry.target == "cpu"
    assert pick.entry.memory_gb + catalogue.MEMORY_RESERVE_GB <= 8.0
    assert pick.ideas_per_min is not None and pick.speed_estimated
    cuda = [f for f in fits if f.entry.target == "cuda"]
    assert cuda and all(NEEDS_CUDA in f.codes for f in cuda)
    big = next(f for f in fits if f.entry.id == "qwen2.5-7b-cpu")
    assert not big.fits and CONVERT_MEMORY in big.codes and big.reason


def test_32_gb_with_a_gpu_gets_a_cuda_build() -> None:
    pick = recommend(assess(ENTRIES, hw(memory=32.0, gpu=True, vram=24.0)), "en")
    assert pick is not None and pick.entry.target == "cuda"
    # Unknown GPU memory does not rule CUDA out, it warns.
    pick = recommend(assess(ENTRIES, hw(memory=32.0, gpu=True, vram=None)), "en")
    assert pick is not None and pick.entry.target == "cuda" and pick.warnings


def test_a_small_gpu_is_not_offered_a_build_it_cannot_hold() -> None:
    fits = assess(ENTRIES, hw(memory=32.0, gpu=True, vram=4.0))
    phi4 = next(f for f in fits if f.entry.id == "phi-4-mini-cuda")
    assert not phi4.fits and VRAM in phi4.codes


@pytest.mark.parametrize(
    "machine",
    [hw(8.0), hw(16.0), hw(32.0, gpu=True, vram=24.0), hw(128.0, gpu=True, vram=80.0)],
)
def test_a_chinese_session_never_gets_an_english_only_model(machine: Hardware) -> None:
    pick = recommend(assess(ENTRIES, machine), "zh-TW")
    assert pick is None or "zh-TW" in pick.entry.languages


def test_a_chinese_session_on_a_big_machine_gets_qwen() -> None:
    pick = recommend(assess(ENTRIES, hw(128.0, gpu=True, vram=80.0)), "zh-TW")
    assert pick is not None and pick.entry.family == "qwen2"
    assert pick.entry.parameters == max(e.parameters for e in ENTRIES if e.family == "qwen2")


def test_too_little_disk_is_not_a_fit_with_that_reason() -> None:
    fits = assess(ENTRIES, hw(memory=64.0, disk=1.0))
    phi = next(f for f in fits if f.entry.id == "phi-3.5-mini-cpu")
    assert not phi.fits and phi.codes == (DISK,) and "disk" in phi.reason
    pick = recommend(fits, "en")
    assert pick is None or pick.entry.disk_gb <= 1.0


def test_an_installed_model_needs_no_conversion_or_download() -> None:
    entry = BY_ID["qwen2.5-1.5b-cpu"]
    machine = hw(memory=8.0, disk=0.5)
    (fresh,) = assess([entry], machine)
    assert {CONVERT_MEMORY, DISK} <= set(fresh.codes)
    (ready,) = assess([entry], machine, installed={entry.id})
    assert ready.fits and ready.ideas_per_min == 51.0 and not ready.speed_estimated


def test_too_little_memory_to_run_is_not_a_fit() -> None:
    (fit,) = assess([BY_ID["phi-4-mini-cpu"]], hw(memory=4.0))
    assert not fit.fits and MEMORY in fit.codes


def test_unknown_memory_warns_instead_of_refusing() -> None:
    (fit,) = assess([BY_ID["smollm2-135m-cpu"]], hw(memory=None))
    assert fit.fits and fit.warnings


def test_quality_prefers_bigger_models_then_measured_share() -> None:
    small = BY_ID["qwen2.5-1.5b-cpu"]
    bigger = replace(small, id="x", model="x", parameters=3.0, measured=None)
    fits = assess([small, bigger], hw(memory=64.0))
    pick = recommend(fits, "zh-TW")
    assert pick is not None and pick.entry.id == "x"


def test_probe_hardware_reports_this_computer(tmp_path: Path) -> None:
    found = catalogue.probe_hardware(tmp_path / "not-yet" / "models")
    assert found.total_memory_gb is None or found.total_memory_gb > 0
    assert found.free_disk_gb is None or found.free_disk_gb >= 0
    assert isinstance(found.gpu, bool) and found.gpu_note
    if not found.gpu:
        assert found.vram_gb is None


def test_entries_are_frozen() -> None:
    entry: CatalogueEntry = ENTRIES[0]
    with pytest.raises(AttributeError):
        entry.id = "other"  # type: ignore[misc]
