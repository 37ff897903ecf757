"""Schema of the files in ``forms/agendas/``: the kickoff workshop and the QBR."""

import datetime as dt
from typing import Self

from pydantic import Field, field_validator, model_validator

from csdesk.playbook.base import FormModel


class AgendaBlock(FormModel):
    id: str
    start: dt.time
    end: dt.time
    title: str
    topics: list[str] = Field(min_length=1)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return dt.time.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a time of day like 09:00") from None
        return value

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class Deliverable(FormModel):
    id: str
    title: str
    items: list[str] = Field(min_length=1)


class ChecklistTick(FormModel):
    """One checklist item that a finished kickoff workshop marks done."""

    checklist: str
    section: str
    item: str


class WorkshopAgenda(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    disagreement_spread: int = Field(default=2, ge=1, le=4)
    blocks: list[AgendaBlock] = Field(min_length=1)
    deliverables: list[Deliverable] = []
    ticks: list[ChecklistTick] = []

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        for block in self.blocks:
            if block.minutes <= 0:
                raise ValueError(f"block {block.id!r} ends before it starts")
        for a, b in zip(self.blocks, self.blocks[1:], strict=False):
            if b.start < a.end:
                raise ValueError(f"block {b.id!r} starts before {a.id!r} ends")
        ids = [b.id for b in self.blocks]
        if len(set(ids)) != len(ids):
            raise ValueError("two blocks have the same id")
        seen = [(t.checklist, t.section, t.item) for t in self.ticks]
        if len(set(seen)) != len(seen):
            raise ValueError("a checklist item is listed twice in ticks")
        return self

    @property
    def total_minutes(self) -> int:
        first, last = self.blocks[0], self.blocks[-1]
        return (last.end.hour * 60 + last.end.minute) - (first.start.hour * 60 + first.start.minute)


class MeetingSection(FormModel):
    id: str
    title: str
    minutes: int = Field(ge=1)
    topics: list[str] = Field(min_length=1)


class MeetingAgenda(FormModel):
    id: str
    version: int = Field(ge=1)
    title: str
    help: str = ""
    sections: list[MeetingSection] = Field(min_length=1)

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.sections)
