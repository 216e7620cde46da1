"""Model use cases: list, prepare, import, choose, remove; and loading engines for generation."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ideaforge.core.errors import InvalidInput, ModelMissing
from ideaforge.core.i18n import tr
from ideaforge.core.progress import CancelToken, Progress, no_progress
from ideaforge.gen import provision
from ideaforge.gen.catalog import BUILTIN, DEFAULT_MODEL
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


class ModelService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._engines: dict[tuple[str, str], Engine] = {}
        self._lock = threading.Lock()
        # The desktop app sets this: the model then runs in its own process, because
        # onnxruntime-genai holds the GIL while it computes and would freeze the window.
        self.separate_process = False

    @property
    def model_dir(self) -> Path:
        return self.ws.settings.model_dir

    def active(self) -> str:
        name = read_prefs(self.ws.settings.data_dir).get("model")
        return str(name) if name else DEFAULT_MODEL

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
            infos.append(ModelInfo(name, name, False, name == active, (), states, "imported"))
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

    def prepare(
        self,
        name: str | None = None,
        target: str | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> provision.InstalledModel:
        """Make a model ready to run on ``target`` (default: the device that will run it)."""
        name = name or self.active()
        target = target or self.device().device
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

    def check_language(self, name: str, language: str) -> None:
        model = BUILTIN.get(name)
        if model is not None and language == "mixed" and "zh-TW" not in model.languages:
            raise InvalidInput(
                tr(
                    "{model} writes no readable Chinese, so it cannot brainstorm a session in "
                    "Chinese and English. Use {DEFAULT_MODEL} (the default) instead.",
                    model=model.title,
                    DEFAULT_MODEL=DEFAULT_MODEL,
                )
            )
        if model is not None and language == "zh-TW" and "zh-TW" not in model.languages:
            raise InvalidInput(
                tr(
                    "{model} writes no readable Chinese, so it cannot brainstorm a "
                    "Traditional Chinese session. Use {DEFAULT_MODEL} (the default) "
                    "instead.",
                    model=model.title,
                    DEFAULT_MODEL=DEFAULT_MODEL,
                )
            )

    def close(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                _close(engine)
            self._engines.clear()


def _close(engine: object) -> None:
    close = getattr(engine, "close", None)  # a RemoteEngine ends its process
    if close is not None:
        close()
