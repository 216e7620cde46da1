"""The Models window with real parts: real widgets (offscreen), a real SQLite file, the real
download engine against the tests' loopback server (tests/model_server.py, reached through
HF_ENDPOINT), the converted tiny model as the files it serves, and generation with what was
downloaded. The catalogue is a test file in the real schema (see test_model_downloads)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.gen import download, provision
from ideaforge.gen.provision import InstalledModel
from ideaforge.services.workspace import Workspace
from ideaforge.ui import models_window
from ideaforge.ui.main_window import MainWindow
from ideaforge.ui.models_window import DownloadDialog, ModelsWindow
from ideaforge.ui.qt import Qt, QtCore, QtWidgets
from tests.catalogue_site import (
    BIKE,
    LICENSED,
    ONNX,
    REPO,
    catalogue_workspace,
    entry_data,
    model_files,
    origin,
    write_catalogue,
)
from tests.model_server import Site, serve

WAIT = 60_000


@pytest.fixture(scope="module")
def tiny_files(tiny_model: InstalledModel) -> dict[str, bytes]:
    return model_files(tiny_model)


@pytest.fixture
def site(tiny_files: dict[str, bytes]) -> Iterator[Site]:
    with serve(tiny_files) as s:
        yield s


@pytest.fixture
def models(tmp_path: Path) -> Path:
    return tmp_path / "models"


@pytest.fixture
def ws(tmp_path: Path, models: Path, site: Site, tiny_files: dict[str, bytes],
       monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:  # fmt: skip
    with catalogue_workspace(tmp_path, models, site, tiny_files, monkeypatch) as w:
        yield w


@pytest.fixture
def main(qtbot: QtBot, ws: Workspace) -> MainWindow:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def window(main: MainWindow, qtbot: QtBot) -> ModelsWindow:
    """The Models window, opened as a person does (Ctrl+Shift+M), with its first look done."""
    main.models_action.trigger()
    w = main.models_window
    assert w is not None
    qtbot.waitUntil(lambda: w.snapshot is not None and not w.busy, timeout=WAIT)
    return w


def big_file(files: dict[str, bytes]) -> str:
    return max(files, key=lambda p: len(files[p]))


def answer_dialog(qtbot: QtBot, *, tick_licence: bool = False,
                  download_it: bool = True) -> dict[str, Any]:  # fmt: skip
    """Answer the next DownloadDialog as a person would; returns what it showed."""
    seen: dict[str, Any] = {}

    def answer() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        if not isinstance(dialog, DownloadDialog):
            QtCore.QTimer.singleShot(20, answer)
            return
        seen["text"] = "\n".join(label.text() for label in dialog.findChildren(QtWidgets.QLabel))
        seen["needs_acceptance"] = dialog.needs_acceptance
        seen["enabled_before"] = dialog.download_button.isEnabled()
        seen["use"] = dialog.use_box.isChecked()
        if tick_licence:
            dialog.accept_box.setChecked(True)
        seen["enabled"] = dialog.download_button.isEnabled()
        if download_it and dialog.download_button.isEnabled():
            qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QtCore.QTimer.singleShot(0, answer)
    return seen


def start(window: ModelsWindow, qtbot: QtBot, entry_id: str, **answer: bool) -> dict[str, Any]:
    assert window.select_entry(entry_id)
    seen = answer_dialog(qtbot, **answer)
    qtbot.mouseClick(window.download_button, Qt.MouseButton.LeftButton)
    return seen


def status_of(window: ModelsWindow, entry_id: str) -> str:
    row = window.table_model.row_of(entry_id)
    return str(window.table_model.index(row, 8).data())


def wait_for(condition: Callable[[], bool], qtbot: QtBot) -> None:
    qtbot.waitUntil(condition, timeout=WAIT)


# --- tests -----------------------------------------------------------------------------------


def test_the_window_shows_catalogue_fit_and_device_without_touching_the_network(
    main: MainWindow, window: ModelsWindow, site: Site, ws: Workspace, tmp_path: Path
) -> None:
    # Not modal: the main window stays usable beside it.
    assert window.isVisible() and not window.isModal()
    assert QtWidgets.QApplication.activeModalWidget() is None and main.isEnabled()
    assert "memory" in window.hardware_label.text()
    assert str(ws.models.model_dir) in window.hardware_label.text()
    assert window.device_label.text().startswith("Active model: ")
    assert "CPU" in window.device_label.text()
    ids = [r.entry.id for r in window.table_model.rows]
    assert ONNX in ids and LICENSED in ids
    # the recommended build comes first, starred and selected, and the details say why
    first = window.table_model.rows[0]
    assert first.recommended and window.table_model.index(0, 0).data().startswith("★ ")
    assert window.recommendation.text().startswith(f"Recommended: {first.entry.title} — ")
    assert window.selected_entry() == first.entry
    details = window.details.toPlainText()
    assert first.entry.licence.name in details and first.entry.source.repository in details
    licensed = window.table_model.row_of(LICENSED)
    assert window.table_model.index(licensed, 7).data() == "Tiny Research Licence (accept first)"
    assert status_of(window, ONNX) == "Fits this computer"
    # nothing was requested: looking is not downloading
    assert site.hits == []
    assert window.grab().save(str(tmp_path / "models.png"))


def test_a_person_downloads_a_model_and_generates_with_it(
    main: MainWindow, window: ModelsWindow, site: Site, ws: Workspace, models: Path,
    qtbot: QtBot,
) -> None:  # fmt: skip
    site.delay = 0.0002  # slow enough for progress with a speed to show
    messages: list[str] = []
    window.download_status.connect(messages.append)
    seen = start(window, qtbot, ONNX)
    wait_for(lambda: "text" in seen, qtbot)
    # the licence and the source were shown before a byte moved
    assert "Licence: " in seen["text"] and REPO in seen["text"] and seen["use"]
    assert not seen["needs_acceptance"] and seen["enabled"]
    progress: list[str] = []
    window.worker.progress.connect(lambda _d, _t, m: progress.append(m))  # type: ignore[union-attr]
    wait_for(lambda: not window.downloading, qtbot)
    assert window.message.text().startswith("Installed Tiny test build tiny-onnx-cpu for CPU in ")
    assert window.message.text().endswith("It is now the active model.")
    assert any(" of " in m and "/s" in m for m in progress), progress
    assert messages[-1] == "" and any(m.startswith("Downloading Tiny test") for m in messages)
    # installed atomically, with its source; active; listed in both windows
    assert provision.check(models, "tiny-onnx", "cpu").status == "ready"
    assert ws.models.active() == "tiny-onnx"
    assert main.model_box.currentData() == "tiny-onnx"
    wait_for(lambda: not window.busy and status_of(window, ONNX) == "In use", qtbot)
    names = [window.installed.item(r, 0).text() for r in range(window.installed.rowCount())]
    assert "✓ tiny-onnx" in names
    # ... and the main window generates with it
    s = ws.sessions.new(BIKE)
    main.refresh_sessions()
    main.select_session(s.id)
    main.count_box.setValue(2)
    qtbot.mouseClick(main.generate_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: main._worker is None, qtbot)
    ideas = ws.ideas.list(s.id)
    assert ideas and main._last_run is not None and main._last_run.model == "tiny-onnx"
    for idea in ideas:
        assert idea.provenance is not None and idea.provenance.model == "tiny-onnx"
        assert idea.provenance.settings["model_source"] == origin(ONNX, REPO)


def test_a_licence_to_accept_keeps_download_disabled_until_ticked(
    window: ModelsWindow, site: Site, ws: Workspace, qtbot: QtBot
) -> None:
    seen = start(window, qtbot, LICENSED, download_it=False)
    wait_for(lambda: "text" in seen, qtbot)
    assert seen["needs_acceptance"] and not seen["enabled_before"]
    assert "Tiny Research Licence" in seen["text"]
    assert not window.downloading and site.hits == []  # declined: nothing was requested
    assert not ws.models.licence_accepted(ws.models.catalogue_entry(LICENSED))

    seen = start(window, qtbot, LICENSED, tick_licence=True)
    wait_for(lambda: "text" in seen, qtbot)
    assert seen["enabled"]
    wait_for(lambda: not window.downloading, qtbot)
    assert window.message.text().startswith("Installed "), window.message.text()
    assert ws.models.licence_accepted(ws.models.catalogue_entry(LICENSED))
    wait_for(lambda: not window.busy, qtbot)
    row = window.table_model.row_of(LICENSED)
    assert window.table_model.index(row, 7).data() == "Tiny Research Licence"


def test_pause_and_resume_finish_the_download_with_a_range_request(
    main: MainWindow, window: ModelsWindow, site: Site, models: Path, tiny_files: dict[str, bytes],
    qtbot: QtBot,
) -> None:  # fmt: skip
    big = big_file(tiny_files)
    site.stall_once[big] = 2_000_000  # the server stops there: the download is mid-file
    start(window, qtbot, ONNX)
    wait_for(site.stalled.is_set, qtbot)
    assert window.download_box.isVisible() and window.pause_button.isEnabled()
    # the main window works meanwhile: a person adds an idea while the model downloads
    s = main.ws.sessions.new(BIKE)
    main.refresh_sessions()
    main.select_session(s.id)
    main.idea_entry.setText("Lend new riders a mentor for their first commute")
    qtbot.keyClick(main.idea_entry, Qt.Key.Key_Return)
    assert [i.text for i in main.ws.ideas.list(s.id)] == [
        "Lend new riders a mentor for their first commute"
    ]
    assert window.downloading

    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.pause_button.text() == "&Resume"
    wait_for(lambda: window.download_label.text().startswith("Paused at "), qtbot)
    kept = download.partial_bytes(models, "tiny-onnx", "cpu")
    time.sleep(0.3)
    assert download.partial_bytes(models, "tiny-onnx", "cpu") == kept > 0  # nothing moves
    assert provision.check(models, "tiny-onnx", "cpu").status == "missing"

    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: not window.downloading, qtbot)
    assert window.message.text().startswith("Installed "), window.message.text()
    ranges = site.ranges(big.split("/")[-1])
    assert ranges[0] is None and len(ranges) == 2 and (ranges[1] or "").startswith("bytes=")
    assert window.ws.models.verify("tiny-onnx")  # checksums of every file pass


def test_cancel_keeps_the_partial_download_to_resume_or_delete(
    window: ModelsWindow, site: Site, models: Path, tiny_files: dict[str, bytes], qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(models_window, "SILENCE", 1.0)
    site.stall_once[big_file(tiny_files)] = 2_000_000
    start(window, qtbot, ONNX)
    wait_for(site.stalled.is_set, qtbot)
    assert status_of(window, ONNX) == "Downloading…"
    # the server went quiet: the window says so instead of a stale time left
    wait_for(lambda: "· nothing received for " in window.download_label.text(), qtbot)
    assert not window.download_button.isEnabled()  # one download at a time
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: not window.downloading, qtbot)
    assert window.message.text().startswith("Download stopped. What was downloaded is kept")
    assert provision.check(models, "tiny-onnx", "cpu").status == "missing"
    assert download.partial_bytes(models, "tiny-onnx", "cpu") > 0
    wait_for(lambda: not window.busy, qtbot)
    assert window.select_entry(ONNX)
    assert status_of(window, ONNX).startswith("Partly downloaded (")
    assert window.discard_button.isEnabled()
    qtbot.mouseClick(window.discard_button, Qt.MouseButton.LeftButton)
    assert window.message.text().startswith("Deleted the partial download of ")
    assert download.partial_bytes(models, "tiny-onnx", "cpu") == 0
    wait_for(lambda: not window.busy, qtbot)
    assert status_of(window, ONNX) == "Fits this computer"


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"status": 404}, "not found"),
        ({"status": 403}, "refused"),
        ({"corrupt": True}, "SHA-256"),
    ],
)
def test_a_failed_download_says_why_and_installs_nothing(
    window: ModelsWindow, site: Site, models: Path, tiny_files: dict[str, bytes], qtbot: QtBot,
    fault: dict[str, Any], expected: str,
) -> None:  # fmt: skip
    big = big_file(tiny_files)
    if "status" in fault:
        site.status[big] = fault["status"]
    else:
        site.corrupt.add(big)
    start(window, qtbot, ONNX)
    wait_for(lambda: bool(window.message.text()) and not window.downloading, qtbot)
    assert expected.lower() in window.message.text().lower(), window.message.text()
    assert provision.check(models, "tiny-onnx", "cpu").status == "missing"
    assert not window.download_box.isVisible() and window.download_button.isEnabled()


def test_installed_models_can_be_used_verified_and_removed(
    main: MainWindow, window: ModelsWindow, ws: Workspace, models: Path, qtbot: QtBot
) -> None:
    start(window, qtbot, ONNX)
    wait_for(lambda: not window.downloading and not window.busy, qtbot)
    window.tabs.setCurrentIndex(1)
    ws.models.use("smollm2-135m")
    window.refresh()
    wait_for(lambda: not window.busy, qtbot)
    names = [window.installed.item(r, 0).data(Qt.ItemDataRole.UserRole + 20)
             for r in range(window.installed.rowCount())]  # fmt: skip
    window.installed.selectRow(names.index("tiny-onnx"))
    qtbot.mouseClick(window.use_installed_button, Qt.MouseButton.LeftButton)
    assert ws.models.active() == "tiny-onnx" and main.model_box.currentData() == "tiny-onnx"
    qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert window.message.text().startswith("tiny-onnx (cpu): "), window.message.text()
    assert "SHA-256 checked" in window.message.text()
    # a file changed on disk is found
    weights = max((models / "tiny-onnx" / "cpu").iterdir(), key=lambda p: p.stat().st_size)
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert "has changed since it was downloaded" in window.message.text()

    wait_for(lambda: not window.busy, qtbot)
    window.installed.selectRow(names.index("tiny-onnx"))
    asked: list[str] = []
    window.remove_installed(confirm=lambda q: asked.append(q) or False)  # the person says no
    assert asked and provision.check(models, "tiny-onnx", "cpu").status == "ready"
    window.remove_installed(confirm=lambda q: True)
    assert window.message.text().startswith("Removed tiny-onnx")
    assert not (models / "tiny-onnx").exists()
    assert main.model_box.findData("tiny-onnx") == -1


def test_closing_the_main_window_stops_a_download_and_keeps_what_came(
    main: MainWindow, window: ModelsWindow, site: Site, models: Path,
    tiny_files: dict[str, bytes], qtbot: QtBot,
) -> None:  # fmt: skip
    site.stall_once[big_file(tiny_files)] = 2_000_000
    start(window, qtbot, ONNX)
    wait_for(site.stalled.is_set, qtbot)
    wait_for(lambda: download.partial_bytes(models, "tiny-onnx", "cpu") > 0, qtbot)
    before = download.partial_bytes(models, "tiny-onnx", "cpu")
    main.close()
    assert not window.downloading and not window.isVisible()
    assert download.partial_bytes(models, "tiny-onnx", "cpu") >= before
    assert provision.check(models, "tiny-onnx", "cpu").status == "missing"


@pytest.mark.slow
def test_a_gguf_download_is_converted_with_pause_disabled_meanwhile(
    window: ModelsWindow, ws: Workspace, site: Site, tmp_path: Path,
    tiny_files: dict[str, bytes], qtbot: QtBot,
) -> None:  # fmt: skip
    from ideaforge.gen.catalog import SMOLLM2_135M

    scratch = tmp_path / "gguf"
    scratch.mkdir()
    gguf = provision.assemble_gguf(SMOLLM2_135M, scratch)
    site.files[gguf.name] = gguf.read_bytes()
    entry = entry_data("smollm2-135m-cpu", "tiny-gguf-cpu", "tiny-gguf", "ideaforge-test/tiny-gguf",
                   {gguf.name: site.files[gguf.name]})  # fmt: skip
    ws.models.catalogue_path = write_catalogue(tmp_path / "catalogue.json", tiny_files, entry)
    window.refresh()
    wait_for(lambda: not window.busy, qtbot)
    seen: list[tuple[str, bool]] = []
    start(window, qtbot, "tiny-gguf-cpu")
    wait_for(lambda: window.worker is not None, qtbot)

    class Recorder(QtCore.QObject):  # a receiver on the GUI thread: called after the window
        @QtCore.Slot(str)
        def stage(self, _stage: str) -> None:
            seen.append((window.download_box.title(), window.pause_button.isEnabled()))

    recorder = Recorder()
    window.worker.stage.connect(recorder.stage)  # type: ignore[union-attr]
    wait_for(lambda: not window.downloading, qtbot)
    assert seen == [("Converting Tiny test build tiny-gguf-cpu", False)]
    assert window.message.text().startswith("Installed "), window.message.text()
    assert provision.check(ws.models.model_dir, "tiny-gguf", "cpu").status == "ready"
