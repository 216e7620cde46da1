"""Repositories: the only code that reads and writes rows. They take and return core objects."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Text, cast, delete, func, or_, select, update
from sqlalchemy.orm import Session as OrmSession

from ideaforge.core.errors import InvalidInput, NotFound
from ideaforge.core.i18n import N_, tr
from ideaforge.core.model import (
    AuditEvent,
    Criterion,
    Decision,
    DecisionStatus,
    GenerationRun,
    Idea,
    IdeaStatus,
    Language,
    Origin,
    Participant,
    Phase,
    Provenance,
    Role,
    Score,
    Session,
    Theme,
    Vote,
    utcnow,
)
from ideaforge.store.schema import (
    AuditRow,
    CriterionRow,
    DecisionRow,
    IdeaRow,
    IdeaVectorRow,
    NotDuplicateRow,
    ParticipantRow,
    RunRow,
    ScoreRow,
    SessionRow,
    ThemeRow,
    VoteRow,
)
from ideaforge.store.workshop_repo import WorkshopRepo


def _session(row: SessionRow) -> Session:
    return Session(
        id=row.id,
        title=row.title,
        challenge=row.challenge,
        intent=row.intent,
        values=row.values_text,
        phase=Phase(row.phase),
        language=Language(row.language),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _idea(row: IdeaRow) -> Idea:
    return Idea(
        id=row.id,
        session_id=row.session_id,
        text=row.text,
        origin=Origin(row.origin),
        author_id=row.author_id,
        provenance=Provenance.from_json(row.provenance),
        status=IdeaStatus(row.status),
        prune_reason=row.prune_reason,
        merged_into_id=row.merged_into_id,
        theme_id=row.theme_id,
        language=Language(row.language),
        theme_pinned=bool(row.theme_pinned),
        created_at=row.created_at,
        updated_at=row.updated_at,
        private=bool(row.private),
    )


_IDEA_COLUMNS = (
    IdeaRow.id, IdeaRow.session_id, IdeaRow.text, IdeaRow.origin, IdeaRow.author_id,
    cast(IdeaRow.provenance, Text), IdeaRow.status, IdeaRow.prune_reason, IdeaRow.merged_into_id,
    IdeaRow.theme_id, IdeaRow.language, IdeaRow.theme_pinned, IdeaRow.created_at,
    IdeaRow.updated_at, IdeaRow.private,
)  # fmt: skip
_ORIGINS = {o.value: o for o in Origin}
_STATUSES = {s.value: s for s in IdeaStatus}
_LANGUAGES = {lang.value: lang for lang in Language}


def _idea_from_tuple(t: Any, provenances: dict[str | None, Provenance | None]) -> Idea:
    """An Idea from a row of ``_IDEA_COLUMNS`` (positional: lists of thousands are read often).
    Provenance arrives as JSON text; a run's ideas share a few distinct values, so each is
    parsed once per list (``provenances``)."""
    (id_, sid, text, origin, author, raw, status, reason, merged, theme, lang, pinned,
     created, updated, private) = t  # fmt: skip
    if raw not in provenances:
        provenances[raw] = Provenance.from_json(json.loads(raw) if raw else None)
    return Idea(
        id_, sid, text, _ORIGINS[origin], author, provenances[raw], _STATUSES[status],
        reason, merged, theme, _LANGUAGES[lang], bool(pinned), created, updated, bool(private),
    )  # fmt: skip


def _participant(row: ParticipantRow) -> Participant:
    return Participant(row.id, row.session_id, row.name, Role(row.role), row.created_at)


def _criterion(row: CriterionRow) -> Criterion:
    return Criterion(
        row.id,
        row.session_id,
        row.name,
        row.weight,
        row.scale_min,
        row.scale_max,
        row.higher_is_better,
    )


def _decision(row: DecisionRow) -> Decision:
    rec = row.record

    def tup(key: str) -> tuple[Any, ...]:
        return tuple(rec.get(key, ()))

    return Decision(
        id=row.id,
        session_id=row.session_id,
        title=row.title,
        status=DecisionStatus(row.status),
        decided_on=row.decided_on,
        deciders=tup("deciders"),
        consulted=tup("consulted"),
        informed=tup("informed"),
        context=rec.get("context", ""),
        drivers=tup("drivers"),
        options=tup("options"),
        chosen=tup("chosen"),
        outcome=rec.get("outcome", ""),
        rationale=rec.get("rationale", ""),
        consequences_good=tup("consequences_good"),
        consequences_bad=tup("consequences_bad"),
        confirmation=rec.get("confirmation", ""),
        values=rec.get("values", ""),
        risks=dict(rec.get("risks", {})),
        option_details=tuple(dict(d) for d in rec.get("option_details", ())),
        supersedes_id=row.supersedes_id,
        created_at=row.created_at,
        seq=row.seq,
        prev_hash=row.prev_hash,
        record_hash=row.record_hash,
    )


def _utc_iso(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def decision_payload(
    session_id: int, seq: int, title: str, status: str, decided_on: date | str,
    record: dict[str, Any], supersedes_id: int | None, created_at: datetime,
) -> dict[str, Any]:  # fmt: skip
    """What a decision's hash covers: every stored field but its row id and its own hashes."""
    return {
        "session_id": session_id,
        "seq": seq,
        "title": title,
        "status": status,
        "decided_on": decided_on.isoformat() if isinstance(decided_on, date) else decided_on,
        "record": record,
        "supersedes_id": supersedes_id,
        "created_at": _utc_iso(created_at),
    }


