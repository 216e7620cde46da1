"""The model catalogue: models people can download, and which of them fit this computer.

The list lives in ``resources/models/catalogue.json`` (data, not code): for each build its source
repository and revision, files with sizes and SHA-256 where public records give them, licence,
and the memory and disk it needs. ``load_catalogue`` reads and checks it; ``probe_hardware``
looks at this computer; ``assess`` and ``recommend`` are pure, so they test without hardware.
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import re
import shutil
import sys
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ideaforge.core.errors import ModelCorrupt
from ideaforge.core.i18n import LANGUAGES, tr
from ideaforge.gen import device, provision
from ideaforge.gen.download import HUB

SCHEMA_VERSION = 1
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "resources" / "models" / "catalogue.json"
FORMATS = ("gguf", "onnxruntime-genai")
TARGETS = ("cpu", "cuda")
SHA256 = re.compile(r"[0-9a-f]{64}")
COMMIT = re.compile(r"[0-9a-f]{40}")
# Kept free for the system, the app and the embedder when deciding whether a model fits.
MEMORY_RESERVE_GB = 2.0
VRAM_RESERVE_GB = 0.5

# Why an entry does not fit (stable codes for callers and tests; the text is translated).
NEEDS_CUDA = "needs_cuda"
MEMORY = "memory"
VRAM = "vram"
CONVERT_MEMORY = "convert_memory"
DISK = "disk"


@dataclass(frozen=True, slots=True)
class Licence:
    name: str
    url: str
    requires_acceptance: bool  # terms to accept before use (non-commercial, acceptable use...)
    gated: bool  # the repository asks for an account and accepted terms before download


@dataclass(frozen=True, slots=True)
class Source:
    repository: str
    revision: str
    revision_pinned: bool
    url: str
    evidence: tuple[str, ...]  # where the facts came from


@dataclass(frozen=True, slots=True)
class CatalogueFile:
    path: str
    url: str
    size: int  # bytes; rounded when not size_exact
    size_exact: bool
    sha256: str | None
    verified: bool  # size and SHA-256 from public records; else recorded on first download


@dataclass(frozen=True, slots=True)
class Figures:
    """Ideas per minute and usable share: measured (MODELS.md) or estimated, with the basis."""

    ideas_per_min_cpu: float | None
    ideas_per_min_cuda: float | None
    usable_share: float | None
    basis: str


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    id: str
    model: str  # installed as <models>/<model>/<target>/
    title: str
    family: str
    parameters: float  # billions
    languages: tuple[str, ...]
    licence: Licence
    format: str  # "gguf" (converted on install) or "onnxruntime-genai" (used as is)
    quantisation: str
    target: str  # "cpu" or "cuda"
    download_size: int
    memory_gb: float
    convert_memory_gb: float | None
    disk_gb: float
    sizing_basis: str
    source: Source
    files: tuple[CatalogueFile, ...]
    builtin_packages: tuple[str, ...]  # the PyPI packages of a built-in model, else ()
    measured: Figures | None
    estimate: Figures | None
    notes: str

    @property
    def builtin(self) -> bool:
        return bool(self.builtin_packages)

    @property
    def verified(self) -> bool:
        return all(f.verified for f in self.files)


@dataclass(frozen=True, slots=True)
class Hardware:
    total_memory_gb: float | None
    available_memory_gb: float | None
    free_disk_gb: float | None  # at the models folder
    gpu: bool  # the NVIDIA driver loaded and reported a GPU (device.cuda_probe)
    gpu_note: str
    vram_gb: float | None = None  # None where it could not be read cheaply
    cpu_count: int | None = None


@dataclass(frozen=True, slots=True)
class Fit:
    entry: CatalogueEntry
    fits: bool
    codes: tuple[str, ...]  # why not: NEEDS_CUDA, MEMORY, VRAM, CONVERT_MEMORY, DISK
    reasons: tuple[str, ...]  # the same, for people
    warnings: tuple[str, ...]  # fits, but: unknown memory, little memory free now...
    ideas_per_min: float | None
    speed_estimated: bool  # True unless the figure was measured for this model and device
    speed_basis: str

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


# --- loading ----------------------------------------------------------------------------------


class _Broken(Exception):
    """One problem in the file: where and what, in English for the message below."""


def load_catalogue(path: Path = DEFAULT_PATH) -> list[CatalogueEntry]:
    """The catalogue's entries, checked; ModelCorrupt with the place and the problem if not."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ModelCorrupt(
            tr(
                "The model catalogue {path} cannot be read: {error}",
                path=str(path),
                error=error.strerror or str(error),
            )
        ) from None
    except ValueError as error:
        raise ModelCorrupt(
            tr("The model catalogue {path} is not valid JSON: {error}", path=str(path), error=error)
        ) from None
    try:
        return parse_catalogue(data)
    except _Broken as problem:
        raise ModelCorrupt(
            tr("The model catalogue {path} is broken: {problem}", path=str(path), problem=problem)
        ) from None


