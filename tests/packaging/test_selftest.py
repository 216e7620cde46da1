"""``ideaforge --self-test`` run by Python: the real window offscreen, the real tiny model, a
real SQLite file. (The build script runs the same self-test on the built desktop bundle.)"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from ideaforge.gen.catalog import TINY_MODEL
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.app import main
from ideaforge.ui.qt import QtWidgets


@pytest.mark.slow
def test_self_test_generates_ideas_in_the_real_window(
    qapp: QtWidgets.QApplication,
    tmp_path: Path,
    model_dir: Path,
    tiny_model: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("IDEAFORGE_MODEL_DIR", str(model_dir))  # prepared once per machine
    data = tmp_path / "self-test"
    assert main(["--self-test", "--data-dir", str(data)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("IdeaForge 0.1.0 self-test (run by Python; Python 3.")
    for n, step in enumerate(
        ["Open a database in", "Find the app's files", "Show the main window",
         "Create a session", "Generate 3 ideas with smollm2-135m"], start=1,
    ):  # fmt: skip
        assert any(line.startswith(f"[{n}/5] {step}") for line in lines), out
    assert "30 lenses, translations and the model catalogue" in out
    assert "ok (" in out and "Finished: " in out and "on CPU" in out
    assert lines[-1].startswith("Self-test passed in ") and "FAILED" not in err
    # What the window generated is in the data folder it was given (kept: it was named).
    ws = Workspace(open_store(f"sqlite:///{data / 'ideaforge.db'}"), "ada")
    try:
        [summary] = ws.sessions.list()
        ideas = ws.ideas.list(summary.session.id)
    finally:
        ws.close()
    assert summary.session.title == "Self-test"
    assert 1 <= len(ideas) <= 3
    assert {i.origin.value for i in ideas} == {"model"}
    assert {i.provenance.model for i in ideas if i.provenance} == {TINY_MODEL}


def test_a_failed_step_says_which_and_why_and_cleans_up(
    qapp: QtWidgets.QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where its own folder goes
    monkeypatch.setenv("IDEAFORGE_DEVICE", "quantum")
    assert main(["--self-test"]) == 1
    err = capsys.readouterr().err
    assert "Self-test FAILED at step 1 (Open a database in " in err
    assert "Device 'quantum' is not one of auto, cpu, cuda." in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("ideaforge-selftest-*"))  # its temporary folder is gone


@pytest.mark.slow
def test_a_model_that_fails_to_load_fails_the_generate_step(
    qapp: QtWidgets.QApplication,
    tmp_path: Path,
    model_dir: Path,
    tiny_model: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The window shows the failure in a message box; the self-test reads and closes it
    instead of waiting for a click, and exits 1 with the model's message."""
    good = model_dir / TINY_MODEL / "cpu"
    broken = tmp_path / "models" / TINY_MODEL / "cpu"
    broken.mkdir(parents=True)
    for f in good.iterdir():
        if f.name == "model.onnx":  # same size, so it looks installed, but it is not ONNX
            (broken / f.name).write_bytes(b"\0" * f.stat().st_size)
        elif f.name.endswith(".data"):
            (broken / f.name).symlink_to(f)
        else:
            shutil.copy(f, broken / f.name)
    monkeypatch.setenv("IDEAFORGE_MODEL_DIR", str(tmp_path / "models"))
    assert main(["--self-test", "--data-dir", str(tmp_path / "data")]) == 1
    out, err = capsys.readouterr()
    assert "[4/5] Create a session" in out and "Self-test passed" not in out
    assert "Self-test FAILED at step 5 (Generate 3 ideas with smollm2-135m" in err
    assert f"The model in {broken} could not be loaded" in err
    assert "Traceback" not in err
    assert not [w for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible()]