@dataclass(frozen=True, slots=True)
class ChainLink:
    """A decision row as stored, for verifying the chain (nothing is re-derived)."""

    id: int
    seq: int
    payload: dict[str, Any]
    prev_hash: str
    record_hash: str


_DECISION_RECORD_FIELDS = (
    "deciders",
    "consulted",
    "informed",
    "context",
    "drivers",
    "options",
    "chosen",
    "outcome",
    "rationale",
    "consequences_good",
    "consequences_bad",
    "confirmation",
    "values",
    "risks",
    "option_details",
)


class _Repo:
    def __init__(self, orm: OrmSession) -> None:
        self.orm = orm

    def _get(self, model: Any, ident: int, what: str) -> Any:
        row = self.orm.get(model, ident)
        if row is None:
            raise NotFound(tr("There is no {what} with id {ident}.", what=tr(what), ident=ident))
        return row


class SessionRepo(_Repo):
    def add(self, session: Session) -> Session:
        row = SessionRow(
            title=session.title,
            challenge=session.challenge,
            intent=session.intent,
            values_text=session.values,
            phase=session.phase.value,
            language=session.language.value,
            created_at=session.created_at,
            updated_at=session.updated_at,
        )
        self.orm.add(row)
        self.orm.flush()
        return _session(row)

    def get(self, session_id: int) -> Session:
        return _session(self._get(SessionRow, session_id, N_("session")))

    def list(self) -> list[Session]:
        rows = self.orm.scalars(
            select(SessionRow).order_by(SessionRow.updated_at.desc(), SessionRow.id.desc())
        )
        return [_session(r) for r in rows]

    def update(self, session: Session) -> Session:
        row: SessionRow = self._get(SessionRow, session.id, N_("session"))
        row.title, row.challenge, row.intent = session.title, session.challenge, session.intent
        row.values_text, row.phase, row.language = (
            session.values,
            session.phase.value,
            session.language.value,
        )
        row.updated_at = utcnow()
        self.orm.flush()
        return _session(row)

    def touch(self, session_id: int) -> None:
        row: SessionRow = self._get(SessionRow, session_id, N_("session"))
        row.updated_at = utcnow()

    def delete(self, session_id: int) -> None:
        self.orm.delete(self._get(SessionRow, session_id, N_("session")))
        self.orm.flush()

    def idea_counts(self) -> dict[int, int]:
        rows = self.orm.execute(
            select(IdeaRow.session_id, func.count())
            .where(IdeaRow.status != IdeaStatus.MERGED.value)
            .group_by(IdeaRow.session_id)
        )
        return {sid: n for sid, n in rows}


