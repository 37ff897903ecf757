"""Live scoring in the kickoff workshop: the room's votes, spread, disagreement, the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.playbook.workshop import agenda_clock, tally

SCORING = ("executive_sponsorship", "strategic_importance", "technical_skills",
           "change_readiness")


def test_three_participants_vote_and_the_room_sees_mean_and_spread(forms):
    votes = {
        "Zoë": {"executive_sponsorship": 5, "budget_approval": 3},
        "Sam": {"executive_sponsorship": 3, "budget_approval": 3},
        "Łukasz": {"executive_sponsorship": 4, "budget_approval": 4},
    }
    room = tally(votes, forms.readiness, forms.workshop)
    sponsor = room.dimensions[0]
    assert (sponsor.votes, sponsor.mean, sponsor.spread, sponsor.disagreement) == (
        (5, 3, 4), 4.0, 2, True)
    budget = next(d for d in room.dimensions if d.dimension == "budget_approval")
    assert (budget.mean, budget.spread, budget.disagreement) == (pytest.approx(10 / 3), 1, False)
    assert room.participants == 3
    assert room.score is None and room.level is None
    assert room.missing == ("strategic_importance", "technical_skills", "change_readiness")


def test_the_level_changes_live_as_votes_arrive(forms):
    votes = {"Zoë": dict.fromkeys(SCORING, 3)}
    assert tally(votes, forms.readiness, forms.workshop).level == "Medium"
    votes["Sam"] = dict.fromkeys(SCORING, 4)
    room = tally(votes, forms.readiness, forms.workshop)
    assert (room.score, room.level) == (3.5, "Medium")
    assert not any(d.disagreement for d in room.dimensions)  # spread 1
    votes["Łukasz"] = dict.fromkeys(SCORING, 5)
    room = tally(votes, forms.readiness, forms.workshop)
    assert (room.score, room.level) == (4.0, "High")
    assert room.consensus()["change_readiness"] == 4.0
    assert [d.dimension for d in room.dimensions if d.disagreement] == list(SCORING)  # 5 - 3


def test_nobody_voted_yet(forms):
    room = tally({}, forms.readiness, forms.workshop)
    assert room.participants == 0 and room.score is None and room.consensus() == {}


def test_the_clock_follows_the_blocks_as_they_really_ran(forms):
    day = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    log = [("welcome", day, day + dt.timedelta(minutes=100)),
           ("current_state", day + dt.timedelta(minutes=115), None)]
    clock = agenda_clock(forms.workshop, log, day + dt.timedelta(minutes=125))
    assert clock.current == 1
    assert clock.seconds_left == (75 - 10) * 60
    assert clock.timings[0].actual_minutes == 100 and clock.timings[0].planned_minutes == 90
    assert not clock.finished
    late = agenda_clock(forms.workshop, log, day + dt.timedelta(minutes=200))
    assert late.seconds_left < 0


def test_before_the_start_and_after_the_end(forms):
    day = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    assert agenda_clock(forms.workshop, [], day).current is None
    log = [(b.id, day, day) for b in forms.workshop.blocks]
    done = agenda_clock(forms.workshop, log, day)
    assert done.finished and done.current is None
