"""the portfolio's summary columns on accounts, filled from the history they summarise

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-28 04:40:00

Each account gets its latest snapshot's score, status, date and next review, the
previous snapshot's score, its latest readiness level and its count of open risks
(``csdesk.store.summary`` keeps them current), computed here for the data already held.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = ("latest_score", "latest_status", "latest_as_of", "latest_next_review",
            "previous_score", "readiness_level", "open_risks")


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latest_score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("latest_status", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("latest_as_of", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("latest_next_review", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("previous_score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("readiness_level", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("open_risks", sa.Integer(), nullable=False,
                                      server_default="0"))
    # the summary of what the pointers point at (the pointers are current already)
    op.execute(
        "UPDATE accounts SET "
        "latest_score = (SELECT s.score FROM health_snapshots s "
        "WHERE s.id = accounts.latest_snapshot_id), "
        "latest_status = (SELECT s.status FROM health_snapshots s "
        "WHERE s.id = accounts.latest_snapshot_id), "
        "latest_as_of = (SELECT s.as_of FROM health_snapshots s "
        "WHERE s.id = accounts.latest_snapshot_id), "
        "latest_next_review = (SELECT s.next_review FROM health_snapshots s "
        "WHERE s.id = accounts.latest_snapshot_id), "
        "previous_score = (SELECT s.score FROM health_snapshots s "
        "WHERE s.id = accounts.previous_snapshot_id), "
        "readiness_level = (SELECT a.level FROM readiness_assessments a "
        "WHERE a.id = accounts.latest_assessment_id), "
        "open_risks = (SELECT count(*) FROM risks r "
        "WHERE r.account_id = accounts.id AND r.status = 'open')")


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)
