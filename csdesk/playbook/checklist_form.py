"""Schema of the files in ``forms/checklists/``."""

from typing import Literal, Self

from pydantic import Field, model_validator

from csdesk.playbook.base import FormModel


class ChecklistItem(FormModel):
    id: str
    text: str
    help: str = ""


class ChecklistSection(FormModel):
    id: str
    label: str
    stage: str | None = None
    phase: int | None = None
    items: list[ChecklistItem] = Field(min_length=1)


class ChecklistForm(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    applies_to: Literal["account", "qbr"] = "account"
    order: int = 100  # position among the checklists on screen and in reports
    starts_days_before_renewal: int | None = None
    due_days_before_qbr: int | None = None
    due_days_after_qbr: int | None = None
    sections: list[ChecklistSection] = Field(min_length=1)

    @property
    def items(self) -> list[tuple[ChecklistSection, ChecklistItem]]:
        return [(s, i) for s in self.sections for i in s.items]

    @model_validator(mode="after")
    def _unique_keys(self) -> Self:
        keys = [f"{s.id}.{i.id}" for s, i in self.items]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError(f"item ids must be unique within a section: {dup}")
        return self