class ParticipantRepo(_Repo):
    def add(self, participant: Participant) -> Participant:
        row = ParticipantRow(
            session_id=participant.session_id,
            name=participant.name,
            role=participant.role.value,
            created_at=participant.created_at,
        )
        self.orm.add(row)
        self.orm.flush()
        return _participant(row)

    def get(self, participant_id: int) -> Participant:
        return _participant(self._get(ParticipantRow, participant_id, N_("participant")))

    def by_name(self, session_id: int, name: str) -> Participant | None:
        row = self.orm.scalar(
            select(ParticipantRow).where(
                ParticipantRow.session_id == session_id, ParticipantRow.name == name
            )
        )
        return _participant(row) if row else None

    def lock(self, participant_id: int) -> None:
        """Hold this person's row until the transaction ends, so that two of their clients
        acting at the same instant (two votes against one budget) take turns. SQLite writers
        already take turns (BEGIN IMMEDIATE); there this only reads the row."""
        self.orm.execute(
            select(ParticipantRow.id).where(ParticipantRow.id == participant_id).with_for_update()
        )

    def set_role(self, participant_id: int, role: Role) -> Participant:
        row: ParticipantRow = self._get(ParticipantRow, participant_id, N_("participant"))
        row.role = role.value
        self.orm.flush()
        return _participant(row)

    def list(self, session_id: int) -> list[Participant]:
        rows = self.orm.scalars(
            select(ParticipantRow)
            .where(ParticipantRow.session_id == session_id)
            .order_by(ParticipantRow.id)
        )
        return [_participant(r) for r in rows]