def parse_catalogue(data: Any) -> list[CatalogueEntry]:
    if not isinstance(data, dict):
        raise _Broken("the top level is not an object")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise _Broken(
            f"schema_version is {data.get('schema_version')!r}, this IdeaForge reads "
            f"{SCHEMA_VERSION}"
        )
    raw = data.get("models")
    if not isinstance(raw, list) or not raw:
        raise _Broken("'models' is missing or empty")
    entries = []
    for i, item in enumerate(raw):
        where = f"models[{i}]"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            where = f"{where} ({item['id']})"
        try:
            entries.append(_entry(item))
        except _Broken as problem:
            raise _Broken(f"{where}: {problem}") from None
    seen: set[str] = set()
    builds: set[tuple[str, str]] = set()
    for e in entries:
        if e.id in seen:
            raise _Broken(f"the id '{e.id}' appears twice")
        if (e.model, e.target) in builds:
            raise _Broken(f"two entries install into {e.model}/{e.target}")
        seen.add(e.id)
        builds.add((e.model, e.target))
    return entries


def _get(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in obj:
        raise _Broken(f"'{key}' is missing")
    value = obj[key]
    # bool is an int in Python; a size or a count given as true/false is a mistake.
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise _Broken(f"'{key}' has the wrong type")
    if not isinstance(value, kind):
        raise _Broken(f"'{key}' has the wrong type")
    return value


def _text(obj: Mapping[str, Any], key: str) -> str:
    value = _get(obj, key, str)
    if not value.strip():
        raise _Broken(f"'{key}' is empty")
    return str(value)


def _number(obj: Mapping[str, Any], key: str, optional: bool = False) -> float | None:
    if optional and obj.get(key) is None:
        return None
    value = float(_get(obj, key, (int, float)))
    if not math.isfinite(value) or value <= 0:
        raise _Broken(f"'{key}' must be a positive number")
    return value


def _https(value: str, key: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or " " in value:
        raise _Broken(f"'{key}' is not an https URL: {value!r}")
    return value


def _licence(obj: Any) -> Licence:
    if not isinstance(obj, dict):
        raise _Broken("'licence' is not an object")
    return Licence(
        _text(obj, "name"),
        _https(_text(obj, "url"), "licence.url"),
        bool(_get(obj, "requires_acceptance", bool)),
        bool(_get(obj, "gated", bool)),
    )


def _source(obj: Any) -> Source:
    if not isinstance(obj, dict):
        raise _Broken("'source' is not an object")
    repository = _text(obj, "repository")
    revision = _text(obj, "revision")
    pinned = bool(_get(obj, "revision_pinned", bool))
    if pinned and not COMMIT.fullmatch(revision):
        raise _Broken(f"revision_pinned is true but '{revision}' is not a commit hash")
    evidence = _get(obj, "evidence", list)
    if not evidence or not all(isinstance(e, str) and e.strip() for e in evidence):
        raise _Broken("'source.evidence' must list where the facts came from")
    return Source(
        repository, revision, pinned, _https(_text(obj, "url"), "source.url"), tuple(evidence)
    )


def _file(obj: Any, source: Source) -> CatalogueFile:
    if not isinstance(obj, dict):
        raise _Broken("a file is not an object")
    path = _text(obj, "path")
    url = _https(_text(obj, "url"), "url")
    expected = f"{HUB}/{source.repository}/resolve/{source.revision}/{path}"
    if url != expected:
        raise _Broken(f"the URL of {path} is not {expected}")
    size = _get(obj, "size", int)
    if size <= 0:
        raise _Broken(f"the size of {path} must be a positive number of bytes")
    sha = obj.get("sha256")
    if sha is not None and not (isinstance(sha, str) and SHA256.fullmatch(sha)):
        raise _Broken(f"the sha256 of {path} is not 64 lowercase hex digits")
    exact = bool(_get(obj, "size_exact", bool))
    verified = bool(_get(obj, "verified", bool))
    if verified and (sha is None or not exact):
        raise _Broken(f"{path} is marked verified without an exact size and a sha256")
    return CatalogueFile(path, url, size, exact, sha, verified)


def _figures(obj: Any, key: str) -> Figures | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise _Broken(f"'{key}' is not an object")
    share = _number(obj, "usable_share", optional=True)
    if share is not None and share > 1:
        raise _Broken(f"'{key}.usable_share' must be between 0 and 1")
    return Figures(
        _number(obj, "ideas_per_min_cpu", optional=True),
        _number(obj, "ideas_per_min_cuda", optional=True),
        share,
        _text(obj, "basis"),
    )


def _entry(obj: Any) -> CatalogueEntry:
    if not isinstance(obj, dict):
        raise _Broken("not an object")
    languages = _get(obj, "languages", list)
    if not languages or any(lang not in LANGUAGES for lang in languages):
        raise _Broken(f"'languages' must be some of {', '.join(LANGUAGES)}")
    fmt = _text(obj, "format")
    if fmt not in FORMATS:
        raise _Broken(f"'format' must be one of {', '.join(FORMATS)}")
    target = _text(obj, "target")
    if target not in TARGETS:
        raise _Broken(f"'target' must be one of {', '.join(TARGETS)}")
    source = _source(obj.get("source"))
    raw_files = _get(obj, "files", list)
    if not raw_files:
        raise _Broken("'files' is empty")
    files = tuple(_file(f, source) for f in raw_files)
    if len({f.path for f in files}) != len(files):
        raise _Broken("a file is listed twice")
    download = _get(obj, "download_size", int)
    if download != sum(f.size for f in files):
        raise _Broken("'download_size' is not the sum of the files' sizes")
    convert = _number(obj, "convert_memory_gb", optional=True)
    if (fmt == "gguf") != (convert is not None):
        raise _Broken("'convert_memory_gb' is for gguf entries (and required there)")
    builtin = obj.get("builtin")
    packages: tuple[str, ...] = ()
    if builtin is not None:
        if not isinstance(builtin, dict):
            raise _Broken("'builtin' is not an object")
        names = _get(builtin, "packages", list)
        if not names or not all(isinstance(n, str) and n for n in names):
            raise _Broken("'builtin.packages' must name the packages")
        if _text(builtin, "name") != _text(obj, "model"):
            raise _Broken("'builtin.name' differs from 'model'")
        packages = tuple(names)
    if "measured" not in obj or "estimate" not in obj:
        raise _Broken("'measured' and 'estimate' must both be present (null when none)")
    return CatalogueEntry(
        id=_text(obj, "id"),
        model=_text(obj, "model"),
        title=_text(obj, "title"),
        family=_text(obj, "family"),
        parameters=float(_number(obj, "parameters") or 0),
        languages=tuple(languages),
        licence=_licence(obj.get("licence")),
        format=fmt,
        quantisation=_text(obj, "quantisation"),
        target=target,
        download_size=download,
        memory_gb=float(_number(obj, "memory_gb") or 0),
        convert_memory_gb=convert,
        disk_gb=float(_number(obj, "disk_gb") or 0),
        sizing_basis=_text(obj, "sizing_basis"),
        source=source,
        files=files,
        builtin_packages=packages,
        measured=_figures(obj.get("measured"), "measured"),
        estimate=_figures(obj.get("estimate"), "estimate"),
        notes=_text(obj, "notes"),
    )


# --- this computer ----------------------------------------------------------------------------


def total_memory_gb() -> float | None:
    found = provision.meminfo_gb("MemTotal")
    if found is not None:
        return found
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (AttributeError, ValueError, OSError):
        return None


def free_disk_gb(path: Path) -> float | None:
    try:
        return shutil.disk_usage(provision.existing_parent(path)).free / 1e9
    except OSError:
        return None


def gpu_memory_gb() -> float | None:
    """Memory of the first NVIDIA GPU from the driver itself (no nvidia-smi); None if unknown."""
    if sys.platform == "darwin":
        return None
    names = ["nvcuda.dll"] if sys.platform == "win32" else ["libcuda.so.1", "libcuda.so"]
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        try:
            dev = ctypes.c_int(0)
            total = ctypes.c_size_t(0)
            if lib.cuInit(0) != 0 or lib.cuDeviceGet(ctypes.byref(dev), 0) != 0:
                return None
            if lib.cuDeviceTotalMem_v2(ctypes.byref(total), dev) != 0:
                return None
            return total.value / 1e9
        except AttributeError:
            return None
    return None


def probe_hardware(model_dir: Path) -> Hardware:
    """Memory, free disk at the models folder and a real GPU probe (the driver, not the flags)."""
    gpu, note = device.cuda_probe()
    return Hardware(
        total_memory_gb=total_memory_gb(),
        available_memory_gb=provision.available_memory_gb(),
        free_disk_gb=free_disk_gb(model_dir),
        gpu=gpu,
        gpu_note=note,
        vram_gb=gpu_memory_gb() if gpu else None,
        cpu_count=os.cpu_count(),
    )


# --- fit and recommendation (pure) ------------------------------------------------------------


def _speed(entry: CatalogueEntry) -> tuple[float | None, bool, str]:
    key = "ideas_per_min_cpu" if entry.target == "cpu" else "ideas_per_min_cuda"
    if entry.measured is not None and getattr(entry.measured, key) is not None:
        return getattr(entry.measured, key), False, entry.measured.basis
    if entry.estimate is not None and getattr(entry.estimate, key) is not None:
        return getattr(entry.estimate, key), True, entry.estimate.basis
    basis = entry.estimate.basis if entry.estimate is not None else ""
    return None, True, basis or tr("Not measured on this kind of device.")


def assess_entry(entry: CatalogueEntry, hw: Hardware, installed: Collection[str] = ()) -> Fit:
    """Whether ``entry`` can be installed and run here; ``installed`` ids need no install."""
    codes: list[str] = []
    reasons: list[str] = []
    warnings: list[str] = []
    usable = None if hw.total_memory_gb is None else hw.total_memory_gb - MEMORY_RESERVE_GB

    def fail(code: str, text: str) -> None:
        codes.append(code)
        reasons.append(text)

    if entry.target == "cuda" and not hw.gpu:
        fail(NEEDS_CUDA, tr("needs an NVIDIA GPU with CUDA ({note})", note=hw.gpu_note))
    if entry.target == "cuda" and hw.gpu:
        if hw.vram_gb is None:
            warnings.append(
                tr("GPU memory unknown; the model needs {need:.1f} GB", need=entry.memory_gb)
            )
        elif hw.vram_gb - VRAM_RESERVE_GB < entry.memory_gb:
            fail(
                VRAM,
                tr(
                    "needs {need:.1f} GB of GPU memory, the GPU has {have:.1f} GB",
                    need=entry.memory_gb,
                    have=hw.vram_gb,
                ),
            )
    if entry.target == "cpu":
        if usable is None:
            warnings.append(
                tr("memory unknown; the model needs {need:.1f} GB", need=entry.memory_gb)
            )
        elif usable < entry.memory_gb:
            fail(
                MEMORY,
                tr(
                    "needs {need:.1f} GB of memory, this computer has {have:.1f} GB",
                    need=entry.memory_gb + MEMORY_RESERVE_GB,
                    have=hw.total_memory_gb,
                ),
            )
        elif hw.available_memory_gb is not None and hw.available_memory_gb < entry.memory_gb:
            warnings.append(
                tr(
                    "only {free:.1f} GB of memory is free now; close other programs first",
                    free=hw.available_memory_gb,
                )
            )
    if entry.id not in installed:
        convert = entry.convert_memory_gb
        if convert is not None and usable is not None and usable < convert:
            fail(
                CONVERT_MEMORY,
                tr(
                    "converting it needs about {need:.0f} GB of memory, this computer has "
                    "{have:.1f} GB",
                    need=convert + MEMORY_RESERVE_GB,
                    have=hw.total_memory_gb,
                ),
            )
        if hw.free_disk_gb is None:
            warnings.append(
                tr("free disk unknown; the install needs {need:.1f} GB", need=entry.disk_gb)
            )
        elif hw.free_disk_gb < entry.disk_gb:
            fail(
                DISK,
                tr(
                    "needs {need:.1f} GB of free disk for the download and conversion, "
                    "{have:.1f} GB is free",
                    need=entry.disk_gb,
                    have=hw.free_disk_gb,
                ),
            )
    speed, estimated, basis = _speed(entry)
    return Fit(
        entry, not codes, tuple(codes), tuple(reasons), tuple(warnings), speed, estimated, basis
    )


def assess(
    entries: Iterable[CatalogueEntry], hw: Hardware, installed: Collection[str] = ()
) -> list[Fit]:
    return [assess_entry(e, hw, installed) for e in entries]


def quality_key(entry: CatalogueEntry) -> tuple[float, float]:
    """Bigger models gave better ideas in MODELS.md; a measured usable share breaks ties."""
    share = entry.measured.usable_share if entry.measured is not None else None
    return entry.parameters, share if share is not None else 0.0


def recommend(fits: Iterable[Fit], language: str) -> Fit | None:
    """The best-quality entry that fits and writes ``language``; at equal quality a CUDA build
    (it only fits where a GPU was found), then one whose files are verified. None if none fits:
    a session is never offered a model that does not write its language."""
    candidates = [f for f in fits if f.fits and language in f.entry.languages]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda f: (*quality_key(f.entry), f.entry.target == "cuda", f.entry.verified),
    )
