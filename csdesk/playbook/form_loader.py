"""Load the playbook's forms from TOML, validate them, apply tailored overrides.

A CS operations lead tailors a form by copying it into the user's ``forms`` folder (same
relative path) and editing it. A file that does not parse or does not validate is
refused with a ``FormError`` naming the file, the line, the field and the reason.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from csdesk.playbook.agenda_form import MeetingAgenda, WorkshopAgenda
from csdesk.playbook.checklist_form import ChecklistForm
from csdesk.playbook.health_form import HealthForm
from csdesk.playbook.journey_form import JourneyForm
from csdesk.playbook.readiness_form import ReadinessForm
from csdesk.playbook.signals_form import SignalsForm

M = TypeVar("M", bound=BaseModel)

SINGLE_FILES: dict[str, type[BaseModel]] = {
    "readiness.toml": ReadinessForm,
    "health.toml": HealthForm,
    "journey.toml": JourneyForm,
    "signals.toml": SignalsForm,
    "agendas/kickoff-workshop.toml": WorkshopAgenda,
    "agendas/qbr.toml": MeetingAgenda,
}
CHECKLIST_DIR = "checklists"


class FormError(ValueError):
    """A form file that cannot be used; says which file, where, and why."""

    def __init__(self, path: Path, reason: str, field: str = "", line: int | None = None):
        self.path = path
        self.reason = reason
        self.field = field
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field + ': ' if field else ''}{reason}")


@dataclass(frozen=True)
class FormSet:
    """Every form csdesk scores and plans with, as loaded (shipped or tailored)."""

    readiness: ReadinessForm
    health: HealthForm
    journey: JourneyForm
    signals: SignalsForm
    workshop: WorkshopAgenda
    qbr: MeetingAgenda
    checklists: dict[str, ChecklistForm]
    sources: dict[str, Path]

    def checklist(self, checklist_id: str) -> ChecklistForm:
        return self.checklists[checklist_id]


def load_form(path: Path, model: type[M]) -> M:
    """Parse and validate one form file, or raise ``FormError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise FormError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        raise FormError(path, f"not valid TOML ({exc})", line=line) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc)
        reason = str(err["msg"]).removeprefix("Value error, ")
        extra = len(exc.errors()) - 1
        if extra:
            reason += f" (and {extra} more problem{'s' if extra > 1 else ''})"
        raise FormError(path, reason, field=field, line=_guess_line(text, loc, reason)) from None


def load_forms(shipped: Path, override: Path | None = None) -> FormSet:
    """Load every form: the shipped copy, or the tailored one in ``override`` if present."""

    def pick(rel: str) -> Path:
        if override is not None and (override / rel).is_file():
            return override / rel
        return shipped / rel

    sources = {rel: pick(rel) for rel in SINGLE_FILES}
    loaded: dict[str, Any] = {rel: load_form(p, SINGLE_FILES[rel]) for rel, p in sources.items()}

    checklists: dict[str, ChecklistForm] = {}
    names = {p.name for p in (shipped / CHECKLIST_DIR).glob("*.toml")}
    if override is not None and (override / CHECKLIST_DIR).is_dir():
        names |= {p.name for p in (override / CHECKLIST_DIR).glob("*.toml")}
    for name in sorted(names):
        rel = f"{CHECKLIST_DIR}/{name}"
        path = pick(rel)
        form = load_form(path, ChecklistForm)
        if form.id in checklists:
            raise FormError(path, f"checklist id {form.id!r} is used by another file", "id")
        checklists[form.id] = form
        sources[rel] = path
    checklists = dict(sorted(checklists.items(), key=lambda kv: (kv[1].order, kv[0])))

    forms = FormSet(
        readiness=loaded["readiness.toml"],
        health=loaded["health.toml"],
        journey=loaded["journey.toml"],
        signals=loaded["signals.toml"],
        workshop=loaded["agendas/kickoff-workshop.toml"],
        qbr=loaded["agendas/qbr.toml"],
        checklists=checklists,
        sources=sources,
    )
    _check_ticks(forms)
    for phase in forms.journey.phases:
        if phase.success_checklist not in checklists:
            raise FormError(
                sources["journey.toml"],
                f"phase {phase.number} names unknown checklist {phase.success_checklist!r}",
                "phases",
            )
    return forms


def _guess_line(text: str, loc: tuple[Any, ...], reason: str) -> int | None:
    """Best effort: the line of the TOML text that the pydantic error location points at."""
    lines = text.splitlines()
    pos = 0
    found: int | None = None
    i = 0
    while i < len(loc):
        key = loc[i]
        if not isinstance(key, str):
            i += 1
            continue
        index = loc[i + 1] if i + 1 < len(loc) and isinstance(loc[i + 1], int) else None
        header = re.compile(rf"^\s*\[\[?([\w.]+\.)?{re.escape(key)}\]\]?\s*$")
        assign = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        hits = [n for n in range(pos, len(lines)) if header.match(lines[n])]
        if index is not None and len(hits) > index:
            found = pos = hits[index]
            i += 2
            continue
        for n in range(pos, len(lines)):
            if assign.match(lines[n]) or header.match(lines[n]):
                found = pos = n
                break
        if index is not None and found is not None:
            braces = [n for n in range(pos, len(lines)) if "{" in lines[n]]
            if len(braces) > index:
                found = pos = braces[index]
        i += 2 if index is not None else 1
    if not loc:
        for name in re.findall(r"'([\w\- ]+)'", reason):
            for n, line in enumerate(lines):
                if name in line:
                    return n + 1
    return None if found is None else found + 1


def _check_ticks(forms: FormSet) -> None:
    """Every checklist item the kickoff workshop ticks exists in an account checklist."""
    path = forms.sources["agendas/kickoff-workshop.toml"]
    for n, tick in enumerate(forms.workshop.ticks):
        form = forms.checklists.get(tick.checklist)
        if form is None or form.applies_to != "account":
            raise FormError(path, f"names unknown account checklist {tick.checklist!r}",
                            f"ticks.{n}.checklist")
        if (tick.section, tick.item) not in {(s.id, i.id) for s, i in form.items}:
            raise FormError(path, f"checklist {tick.checklist!r} has no item "
                            f"{tick.section}/{tick.item}", f"ticks.{n}.item")