class IdeaRepo(_Repo):
    def add(self, idea: Idea) -> Idea:
        row = IdeaRow(
            session_id=idea.session_id,
            text=idea.text,
            origin=idea.origin.value,
            author_id=idea.author_id,
            provenance=idea.provenance.to_json() if idea.provenance else None,
            status=idea.status.value,
            prune_reason=idea.prune_reason,
            merged_into_id=idea.merged_into_id,
            theme_id=idea.theme_id,
            language=idea.language.value,
            theme_pinned=idea.theme_pinned,
            created_at=idea.created_at,
            updated_at=idea.updated_at,
            private=idea.private,
        )
        self.orm.add(row)
        self.orm.flush()
        return _idea(row)

    def get(self, idea_id: int) -> Idea:
        return _idea(self._get(IdeaRow, idea_id, N_("idea")))

    def list(
        self,
        session_id: int,
        *,
        statuses: Sequence[IdeaStatus] | None = None,
        origins: Sequence[Origin] | None = None,
        search: str | Sequence[str] | None = None,
        theme_id: int | None = None,
        ids: Sequence[int] | None = None,
        viewer: int | None = None,
        with_private: bool = False,
    ) -> list[Idea]:
        """Ideas oldest first. Private ideas (silent ideation) are left out unless they are the
        ``viewer``'s own, or ``with_private`` asks for every one (counting, revealing)."""
        # Plain rows, not ORM objects: a third of the time for a 10,000-idea session.
        q = select(*_IDEA_COLUMNS).where(IdeaRow.session_id == session_id)
        if not with_private:
            q = q.where(
                IdeaRow.private.is_(False)
                if viewer is None
                else (IdeaRow.private.is_(False)) | (IdeaRow.author_id == viewer)
            )
        if ids is not None:
            q = q.where(IdeaRow.id.in_(list(ids)))
        if statuses:
            q = q.where(IdeaRow.status.in_([s.value for s in statuses]))
        if origins:
            q = q.where(IdeaRow.origin.in_([o.value for o in origins]))
        if theme_id is not None:
            q = q.where(IdeaRow.theme_id == theme_id)
        if search:
            # Case-insensitive substring match that works for CJK text (no word boundaries);
            # several spellings (Traditional and Simplified, say) match any of them.
            terms = [search] if isinstance(search, str) else list(search)
            matches = []
            for term in terms:
                escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                matches.append(IdeaRow.text.ilike(f"%{escaped}%", escape="\\"))
            q = q.where(or_(*matches))
        cache: dict[str | None, Provenance | None] = {}
        return [_idea_from_tuple(t, cache) for t in self.orm.execute(q.order_by(IdeaRow.id))]

    def count(self, session_id: int) -> int:
        return int(
            self.orm.scalar(
                select(func.count()).select_from(IdeaRow).where(IdeaRow.session_id == session_id)
            )
            or 0
        )

    def languages(self, session_id: int, statuses: Sequence[IdeaStatus]) -> set[str]:
        rows = self.orm.scalars(
            select(IdeaRow.language)
            .where(
                IdeaRow.session_id == session_id,
                IdeaRow.status.in_([s.value for s in statuses]),
            )
            .distinct()
        )
        return set(rows)

    def count_by_status(self, session_id: int) -> dict[str, int]:
        rows = self.orm.execute(
            select(IdeaRow.status, func.count())
            .where(IdeaRow.session_id == session_id)
            .group_by(IdeaRow.status)
        )
        return {status: n for status, n in rows}

    def update(self, idea: Idea) -> Idea:
        row: IdeaRow = self._get(IdeaRow, idea.id, N_("idea"))
        row.text, row.status, row.prune_reason = idea.text, idea.status.value, idea.prune_reason
        row.merged_into_id, row.theme_id, row.language = (
            idea.merged_into_id,
            idea.theme_id,
            idea.language.value,
        )
        row.theme_pinned, row.private = idea.theme_pinned, idea.private
        row.updated_at = utcnow()
        self.orm.flush()
        return _idea(row)

    def reveal(self, session_id: int) -> Sequence[int]:
        """Make every private idea of the session visible to all; returns their ids."""
        ids = [
            int(i)
            for i in self.orm.scalars(
                select(IdeaRow.id).where(IdeaRow.session_id == session_id, IdeaRow.private)
            )
        ]
        if ids:
            self.orm.execute(update(IdeaRow).where(IdeaRow.id.in_(ids)).values(private=False))
        return ids

    def private_counts(self, session_id: int) -> dict[int | None, int]:
        """Private ideas in play (active or shortlisted) per author."""
        in_play = [IdeaStatus.ACTIVE.value, IdeaStatus.SHORTLISTED.value]
        rows = self.orm.execute(
            select(IdeaRow.author_id, func.count())
            .where(IdeaRow.session_id == session_id, IdeaRow.private)
            .where(IdeaRow.status.in_(in_play))
            .group_by(IdeaRow.author_id)
        )
        return {author: n for author, n in rows}

    def set_themes(self, assignments: dict[int, int | None]) -> None:
        """Re-clustering: set many ideas' themes at once (not their edit time: no one edited)."""
        for idea_id, theme_id in assignments.items():
            self.orm.execute(update(IdeaRow).where(IdeaRow.id == idea_id).values(theme_id=theme_id))
        self.orm.flush()


