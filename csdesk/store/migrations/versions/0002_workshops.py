"""workshops: the kickoff workshop as it runs (blocks, participants, votes, notes)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 04:23:52.245752
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "workshops",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("agenda_id", sa.String(length=40), nullable=False),
        sa.Column("agenda_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("current_block", sa.String(length=60), nullable=True),
        sa.Column("assessment_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_workshops_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["readiness_assessments.id"],
            name=op.f("fk_workshops_assessment_id_readiness_assessments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
    )
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.create_index("ix_workshops_account_status", ["account_id", "status"], unique=False)

    op.create_table(
        "workshop_blocks",
        sa.Column("workshop_id", sa.Uuid(), nullable=False),
        sa.Column("block_id", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("planned_start", sa.String(length=5), nullable=False),
        sa.Column("planned_end", sa.String(length=5), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_blocks_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_blocks")),
        sa.UniqueConstraint("workshop_id", "block_id", name="uq_workshop_blocks_workshop_block"),
    )
    with op.batch_alter_table("workshop_blocks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_blocks_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_notes",
        sa.Column("workshop_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_notes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_notes")),
        sa.UniqueConstraint("workshop_id", "topic", name="uq_workshop_notes_workshop_topic"),
    )
    with op.batch_alter_table("workshop_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_notes_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_participants",
        sa.Column("workshop_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_workshop_participants_stakeholder_id_stakeholders"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_participants_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_participants")),
    )
    with op.batch_alter_table("workshop_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_participants_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_votes",
        sa.Column("workshop_id", sa.Uuid(), nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("dimension", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["workshop_participants.id"],
            name=op.f("fk_workshop_votes_participant_id_workshop_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_votes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_votes")),
        sa.UniqueConstraint(
            "participant_id", "dimension", name="uq_workshop_votes_participant_dimension"
        ),
    )
    with op.batch_alter_table("workshop_votes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_votes_workshop_id"), ["workshop_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("workshop_votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_votes_workshop_id"))

    op.drop_table("workshop_votes")
    with op.batch_alter_table("workshop_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_participants_workshop_id"))

    op.drop_table("workshop_participants")
    with op.batch_alter_table("workshop_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_notes_workshop_id"))

    op.drop_table("workshop_notes")
    with op.batch_alter_table("workshop_blocks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_blocks_workshop_id"))

    op.drop_table("workshop_blocks")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_index("ix_workshops_account_status")

    op.drop_table("workshops")
