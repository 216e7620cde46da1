"""Decision log: records are numbered per session and hash-chained (SHA-256).

Existing records get their sequence numbers and hashes here, in id order, exactly as the
decision service computes them for new records.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("seq", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("record_hash", sa.String(64), nullable=False, server_default=""))
    _backfill()
    with op.batch_alter_table("decisions") as batch:
        batch.create_unique_constraint("uq_decision_seq", ["session_id", "seq"])


def _backfill() -> None:
    from ideaforge.core.chain import GENESIS, record_hash
    from ideaforge.store.repositories import decision_payload

    conn = op.get_bind()
    decisions = sa.table(
        "decisions",
        sa.column("id", sa.Integer), sa.column("session_id", sa.Integer),
        sa.column("title", sa.String), sa.column("status", sa.String),
        sa.column("decided_on", sa.Date), sa.column("record", sa.JSON),
        sa.column("supersedes_id", sa.Integer), sa.column("created_at", sa.DateTime),
        sa.column("seq", sa.Integer), sa.column("prev_hash", sa.String),
        sa.column("record_hash", sa.String),
    )  # fmt: skip
    rows = conn.execute(sa.select(decisions).order_by(decisions.c.id)).mappings().all()
    last: dict[int, tuple[int, str]] = {}
    for r in rows:
        seq, prev = last.get(r["session_id"], (0, GENESIS))
        payload = decision_payload(
            r["session_id"], seq + 1, r["title"], r["status"], r["decided_on"], r["record"],
            r["supersedes_id"], r["created_at"],
        )  # fmt: skip
        h = record_hash(payload, prev)
        conn.execute(
            decisions.update()
            .where(decisions.c.id == r["id"])
            .values(seq=seq + 1, prev_hash=prev, record_hash=h)
        )
        last[r["session_id"]] = (seq + 1, h)


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_constraint("uq_decision_seq", type_="unique")
        batch.drop_column("record_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
