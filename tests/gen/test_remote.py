"""The generator in a child process gives the same ideas as in-process, and cancels cleanly."""

from __future__ import annotations

from typing import Any

import pytest

from ideaforge.core.errors import ModelCorrupt
from ideaforge.core.progress import Cancelled, CancelToken
from ideaforge.gen.device import DeviceChoice
from ideaforge.gen.engine import Engine, RunStats, Sampling
from ideaforge.gen.remote import RemoteEngine

CPU = DeviceChoice("cpu", "test")
MESSAGES = [{"role": "user", "content": "List three ways to make cycling safer."}]


@pytest.fixture(scope="module")
def remote(tiny_model: Any) -> Any:
    engine = RemoteEngine(tiny_model.path, CPU, tiny_model.manifest.eos_token_ids)
    yield engine
    engine.close()


def finals(engine: Any, prompts: list[str], sampling: Sampling, **kw: Any) -> dict[int, str]:
    out = {}
    for u in engine.generate(prompts, sampling, **kw):
        if u.done:
            out[u.index] = u.text
    return out


def test_same_output_as_in_process(remote: Any, tiny_model: Any) -> None:
    local = Engine(tiny_model.path, CPU, tiny_model.manifest.eos_token_ids)
    prompt = local.chat_prompt(MESSAGES, "1.")
    assert remote.chat_prompt(MESSAGES, "1.") == prompt
    sampling = Sampling(max_tokens=40, seed=3, batch_size=2)
    stats = RunStats()
    got = finals(remote, [prompt, prompt], sampling, stats=stats)
    assert got == finals(local, [prompt, prompt], sampling)
    assert stats.prompt_tokens > 0 and stats.generated_tokens > 0


def test_should_stop_and_cancel(remote: Any) -> None:
    prompt = remote.chat_prompt(MESSAGES, "1.")
    sampling = Sampling(max_tokens=120, seed=1, batch_size=2)
    stopped = [u for u in remote.generate([prompt, prompt], sampling,
                                          should_stop=lambda i, t: True) if u.done]  # fmt: skip
    assert {u.index for u in stopped} == {0, 1}
    assert all(u.reason in ("enough", "eos", "length") for u in stopped)
    token = CancelToken()
    with pytest.raises(Cancelled):
        for _ in remote.generate([prompt] * 2, sampling, cancel=token):
            token.cancel()
    # The engine answers the next request as if nothing happened.
    assert finals(remote, [prompt], Sampling(max_tokens=10, seed=2, batch_size=1))


def test_broken_model_is_a_clear_error(tmp_path: Any) -> None:
    with pytest.raises(ModelCorrupt, match="genai_config"):
        RemoteEngine(tmp_path, CPU, [0])
