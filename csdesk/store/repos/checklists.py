"""Checklists of forms/checklists, instantiated per account (or per QBR) with item state."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from csdesk.playbook.checklist_form import ChecklistForm
from csdesk.store.inputs import ChecklistItemFields
from csdesk.store.orm import ChecklistInstance, ChecklistItemState
from csdesk.store.repos.base import (
    Repository,
    apply,
    fetch,
    field_values,
    require_account,
    validate,
)
from csdesk.store.views import ChecklistItemView, ChecklistView


def ensure_instance(s: Session, account_id: uuid.UUID, form: ChecklistForm,
                    qbr_id: uuid.UUID | None = None,
                    due: dt.date | None = None) -> ChecklistInstance:
    """The account's (or QBR's) instance of a checklist, created or completed from the form."""
    inst = s.scalar(select(ChecklistInstance).where(
        ChecklistInstance.account_id == account_id, ChecklistInstance.checklist_id == form.id,
        ChecklistInstance.qbr_id.is_(None) if qbr_id is None
        else ChecklistInstance.qbr_id == qbr_id))
    if inst is None:
        inst = ChecklistInstance(id=uuid.uuid4(), account_id=account_id, checklist_id=form.id,
                                 form_version=form.version, qbr_id=qbr_id)
        s.add(inst)
        s.flush()
        have: set[tuple[str, str]] = set()
    else:
        have = {(i.section_id, i.item_id) for i in s.scalars(
            select(ChecklistItemState).where(ChecklistItemState.instance_id == inst.id))}
        if inst.form_version != form.version:
            inst.form_version = form.version
    for section, item in form.items:
        if (section.id, item.id) not in have:
            s.add(ChecklistItemState(id=uuid.uuid4(), instance_id=inst.id, section_id=section.id,
                                     item_id=item.id, text=item.text, state="open",
                                     due_date=due))
    return inst


class ChecklistRepository(Repository):
    def for_account(self, account_id: uuid.UUID) -> list[ChecklistView]:
        """Every account checklist of the forms, created on first use."""
        forms = [f for f in self.forms.checklists.values() if f.applies_to == "account"]
        with self.store.transaction() as s:
            require_account(s, account_id)
            instances = [ensure_instance(s, account_id, f) for f in forms]
            s.flush()
            return [self._view(s, inst) for inst in instances]

    def for_qbr(self, account_id: uuid.UUID, qbr_id: uuid.UUID) -> list[ChecklistView]:
        with self.store.reader() as s:
            instances = s.scalars(select(ChecklistInstance).where(
                ChecklistInstance.account_id == account_id, ChecklistInstance.qbr_id == qbr_id)
                .order_by(ChecklistInstance.checklist_id.desc()))
            return [self._view(s, inst) for inst in instances]

    def set_item(self, item_id: uuid.UUID, changes: Mapping[str, Any]) -> ChecklistItemView:
        with self.store.transaction() as s:
            item = fetch(s, ChecklistItemState, item_id, "checklist item")
            fields = validate(ChecklistItemFields,
                              {**field_values(item, ChecklistItemFields), **changes},
                              "checklist item")
            apply(item, fields)
            if item.state == "done" and item.done_on is None:
                item.done_on = self.today()
            elif item.state != "done":
                item.done_on = None
            s.flush()
            return ChecklistItemView.model_validate(item)

    def _view(self, s: Session, inst: ChecklistInstance) -> ChecklistView:
        form = self.forms.checklists.get(inst.checklist_id)
        items = list(s.scalars(select(ChecklistItemState)
                               .where(ChecklistItemState.instance_id == inst.id)))
        order = ({(sec.id, it.id): n for n, (sec, it) in enumerate(form.items)} if form else {})
        items.sort(key=lambda i: (order.get((i.section_id, i.item_id), 10_000), i.text))
        labels = {sec.id: sec.label for sec in form.sections} if form else {}
        sections: dict[str, list[ChecklistItemView]] = {}
        for it in items:
            sections.setdefault(it.section_id, []).append(ChecklistItemView.model_validate(it))
        today = self.today()
        return ChecklistView(
            id=inst.id, checklist_id=inst.checklist_id,
            title=form.title if form else inst.checklist_id, form_version=inst.form_version,
            qbr_id=inst.qbr_id,
            sections=[(sid, labels.get(sid, sid), rows) for sid, rows in sections.items()],
            done=sum(1 for i in items if i.state == "done"),
            applicable=sum(1 for i in items if i.state != "na"),
            overdue=sum(1 for i in items
                        if i.state == "open" and i.due_date is not None and i.due_date < today),
        )