class ThemeRepo(_Repo):
    def add(self, theme: Theme) -> Theme:
        row = ThemeRow(
            session_id=theme.session_id,
            label=theme.label,
            keywords=list(theme.keywords),
            user_label=theme.user_label,
        )
        self.orm.add(row)
        self.orm.flush()
        return Theme(row.id, row.session_id, row.label, tuple(row.keywords), row.user_label)

    def list(self, session_id: int) -> list[Theme]:
        rows = self.orm.scalars(
            select(ThemeRow).where(ThemeRow.session_id == session_id).order_by(ThemeRow.id)
        )
        return [_theme(r) for r in rows]

    def get(self, theme_id: int) -> Theme:
        return _theme(self._get(ThemeRow, theme_id, N_("theme")))

    def update(self, theme: Theme) -> Theme:
        row: ThemeRow = self._get(ThemeRow, theme.id, N_("theme"))
        row.label, row.keywords, row.user_label = (
            theme.label,
            list(theme.keywords),
            theme.user_label,
        )
        self.orm.flush()
        return _theme(row)

    def delete(self, theme_id: int) -> None:
        self.orm.execute(update(IdeaRow).where(IdeaRow.theme_id == theme_id).values(theme_id=None))
        self.orm.execute(delete(ThemeRow).where(ThemeRow.id == theme_id))


def _theme(r: ThemeRow) -> Theme:
    return Theme(r.id, r.session_id, r.label, tuple(r.keywords), r.user_label)


class VectorRepo(_Repo):
    """Idea embeddings: float32 bytes per (idea, embedder), plus the idea's map position."""

    def for_session(self, session_id: int, model_id: str) -> dict[int, tuple[str, bytes]]:
        rows = self.orm.execute(
            select(IdeaVectorRow.idea_id, IdeaVectorRow.text_sha, IdeaVectorRow.vector)
            .join(IdeaRow, IdeaRow.id == IdeaVectorRow.idea_id)
            .where(IdeaRow.session_id == session_id, IdeaVectorRow.model_id == model_id)
        )
        return {idea_id: (sha, bytes(vec)) for idea_id, sha, vec in rows}

    def put(self, model_id: str, rows: Sequence[tuple[int, str, bytes]]) -> None:
        """Insert or replace vectors (idea_id, text_sha, float32 bytes); keeps map positions."""
        ids = [r[0] for r in rows]
        existing = {
            v.idea_id: v
            for v in self.orm.scalars(
                select(IdeaVectorRow).where(
                    IdeaVectorRow.model_id == model_id, IdeaVectorRow.idea_id.in_(ids)
                )
            )
        }
        for idea_id, sha, vec in rows:
            row = existing.get(idea_id)
            if row is None:
                self.orm.add(
                    IdeaVectorRow(idea_id=idea_id, model_id=model_id, text_sha=sha, vector=vec)
                )
            else:
                row.text_sha, row.vector = sha, vec
        self.orm.flush()

    def positions(self, session_id: int, model_id: str) -> dict[int, tuple[float, float]]:
        rows = self.orm.execute(
            select(IdeaVectorRow.idea_id, IdeaVectorRow.map_x, IdeaVectorRow.map_y)
            .join(IdeaRow, IdeaRow.id == IdeaVectorRow.idea_id)
            .where(
                IdeaRow.session_id == session_id,
                IdeaVectorRow.model_id == model_id,
                IdeaVectorRow.map_x.is_not(None),
            )
        )
        return {i: (float(x or 0.0), float(y or 0.0)) for i, x, y in rows}

    def set_positions(self, model_id: str, positions: dict[int, tuple[float, float]]) -> None:
        for idea_id, (x, y) in positions.items():
            self.orm.execute(
                update(IdeaVectorRow)
                .where(IdeaVectorRow.idea_id == idea_id, IdeaVectorRow.model_id == model_id)
                .values(map_x=x, map_y=y)
            )
        self.orm.flush()


