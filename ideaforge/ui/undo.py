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
from ideaforge.ui.qt import QtGui

OnError = Callable[[Exception], None]


class StatusCommand(QtGui.QUndoCommand):
    """Prune, restore or shortlist one idea (already applied when pushed)."""

    def __init__(
        self, ws: Workspace, forward: SetIdeaStatus, backward: SetIdeaStatus, text: str,
        on_error: OnError,
    ) -> None:  # fmt: skip
        super().__init__(text)
        self.ws, self.forward, self.backward, self.on_error = ws, forward, backward, on_error
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # the first redo is the push itself: already done
            self._applied = False
            return
        try:
            self.backward = self.ws.ideas.apply(self.forward)
        except IdeaForgeError as error:
            self.on_error(error)

    def undo(self) -> None:
        try:
            self.forward = self.ws.ideas.apply(self.backward)
        except IdeaForgeError as error:
            self.on_error(error)


class MergeCommand(QtGui.QUndoCommand):
    """Accepted duplicate merges (already applied when pushed): undo brings the ideas back."""

    def __init__(
        self, ws: Workspace, merges: list[tuple[int, int]], text: str, on_error: OnError
    ) -> None:
        super().__init__(text)
        self.ws, self.merges, self.on_error = ws, merges, on_error  # (idea, canonical) pairs
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        try:
            for idea_id, canonical in self.merges:
                self.ws.ideas.apply(
                    SetIdeaStatus(idea_id, IdeaStatus.MERGED, merged_into_id=canonical)
                )
        except IdeaForgeError as error:
            self.on_error(error)

    def undo(self) -> None:
        try:
            for idea_id, _ in reversed(self.merges):
                self.ws.analysis.split(idea_id)
        except IdeaForgeError as error:
            self.on_error(error)


def status_text(status: IdeaStatus, idea_id: int) -> str:
    verb = {
        IdeaStatus.PRUNED: "Prune",
        IdeaStatus.ACTIVE: "Restore",
        IdeaStatus.SHORTLISTED: "Shortlist",
        IdeaStatus.MERGED: "Merge",
    }[status]
    return f"{verb} idea #{idea_id}"
