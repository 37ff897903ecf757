"""The playbook as data: every shipped form loads, says what the playbook says, and a
broken tailored copy is refused with the file, the line and the field."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from csdesk import config
from csdesk.active_forms import active_forms
from csdesk.playbook.form_loader import FormError, load_forms


def test_every_shipped_form_loads_with_an_id_and_a_version(forms):
    assert {p.name for p in forms.sources.values()} >= {"readiness.toml", "health.toml"}
    every = [forms.readiness, forms.health, forms.journey, forms.signals, forms.workshop,
             forms.qbr, *forms.checklists.values()]
    for form in every:
        assert form.id and form.version >= 1 and form.title


def test_readiness_form_is_the_playbooks(forms):
    groups = {g.label: [d.id for d in g.dimensions] for g in forms.readiness.groups}
    assert groups == {
        "Executive Alignment": ["executive_sponsorship", "strategic_importance", "budget_approval"],
        "Technical Readiness": ["infrastructure_maturity", "technical_skills",
                                "integration_complexity"],
        "Organizational Change": ["change_readiness", "process_documentation",
                                  "stakeholder_buy_in"],
    }
    assert forms.readiness.score_dimensions == [
        "executive_sponsorship", "strategic_importance", "technical_skills", "change_readiness"]
    assert [(lv.name, lv.min) for lv in forms.readiness.levels] == [
        ("High", 4.0), ("Medium", 3.0), ("Low", None)]
    assert all(len(d.anchors) == 5 for d in forms.readiness.dimensions)
    assert [r.id for r in forms.readiness.risk_lists] == [
        "critical_dependencies", "potential_blockers", "mitigation_strategies"]


def test_health_form_weights_are_the_playbooks(forms):
    weights = {c.id: (c.weight, [m.weight for m in c.metrics]) for c in forms.health.categories}
    assert weights == {
        "usage": (0.4, [0.4, 0.4, 0.2]),
        "performance": (0.3, [0.4, 0.4, 0.2]),
        "business_value": (0.2, [0.5, 0.3, 0.2]),
        "satisfaction": (0.1, [0.5, 0.3, 0.2]),
    }
    assert [(s.name, s.min) for s in forms.health.statuses] == [
        ("Healthy", 80.0), ("At Risk", 60.0), ("Critical", None)]


@pytest.mark.parametrize(
    ("checklist", "sections", "items"),
    [("technical_readiness", 3, 15), ("renewal_readiness", 4, 16), ("stage_success", 3, 12),
     ("phase_success", 3, 15), ("qbr_preparation", 1, 5), ("qbr_follow_up", 1, 5)],
)
def test_checklists_carry_every_playbook_item(forms, checklist, sections, items):
    form = forms.checklist(checklist)
    assert len(form.sections) == sections
    assert len(form.items) == items


def test_agendas_keep_their_times(forms):
    blocks = [(b.start.strftime("%H:%M"), b.end.strftime("%H:%M")) for b in forms.workshop.blocks]
    assert blocks == [("09:00", "10:30"), ("10:45", "12:00"), ("13:00", "14:30"),
                      ("14:45", "16:00"), ("16:15", "17:00")]
    assert forms.workshop.total_minutes == 8 * 60
    assert len(forms.workshop.deliverables) == 3
    assert [s.minutes for s in forms.qbr.sections] == [15, 20, 20, 15, 15, 5]
    assert forms.qbr.total_minutes == 90


def test_journey_stages_and_phases(forms):
    stages = [(s.label, s.duration_days) for s in forms.journey.stages]
    assert stages == [("Discovery", 30), ("Evaluation", 45), ("Purchase", 15),
                      ("Onboarding", 90), ("Value Realization", 120), ("Adoption", 182),
                      ("Expansion", 182), ("Renewal", None)]
    assert [(p.first_day, p.last_day) for p in forms.journey.phases] == [
        (1, 30), (31, 60), (61, 90)]
    example = forms.journey.workflow_template.example
    assert (example.name, example.estimated_hours) == ("Customer Onboarding Process", 16)


def test_signals_hold_every_trigger(forms):
    levels: dict[str, int] = {}
    for iv in forms.signals.interventions:
        levels[iv.level] = levels.get(iv.level, 0) + 1
    assert levels == {"critical": 5, "warning": 5, "opportunity": 5}
    assert [r.id for r in forms.signals.risk_rules] == [
        "low_adoption", "performance_issues", "support_volume"]
    assert [(t.type, t.score) for t in forms.signals.expansion_triggers] == [
        ("usage", 9), ("success", 8), ("request", 9), ("opportunity", 7)]
    assert len(forms.signals.upsell) == 5
    assert {k.id: k.target for k in forms.signals.kpis} == {
        "uptime": 99.9, "success_rate": 98, "response_time": 30, "error_rate": 1}


def _tailor(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    override = tmp_path / "forms"
    target = override / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (config.shipped_forms_dir() / rel).read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return override


def test_a_tailored_copy_overrides_the_shipped_form(tmp_path):
    override = _tailor(tmp_path, "health.toml", "min = 80.0", "min = 75.0")
    forms = load_forms(config.shipped_forms_dir(), override)
    assert forms.health.statuses[0].min == 75.0
    assert forms.sources["health.toml"] == override / "health.toml"
    assert forms.sources["readiness.toml"].parent == config.shipped_forms_dir()


def test_the_user_config_folder_is_where_tailored_forms_live(csdesk_home):
    target = config.user_forms_dir() / "checklists"
    target.mkdir(parents=True)
    shutil.copy(config.shipped_forms_dir() / "checklists" / "qbr-follow-up.toml",
                target / "qbr-follow-up.toml")
    text = (target / "qbr-follow-up.toml").read_text()
    (target / "qbr-follow-up.toml").write_text(
        text.replace('title = "QBR follow-up"', 'title = "Our QBR follow-up"'))
    assert active_forms().checklist("qbr_follow_up").title == "Our QBR follow-up"


def test_weights_that_do_not_add_up_are_refused_naming_the_file(tmp_path):
    override = _tailor(tmp_path, "health.toml", "weight = 0.4", "weight = 0.5")
    with pytest.raises(FormError) as info:
        load_forms(config.shipped_forms_dir(), override)
    assert info.value.path == override / "health.toml"
    assert "add up to 1" in str(info.value)


def test_a_wrong_value_type_names_the_line_and_field(tmp_path):
    override = _tailor(tmp_path, "health.toml", "  weight = 0.2\n", '  weight = "heavy"\n')
    with pytest.raises(FormError) as info:
        load_forms(config.shipped_forms_dir(), override)
    err = info.value
    assert err.field == "categories.0.metrics.2.weight"
    text = (override / "health.toml").read_text().splitlines()
    assert err.line is not None and 'weight = "heavy"' in text[err.line - 1]
    assert str(err).startswith(f"{override / 'health.toml'}:{err.line}: categories.0.metrics.2")


def test_broken_toml_is_refused_with_its_line(tmp_path):
    override = _tailor(tmp_path, "signals.toml", 'id = "signals"', 'id = "signals')
    with pytest.raises(FormError) as info:
        load_forms(config.shipped_forms_dir(), override)
    assert "not valid TOML" in str(info.value)
    assert info.value.line is not None


def test_an_unknown_key_is_refused(tmp_path):
    override = _tailor(tmp_path, "readiness.toml", "scale_min = 1", "scale_min = 1\nscael_max = 5")
    with pytest.raises(FormError) as info:
        load_forms(config.shipped_forms_dir(), override)
    assert info.value.field == "scael_max"
    lines = (override / "readiness.toml").read_text().splitlines()
    assert info.value.line is not None
    assert lines[info.value.line - 1] == "scael_max = 5"


def test_a_missing_dimension_is_refused(tmp_path):
    override = _tailor(tmp_path, "readiness.toml", 'id = "stakeholder_buy_in"',
                       'id = "stakeholder_happiness"')
    with pytest.raises(FormError, match="stakeholder_buy_in"):
        load_forms(config.shipped_forms_dir(), override)


def test_not_utf8_is_refused(tmp_path):
    override = tmp_path / "forms"
    override.mkdir()
    (override / "journey.toml").write_bytes(b'id = "journey"\xff\xfe')
    with pytest.raises(FormError, match="not UTF-8"):
        load_forms(config.shipped_forms_dir(), override)


def test_category_weights_sum_exactly(forms):
    assert math.fsum(c.weight for c in forms.health.categories) == 1.0


def test_the_workshop_ticks_name_real_checklist_items(forms, tmp_path):
    assert [(t.checklist, t.item) for t in forms.workshop.ticks][:2] == [
        ("technical_readiness", "technical_team"), ("technical_readiness", "project_sponsor")]
    override = _tailor(tmp_path, "agendas/kickoff-workshop.toml",
                       'item = "project_sponsor"', 'item = "project_sponser"')
    with pytest.raises(FormError) as info:
        load_forms(config.shipped_forms_dir(), override)
    assert info.value.path == override / "agendas" / "kickoff-workshop.toml"
    assert "has no item team_resources/project_sponser" in str(info.value)
