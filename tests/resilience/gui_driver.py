"""The real main window, offscreen, doing one operation through its widgets and actions, and
saying on stdout what it shows as it shows it. The resilience tests kill it with SIGKILL.

    python -m tests.resilience.gui_driver OP [OUT_DIR]

OP is generate, analyse, score, decide or export; the data folder (with the database) and
the models folder come from IDEAFORGE_DATA_DIR and IDEAFORGE_MODEL_DIR, as for the app.

Lines printed (one per thing that appeared on screen, flushed at once):

    ready                          the window is up with session 1 selected
    idea ID TEXT_JSON              an idea row appeared in the idea list
    hidden ID                      an idea row left the list (merged or pruned)
    scored ID CRITERION VALUE      the status bar said the current idea was scored
    shortlisted ID                 the idea's row now shows it shortlisted
    voted ID DOTS                  the status bar said the person's dots on the idea
    themes JSON                    the Converge view shows these themes (lists of idea ids)
    analyse                        Analyse was pressed (a later line may replace the themes)
    decision SEQ HASH12            the Decide timeline shows this record
    exported PATH                  the status bar said the export was written
    error TEXT_JSON                the window showed an error message (a test failure)
    done                           the operation finished
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

Wait = Callable[[], bool]


def say(*parts: object) -> None:
    print(" ".join(str(p) for p in parts), flush=True)


def main(argv: list[str]) -> int:
    op = argv[0]
    out = Path(argv[1]) if len(argv) > 1 else None
    from PySide6 import QtTest

    from ideaforge.core.model import IdeaStatus
    from ideaforge.services.config import load_settings
    from ideaforge.services.workspace import Workspace
    from ideaforge.ui.main_window import MainWindow, PruneDialog
    from ideaforge.ui.qt import Qt, QtCore, QtWidgets

    app = QtWidgets.QApplication([sys.argv[0]])
    box = QtWidgets.QMessageBox

    def shown_error(_parent: object, _title: str, text: str, *_a: object) -> object:
        say("error", json.dumps(text))  # a message box would wait for a person: report it
        return box.StandardButton.Ok

    box.warning = staticmethod(shown_error)  # type: ignore[method-assign,assignment]
    box.critical = staticmethod(shown_error)  # type: ignore[method-assign,assignment]
    settings = load_settings()
    ws = Workspace.open(settings)
    if op == "generate":
        ws.models.use("smollm2-135m")
    window = MainWindow(ws)
    window.resize(1200, 800)
    window.show()
    window.select_session(1)

    # --- what the window shows ----------------------------------------------------------------
    model = window.ideas
    printed: set[int] = set()

    def rows_shown(*_args: object) -> None:
        for r in range(model.rowCount()):
            idea = model.row(r)
            if idea.id not in printed:
                printed.add(idea.id)
                say("idea", idea.id, json.dumps(idea.text))

    def rows_leaving(_parent: object, first: int, last: int) -> None:
        for r in range(first, last + 1):
            say("hidden", model.row(r).id)

    model.rowsInserted.connect(rows_shown)
    model.modelReset.connect(rows_shown)
    model.rowsAboutToBeRemoved.connect(rows_leaving)
    rows_shown()

    # --- the operations, as a person does them --------------------------------------------

    def generate() -> Iterator[Wait]:
        window.tabs.setCurrentIndex(0)
        window.count_box.setValue(500)
        QtTest.QTest.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
        yield lambda: window._worker is None

    def analyse() -> Iterator[Wait]:
        window.tabs.setCurrentIndex(1)
        window.converge_tabs.setCurrentIndex(0)
        panel = window.converge
        for _round in range(3):
            say("analyse")
            QtTest.QTest.mouseClick(panel.analyse_button, Qt.MouseButton.LeftButton)
            yield lambda: panel.report is not None and panel._worker is None
            report = panel.report
            assert report is not None
            say("themes", json.dumps(sorted(sorted(i.id for i in v.ideas) for v in report.themes
                                            if v.ideas)))  # fmt: skip
            if panel.groups.rowCount():
                say("analyse")  # merging starts a new analysis by itself
                QtTest.QTest.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
                yield lambda: panel._worker is None

    def score() -> Iterator[Wait]:
        window.tabs.setCurrentIndex(0)
        window.idea_view.setFocus()
        PruneDialog.ask = classmethod(lambda cls, parent: "Not for this street")  # type: ignore[method-assign,assignment]
        view = window.idea_view
        done: set[int] = set()
        for step in range(60):
            rows = [model.row(r) for r in range(model.rowCount())]
            todo = [i for i in rows if i.id not in done]
            if not todo:
                break
            idea = todo[0]
            done.add(idea.id)
            view.setCurrentIndex(model.index(model.row_of(idea.id)))
            if step % 7 == 6:
                QtTest.QTest.keyClick(view, Qt.Key.Key_X)  # prune; the row leaves the list
            elif step % 6 == 2 and step < 15:  # a dot on a few ideas (the budget is 5)
                QtTest.QTest.keyClick(view, Qt.Key.Key_V)
                m = re.fullmatch(r"Your dots on #(\d+): (\d+)", window.statusBar().currentMessage())
                if m:
                    say("voted", m.group(1), m.group(2))
            elif step % 5 == 4 and idea.status is not IdeaStatus.SHORTLISTED:
                QtTest.QTest.keyClick(view, Qt.Key.Key_S)
                if model.row_of(idea.id) >= 0:
                    shown = model.row(model.row_of(idea.id))
                    if shown.status is IdeaStatus.SHORTLISTED:
                        say("shortlisted", idea.id)
            else:
                value = 1 + step % 5
                QtTest.QTest.keyClick(view, getattr(Qt.Key, f"Key_{value}"))
                message = window.statusBar().currentMessage()
                m = re.fullmatch(r"Scored (\d) on (.+)", message)
                if m:
                    say("scored", idea.id, m.group(2), m.group(1))
            yield lambda: True  # let the window paint between keys

    def decide() -> Iterator[Wait]:
        from ideaforge.services.decisions import CONCERNS

        QtWidgets.QMessageBox.question = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: QtWidgets.QMessageBox.StandardButton.Yes
        )
        window.tabs.setCurrentIndex(2)
        panel = window.decide
        panel.refresh()
        seen: set[str] = set()
        options = [r.idea.id for r in panel.options_model.rows()]
        for k in range(12):
            chosen = options[k % len(options)]
            panel.set_chosen([chosen])
            QtTest.QTest.keyClicks(panel.title_edit, f"Window decision {k + 1}")
            QtTest.QTest.keyClicks(panel.rationale_edit, f"Because of reason {k + 1}")
            for concern in CONCERNS:
                panel.set_answer(chosen, concern, "none")
            QtTest.QTest.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
            text = panel.timeline.toPlainText()
            for seq, digest in re.findall(r"log record (\d+), sha256 ([0-9a-f]{12})", text):
                if seq not in seen:
                    seen.add(seq)
                    say("decision", seq, digest)
            yield lambda: True

    def export() -> Iterator[Wait]:
        assert out is not None
        labels = [window.tr(str(label)) for _, label in window.EXPORTS]
        formats = [fmt for fmt, _ in window.EXPORTS]
        chosen: dict[str, str] = {}
        QtWidgets.QInputDialog.getItem = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: (chosen["label"], True)
        )
        QtWidgets.QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: (chosen["path"], "")
        )
        QtWidgets.QFileDialog.getExistingDirectory = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: chosen["path"]
        )
        names = {"md": "", "html": "report.html", "csv": "ideas.csv", "json": "session.json"}
        for k in range(24):
            fmt = formats[k % len(formats)]
            chosen["label"] = labels[formats.index(fmt)]
            chosen["path"] = str(out / names[fmt]) if names[fmt] else str(out)
            window.statusBar().clearMessage()
            window.export_action.trigger()
            message = window.statusBar().currentMessage()
            if message.startswith("Exported"):
                say("exported", fmt, message.rsplit(" to ", 1)[1])
            yield lambda: True

    steps = {"generate": generate, "analyse": analyse, "score": score, "decide": decide,
             "export": export}[op]()  # fmt: skip
    pending: list[Wait] = []

    def tick() -> None:
        if pending and not pending[0]():
            return
        pending.clear()
        try:
            pending.append(next(steps))
        except StopIteration:
            timer.stop()
            say("done")
            app.quit()

    timer = QtCore.QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    say("ready")
    timer.start()
    code = app.exec()
    window.close()
    ws.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
