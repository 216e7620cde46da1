"""Undoable edits for the window's one QUndoStack.

Each command is applied through the services first (so a refused edit never enters the stack);
undo runs its inverse through the same services, so every step is saved and audited at once.
"""

from __future__ import annotations

from collections.abc import Callable

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.model import IdeaStatus
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import QtCore, QtGui

OnError = Callable[[Exception], None]


class _AppliedCommand(QtGui.QUndoCommand):
    """A command whose edit was already made when it is pushed: the push's own redo() is a
    no-op, later redo()s run ``_redo``; errors go to ``on_error`` (never a traceback)."""

    def __init__(self, ws: Workspace, text: str, on_error: OnError) -> None:
        super().__init__(text)
        self.ws, self.on_error = ws, on_error
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        try:
            self._redo()
        except IdeaForgeError as error:
            self.on_error(error)

    def undo(self) -> None:
        try:
            self._undo()
        except IdeaForgeError as error:
            self.on_error(error)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CallbackCommand(_AppliedCommand):
    """Any edit already made through a service, with callables that redo and undo it.

    ``redo`` and ``undo`` call services (never widgets); the views redraw from the change
    the services emit. Use ``push_edit`` to make the edit and push it in one step.
    """

    def __init__(
        self, ws: Workspace, text: str, redo: Callable[[], object], undo: Callable[[], object],
        on_error: OnError,
    ) -> None:  # fmt: skip
        super().__init__(ws, text, on_error)
        self._do, self._undo_fn = redo, undo

    def _redo(self) -> None:
        self._do()

    def _undo(self) -> None:
        self._undo_fn()


def push_edit(
    stack: QtGui.QUndoStack, ws: Workspace, text: str, redo: Callable[[], object],
    undo: Callable[[], object], on_error: OnError,
) -> bool:  # fmt: skip
    """Make an edit now and, if the services accept it, put it on the undo stack; a refused
    edit shows its error and never enters the stack. Capture what ``undo`` needs (an old
    value, a deleted record) before calling, or in a closure that ``redo`` fills."""
    try:
        redo()
    except IdeaForgeError as error:
        on_error(error)
        return False
    stack.push(CallbackCommand(ws, text, redo, undo, on_error))
    return True


def push_score(
    stack: QtGui.QUndoStack, ws: Workspace, idea_id: int, criterion_id: int,
    criterion_name: str, value: float | None, on_error: OnError,
) -> bool:  # fmt: skip
    """Set (None: clear) my score of an idea on a criterion, undoably: undo puts back the
    score I had before, which the first redo learns from the service."""
    old: list[float | None] = []

    def redo() -> None:
        previous = ws.scoring.score(idea_id, criterion_id, value)
        if not old:
            old.append(previous)

    if value is None:
        text = QtCore.QCoreApplication.translate("Undo", "Clear score of idea #%1 on %2")
    else:
        text = QtCore.QCoreApplication.translate("Undo", "Score idea #%1 on %2")
    text = text.replace("%1", str(idea_id)).replace("%2", criterion_name)
    undo = lambda: ws.scoring.score(idea_id, criterion_id, old[0])  # noqa: E731
    return push_edit(stack, ws, text, redo, undo, on_error)


class StatusCommand(_AppliedCommand):
    """Prune, restore or shortlist one idea."""

    def __init__(
        self, ws: Workspace, forward: SetIdeaStatus, backward: SetIdeaStatus, text: str,
        on_error: OnError,
    ) -> None:  # fmt: skip
        super().__init__(ws, text, on_error)
        self.forward, self.backward = forward, backward

    def _redo(self) -> None:
        self.backward = self.ws.ideas.apply(self.forward)

    def _undo(self) -> None:
        self.forward = self.ws.ideas.apply(self.backward)


class MergeCommand(_AppliedCommand):
    """Accepted duplicate merges: undo brings the ideas back."""

    def __init__(
        self, ws: Workspace, merges: list[tuple[int, int]], text: str, on_error: OnError
    ) -> None:
        super().__init__(ws, text, on_error)
        self.merges = merges  # (idea, canonical) pairs

    def _redo(self) -> None:
        for idea_id, canonical in self.merges:
            self.ws.ideas.apply(SetIdeaStatus(idea_id, IdeaStatus.MERGED, merged_into_id=canonical))

    def _undo(self) -> None:
        for idea_id, _ in reversed(self.merges):
            self.ws.analysis.split(idea_id)


def status_text(status: IdeaStatus, idea_id: int) -> str:
    """The Undo/Redo menu's words for a status change, in the interface language."""
    text = {
        IdeaStatus.PRUNED: QtCore.QCoreApplication.translate("Undo", "Prune idea #%1"),
        IdeaStatus.ACTIVE: QtCore.QCoreApplication.translate("Undo", "Restore idea #%1"),
        IdeaStatus.SHORTLISTED: QtCore.QCoreApplication.translate("Undo", "Shortlist idea #%1"),
        IdeaStatus.MERGED: QtCore.QCoreApplication.translate("Undo", "Merge idea #%1"),
    }[status]
    return text.replace("%1", str(idea_id))
