"""The first schema: sessions, participants, themes, ideas, criteria, scores, votes, decisions,
audit events.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from ideaforge.store.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("challenge", sa.Text, nullable=False),
        sa.Column("intent", sa.Text, nullable=False),
        sa.Column("values_text", sa.Text, nullable=False),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("session_id", "name", name="uq_participant_name"),
    )
    op.create_index("ix_participants_session_id", "participants", ["session_id"])
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("user_label", sa.Boolean, nullable=False),
    )
    op.create_index("ix_themes_session_id", "themes", ["session_id"])
    op.create_table(
        "ideas",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("participants.id", ondelete="SET NULL")),
        sa.Column("provenance", sa.JSON),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("prune_reason", sa.Text, nullable=False),
        sa.Column("merged_into_id", sa.Integer, sa.ForeignKey("ideas.id", ondelete="SET NULL")),
        sa.Column("theme_id", sa.Integer, sa.ForeignKey("themes.id", ondelete="SET NULL")),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_ideas_session_status", "ideas", ["session_id", "status"])
    op.create_table(
        "criteria",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("scale_min", sa.Integer, nullable=False),
        sa.Column("scale_max", sa.Integer, nullable=False),
        sa.Column("higher_is_better", sa.Boolean, nullable=False),
        sa.UniqueConstraint("session_id", "name", name="uq_criterion_name"),
    )
    op.create_index("ix_criteria_session_id", "criteria", ["session_id"])
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "idea_id", sa.Integer, sa.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "criterion_id",
            sa.Integer,
            sa.ForeignKey("criteria.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("value", sa.Float, nullable=False),
        sa.UniqueConstraint("idea_id", "participant_id", "criterion_id", name="uq_score"),
    )
    op.create_index("ix_scores_idea_id", "scores", ["idea_id"])
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "idea_id", sa.Integer, sa.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey("participants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("dots", sa.Integer, nullable=False),
        sa.UniqueConstraint("idea_id", "participant_id", name="uq_vote"),
    )
    op.create_index("ix_votes_idea_id", "votes", ["idea_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("decided_on", sa.Date, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("supersedes_id", sa.Integer, sa.ForeignKey("decisions.id", ondelete="SET NULL")),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_decisions_session_id", "decisions", ["session_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("entity_id", sa.Integer),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_audit_events_session_id", "audit_events", ["session_id"])


def downgrade() -> None:
    for table in (
        "audit_events",
        "decisions",
        "votes",
        "scores",
        "criteria",
        "ideas",
        "themes",
        "participants",
        "sessions",
    ):
        op.drop_table(table)
