"""The generator in its own process, for the desktop app.

onnxruntime-genai keeps Python's GIL while it computes: a 4 s prefill in a worker thread froze
the window for 4 s (measured with benchmarks/gui_latency.py). ``RemoteEngine`` has Engine's
interface but runs the real Engine in a child process (spawned, so no Qt state is inherited) and
streams its updates over a pipe; the calling thread only waits on the pipe, which releases the
GIL, so the GUI thread keeps running.

Protocol (tuples over one duplex pipe). Parent to child: ("prompt", messages, prefill),
("generate", prompts, sampling), ("stop", index), ("cancel",), ("quit",). Child to parent:
("ready", device, note) or ("error", kind, message) once at start; ("text", str);
("update", SequenceUpdate, stats); ("done", stats); ("cancelled", stats); ("error", kind, msg).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ideaforge.core import i18n
from ideaforge.core.errors import IdeaForgeError, InvalidInput, ModelCorrupt, ModelError
from ideaforge.core.i18n import tr
from ideaforge.core.progress import Cancelled, CancelToken
from ideaforge.gen.device import DeviceChoice
from ideaforge.gen.engine import RunStats, Sampling, SequenceUpdate, StopCheck

_ERRORS: dict[str, type[IdeaForgeError]] = {
    "ModelCorrupt": ModelCorrupt,
    "InvalidInput": InvalidInput,
}
_STATS = ("prompt_tokens", "generated_tokens", "seconds", "batches", "first_output_s")


def _serve(
    conn: Any, path: str, device: DeviceChoice, eos: list[int], language: str = "en"
) -> None:
    """The child: load the model, then answer requests until told to quit. Its errors are
    written in the parent's ``language``."""
    from ideaforge.core import i18n
    from ideaforge.gen.engine import Engine

    i18n.set_language(language)

    try:
        engine = Engine(Path(path), device, eos)
    except Exception as error:
        conn.send(("error", type(error).__name__, str(error)))
        return
    conn.send(("ready", engine.device, engine.device_note))
    requests: queue.Queue[tuple[Any, ...]] = queue.Queue()
    state: dict[str, Any] = {"token": CancelToken(), "stopped": set()}

    def read() -> None:  # control messages act at once, even in the middle of a run
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                requests.put(("quit",))
                return
            if msg[0] == "cancel":
                state["token"].cancel()
            elif msg[0] == "stop":
                state["stopped"].add(msg[1])
            else:
                requests.put(msg)
                if msg[0] == "quit":
                    return

    threading.Thread(target=read, daemon=True).start()
    while True:
        msg = requests.get()
        if msg[0] == "quit":
            return
        try:
            if msg[0] == "prompt":
                conn.send(("text", engine.chat_prompt(msg[1], msg[2])))
                continue
            state["token"], state["stopped"] = CancelToken(), set()
            stats = RunStats()
            stopped: set[int] = state["stopped"]

            def stop(index: int, text: str, stopped: set[int] = stopped) -> bool:
                return index in stopped

            try:
                for update in engine.generate(msg[1], msg[2], state["token"], stop, stats):
                    conn.send(("update", update, _snapshot(stats)))
            except Cancelled:
                conn.send(("cancelled", _snapshot(stats)))
                continue
            conn.send(("done", _snapshot(stats)))
        except Exception as error:
            conn.send(("error", type(error).__name__, str(error)))


def _snapshot(stats: RunStats) -> dict[str, Any]:
    data = asdict(stats)
    return {k: data[k] for k in _STATS}


class RemoteEngine:
    """Engine's interface; the model lives in a child process (see the module's docstring)."""

    def __init__(
        self, model_path: Path, device: DeviceChoice, eos_token_ids: Sequence[int]
    ) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self.path = model_path
        self.lock = threading.Lock()
        self._busy = False  # a run was abandoned (cancel) and its end is still in the pipe
        self._process = ctx.Process(
            target=_serve,
            args=(child, str(model_path), device, [int(t) for t in eos_token_ids], i18n.language()),
            name="ideaforge-engine",
            daemon=True,
        )
        self._process.start()
        child.close()
        msg = self._recv()
        if msg[0] != "ready":
            self.close()
            self._raise(msg)
        self.device, self.device_note = msg[1], msg[2]

    def _recv(self, timeout: float | None = None) -> tuple[Any, ...]:
        if timeout is not None and not self._conn.poll(timeout):
            return ("timeout",)
        try:
            msg: tuple[Any, ...] = self._conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode
            raise ModelError(
                tr(
                    "The model process stopped unexpectedly (exit code {code}). Try again; "
                    "if it keeps happening, prepare the model again ('models prepare').",
                    code=code,
                )
            ) from None
        return msg

    @staticmethod
    def _raise(msg: tuple[Any, ...]) -> None:
        kind = _ERRORS.get(str(msg[1]), ModelError)
        raise kind(str(msg[2]))

    def _drain(self) -> None:
        """Wait out an abandoned run's last messages, so replies match requests again."""
        while self._busy:
            if self._recv()[0] in ("done", "cancelled", "error"):
                self._busy = False

    def chat_prompt(self, messages: list[dict[str, str]], prefill: str = "") -> str:
        self._drain()
        self._conn.send(("prompt", messages, prefill))
        msg = self._recv()
        if msg[0] != "text":
            self._raise(msg)
        return str(msg[1])

    def generate(
        self,
        prompts: Sequence[str],
        sampling: Sampling,
        cancel: CancelToken | None = None,
        should_stop: StopCheck | None = None,
        stats: RunStats | None = None,
    ) -> Iterator[SequenceUpdate]:
        sampling.check()
        self._drain()
        stats = stats if stats is not None else RunStats()
        self._conn.send(("generate", list(prompts), sampling))
        self._busy = True
        finished: set[int] = set()
        try:
            while True:
                if cancel is not None and cancel.cancelled:
                    self._conn.send(("cancel",))
                    raise Cancelled()
                msg = self._recv(timeout=0.05)
                kind = msg[0]
                if kind == "timeout":
                    continue
                if kind == "error":
                    self._busy = False
                    self._raise(msg)
                self._copy(msg[-1], stats)
                if kind in ("done", "cancelled"):
                    self._busy = False
                    if kind == "cancelled":
                        raise Cancelled()
                    return
                update: SequenceUpdate = msg[1]
                if update.index in finished:
                    continue  # the child had not yet heard that this sequence has enough
                if update.done:
                    finished.add(update.index)
                elif should_stop is not None and should_stop(update.index, update.text):
                    update.done, update.reason = True, "enough"
                    finished.add(update.index)
                    self._conn.send(("stop", update.index))
                yield update
        except GeneratorExit:
            # The consumer stopped early: end the child's run too, its end is drained later.
            if self._busy:
                self._conn.send(("cancel",))
            raise

    @staticmethod
    def _copy(snapshot: dict[str, Any], stats: RunStats) -> None:
        for key in _STATS:
            setattr(stats, key, snapshot[key])

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # already gone
            self._conn.send(("quit",))
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)
        self._conn.close()
