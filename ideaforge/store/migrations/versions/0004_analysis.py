"""Converge engine: idea vectors (per embedder, with map coordinates), pinned theme placement,
pairs people marked as not duplicates.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ideas") as batch:
        batch.add_column(
            sa.Column("theme_pinned", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_table(
        "idea_vectors",
        sa.Column(
            "idea_id", sa.Integer, sa.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("model_id", sa.String(100), nullable=False),
        sa.Column("text_sha", sa.String(40), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("map_x", sa.Float),
        sa.Column("map_y", sa.Float),
        sa.PrimaryKeyConstraint("idea_id", "model_id", name="pk_idea_vectors"),
    )
    op.create_table(
        "not_duplicates",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "idea_a", sa.Integer, sa.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "idea_b", sa.Integer, sa.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False
        ),
        sa.PrimaryKeyConstraint("idea_a", "idea_b", name="pk_not_duplicates"),
    )
    op.create_index("ix_not_duplicates_session_id", "not_duplicates", ["session_id"])


def downgrade() -> None:
    op.drop_table("not_duplicates")
    op.drop_table("idea_vectors")
    with op.batch_alter_table("ideas") as batch:
        batch.drop_column("theme_pinned")