class NotDuplicateRepo(_Repo):
    """Pairs a person declared distinct; stored with the smaller id first."""

    def add(self, session_id: int, a: int, b: int) -> bool:
        a, b = min(a, b), max(a, b)
        if self.orm.get(NotDuplicateRow, (a, b)) is not None:
            return False
        self.orm.add(NotDuplicateRow(session_id=session_id, idea_a=a, idea_b=b))
        self.orm.flush()
        return True

    def remove(self, a: int, b: int) -> bool:
        row = self.orm.get(NotDuplicateRow, (min(a, b), max(a, b)))
        if row is None:
            return False
        self.orm.delete(row)
        self.orm.flush()
        return True

    def pairs(self, session_id: int) -> set[tuple[int, int]]:
        rows = self.orm.execute(
            select(NotDuplicateRow.idea_a, NotDuplicateRow.idea_b).where(
                NotDuplicateRow.session_id == session_id
            )
        )
        return {(a, b) for a, b in rows}


class CriterionRepo(_Repo):
    def add(self, c: Criterion) -> Criterion:
        row = CriterionRow(
            session_id=c.session_id,
            name=c.name,
            weight=c.weight,
            scale_min=c.scale_min,
            scale_max=c.scale_max,
            higher_is_better=c.higher_is_better,
        )
        self.orm.add(row)
        self.orm.flush()
        return _criterion(row)

    def get(self, criterion_id: int) -> Criterion:
        return _criterion(self._get(CriterionRow, criterion_id, N_("criterion")))

    def list(self, session_id: int) -> list[Criterion]:
        rows = self.orm.scalars(
            select(CriterionRow)
            .where(CriterionRow.session_id == session_id)
            .order_by(CriterionRow.id)
        )
        return [_criterion(r) for r in rows]

    def update(self, c: Criterion) -> Criterion:
        row = self._get(CriterionRow, c.id, N_("criterion"))
        row.name, row.weight = c.name, c.weight
        row.scale_min, row.scale_max = c.scale_min, c.scale_max
        row.higher_is_better = c.higher_is_better
        self.orm.flush()
        return _criterion(row)

    def delete(self, criterion_id: int) -> None:
        self.orm.delete(self._get(CriterionRow, criterion_id, N_("criterion")))
        self.orm.flush()

    def restore(self, c: Criterion) -> Criterion:
        """Bring back a deleted criterion under its old id (undo of a delete)."""
        row = CriterionRow(
            id=c.id, session_id=c.session_id, name=c.name, weight=c.weight,
            scale_min=c.scale_min, scale_max=c.scale_max, higher_is_better=c.higher_is_better,
        )  # fmt: skip
        self.orm.add(row)
        self.orm.flush()
        return _criterion(row)


class ScoreRepo(_Repo):
    def set(self, idea_id: int, participant_id: int, criterion_id: int, value: float) -> Score:
        """Insert or replace one participant's score of one idea on one criterion."""
        row = self.orm.scalar(
            select(ScoreRow).where(
                ScoreRow.idea_id == idea_id,
                ScoreRow.participant_id == participant_id,
                ScoreRow.criterion_id == criterion_id,
            )
        )
        if row is None:
            row = ScoreRow(
                idea_id=idea_id,
                participant_id=participant_id,
                criterion_id=criterion_id,
                value=value,
            )
            self.orm.add(row)
        else:
            row.value = value
        self.orm.flush()
        return Score(row.id, row.idea_id, row.participant_id, row.criterion_id, row.value)

    def list(self, session_id: int) -> list[Score]:
        rows = self.orm.scalars(
            select(ScoreRow)
            .join(IdeaRow, IdeaRow.id == ScoreRow.idea_id)
            .where(IdeaRow.session_id == session_id)
            .order_by(ScoreRow.id)
        )
        return [Score(r.id, r.idea_id, r.participant_id, r.criterion_id, r.value) for r in rows]

    def clear(self, idea_id: int, participant_id: int, criterion_id: int) -> None:
        self.orm.execute(
            delete(ScoreRow).where(
                ScoreRow.idea_id == idea_id,
                ScoreRow.participant_id == participant_id,
                ScoreRow.criterion_id == criterion_id,
            )
        )

    def for_criterion(self, criterion_id: int) -> Sequence[Score]:
        rows = self.orm.scalars(select(ScoreRow).where(ScoreRow.criterion_id == criterion_id))
        return [Score(r.id, r.idea_id, r.participant_id, r.criterion_id, r.value) for r in rows]


