"""The portfolio's columns and how its rows sort, in plain Python (no Qt).

Kept apart from the Qt model so that rows can be put in order on any thread: work that
changes many accounts (an import) reads the new portfolio and prepares it
(``prepare``) before it reports back, and the GUI thread only swaps it in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from csdesk.store.views import PortfolioRow
from csdesk.ui.row_filter import haystack


class Column(IntEnum):
    ACCOUNT = 0
    PLAN = 1
    STAGE = 2
    HEALTH = 3
    STATUS = 4
    CHANGE = 5
    RENEWAL = 6
    NEXT_REVIEW = 7
    OPEN_RISKS = 8
    READINESS = 9
    OWNER = 10
    ARR = 11


Sort = tuple[Column, bool]  # the column, and whether descending


@dataclass(frozen=True)
class PortfolioOrder:
    """What the ranked columns rank by, as the forms list them: stage in journey order,
    status from best to worst, readiness from High to Low, plan from Starter up."""

    stage_rank: Mapping[str, int]
    status_rank: Mapping[str, int]
    level_rank: Mapping[str, int]
    plan_rank: Mapping[str, int]

    def key(self, row: PortfolioRow, column: Column) -> Any:
        """The raw value a column sorts by; ``None`` means "no value" (always last)."""
        match column:
            case Column.ACCOUNT:
                return row.name.casefold()
            case Column.PLAN:
                return self.plan_rank.get(row.plan_tier, len(self.plan_rank))
            case Column.STAGE:
                return self.stage_rank.get(row.stage, len(self.stage_rank))
            case Column.HEALTH:
                return row.score
            case Column.STATUS:
                if row.status is None:
                    return None
                return self.status_rank.get(row.status, len(self.status_rank))
            case Column.CHANGE:
                return row.score_change
            case Column.RENEWAL:
                return row.days_to_renewal
            case Column.NEXT_REVIEW:
                return row.next_review
            case Column.OPEN_RISKS:
                return row.open_risks
            case Column.READINESS:
                if row.readiness_level is None:
                    return None
                return self.level_rank.get(row.readiness_level, len(self.level_rank))
            case Column.OWNER:
                return row.owner.casefold() or None
            case Column.ARR:
                return row.arr
        return None  # pragma: no cover

    def sorted(self, rows: Sequence[PortfolioRow], sort: Sort | None) -> list[PortfolioRow]:
        """``rows`` by ``sort``: rows without a value last, ties by account name (the
        database's order when there is no sort)."""
        if sort is None:
            return list(rows)
        column, descending = sort
        by_name = sorted(rows, key=lambda r: r.name.casefold())
        keys = {id(r): self.key(r, column) for r in by_name}
        valued = [r for r in by_name if keys[id(r)] is not None]
        missing = [r for r in by_name if keys[id(r)] is None]
        # A stable sort, reversed or not, keeps equal values in name order.
        valued.sort(key=lambda r: keys[id(r)], reverse=descending)
        return valued + missing


@dataclass(frozen=True)
class PreparedRows:
    """Rows ready for the portfolio model: in ``sort`` order, with what a search looks
    through for each (``haystacks[i]`` is ``row_filter.haystack(rows[i])``)."""

    rows: list[PortfolioRow]
    haystacks: list[str]
    sort: Sort | None
    owners: frozenset[str]  # every row's owner (for the owner filter)


def prepare(rows: Sequence[PortfolioRow], order: PortfolioOrder,
            sort: Sort | None) -> PreparedRows:
    """Put rows in order and make their haystacks (on any thread)."""
    ordered = order.sorted(rows, sort)
    return PreparedRows(ordered, [haystack(r) for r in ordered], sort,
                        frozenset(r.owner for r in ordered))
