"""CLI generate and models commands with the real tiny model, Ctrl-C included."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ideaforge.cli import main


def cli(tmp_path: Path, model_dir: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    base = [
        "--data-dir",
        str(tmp_path),
        "--model-dir",
        str(model_dir),
        "--user",
        "ada",
        "--device",
        "cpu",
    ]
    return main([*base, *args], out=out), out.getvalue()


def test_generate_prints_ideas_and_records_the_run(
    tmp_path: Path, model_dir: Path, tiny_model: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli(tmp_path, model_dir, "sessions", "new", "How might we make bike commuting safer?")[0]
        == 0
    )
    code, text = cli(
        tmp_path,
        model_dir,
        "generate",
        "1",
        "--count",
        "3",
        "--model",
        "smollm2-135m",
        "--seed",
        "8",
    )
    assert code == 0
    lines = [line for line in text.splitlines() if line.startswith("#")]
    assert len(lines) == 3 and all("smollm2-135m · " in line for line in lines)
    err = capsys.readouterr().err
    assert "Finished: kept 3 of" in err and "on CPU" in err and "Wh at an assumed 30 W" in err
    code, text = cli(tmp_path, model_dir, "--json", "runs", "1")
    [run] = json.loads(text)
    assert run["kept"] == 3 and run["settings"]["seed"] == 8 and run["device"] == "cpu"
    code, text = cli(
        tmp_path, model_dir, "generate", "1", "--count", "2", "--model", "smollm2-135m", "--json"
    )
    data = json.loads(text)
    assert data["run"]["kept"] == len(data["ideas"]) == 2
    assert data["ideas"][0]["provenance"]["run_id"] == data["run"]["id"]


def test_models_commands(
    tmp_path: Path, model_dir: Path, tiny_model: object, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = cli(tmp_path, model_dir, "--json", "models", "list")
    listed = {m["name"]: m for m in json.loads(text)["models"]}
    assert listed["smollm2-135m"]["states"]["cpu"] == "ready"
    assert listed["qwen2.5-1.5b"]["active"] is True  # the default until another is chosen
    assert cli(tmp_path, model_dir, "models", "use", "smollm2-135m")[0] == 0
    _code, text = cli(tmp_path, model_dir, "--json", "models", "list")
    assert {m["name"] for m in json.loads(text)["models"] if m["active"]} == {"smollm2-135m"}
    assert cli(tmp_path, model_dir, "models", "use", "gpt-9")[0] == 4
    assert "No model called 'gpt-9'" in capsys.readouterr().err
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("hello")
    assert cli(tmp_path, model_dir, "models", "import", str(bogus))[0] == 4
    assert "not a GGUF file" in capsys.readouterr().err


def test_ctrl_c_stops_generation_and_keeps_ideas(
    tmp_path: Path, model_dir: Path, tiny_model: object
) -> None:
    env = {**os.environ, "IDEAFORGE_DATA_DIR": str(tmp_path), "IDEAFORGE_MODEL_DIR": str(model_dir),
           "IDEAFORGE_DEVICE": "cpu", "PYTHONUNBUFFERED": "1"}  # fmt: skip
    base = [sys.executable, "-m", "ideaforge"]
    subprocess.run(
        [*base, "sessions", "new", "How might we welcome new neighbours?"],
        env=env,
        check=True,
        capture_output=True,
    )
    proc = subprocess.Popen(
        [*base, "generate", "1", "--count", "1000", "--model", "smollm2-135m"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the first idea is on screen (and so already saved)
    assert first.startswith("#1 ")
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopping" in err and "Cancelled: kept" in err
    shown = [first, *[line for line in rest.splitlines() if line.startswith("#")]]
    listed = subprocess.run(
        [*base, "--json", "ideas", "list", "1"], env=env, capture_output=True, text=True, check=True
    )
    assert len(json.loads(listed.stdout)) == len(shown)
