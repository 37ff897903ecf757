"""the first schema: every record of the playbook

Revision ID: 0001
Revises:
Create Date: 2026-11-28 01:51:52.989788
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "accounts",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plan_tier", sa.String(length=20), nullable=False),
        sa.Column("arr", sa.Float(), nullable=False),
        sa.Column("licensed_users", sa.Integer(), nullable=True),
        sa.Column("monthly_execution_limit", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("stage_started", sa.Date(), nullable=True),
        sa.Column("onboarding_started", sa.Date(), nullable=True),
        sa.Column("contract_start", sa.Date(), nullable=True),
        sa.Column("renewal_date", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("executive_sponsor", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("latest_snapshot_id", sa.Uuid(), nullable=True),
        sa.Column("previous_snapshot_id", sa.Uuid(), nullable=True),
        sa.Column("latest_assessment_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_accounts_owner"), ["owner"], unique=False)

    op.create_table(
        "audit_entries",
        sa.Column("account_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entries_account_at", ["account_id", "at"], unique=False)

    op.create_table(
        "charters",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("scope_objectives", sa.Text(), nullable=False),
        sa.Column("success_criteria", sa.Text(), nullable=False),
        sa.Column("timeline_milestones", sa.Text(), nullable=False),
        sa.Column("architecture_notes", sa.Text(), nullable=False),
        sa.Column("roadmap", sa.Text(), nullable=False),
        sa.Column("resources", sa.Text(), nullable=False),
        sa.Column("dependencies", sa.Text(), nullable=False),
        sa.Column("critical_path", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_charters_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charters")),
        sa.UniqueConstraint("account_id", name=op.f("uq_charters_account_id")),
    )
    op.create_table(
        "health_snapshots",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("platform_adoption", sa.Float(), nullable=False),
        sa.Column("workflow_utilization", sa.Float(), nullable=False),
        sa.Column("feature_usage", sa.Float(), nullable=False),
        sa.Column("system_uptime", sa.Float(), nullable=False),
        sa.Column("workflow_success_rate", sa.Float(), nullable=False),
        sa.Column("performance_targets", sa.Float(), nullable=False),
        sa.Column("roi_achievement", sa.Float(), nullable=False),
        sa.Column("business_objectives", sa.Float(), nullable=False),
        sa.Column("cost_optimization", sa.Float(), nullable=False),
        sa.Column("user_satisfaction", sa.Float(), nullable=False),
        sa.Column("support_tickets", sa.Float(), nullable=False),
        sa.Column("reference_willingness", sa.Float(), nullable=False),
        sa.Column("recent_support_tickets", sa.Integer(), nullable=True),
        sa.Column("escalated_tickets", sa.Integer(), nullable=True),
        sa.Column("monthly_executions", sa.Integer(), nullable=True),
        sa.Column("active_users", sa.Integer(), nullable=True),
        sa.Column("avg_response_seconds", sa.Float(), nullable=True),
        sa.Column("error_rate_pct", sa.Float(), nullable=True),
        sa.Column("roi_achieved_pct", sa.Float(), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("form_id", sa.String(length=40), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_health_snapshots_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_snapshots")),
    )
    with op.batch_alter_table("health_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_health_snapshots_account_as_of", ["account_id", "as_of"], unique=False
        )

    op.create_table(
        "opportunities",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_rule", sa.String(length=60), nullable=True),
        sa.Column("likelihood", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_opportunities_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_opportunities_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "qbrs",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("achievements", sa.Text(), nullable=False),
        sa.Column("roi_promised", sa.Float(), nullable=True),
        sa.Column("roi_achieved", sa.Float(), nullable=True),
        sa.Column("cost_savings", sa.Float(), nullable=True),
        sa.Column("success_stories", sa.Text(), nullable=False),
        sa.Column("challenges", sa.Text(), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("roadmap", sa.Text(), nullable=False),
        sa.Column("expansion_topics", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_qbrs_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qbrs")),
    )
    with op.batch_alter_table("qbrs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_qbrs_account_id"), ["account_id"], unique=False)

    op.create_table(
        "readiness_assessments",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("executive_sponsorship", sa.Float(), nullable=False),
        sa.Column("strategic_importance", sa.Float(), nullable=False),
        sa.Column("budget_approval", sa.Float(), nullable=False),
        sa.Column("infrastructure_maturity", sa.Float(), nullable=False),
        sa.Column("technical_skills", sa.Float(), nullable=False),
        sa.Column("integration_complexity", sa.Float(), nullable=False),
        sa.Column("change_readiness", sa.Float(), nullable=False),
        sa.Column("process_documentation", sa.Float(), nullable=False),
        sa.Column("stakeholder_buy_in", sa.Float(), nullable=False),
        sa.Column("critical_dependencies", sa.JSON(), nullable=False),
        sa.Column("potential_blockers", sa.JSON(), nullable=False),
        sa.Column("mitigation_strategies", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("form_id", sa.String(length=40), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_readiness_assessments_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_assessments")),
    )
    with op.batch_alter_table("readiness_assessments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_readiness_assessments_account_on", ["account_id", "assessed_on"], unique=False
        )

    op.create_table(
        "risks",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=False),
        sa.Column("mitigation", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("rule_id", sa.String(length=60), nullable=True),
        sa.Column("observed", sa.JSON(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_risks_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risks")),
    )
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.create_index("ix_risks_account_status", ["account_id", "status"], unique=False)

    op.create_table(
        "stakeholders",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("is_sponsor", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_stakeholders_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholders")),
    )
    with op.batch_alter_table("stakeholders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stakeholders_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "workflows",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("priority", sa.String(length=20), nullable=False),
        sa.Column("complexity", sa.String(length=20), nullable=False),
        sa.Column("estimated_hours", sa.Float(), nullable=False),
        sa.Column("dependencies", sa.JSON(), nullable=False),
        sa.Column("success_criteria", sa.JSON(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("go_live_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_workflows_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workflows")),
    )
    with op.batch_alter_table("workflows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workflows_account_id"), ["account_id"], unique=False)

    op.create_table(
        "action_items",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("playbook", sa.String(length=60), nullable=True),
        sa.Column("step", sa.String(length=200), nullable=False),
        sa.Column("trigger_rule", sa.String(length=60), nullable=True),
        sa.Column("qbr_id", sa.Uuid(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_action_items_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["qbr_id"], ["qbrs.id"], name=op.f("fk_action_items_qbr_id_qbrs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_items")),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_action_items_account_status", ["account_id", "status"], unique=False
        )

    op.create_table(
        "checklist_instances",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("checklist_id", sa.String(length=60), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("qbr_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_checklist_instances_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["qbr_id"],
            ["qbrs.id"],
            name=op.f("fk_checklist_instances_qbr_id_qbrs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_instances")),
    )
    with op.batch_alter_table("checklist_instances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checklist_instances_account", ["account_id", "checklist_id"], unique=False
        )

    op.create_table(
        "readiness_votes",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("participant", sa.String(length=200), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=True),
        sa.Column("dimension", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["readiness_assessments.id"],
            name=op.f("fk_readiness_votes_assessment_id_readiness_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_readiness_votes_stakeholder_id_stakeholders"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_votes")),
    )
    with op.batch_alter_table("readiness_votes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_readiness_votes_assessment_id"), ["assessment_id"], unique=False
        )

    op.create_table(
        "checklist_items",
        sa.Column("instance_id", sa.Uuid(), nullable=False),
        sa.Column("section_id", sa.String(length=60), nullable=False),
        sa.Column("item_id", sa.String(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["checklist_instances.id"],
            name=op.f("fk_checklist_items_instance_id_checklist_instances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_items")),
        sa.UniqueConstraint(
            "instance_id", "section_id", "item_id", name="uq_checklist_items_instance_item"
        ),
    )
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checklist_items_instance_id"), ["instance_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_items_instance_id"))

    op.drop_table("checklist_items")
    with op.batch_alter_table("readiness_votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_readiness_votes_assessment_id"))

    op.drop_table("readiness_votes")
    with op.batch_alter_table("checklist_instances", schema=None) as batch_op:
        batch_op.drop_index("ix_checklist_instances_account")

    op.drop_table("checklist_instances")
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index("ix_action_items_account_status")

    op.drop_table("action_items")
    with op.batch_alter_table("workflows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workflows_account_id"))

    op.drop_table("workflows")
    with op.batch_alter_table("stakeholders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholders_account_id"))

    op.drop_table("stakeholders")
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.drop_index("ix_risks_account_status")

    op.drop_table("risks")
    with op.batch_alter_table("readiness_assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_readiness_assessments_account_on")

    op.drop_table("readiness_assessments")
    with op.batch_alter_table("qbrs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_qbrs_account_id"))

    op.drop_table("qbrs")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_account_id"))

    op.drop_table("opportunities")
    with op.batch_alter_table("health_snapshots", schema=None) as batch_op:
        batch_op.drop_index("ix_health_snapshots_account_as_of")

    op.drop_table("health_snapshots")
    op.drop_table("charters")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_account_at")

    op.drop_table("audit_entries")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_owner"))
        batch_op.drop_index(batch_op.f("ix_accounts_name"))

    op.drop_table("accounts")
