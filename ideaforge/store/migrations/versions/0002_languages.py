"""Sessions and ideas record their language (en, zh-TW, mixed); existing rows become 'en'.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("language", sa.String(10), nullable=False, server_default="en"))
    with op.batch_alter_table("ideas") as batch:
        batch.add_column(sa.Column("language", sa.String(10), nullable=False, server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("ideas") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("language")
