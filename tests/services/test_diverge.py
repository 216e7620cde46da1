"""Diverge with the real tiny model (and one test with the default model)."""

from __future__ import annotations

import threading
import time

import pytest

from ideaforge.core.errors import InvalidInput
from ideaforge.core.model import Idea, Language, Origin
from ideaforge.core.progress import CancelToken
from ideaforge.services.diverge import DivergeRequest
from ideaforge.services.workspace import Workspace

BIKE = "How might we make bike commuting safer for new riders?"


def test_generated_ideas_are_stored_with_provenance_and_footprint(gen_workspace: Workspace) -> None:
    ws = gen_workspace
    s = ws.sessions.new(BIKE)
    shown: list[Idea] = []
    progress: list[tuple[int, int | None]] = []
    res = ws.diverge.generate(
        DivergeRequest(s.id, count=6, model="smollm2-135m", seed=7, lenses=["SCAMPER"]),
        on_idea=shown.append, progress=lambda d, t, m: progress.append((d, t)),
    )  # fmt: skip
    run = res.run
    stored = ws.ideas.list(s.id)
    assert [i.id for i in shown] == [i.id for i in stored] == [i.id for i in res.ideas]
    assert run.status == "finished" and run.kept == len(stored)
    assert run.raw_outputs == run.kept + sum(run.rejected.values())
    assert run.generated_tokens > 0 and run.prompt_tokens > 0 and run.seconds > 0
    assert run.device == "cpu" and run.energy_wh == pytest.approx(
        run.power_watts * run.seconds / 3600
    )
    assert run.settings["seed"] == 7 and run.settings["prompt"] == "list-v1"
    for idea in stored:
        assert idea.origin is Origin.MODEL and idea.author_id is None
        p = idea.provenance
        assert p is not None and p.model == "smollm2-135m" and p.seed == 7 and p.run_id == run.id
        assert p.lens.startswith("scamper-") and p.settings["temperature"] == 0.9
    assert ws.diverge.runs(s.id)[-1] == run
    assert all(s["reason"] for s in run.rejected_samples)
    assert progress and progress[-1][1] == 6
    actions = [e.action for e in ws.history(s.id) if e.entity == "idea"]
    assert actions == ["add"] * len(stored)


def test_same_seed_same_ideas_in_two_sessions(gen_workspace: Workspace) -> None:
    ws = gen_workspace
    texts = []
    for _ in range(2):
        s = ws.sessions.new(BIKE)
        res = ws.diverge.generate(DivergeRequest(s.id, count=4, model="smollm2-135m", seed=99))
        texts.append([i.text for i in res.ideas])
    assert texts[0] == texts[1] and texts[0]


def test_cancel_returns_fast_and_keeps_finished_ideas(gen_workspace: Workspace) -> None:
    ws = gen_workspace
    s = ws.sessions.new(BIKE)
    token = CancelToken()
    stopped_at: list[float] = []

    def on_idea(idea: Idea) -> None:
        if not token.cancelled:
            stopped_at.append(time.monotonic())
            token.cancel()

    res = ws.diverge.generate(
        DivergeRequest(s.id, count=500, model="smollm2-135m", seed=1), on_idea=on_idea, cancel=token
    )
    returned = time.monotonic()
    assert res.run.status == "cancelled" and "kept" in res.run.message
    stored = ws.ideas.list(s.id)
    assert len(stored) == len(res.ideas) == res.run.kept >= 1
    assert ws.diverge.runs(s.id)[-1].status == "cancelled"
    print(f"cancel to return: {returned - stopped_at[0]:.3f} s")


def test_cancel_from_another_thread(gen_workspace: Workspace) -> None:
    ws = gen_workspace
    s = ws.sessions.new(BIKE)
    token = CancelToken()
    threading.Timer(1.5, token.cancel).start()
    res = ws.diverge.generate(
        DivergeRequest(s.id, count=2000, model="smollm2-135m", seed=2), cancel=token
    )
    assert res.run.status == "cancelled"
    assert len(ws.ideas.list(s.id)) == res.run.kept


