"""Which portfolio rows a search text and four filters keep (no Qt: plain Python).

Built for a search-as-you-type over thousands of rows: each row's name and owner are
casefolded once into a "haystack" (``haystack``), and a filter change goes through every
row in one list comprehension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csdesk.store.views import PortfolioRow

NOT_SCORED = ""  # the status filter value for accounts without a health snapshot
_SEPARATOR = "\0"  # between name and owner in a haystack: no search text holds one


def haystack(row: PortfolioRow) -> str:
    """What a search looks through: the casefolded name and owner, kept apart."""
    return f"{row.name.casefold()}{_SEPARATOR}{row.owner.casefold()}"


def search_text(text: str) -> str:
    """A search as typed, as it is matched: trimmed, casefolded."""
    return text.replace(_SEPARATOR, "").strip().casefold()


@dataclass(frozen=True)
class RowFilter:
    """A search (already ``search_text``) and four filters; ``None`` lets everything by."""

    search: str = ""
    status: str | None = None  # NOT_SCORED: the accounts without a snapshot
    stage: str | None = None
    owner: str | None = None
    renewal_within: int | None = None  # days from today, today included

    @property
    def is_filtering(self) -> bool:
        return bool(self.search) or self._has_filters

    @property
    def _has_filters(self) -> bool:
        return any(v is not None for v in (self.status, self.stage, self.owner,
                                           self.renewal_within))

    def accepts(self, row: PortfolioRow, hay: str | None = None) -> bool:
        if self.search and self.search not in (haystack(row) if hay is None else hay):
            return False
        if self.status is not None and (row.status or NOT_SCORED) != self.status:
            return False
        if self.stage is not None and row.stage != self.stage:
            return False
        if self.owner is not None and row.owner != self.owner:
            return False
        if self.renewal_within is not None:
            days = row.days_to_renewal
            if days is None or not 0 <= days <= self.renewal_within:
                return False
        return True

    def keep(self, rows: Sequence[PortfolioRow],
             haystacks: Sequence[str]) -> list[PortfolioRow]:
        """The rows this filter accepts, in their order; ``haystacks[n]`` is
        ``haystack(rows[n])``."""
        if not self.is_filtering:
            return list(rows)
        search = self.search
        if not self._has_filters:  # the search alone, as typed: one ``in`` per row
            return [row for row, hay in zip(rows, haystacks, strict=True) if search in hay]
        return [row for row, hay in zip(rows, haystacks, strict=True)
                if self.accepts(row, hay)]
