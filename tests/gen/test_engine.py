"""The ONNX engine with the real tiny model: streaming, seeds, cancel, devices, bad models."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from ideaforge.core.errors import InvalidInput, ModelCorrupt
from ideaforge.core.progress import Cancelled, CancelToken
from ideaforge.gen.device import DeviceChoice, choose_device, cuda_probe
from ideaforge.gen.engine import Engine, RunStats, Sampling
from ideaforge.gen.provision import InstalledModel

CPU = DeviceChoice("cpu", "test")


@pytest.fixture(scope="module")
def engine(tiny_model: InstalledModel) -> Engine:
    return Engine(tiny_model.path, CPU, tiny_model.manifest.eos_token_ids)


def _prompts(engine: Engine, n: int) -> list[str]:
    topics = ["reduce food waste at school", "make bike commuting safer", "welcome new neighbours"]
    return [
        engine.chat_prompt([{"role": "user", "content": f"Give 3 ideas to {topics[i % 3]}."}], "1.")
        for i in range(n)
    ]


def test_streams_each_sequence_as_it_goes(engine: Engine) -> None:
    stats = RunStats()
    updates = list(
        engine.generate(
            _prompts(engine, 6), Sampling(max_tokens=60, seed=5, batch_size=4), stats=stats
        )
    )
    done = [u for u in updates if u.done]
    assert sorted(u.index for u in done) == list(range(6))  # every sequence ends exactly once
    assert stats.batches == 2 and stats.generated_tokens > 0 and stats.prompt_tokens > 0
    assert stats.first_output_s is not None and stats.first_output_s < stats.seconds
    # Partial updates (a line finished) come before their sequence's end, and sequences of the
    # first batch all end before any of the second batch starts.
    for index in range(6):
        mine = [k for k, u in enumerate(updates) if u.index == index]
        assert updates[mine[-1]].done and not any(updates[k].done for k in mine[:-1])
        assert all(
            len(updates[a].text) <= len(updates[b].text) for a, b in itertools.pairwise(mine)
        )
    first_of_second = min(k for k, u in enumerate(updates) if u.index >= 4)
    assert all(updates[k].index < 4 for k in range(first_of_second))
    assert {u.reason for u in done} <= {"eos", "length"}


def test_same_seed_same_ideas(engine: Engine) -> None:
    prompts = _prompts(engine, 3)

    def texts(seed: int) -> list[str]:
        s = Sampling(max_tokens=40, seed=seed, batch_size=3)
        return [u.text for u in engine.generate(prompts, s) if u.done]

    assert texts(11) == texts(11)
    assert texts(11) != texts(12)


def test_should_stop_ends_a_sequence_early(engine: Engine) -> None:
    prompts = _prompts(engine, 2)
    updates = list(
        engine.generate(
            prompts, Sampling(max_tokens=200, seed=3, batch_size=2), should_stop=lambda i, t: True
        )
    )
    ended = [u for u in updates if u.done]
    assert len(ended) == 2
    assert any(u.reason == "enough" for u in ended)


def test_cancel_stops_at_the_next_step_and_keeps_what_came(engine: Engine) -> None:
    token = CancelToken()
    seen = []
    gen = engine.generate(
        _prompts(engine, 8), Sampling(max_tokens=200, seed=1, batch_size=4), cancel=token
    )
    with pytest.raises(Cancelled):
        for update in gen:
            seen.append(update)
            token.cancel()
    assert len(seen) == 1


def test_sampling_limits() -> None:
    with pytest.raises(InvalidInput, match=r"Batch size must be 1 to 32"):
        Sampling(batch_size=33).check()
    with pytest.raises(InvalidInput, match="Temperature"):
        Sampling(temperature=0).check()
    with pytest.raises(InvalidInput, match="Top-p"):
        Sampling(top_p=1.5).check()


def test_device_choice_logic() -> None:
    gpu, none = (True, "1 NVIDIA GPU(s) found"), (False, "no NVIDIA driver found")
    assert choose_device("auto", gpu).device == "cuda"
    assert choose_device("auto", none) == DeviceChoice("cpu", "CPU: no NVIDIA driver found")
    assert choose_device("cpu", gpu).device == "cpu"
    fallback = choose_device("cuda", none)
    assert (
        fallback.device == "cpu"
        and "CUDA was asked for but no NVIDIA driver found" in fallback.reason
    )
    with pytest.raises(InvalidInput, match="not one of auto, cpu, cuda"):
        choose_device("tpu")
    ok, why = cuda_probe()  # the real probe, on whatever machine runs the tests
    assert isinstance(ok, bool) and why


def test_failed_cuda_start_falls_back_to_cpu(tiny_model: InstalledModel) -> None:
    ok, _ = cuda_probe()
    if ok:
        pytest.skip("a working GPU is present: CUDA starts, so there is no fallback to see")
    eng = Engine(tiny_model.path, DeviceChoice("cuda", "forced"), tiny_model.manifest.eos_token_ids)
    assert eng.device == "cpu"
    assert eng.device_note.startswith("CUDA failed to start")
    assert [
        u for u in eng.generate(_prompts(eng, 1), Sampling(max_tokens=8, batch_size=1)) if u.done
    ]


def test_corrupt_and_missing_model_files(tiny_model: InstalledModel, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model.path, broken)
    (broken / "model.onnx").write_bytes(b"\x00garbage" * 100)
    with pytest.raises(ModelCorrupt, match="could not be loaded"):
        Engine(broken, CPU, [2])
    (broken / "genai_config.json").unlink()
    with pytest.raises(ModelCorrupt, match="no genai_config.json"):
        Engine(broken, CPU, [2])
