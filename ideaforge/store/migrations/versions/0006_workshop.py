"""Team workshops: per-session workshop state (activity, timer, voting rules, reveals) and
private ideas (silent ideation).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from ideaforge.store.schema import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ideas") as batch:
        batch.add_column(
            sa.Column("private", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_table(
        "workshops",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("hide_results", sa.Boolean, nullable=False),
        sa.Column("votes_revealed", sa.Boolean, nullable=False),
        sa.Column("scores_revealed", sa.Boolean, nullable=False),
        sa.Column("anonymous_votes", sa.Boolean, nullable=False),
        sa.Column("vote_budget", sa.Integer, nullable=False),
        sa.Column("votes_per_idea", sa.Integer, nullable=False),
        sa.Column("timer_ends_at", UTCDateTime),
        sa.Column("timer_paused_left", sa.Float),
        sa.Column("timer_total", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workshops")
    with op.batch_alter_table("ideas") as batch:
        batch.drop_column("private")
