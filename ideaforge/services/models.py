"""Model use cases: list, prepare, import, choose, remove; and loading engines for generation."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ideaforge.core.errors import (
    InvalidInput,
    LicenceNotAccepted,
    ModelCorrupt,
    ModelMissing,
    ModelUnsupported,
    NotFound,
)
from ideaforge.core.i18n import tr
from ideaforge.core.progress import CancelToken, Progress, no_progress
from ideaforge.frozen import is_frozen
from ideaforge.gen import catalogue, gguf_split, provision
from ideaforge.gen import download as downloads
from ideaforge.gen.catalog import BUILTIN, DEFAULT_MODEL, TINY_MODEL
from ideaforge.gen.catalogue import CatalogueEntry, Fit, Hardware  # re-exported for the UI
from ideaforge.gen.device import DeviceChoice, choose_device
from ideaforge.services.config import read_prefs, write_prefs

if TYPE_CHECKING:
    from ideaforge.gen.engine import Engine
    from ideaforge.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str
    title: str
    builtin: bool
    active: bool
    languages: tuple[str, ...]
    states: dict[str, str]  # target -> status ("ready", "missing", "broken: why", "stale: why")
    note: str = ""

    @property
    def state_text(self) -> str:
        """The states in one line, e.g. 'cpu: ready, cuda: not prepared'."""
        return ", ".join(f"{target}: {state}" for target, state in self.states.items())


@dataclass(frozen=True, slots=True)
class Readiness:
    """Whether a model can run now on the device that will run it, and if not, why."""

    name: str
    title: str
    target: str  # "cpu" or "cuda"
    status: str  # "ready", "missing", "broken" or "stale"
    reason: str
    # Built-in models: the measured shape of their preparation (core.progress.Countdown).
    profile: tuple[tuple[float, float], ...] | None = None

    @property
    def ready(self) -> bool:
        return self.status == "ready"


def local_paths(entry: CatalogueEntry) -> list[str]:
    """Where an entry's files go in the model folder: their paths in the repository without
    the folder they share (onnxruntime-genai builds keep a build per folder, such as
    cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4/; the model folder holds its files)."""
    paths = [f.path for f in entry.files]
    parts = [p.split("/")[:-1] for p in paths]
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    cut = len("/".join(common)) + 1 if common else 0
    return [p[cut:] for p in paths]


__all__ = [
    "ENV_CATALOGUE", "RECORDED", "TINY_MODEL", "CatalogueEntry", "Fit", "Hardware", "ModelInfo",
    "ModelService", "Readiness", "gb_text", "local_paths", "size_text",
]  # fmt: skip


def size_text(n: float) -> str:
    """A download size for people: '1.1 GB', '808 MB' (the CLI and the Models window)."""
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{max(1, round(n / 1e6))} MB"


def gb_text(x: float | None) -> str:
    """Memory or disk in GB, '?' where it is not known."""
    return "?" if x is None else f"{x:.1f} GB"


ENV_CATALOGUE = "IDEAFORGE_CATALOGUE"
RECORDED = ".catalogue-recorded.json"  # in the models folder: sizes and SHA-256 first seen


class ModelService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._engines: dict[tuple[str, str], Engine] = {}
        self._lock = threading.Lock()
        # One preparation per model and device at a time: a second caller (Generate pressed
        # while the first-run preparation is under way) waits for the first and reuses it.
        self._preparing: dict[tuple[str, str], threading.Lock] = {}
        # The desktop app sets this: the model then runs in its own process, because
        # onnxruntime-genai holds the GIL while it computes and would freeze the window.
        self.separate_process = False
        # IDEAFORGE_CATALOGUE names another catalogue file (a custom list, tests)
        custom = os.environ.get(ENV_CATALOGUE, "").strip()
        self.catalogue_path = Path(custom).expanduser() if custom else catalogue.DEFAULT_PATH

    @property
    def model_dir(self) -> Path:
        return self.ws.settings.model_dir

    def active(self) -> str:
        name = read_prefs(self.ws.settings.data_dir).get("model")
        if name:
            return str(name)
        # A desktop bundle built without the default model's weights (--lean) starts with the
        # tiny model; installed from source, the default model's absence is an error to fix.
        if is_frozen() and not provision.weights_installed(BUILTIN[DEFAULT_MODEL]):
            return TINY_MODEL
        return DEFAULT_MODEL

    def available(self) -> list[ModelInfo]:
        active = self.active()
        installed: dict[str, dict[str, str]] = {}
        for st in provision.list_installed(self.model_dir):
            status = st.status if st.status in ("ready", "missing") else f"{st.status}: {st.reason}"
            installed.setdefault(st.name, {})[st.target] = status
        infos = []
        for m in BUILTIN.values():
            states = installed.pop(m.name, {}) or {"cpu": "not prepared"}
            infos.append(
                ModelInfo(m.name, m.title, True, m.name == active, m.languages, states, m.notes)
            )
        for name, states in sorted(installed.items()):
            languages, title = self.languages_of(name)
            infos.append(
                ModelInfo(name, title, False, name == active, languages, states, "imported")
            )
        return infos

    def use(self, name: str) -> str:
        known = {i.name for i in self.available()}
        if name not in known:
            raise ModelMissing(
                tr(
                    "No model called '{name}'. Known: {known}.",
                    name=name,
                    known=", ".join(sorted(known)),
                )
            )
        write_prefs(self.ws.settings.data_dir, model=name)
        return name

    def device(self) -> DeviceChoice:
        return choose_device(self.ws.settings.device)

    def readiness(self, name: str | None = None) -> Readiness:
        """Is the model (default: the active one) ready on the device that will run it?"""
        name = name or self.active()
        target = self.device().device
        state = provision.check(self.model_dir, name, target)
        builtin = BUILTIN.get(name)
        if builtin is not None:
            title, profile = builtin.title, builtin.prepare_profile
        else:
            title, profile = self.languages_of(name)[1], None
            if state.model is None and target != "cpu":  # an import runs on its CPU build
                cpu = provision.check(self.model_dir, name, "cpu")
                if cpu.model is not None:
                    state, target = cpu, "cpu"
        return Readiness(name, title, target, state.status, state.reason, profile)

    def prepare(
        self,
        name: str | None = None,
        target: str | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> provision.InstalledModel:
        """Make a model ready to run on ``target`` (default: the device that will run it).
        Only one preparation of a model for a device runs at a time; another caller waits
        (and can be cancelled while it waits), then finds the model ready."""
        name = name or self.active()
        target = target or self.device().device
        with self._lock:
            gate = self._preparing.setdefault((name, target), threading.Lock())
        waited = False
        while not gate.acquire(timeout=0.2):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if not waited:
                waited = True
                progress(0, None, tr("Waiting for {model} to be prepared", model=name))
        try:
            return self._prepare(name, target, progress, cancel)
        finally:
            gate.release()

    def _prepare(
        self, name: str, target: str, progress: Progress, cancel: CancelToken | None
    ) -> provision.InstalledModel:
        if name in BUILTIN:
            return provision.prepare_builtin(self.model_dir, name, target, progress, cancel)
        state = provision.check(self.model_dir, name, target)
        if state.model is None:
            other = [
                s for s in provision.list_installed(self.model_dir) if s.name == name and s.model
            ]
            if target != "cpu" or not other:
                raise ModelMissing(
                    tr(
                        "The model '{name}' is {status} for "
                        "{target}{reason}. Import it again with 'models "
                        "import'.",
                        name=name,
                        status=state.status,
                        target=target.upper(),
                        reason=": " + state.reason if state.reason else "",
                    )
                )
            return other[0].model  # type: ignore[return-value]
        return state.model

    def import_model(
        self, path: str, name: str | None = None, progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> provision.InstalledModel:  # fmt: skip
        return provision.import_model(self.model_dir, Path(path), name, "cpu", progress, cancel)

    def remove(self, name: str) -> list[Path]:
        if name == self.active():
            write_prefs(self.ws.settings.data_dir, model=None)
        with self._lock:
            for key in [k for k in self._engines if k[0] == name]:
                _close(self._engines.pop(key))
        return provision.remove(self.model_dir, name)

    def engine(
        self, name: str | None = None, progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Engine:  # fmt: skip
        """A loaded engine for the model (prepared first if needed), cached per model and device."""
        from ideaforge.gen.engine import Engine

        name = name or self.active()
        choice = self.device()
        key = (name, choice.device)
        with self._lock:
            cached = self._engines.get(key)
        if cached is not None:
            return cached
        installed = self.prepare(name, choice.device, progress, cancel)
        progress(0, None, tr("Loading {model}", model=name))
        if self.separate_process:
            from ideaforge.gen.remote import RemoteEngine

            engine: Engine = RemoteEngine(  # type: ignore[assignment]
                installed.path, choice, installed.manifest.eos_token_ids
            )
        else:
            engine = Engine(installed.path, choice, installed.manifest.eos_token_ids)
        with self._lock:
            self._engines[key] = engine
        return engine

    def languages_of(self, name: str) -> tuple[tuple[str, ...], str]:
        """The languages a model writes and its title: a built-in's own, else what its manifest
        recorded at download (empty for an imported model: unknown)."""
        model = BUILTIN.get(name)
        if model is not None:
            return model.languages, model.title
        for st in provision.list_installed(self.model_dir):
            if st.name == name and st.model is not None and st.model.manifest.languages:
                return tuple(st.model.manifest.languages), name
        return (), name

    def source_of(self, name: str, target: str) -> str:
        """Where an installed model came from, for provenance: 'builtin:<package>',
        'catalogue:<entry> <repository>@<revision>', or the imported file or folder."""
        st = provision.check(self.model_dir, name, target)
        if st.model is None:
            return ""
        m = st.model.manifest
        if m.source_path.startswith("catalogue:"):
            return m.source_path
        return f"{m.source}:{m.source_path}"

    def check_language(self, name: str, language: str) -> None:
        languages, title = self.languages_of(name)
        if not languages:  # an imported model: what it writes is not known, so let it try
            return
        if language == "mixed" and "zh-TW" not in languages:
            raise InvalidInput(
                tr(
                    "{model} writes no readable Chinese, so it cannot brainstorm a session in "
                    "Chinese and English. Use {DEFAULT_MODEL} (the default) instead.",
                    model=title,
                    DEFAULT_MODEL=DEFAULT_MODEL,
                )
            )
        if language == "zh-TW" and "zh-TW" not in languages:
            raise InvalidInput(
                tr(
                    "{model} writes no readable Chinese, so it cannot brainstorm a "
                    "Traditional Chinese session. Use {DEFAULT_MODEL} (the default) "
                    "instead.",
                    model=title,
                    DEFAULT_MODEL=DEFAULT_MODEL,
                )
            )

    # --- the catalogue: downloads only when a person asks ------------------------------------

    def catalogue(self) -> list[CatalogueEntry]:
        """The builds people can download (resources/models/catalogue.json). Reads a file."""
        return catalogue.load_catalogue(self.catalogue_path)

    def catalogue_entry(self, entry_id: str) -> CatalogueEntry:
        for e in self.catalogue():
            if e.id == entry_id:
                return e
        raise NotFound(
            tr(
                "The catalogue has no model '{entry}'. Run 'models catalogue' to list them.",
                entry=entry_id,
            )
        )

    def hardware(self) -> Hardware:
        """Memory, free disk at the models folder and a real GPU probe. No network."""
        return catalogue.probe_hardware(self.model_dir)

    def assess(
        self, language: str = "en", hardware: Hardware | None = None
    ) -> tuple[list[Fit], Fit | None]:
        """Which catalogue builds fit this computer, and the one to recommend for ``language``.
        ``hardware``: a probe the caller already made (it shows it too), else a new one."""
        entries = self.catalogue()
        ready = {
            (st.name, st.target)
            for st in provision.list_installed(self.model_dir)
            if st.status == "ready"
        }
        installed = [e.id for e in entries if (e.model, e.target) in ready]
        fits = catalogue.assess(entries, hardware or self.hardware(), installed)
        # a mixed session needs a model that writes Chinese (check_language refuses others)
        wanted = "zh-TW" if language == "mixed" else language
        return fits, catalogue.recommend(fits, wanted)

    def licence_accepted(self, entry: CatalogueEntry) -> bool:
        if not entry.licence.requires_acceptance:
            return True
        accepted = read_prefs(self.ws.settings.data_dir).get("accepted_licences") or []
        return isinstance(accepted, list) and entry.id in accepted

    def accept_licence(self, entry_id: str) -> None:
        """Record that the person accepted the entry's licence (shown to them first)."""
        entry = self.catalogue_entry(entry_id)
        accepted = read_prefs(self.ws.settings.data_dir).get("accepted_licences") or []
        if not isinstance(accepted, list):
            accepted = []
        if entry.id not in accepted:
            write_prefs(self.ws.settings.data_dir, accepted_licences=[*accepted, entry.id])

    def downloaded_bytes(self, entry_id: str) -> int:
        """What an interrupted download left to resume from (0 if nothing)."""
        e = self.catalogue_entry(entry_id)
        return downloads.partial_bytes(self.model_dir, e.model, e.target)

    def discard_download(self, entry_id: str) -> None:
        e = self.catalogue_entry(entry_id)
        downloads.discard_partial(self.model_dir, e.model, e.target)

    def download(
        self,
        entry_id: str,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
        pause: threading.Event | None = None,
        *,
        accept_licence: bool = False,
        on_stage: Callable[[str], None] | None = None,
    ) -> provision.InstalledModel:
        """Download, check and install a catalogue build (a GGUF is then converted as the
        built-in models are). Only ever called because a person asked for this model.

        ``on_stage`` hears "convert" when the download is complete and a GGUF's conversion
        starts: from there on pausing has no effect (cancel still works)."""
        e = self.catalogue_entry(entry_id)
        if e.builtin:  # its weights come with IdeaForge's packages: nothing to download
            return self.prepare(e.model, e.target, progress, cancel)
        if accept_licence:
            self.accept_licence(e.id)
        if not self.licence_accepted(e):
            raise LicenceNotAccepted(
                tr(
                    "{model} comes under the {licence} ({url}). Read it, then accept it in the "
                    "Models window or with --accept-licence.",
                    model=e.title,
                    licence=e.licence.name,
                    url=e.licence.url,
                )
            )
        recorded = self._recorded(e.id)
        files = [
            downloads.RemoteFile(
                f.url,
                local,
                f.size if f.size_exact else recorded.get(local, {}).get("size"),
                f.sha256 or recorded.get(local, {}).get("sha256"),
            )
            for f, local in zip(e.files, local_paths(e), strict=True)
        ]
        origin = f"catalogue:{e.id} {e.source.repository}@{e.source.revision}"
        if e.format == "onnxruntime-genai":

            def manifest(folder: Path, _files: list[downloads.RecordedFile]) -> provision.Manifest:
                eos, pad = provision.special_tokens(folder)
                return provision.Manifest(
                    e.model, "catalogue", origin, "", provision.builder_version(),
                    e.quantisation, e.target, e.family, list(e.languages), eos, pad,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                )  # fmt: skip

            done = downloads.download_model(
                files, self.model_dir, e.model, e.target, manifest, progress=progress,
                cancel=cancel, pause=pause,
            )  # fmt: skip
            self._record(e.id, done.files)
            return done.model
        gguf_name = files[0].path
        if len(files) > 1:  # published in parts (gguf-split): joined before the conversion
            joined = gguf_split.joined_name([f.path for f in files])
            if joined is None:
                raise ModelUnsupported(
                    tr(
                        "{model} is a GGUF in {parts} files that are not the parts of one "
                        "gguf-split model, so IdeaForge cannot install it.",
                        model=e.title,
                        parts=len(files),
                    )
                )
            gguf_name = joined
        folder = downloads.partial_folder(self.model_dir, e.model, e.target)
        # A join that finished before (its conversion was then cancelled) is not done again.
        joined_before = len(files) > 1 and (folder / gguf_name).is_file()
        if not joined_before:
            got = downloads.fetch(files, folder, progress=progress, cancel=cancel, pause=pause)
            self._record(e.id, got)
        if on_stage is not None:
            on_stage("convert")
        if len(files) > 1 and not joined_before:
            order = sorted(files, key=lambda f: gguf_split.part_number(f.path) or ("", 0, 0))
            gguf_split.join([folder / f.path for f in order], folder / gguf_name, progress,
                            cancel)  # fmt: skip
            for f in files:  # the parts are in the joined file now: free their disk space
                (folder / f.path).unlink(missing_ok=True)
        installed = provision.import_model(
            self.model_dir, folder / gguf_name, e.model, e.target, progress, cancel,
            origin=origin, languages=e.languages,
        )  # fmt: skip
        downloads.discard_partial(self.model_dir, e.model, e.target)  # the GGUF, now converted
        return installed

    def verify(self, name: str) -> list[str]:
        """Check an installed model's files against its manifest (sizes) and, for a catalogue
        download used as published, against the SHA-256 the catalogue or the first download
        recorded. Returns what was checked; raises ModelCorrupt on the first mismatch."""
        states = [s for s in provision.list_installed(self.model_dir) if s.name == name]
        if not states and name not in BUILTIN:
            raise ModelMissing(tr("No model called '{name}' is installed.", name=name))
        checked: list[str] = []
        for st in states:
            if st.model is None:
                raise ModelCorrupt(
                    tr(
                        "{name} ({target}) is {status}: {reason}.",
                        name=name,
                        target=st.target,
                        status=st.status,
                        reason=st.reason,
                    )
                )
            sums = self._expected_sums(st.model.manifest)
            for rel in st.model.manifest.files:
                expected = sums.get(rel)
                if expected and provision.sha256_file(st.model.path / rel) != expected:
                    raise ModelCorrupt(
                        tr(
                            "{file} of {name} ({target}) has changed since it was downloaded "
                            "(SHA-256 differs). Download it again.",
                            file=rel,
                            name=name,
                            target=st.target,
                        )
                    )
            checked.append(
                tr(
                    "{name} ({target}): {files} files, sizes as installed{sums}",
                    name=name,
                    target=st.target,
                    files=len(st.model.manifest.files),
                    sums=tr(", {count} SHA-256 checked", count=len(sums)) if sums else "",
                )
            )
        return checked

    def _expected_sums(self, manifest: provision.Manifest) -> dict[str, str]:
        if manifest.source != "catalogue":
            return {}
        entry_id = manifest.source_path.removeprefix("catalogue:").split(" ")[0]
        try:
            e = self.catalogue_entry(entry_id)
        except NotFound:
            return {}
        recorded = self._recorded(e.id)
        sums = {
            local: f.sha256 or recorded.get(local, {}).get("sha256")
            for f, local in zip(e.files, local_paths(e), strict=True)
        }
        return {k: str(v) for k, v in sums.items() if v}

    # Sizes and checksums of files the catalogue could not give, from their first download.
    def _recorded(self, entry_id: str) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads((self.model_dir / RECORDED).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        entry = data.get(entry_id, {}) if isinstance(data, dict) else {}
        return entry if isinstance(entry, dict) else {}

    def _record(self, entry_id: str, files: list[downloads.RecordedFile]) -> None:
        path = self.model_dir / RECORDED
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        data[entry_id] = {f.path: {"size": f.size, "sha256": f.sha256} for f in files}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)

    def close(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                _close(engine)
            self._engines.clear()


def _close(engine: object) -> None:
    close = getattr(engine, "close", None)  # a RemoteEngine ends its process
    if close is not None:
        close()
