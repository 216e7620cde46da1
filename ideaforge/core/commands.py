"""Reversible changes. Each command knows its inverse, so undo is just running the inverse."""

from __future__ import annotations

from dataclasses import dataclass

from ideaforge.core.model import IdeaStatus


@dataclass(frozen=True, slots=True)
class SetIdeaStatus:
    """Move an idea to a status (with a reason when pruning); the inverse restores the old one."""

    idea_id: int
    status: IdeaStatus
    reason: str = ""
    merged_into_id: int | None = None
    previous_status: IdeaStatus = IdeaStatus.ACTIVE
    previous_reason: str = ""
    previous_merged_into_id: int | None = None

    def inverse(self) -> SetIdeaStatus:
        return SetIdeaStatus(
            idea_id=self.idea_id,
            status=self.previous_status,
            reason=self.previous_reason,
            merged_into_id=self.previous_merged_into_id,
            previous_status=self.status,
            previous_reason=self.reason,
            previous_merged_into_id=self.merged_into_id,
        )