class VoteRepo(_Repo):
    def set(self, idea_id: int, participant_id: int, dots: int) -> Vote | None:
        """Set a participant's dots on an idea; 0 removes the vote."""
        if dots < 0:
            raise InvalidInput(tr("Dots cannot be negative."))
        row = self.orm.scalar(
            select(VoteRow).where(
                VoteRow.idea_id == idea_id, VoteRow.participant_id == participant_id
            )
        )
        if dots == 0:
            if row is not None:
                self.orm.delete(row)
                self.orm.flush()
            return None
        if row is None:
            row = VoteRow(idea_id=idea_id, participant_id=participant_id, dots=dots)
            self.orm.add(row)
        else:
            row.dots = dots
        self.orm.flush()
        return Vote(row.id, row.idea_id, row.participant_id, row.dots)

    def list(self, session_id: int) -> list[Vote]:
        rows = self.orm.scalars(
            select(VoteRow)
            .join(IdeaRow, IdeaRow.id == VoteRow.idea_id)
            .where(IdeaRow.session_id == session_id)
            .order_by(VoteRow.id)
        )
        return [Vote(r.id, r.idea_id, r.participant_id, r.dots) for r in rows]


class DecisionRepo(_Repo):
    def add(self, d: Decision) -> Decision:
        """Append a record to its session's log: the next number, chained to the last hash."""
        from ideaforge.core.chain import GENESIS, record_hash

        last = self.orm.execute(
            select(DecisionRow.seq, DecisionRow.record_hash)
            .where(DecisionRow.session_id == d.session_id)
            .order_by(DecisionRow.seq.desc())
            .limit(1)
        ).first()
        seq, prev = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
        record: dict[str, Any] = {}
        for key in _DECISION_RECORD_FIELDS:
            value = getattr(d, key)
            record[key] = list(value) if isinstance(value, tuple) else value
        row = DecisionRow(
            session_id=d.session_id,
            title=d.title,
            status=d.status.value,
            decided_on=d.decided_on
            if isinstance(d.decided_on, date)
            else date.fromisoformat(str(d.decided_on)),
            record=record,
            supersedes_id=d.supersedes_id,
            created_at=d.created_at,
            seq=seq,
            prev_hash=prev,
        )
        # The hash covers what will be read back: JSON as the database returns it.
        record = json.loads(json.dumps(record))
        row.record_hash = record_hash(
            decision_payload(d.session_id, seq, row.title, row.status, row.decided_on, record,
                             d.supersedes_id, d.created_at), prev,
        )  # fmt: skip
        self.orm.add(row)
        self.orm.flush()
        return _decision(row)

    def chain(self, session_id: int) -> list[ChainLink]:
        rows = self.orm.scalars(
            select(DecisionRow)
            .where(DecisionRow.session_id == session_id)
            .order_by(DecisionRow.seq, DecisionRow.id)
        )
        return [
            ChainLink(
                r.id, r.seq,
                decision_payload(r.session_id, r.seq, r.title, r.status, r.decided_on,
                                 r.record, r.supersedes_id, r.created_at),
                r.prev_hash, r.record_hash,
            )
            for r in rows
        ]  # fmt: skip

    def get(self, decision_id: int) -> Decision:
        return _decision(self._get(DecisionRow, decision_id, N_("decision")))

    def list(self, session_id: int) -> list[Decision]:
        rows = self.orm.scalars(
            select(DecisionRow)
            .where(DecisionRow.session_id == session_id)
            .order_by(DecisionRow.seq, DecisionRow.id)
        )
        return [_decision(r) for r in rows]


