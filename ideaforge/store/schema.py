"""SQLAlchemy 2.0 table models. Only this package sees them; repositories hand out core objects.

Changing a table here needs a new migration in ``migrations/versions``; a test compares the
migrated schema with these models.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        date: Date,
    }


class SessionRow(Base):
    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    challenge: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(Text, default="")
    values_text: Mapped[str] = mapped_column(Text, default="")
    phase: Mapped[str] = mapped_column(String(20), default="diverge")
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ParticipantRow(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "name", name="uq_participant_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]


class ThemeRow(Base):
    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    user_label: Mapped[bool] = mapped_column(Boolean, default=False)


class IdeaRow(Base):
    __tablename__ = "ideas"
    __table_args__ = (Index("ix_ideas_session_status", "session_id", "status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="active")
    prune_reason: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    # True once a person placed the idea in its theme: re-clustering leaves it there.
    theme_pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Written during silent ideation: only its author sees it until the facilitator reveals it.
    private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class WorkshopRow(Base):
    """A session's workshop settings and live state (see core/workshop.WorkshopState). Sessions
    without a row are solo sessions with the defaults."""

    __tablename__ = "workshops"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    activity: Mapped[str] = mapped_column(String(20), default="")
    hide_results: Mapped[bool] = mapped_column(Boolean, default=False)
    votes_revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    scores_revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymous_votes: Mapped[bool] = mapped_column(Boolean, default=True)
    vote_budget: Mapped[int] = mapped_column(Integer, default=5)
    votes_per_idea: Mapped[int] = mapped_column(Integer, default=3)
    timer_ends_at: Mapped[datetime | None]
    timer_paused_left: Mapped[float | None] = mapped_column(Float)
    timer_total: Mapped[float] = mapped_column(Float, default=0.0)


class IdeaVectorRow(Base):
    """An idea's sentence embedding under one embedder, with its place on the 2-D map.

    ``text_sha`` is the SHA-1 of the text that was embedded: a different text means a stale
    vector. Vectors are float32 bytes, L2-normalised."""

    __tablename__ = "idea_vectors"
    __table_args__ = (PrimaryKeyConstraint("idea_id", "model_id", name="pk_idea_vectors"),)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    model_id: Mapped[str] = mapped_column(String(100))
    text_sha: Mapped[str] = mapped_column(String(40))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    map_x: Mapped[float | None] = mapped_column(Float)
    map_y: Mapped[float | None] = mapped_column(Float)


class NotDuplicateRow(Base):
    """A person said these two ideas are not duplicates: dedupe stops suggesting the pair."""

    __tablename__ = "not_duplicates"
    __table_args__ = (PrimaryKeyConstraint("idea_a", "idea_b", name="pk_not_duplicates"),)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    idea_a: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    idea_b: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))


class CriterionRow(Base):
    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("session_id", "name", name="uq_criterion_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    weight: Mapped[float] = mapped_column(Float)
    scale_min: Mapped[int] = mapped_column(Integer)
    scale_max: Mapped[int] = mapped_column(Integer)
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)


class ScoreRow(Base):
    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("idea_id", "participant_id", "criterion_id", name="uq_score"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    value: Mapped[float] = mapped_column(Float)


class VoteRow(Base):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("idea_id", "participant_id", name="uq_vote"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    dots: Mapped[int] = mapped_column(Integer)


class DecisionRow(Base):
    """An append-only decision record. ``seq`` numbers a session's records from 1; ``prev_hash``
    and ``record_hash`` chain them (see core/chain.py): rows are never updated."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_decision_seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    decided_on: Mapped[date]
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # the MADR fields
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    record_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")


class AuditRow(Base):
    """Audit events outlive what they describe, so session_id is a plain column, not a key."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime]


class RunRow(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    model: Mapped[str] = mapped_column(String(200))
    device: Mapped[str] = mapped_column(String(20))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    requested: Mapped[int] = mapped_column(Integer)
    raw_outputs: Mapped[int] = mapped_column(Integer)
    kept: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[dict[str, Any]] = mapped_column(JSON)
    rejected_samples: Mapped[list[Any]] = mapped_column(JSON)
    prompt_tokens: Mapped[int] = mapped_column(Integer)
    generated_tokens: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)
    power_watts: Mapped[float] = mapped_column(Float)
    energy_wh: Mapped[float] = mapped_column(Float)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
