"""Diverge: have the local model write ideas for a session, clean them, keep the good ones.

Ideas are saved in small batches as they come and only then handed to the caller, so every
idea a person sees is already stored. Cancel returns control at once (the engine is driven
from a worker thread that stops at its next token step) and keeps what was finished.
"""

from __future__ import annotations

import math
import os
import queue
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ideaforge.core.errors import IdeaForgeError, InvalidInput
from ideaforge.core.i18n import tr
from ideaforge.core.model import GenerationRun, Idea, Language, Provenance, utcnow
from ideaforge.core.progress import Cancelled, CancelToken, Progress, no_progress
from ideaforge.gen.engine import RunStats, Sampling, SequenceUpdate
from ideaforge.gen.filters import REASONS as REJECTION_REASONS
from ideaforge.gen.filters import IdeaFilter, split_list
from ideaforge.gen.prompts import (
    IDEAS_PER_LIST,
    Lens,
    build_messages,
    lens_plan,
    prefill,
    resolve_lenses,
    sequence_language,
)
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace

__all__ = ["REJECTION_REASONS", "DivergeRequest", "DivergeResult", "DivergeService", "LensInfo"]

MAX_COUNT = 2_000
PROMPT_DESIGN = "list-v1"
# Stated power draw for the energy estimate (IDEAFORGE_POWER_WATTS overrides): a laptop or
# desktop CPU package under full load on a few cores, and an H100 PCIe board at its TDP.
DEFAULT_WATTS = {"cpu": 30.0, "cuda": 350.0}
REJECTED_SAMPLES = 200


@dataclass(slots=True)
class DivergeRequest:
    session_id: int
    count: int = 50
    lenses: list[str] | None = None
    model: str | None = None
    seed: int | None = None
    temperature: float = 0.9
    top_p: float = 0.95
    max_tokens: int = 200
    batch_size: int = 8
    list_size: int = IDEAS_PER_LIST
    avoid_existing: bool = True


@dataclass(slots=True)
class DivergeResult:
    run: GenerationRun
    ideas: list[Idea] = field(default_factory=list)
    first_idea_s: float | None = None


@dataclass(frozen=True, slots=True)
class LensInfo:
    id: str
    group: str
    title: str
    wild: bool


