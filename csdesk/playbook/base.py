"""Shared pydantic bases for form schemas and records."""

import operator
from collections.abc import Callable
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict

Op = Literal["<", "<=", ">", ">=", "=="]

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}


class FormModel(BaseModel):
    """Part of a form file: unknown keys are refused, loaded forms never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RecordModel(BaseModel):
    """A record a CSM edits: every assignment is validated, unknown fields refused.
    Its validator is built at first use (start-up needs few of them)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class ResultModel(BaseModel):
    """A computed result. Built with ``model_construct`` on hot paths (already valid),
    so its validator is built only if one is ever validated."""

    model_config = ConfigDict(frozen=True, defer_build=True)


def check_descending_thresholds(mins: list[float | None], what: str) -> None:
    """Thresholds strictly descending, the last entry (no min) catching everything below."""
    if mins[-1] is not None or any(m is None for m in mins[:-1]):
        raise ValueError(f"every {what} but the last needs a min; the last has none")
    bounded = [m for m in mins if m is not None]
    if any(a <= b for a, b in pairwise(bounded)):
        raise ValueError(f"{what} thresholds must go strictly down")
