"""The workshop state of a session (one row, or none for a solo session)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from ideaforge.core.workshop import Activity, WorkshopState
from ideaforge.store.schema import WorkshopRow


def _state(row: WorkshopRow) -> WorkshopState:
    return WorkshopState(
        session_id=row.session_id,
        activity=Activity(row.activity) if row.activity else None,
        hide_results=bool(row.hide_results),
        votes_revealed=bool(row.votes_revealed),
        scores_revealed=bool(row.scores_revealed),
        anonymous_votes=bool(row.anonymous_votes),
        vote_budget=row.vote_budget,
        votes_per_idea=row.votes_per_idea,
        timer_ends_at=row.timer_ends_at,
        timer_paused_left=row.timer_paused_left,
        timer_total=row.timer_total,
    )


class WorkshopRepo:
    def __init__(self, orm: OrmSession) -> None:
        self.orm = orm

    def now(self) -> datetime:
        """The database's clock on PostgreSQL, so that every machine times the same countdown
        against one clock; SQLite lives on this machine, whose clock it is."""
        if self.orm.get_bind().dialect.name == "postgresql":
            value = self.orm.scalar(select(func.now()))
            if isinstance(value, datetime):
                return value.astimezone(UTC)
        return datetime.now(UTC)

    def get(self, session_id: int, *, lock: bool = False) -> WorkshopState:
        """The session's state; a session that never ran a workshop gets the solo defaults.
        ``lock`` holds the row until the transaction ends (PostgreSQL; SQLite writers take
        turns anyway)."""
        q = select(WorkshopRow).where(WorkshopRow.session_id == session_id)
        row = self.orm.scalar(q.with_for_update() if lock else q)
        return _state(row) if row is not None else WorkshopState(session_id)

    def put(self, state: WorkshopState) -> WorkshopState:
        row = self.orm.get(WorkshopRow, state.session_id)
        if row is None:
            row = WorkshopRow(session_id=state.session_id)
            self.orm.add(row)
        row.activity = state.activity.value if state.activity else ""
        row.hide_results = state.hide_results
        row.votes_revealed = state.votes_revealed
        row.scores_revealed = state.scores_revealed
        row.anonymous_votes = state.anonymous_votes
        row.vote_budget = state.vote_budget
        row.votes_per_idea = state.votes_per_idea
        row.timer_ends_at = state.timer_ends_at
        row.timer_paused_left = state.timer_paused_left
        row.timer_total = state.timer_total
        self.orm.flush()
        return _state(row)