class DivergeService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def lenses(self, language: str = "en") -> list[LensInfo]:
        """Every lens with its title in ``language``, in the catalogue's order."""
        from ideaforge.gen.prompts import load_lenses

        return [
            LensInfo(x.id, x.group, x.title_for(language), x.wild) for x in load_lenses().values()
        ]

    def runs(self, session_id: int) -> list[GenerationRun]:
        return self.ws.store.read(lambda uow: uow.runs.list(session_id))

    def generate(
        self,
        req: DivergeRequest,
        on_idea: Callable[[Idea], None] | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> DivergeResult:
        """Generate until ``req.count`` ideas are kept, the attempt budget is spent, or Cancel."""
        if not 1 <= req.count <= MAX_COUNT:
            raise InvalidInput(
                tr(
                    "Ask for 1 to {MAX_COUNT:,} ideas; got {count}.",
                    MAX_COUNT=MAX_COUNT,
                    count=req.count,
                )
            )
        if not 1 <= req.list_size <= 10:
            raise InvalidInput(
                tr("Ideas per sequence must be 1 to 10; got {list_size}.", list_size=req.list_size)
            )
        cancel = cancel or CancelToken()
        session = self.ws.sessions.get(req.session_id)
        model_name = req.model or self.ws.models.active()
        lang = session.language
        self.ws.models.check_language(model_name, lang.value)
        # Measured (benchmarks/idea_quality.py, read by hand): with the 1.5B model, lenses made
        # English ideas more diverse and slightly more usable, but Chinese ones far worse
        # (abstract lenses were taken literally). Sessions in Chinese, or in both languages,
        # default to the plain prompt.
        default = ["plain"] if lang in (Language.ZH_TW, Language.MIXED) else None
        lenses = resolve_lenses(req.lenses if req.lenses is not None else default)
        seed = req.seed if req.seed is not None else random.SystemRandom().randrange(2**31)
        sampling = Sampling(req.temperature, req.top_p, req.max_tokens, seed, req.batch_size)
        sampling.check()

        engine = self.ws.models.engine(model_name, progress, cancel)
        existing = (
            [i.text for i in self.ws.ideas.list(req.session_id)] if req.avoid_existing else []
        )
        filt = IdeaFilter(session.challenge, lang, existing=list(existing))
        watts = float(os.environ.get("IDEAFORGE_POWER_WATTS") or DEFAULT_WATTS[engine.device])
        settings = sampling.to_json() | {
            "list_size": req.list_size, "prompt": PROMPT_DESIGN, "lenses": [x.id for x in lenses],
            "device": engine.device, "device_note": engine.device_note,
            "model_source": self.ws.models.source_of(model_name, engine.device),
        }  # fmt: skip
        run = GenerationRun(
            id=uuid.uuid4().hex, session_id=req.session_id, model=model_name,
            device=engine.device, settings=settings, requested=req.count, power_watts=watts,
            message=engine.device_note,
        )  # fmt: skip
        self.ws.store.write(lambda uow: uow.runs.save(run))
        result = DivergeResult(run)
        stats = RunStats()
        rejected: list[dict[str, Any]] = []
        pending: list[tuple[str, Lens]] = []
        last_flush = time.monotonic()
        started = time.monotonic()

        def flush() -> None:
            nonlocal last_flush
            if not pending:
                return
            provs = [
                Provenance(
                    model_name,
                    lens.id,
                    settings | {"lens_title": lens.title_for("en")},
                    seed,
                    run.id,
                )
                for _, lens in pending
            ]
            saved = self.ws.ideas.add_generated(req.session_id, [t for t, _ in pending], provs)
            pending.clear()
            last_flush = time.monotonic()
            for idea in saved:
                if result.first_idea_s is None:
                    result.first_idea_s = time.monotonic() - started
                result.ideas.append(idea)
                if on_idea is not None:
                    on_idea(idea)

        # Sequences are planned in rounds: enough for the ideas still missing at the share the
        # filters have kept so far, never more than the attempt budget (5x the ask).
        budget = max(req.batch_size, math.ceil(5 * req.count / req.list_size))
        used = 0
        status, message = "finished", engine.device_note
        try:
            while len(result.ideas) + len(pending) < req.count and used < budget:
                kept_share = max(0.25, filt.counts["kept"] / max(1, sum(filt.counts.values())))
                missing = req.count - len(result.ideas) - len(pending)
                n = min(
                    budget - used,
                    max(req.batch_size, math.ceil(missing / (req.list_size * kept_share))),
                )
                n = math.ceil(n / req.batch_size) * req.batch_size
                plan = lens_plan(lenses, n, seed + used)
                avoid = self._avoid_list(existing + [i.text for i in result.ideas], seed + used)
                prompts = [
                    engine.chat_prompt(
                        build_messages(
                            session.challenge,
                            lens,
                            sequence_language(lang, used + k),
                            list_size=req.list_size,
                            avoid=avoid,
                        ),
                        prefill(req.list_size),
                    )
                    for k, lens in enumerate(plan)
                ]
                round_sampling = replace(sampling, seed=(seed + used) % 2**31)
                used += n
                seen: dict[int, int] = {}

                def should_stop(index: int, text: str) -> bool:
                    return len(split_list(text)) > req.list_size  # one line past the last item

                def run_round(
                    token: CancelToken,
                    p: list[str] = prompts,
                    s: Sampling = round_sampling,
                    stop: Any = should_stop,
                ) -> Iterator[SequenceUpdate]:
                    with engine.lock:  # one run at a time per loaded model
                        yield from engine.generate(p, s, token, stop, stats)

                for update in self._pump(run_round, cancel):
                    items = split_list(update.text) if req.list_size > 1 else [update.text]
                    complete = items if update.done else items[:-1]
                    complete = complete[: req.list_size]
                    for k in range(seen.get(update.index, 0), len(complete)):
                        last = update.done and k == len(items) - 1
                        verdict = filt.check(
                            complete[k], cut_off=last and update.reason == "length"
                        )
                        result.run = replace(result.run, raw_outputs=result.run.raw_outputs + 1)
                        if verdict.ok:
                            pending.append((verdict.text, plan[update.index]))
                            if len(result.ideas) + len(pending) >= req.count:
                                break  # one list can hold more than the ideas still wanted
                        elif len(rejected) < REJECTED_SAMPLES:
                            rejected.append(
                                {"text": verdict.text or complete[k], "reason": verdict.reason,
                                 "lens": plan[update.index].id}
                            )  # fmt: skip
                    seen[update.index] = len(complete)
                    if len(pending) >= 4 or time.monotonic() - last_flush > 0.5:
                        flush()
                    done_ideas = len(result.ideas) + len(pending)
                    progress(
                        min(done_ideas, req.count),
                        req.count,
                        tr("{count} ideas kept", count=done_ideas),
                    )
                    if done_ideas >= req.count:
                        break
        except Cancelled:
            status, message = "cancelled", "Cancelled; the ideas finished before it were kept."
        except IdeaForgeError as error:
            status, message = "failed", str(error)
            raise
        except BaseException as error:  # anything else that stops it (the output was closed)
            status, message = "failed", f"Stopped: {type(error).__name__}: {error}"
            raise
        finally:
            try:
                flush()
            finally:
                seconds = time.monotonic() - started
                result.run = replace(
                    result.run, status=status, message=message, kept=len(result.ideas),
                    settings=result.run.settings | {"converted_to_traditional": filt.converted},
                    rejected={k: v for k, v in filt.counts.items() if k != "kept"},
                    rejected_samples=rejected, prompt_tokens=stats.prompt_tokens,
                    generated_tokens=stats.generated_tokens, seconds=seconds,
                    energy_wh=watts * seconds / 3600.0, finished_at=utcnow(),
                )  # fmt: skip
                final = result.run
                self.ws.store.write(lambda uow: uow.runs.save(final))
                self.ws.emit(Change(req.session_id, ideas=True, meta={"run": run.id}))
        return result

    @staticmethod
    def _avoid_list(texts: list[str], seed: int, k: int = 5) -> list[str]:
        if len(texts) <= k:
            return list(texts)
        return random.Random(seed).sample(texts, k)

    @staticmethod
    def _pump(
        make: Callable[[CancelToken], Iterator[SequenceUpdate]], cancel: CancelToken
    ) -> Iterator[SequenceUpdate]:
        """Drive the engine in a worker thread; return within ~50 ms of Cancel.

        The engine checks its token between token steps, but its prefill is one call that
        cannot be interrupted: on Cancel the person gets control back at once and the worker
        ends by itself at its next step. When the consumer stops early (enough ideas), the
        worker is stopped and waited for, so the model is free for the next round."""
        q: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=64)
        inner = CancelToken()

        def put(kind: str, value: Any) -> bool:
            while not inner.cancelled:
                try:
                    q.put((kind, value), timeout=0.05)
                    return True
                except queue.Full:
                    continue
            return False

        def work() -> None:
            try:
                for item in make(inner):
                    if not put("item", item):
                        return
                put("end", None)
            except Cancelled:
                return
            except BaseException as error:  # handed to the consumer, re-raised there
                put("error", error)

        worker = threading.Thread(target=work, name="ideaforge-generate", daemon=True)
        worker.start()
        try:
            while True:
                if cancel.cancelled:
                    raise Cancelled()
                try:
                    kind, value = q.get(timeout=0.05)
                except queue.Empty:
                    continue
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            inner.cancel()
            if not cancel.cancelled:
                worker.join()