def test_stopping_early_with_a_full_batch_does_not_hang(gen_workspace: Workspace) -> None:
    """Enough ideas arrive long before a batch of 32 ends: the run must stop, not wait."""
    ws = gen_workspace
    s = ws.sessions.new(BIKE)
    res = ws.diverge.generate(
        DivergeRequest(s.id, count=2, model="smollm2-135m", seed=3, batch_size=32)
    )
    assert res.run.status == "finished" and res.run.kept == 2
    again = ws.diverge.generate(
        DivergeRequest(s.id, count=1, model="smollm2-135m", seed=4, batch_size=32)
    )
    assert again.run.kept == 1  # the model was released for the next run


def test_exactly_the_number_asked_for(gen_workspace: Workspace) -> None:
    """A finished list can hold several good ideas at once: the run keeps exactly as many as
    were asked for, whatever the seed."""
    ws = gen_workspace
    s = ws.sessions.new(BIKE)
    for seed, count in ((11, 3), (12, 1), (13, 7)):
        res = ws.diverge.generate(
            DivergeRequest(s.id, count=count, model="smollm2-135m", seed=seed, list_size=5)
        )
        assert res.run.kept == count == len(res.ideas), (seed, res.run.kept)
    assert len(ws.ideas.list(s.id)) == 11


def test_bad_requests(gen_workspace: Workspace) -> None:
    ws = gen_workspace
    s = ws.sessions.new(BIKE)
    with pytest.raises(InvalidInput, match="1 to 2,000 ideas"):
        ws.diverge.generate(DivergeRequest(s.id, count=0))
    with pytest.raises(InvalidInput, match="not a lens"):
        ws.diverge.generate(
            DivergeRequest(s.id, count=3, lenses=["telepathy"], model="smollm2-135m")
        )
    with pytest.raises(InvalidInput, match="Batch size"):
        ws.diverge.generate(DivergeRequest(s.id, count=3, batch_size=64, model="smollm2-135m"))
    zh = ws.sessions.new("我們如何讓新手騎自行車通勤更安全？")
    assert zh.language is Language.ZH_TW
    with pytest.raises(InvalidInput, match="writes no readable Chinese"):
        ws.diverge.generate(DivergeRequest(zh.id, count=3, model="smollm2-135m"))
    assert ws.ideas.list(zh.id) == []
    both = ws.sessions.new("How might we 讓長者更常出門走走?", language="mixed")
    with pytest.raises(InvalidInput, match="in Chinese and English"):
        ws.diverge.generate(DivergeRequest(both.id, count=3, model="smollm2-135m"))
    assert ws.ideas.list(both.id) == []


def test_odd_unicode_challenge_still_generates(gen_workspace: Workspace) -> None:
    ws = gen_workspace
    s = ws.sessions.new("How might we 🚲 make\u200b commuting safer — for «new» riders\u202e?")
    res = ws.diverge.generate(DivergeRequest(s.id, count=2, model="smollm2-135m", seed=4))
    assert res.run.status == "finished" and res.run.raw_outputs > 0


@pytest.mark.slow
def test_default_model_writes_traditional_chinese(
    gen_workspace: Workspace, default_model: object
) -> None:
    import opencc

    ws = gen_workspace
    s = ws.sessions.new("我們如何減少學校午餐的食物浪費？")
    res = ws.diverge.generate(
        DivergeRequest(s.id, count=4, model="qwen2.5-1.5b", seed=5, batch_size=4)
    )
    assert res.run.kept >= 1, res.run.rejected_samples
    to_trad = opencc.OpenCC("s2twp")
    for idea in res.ideas:
        assert idea.language is Language.ZH_TW
        assert to_trad.convert(idea.text) == idea.text  # nothing left in Simplified
    print([i.text for i in res.ideas])


@pytest.mark.slow
def test_default_model_brainstorms_a_mixed_session_in_both_languages(
    gen_workspace: Workspace, default_model: object
) -> None:
    """A mixed session's sequences alternate Traditional Chinese and English prompts, so its
    ideas come in both languages, each idea in one."""
    ws = gen_workspace
    s = ws.sessions.new("How might we 讓獨居長者更常出門走走？", language="mixed")
    assert s.language is Language.MIXED
    res = ws.diverge.generate(
        DivergeRequest(s.id, count=6, model="qwen2.5-1.5b", seed=3, batch_size=2)
    )
    languages = {idea.language for idea in res.ideas}
    assert languages == {Language.ZH_TW, Language.EN}, [i.text for i in res.ideas]
    assert {i.provenance.lens for i in res.ideas if i.provenance} == {"plain"}
    print([i.text for i in res.ideas])