class AuditRepo(_Repo):
    def __init__(self, orm: OrmSession) -> None:
        super().__init__(orm)
        self.recorded: list[AuditEvent] = []  # this transaction's events, for change notices

    def record(self, event: AuditEvent) -> AuditEvent:
        row = AuditRow(
            session_id=event.session_id,
            actor=event.actor,
            action=event.action,
            entity=event.entity,
            entity_id=event.entity_id,
            before=event.before,
            after=event.after,
            at=event.at,
        )
        self.orm.add(row)
        self.orm.flush()
        saved = replace(event, id=row.id)
        self.recorded.append(saved)
        return saved

    def list(self, session_id: int | None = None, *, limit: int | None = None) -> list[AuditEvent]:
        q = select(AuditRow).order_by(AuditRow.id)
        if session_id is not None:
            q = q.where(AuditRow.session_id == session_id)
        if limit is not None:
            q = q.limit(limit)
        return [
            AuditEvent(
                r.id,
                r.session_id,
                r.actor,
                r.action,
                r.entity,
                r.entity_id,
                r.before,
                r.after,
                r.at,
            )
            for r in self.orm.scalars(q)
        ]

    def count(self, session_id: int, action: str) -> int:
        """How many events of one kind a session has (counted by the database)."""
        return int(
            self.orm.scalar(
                select(func.count())
                .select_from(AuditRow)
                .where(AuditRow.session_id == session_id, AuditRow.action == action)
            )
            or 0
        )


def _run(r: RunRow) -> GenerationRun:
    return GenerationRun(
        id=r.id, session_id=r.session_id, model=r.model, device=r.device, settings=dict(r.settings),
        status=r.status, message=r.message, requested=r.requested, raw_outputs=r.raw_outputs,
        kept=r.kept, rejected=dict(r.rejected), rejected_samples=list(r.rejected_samples),
        prompt_tokens=r.prompt_tokens, generated_tokens=r.generated_tokens, seconds=r.seconds,
        power_watts=r.power_watts, energy_wh=r.energy_wh, started_at=r.started_at,
        finished_at=r.finished_at,
    )  # fmt: skip


class RunRepo(_Repo):
    _FIELDS = (
        "session_id", "model", "device", "settings", "status", "message", "requested",
        "raw_outputs", "kept", "rejected", "rejected_samples", "prompt_tokens",
        "generated_tokens", "seconds", "power_watts", "energy_wh", "started_at", "finished_at",
    )  # fmt: skip

    def save(self, run: GenerationRun) -> GenerationRun:
        """Insert or update a run record."""
        row = self.orm.get(RunRow, run.id)
        if row is None:
            row = RunRow(id=run.id)
            self.orm.add(row)
        for name in self._FIELDS:
            setattr(row, name, getattr(run, name))
        self.orm.flush()
        return _run(row)

    def get(self, run_id: str) -> GenerationRun:
        row = self.orm.get(RunRow, run_id)
        if row is None:
            raise NotFound(tr("There is no generation run '{run_id}'.", run_id=run_id))
        return _run(row)

    def list(self, session_id: int) -> list[GenerationRun]:
        rows = self.orm.scalars(
            select(RunRow).where(RunRow.session_id == session_id).order_by(RunRow.started_at)
        )
        return [_run(r) for r in rows]


class UnitOfWork:
    """The repositories of one transaction (see Store.unit_of_work)."""

    def __init__(self, orm: OrmSession) -> None:
        self.orm = orm
        self.sessions = SessionRepo(orm)
        self.participants = ParticipantRepo(orm)
        self.ideas = IdeaRepo(orm)
        self.themes = ThemeRepo(orm)
        self.criteria = CriterionRepo(orm)
        self.scores = ScoreRepo(orm)
        self.votes = VoteRepo(orm)
        self.decisions = DecisionRepo(orm)
        self.audit = AuditRepo(orm)
        self.runs = RunRepo(orm)
        self.vectors = VectorRepo(orm)
        self.not_duplicates = NotDuplicateRepo(orm)
        self.workshops = WorkshopRepo(orm)
