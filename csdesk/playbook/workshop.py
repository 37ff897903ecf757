"""The kickoff workshop: live readiness scoring from participants' votes, and the clock.

Votes are whole numbers 1-5, one per participant and dimension. Per dimension the tally
gives the mean (the consensus), the spread (highest minus lowest) and whether the room
disagrees (spread at or above the agenda's ``disagreement_spread``). The live score is
the playbook's readiness score of the consensus, once every scoring dimension has a vote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from csdesk.playbook.agenda_form import AgendaBlock, WorkshopAgenda
from csdesk.playbook.readiness import level_for
from csdesk.playbook.readiness_form import ReadinessForm


@dataclass(frozen=True, slots=True)
class DimensionTally:
    dimension: str
    label: str
    votes: tuple[int, ...]
    mean: float | None
    spread: int | None
    disagreement: bool


@dataclass(frozen=True, slots=True)
class WorkshopTally:
    dimensions: tuple[DimensionTally, ...]
    score: float | None  # None until every scoring dimension has a vote
    level: str | None
    missing: tuple[str, ...]  # scoring dimensions still without a vote
    participants: int

    def consensus(self) -> dict[str, float]:
        """The mean vote per dimension that has votes (the assessment to be saved)."""
        return {d.dimension: d.mean for d in self.dimensions if d.mean is not None}


def tally(votes: Mapping[str, Mapping[str, int]], form: ReadinessForm,
          agenda: WorkshopAgenda) -> WorkshopTally:
    """``votes[participant][dimension] = 1..5`` -> the room's view, dimension by dimension."""
    rows = []
    for dim in form.dimensions:
        cast = tuple(v[dim.id] for v in votes.values() if dim.id in v)
        if cast:
            spread = max(cast) - min(cast)
            rows.append(DimensionTally(dim.id, dim.label, cast, sum(cast) / len(cast), spread,
                                       spread >= agenda.disagreement_spread))
        else:
            rows.append(DimensionTally(dim.id, dim.label, (), None, None, False))
    means = {r.dimension: r.mean for r in rows}
    missing = tuple(d for d in form.score_dimensions if means.get(d) is None)
    score = level = None
    if not missing:
        total = 0.0
        for d in form.score_dimensions:
            value = means[d]
            assert value is not None
            total = total + value
        score = total / len(form.score_dimensions)
        level = level_for(score, form)
    voters = sum(1 for v in votes.values() if v)
    return WorkshopTally(tuple(rows), score, level, missing, voters)


@dataclass(frozen=True, slots=True)
class BlockTiming:
    block: AgendaBlock
    started: dt.datetime | None
    ended: dt.datetime | None

    @property
    def planned_minutes(self) -> int:
        return self.block.minutes

    @property
    def actual_minutes(self) -> float | None:
        if self.started is None or self.ended is None:
            return None
        return (self.ended - self.started).total_seconds() / 60


@dataclass(frozen=True, slots=True)
class AgendaClock:
    timings: tuple[BlockTiming, ...]
    current: int | None  # index of the running block; None before the start or at the end
    seconds_left: float | None  # in the current block (negative when running late)
    finished: bool


def agenda_clock(agenda: WorkshopAgenda, log: Sequence[tuple[str, dt.datetime, dt.datetime | None]],
                 now: dt.datetime) -> AgendaClock:
    """Where the day stands. ``log`` holds (block id, actual start, actual end or None) in
    the order the blocks ran; the block without an end is the one running now."""
    by_id = {entry[0]: entry for entry in log}
    timings = tuple(
        BlockTiming(b, by_id[b.id][1], by_id[b.id][2]) if b.id in by_id
        else BlockTiming(b, None, None)
        for b in agenda.blocks
    )
    current = next((i for i, t in enumerate(timings)
                    if t.started is not None and t.ended is None), None)
    left = None
    if current is not None:
        started = timings[current].started
        assert started is not None
        left = timings[current].planned_minutes * 60 - (now - started).total_seconds()
    finished = all(t.ended is not None for t in timings)
    return AgendaClock(timings, current, left, finished)


# What the room agrees during the day, captured as notes. The first six fill the charter
# of the same name; the three risk lists become the assessment's lists (one per line).
CHARTER_TOPICS: tuple[str, ...] = (
    "scope_objectives", "success_criteria", "timeline_milestones", "architecture_notes",
    "resources", "dependencies",
)
RISK_TOPICS: tuple[str, ...] = (
    "critical_dependencies", "potential_blockers", "mitigation_strategies",
)
NOTE_TOPICS: tuple[str, ...] = (
    "scope_objectives", "success_criteria", "timeline_milestones", "critical_dependencies",
    "potential_blockers", "mitigation_strategies", "architecture_notes", "resources",
    "dependencies",
)


def note_lines(text: str) -> list[str]:
    """A risk list typed one entry per line (bullets and blank lines dropped)."""
    out = []
    for line in text.splitlines():
        entry = line.strip().lstrip("-*•").strip()
        if entry:
            out.append(entry[:2000])
    return out
