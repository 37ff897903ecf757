"""Turn loose input (JSON objects from a file, a spreadsheet row) into validated records.

Keys may be snake_case or the playbook's camelCase (``platformAdoption``). Every problem
becomes one line naming the item and the field: ``item 2: platform_adoption: 140 is
above 100``. Nothing is half-accepted: either every item is valid or the caller gets
the list of problems.
"""

import difflib
import json
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

R = TypeVar("R", bound=BaseModel)

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_key(key: str) -> str:
    """``platformAdoption`` -> ``platform_adoption``; snake_case passes unchanged."""
    return _CAMEL_BOUNDARY.sub("_", key.strip()).lower()


def _bound(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_error(err: Mapping[str, Any], known: list[str] | None = None) -> str:
    """One pydantic error in words a CSM understands (without the location)."""
    kind = err.get("type", "")
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is missing"
    if kind == "less_than_equal":
        return f"{_shown(value)} is above {_bound(ctx.get('le'))}"
    if kind == "greater_than_equal":
        return f"{_shown(value)} is below {_bound(ctx.get('ge'))}"
    if kind in ("less_than", "greater_than"):
        bound = ctx.get("lt", ctx.get("gt"))
        side = "below" if kind == "less_than" else "above"
        return f"{_shown(value)} must be {side} {_bound(bound)}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing",
                "int_from_float"):
        whole = kind.startswith("int")
        return f"{_shown(value)} is not a {'whole ' if whole else ''}number"
    if kind == "finite_number":
        return f"{_shown(value)} is not a finite number"
    if kind == "extra_forbidden":
        hint = ""
        if known:
            close = difflib.get_close_matches(str(err["loc"][-1]), known, n=1)
            if close:
                hint = f" (did you mean {close[0]}?)"
        return f"is not a known field{hint}"
    if kind in ("string_type", "list_type"):
        return f"{_shown(value)} is not {'text' if kind == 'string_type' else 'a list'}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    return str(err.get("msg", "is not valid")).removeprefix("Value error, ")


def describe_validation(exc: ValidationError, where: str = "",
                        known: list[str] | None = None) -> list[str]:
    lines = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"])
        prefix = f"{where}: " if where else ""
        lines.append(f"{prefix}{loc or 'value'}: {describe_error(err, known)}")
    return lines


def parse_record(data: Any, model: type[R], where: str = "") -> R | list[str]:
    """One record from a mapping with snake_case or camelCase keys, or its problems."""
    label = where or "input"
    if not isinstance(data, Mapping):
        return [f"{label}: expected an object with named fields, got {_shown(data)}"]
    normalised: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in data.items():
        if not isinstance(key, str):
            problems.append(f"{label}: field name {_shown(key)} is not text")
            continue
        name = snake_key(key)
        if name in normalised:
            problems.append(f"{label}: {name} is given twice ({key})")
            continue
        normalised[name] = value
    if problems:
        return problems
    try:
        return model.model_validate(normalised)
    except ValidationError as exc:
        return describe_validation(exc, where, list(model.model_fields))


def parse_records(data: Any, model: type[R]) -> tuple[list[R], list[str], bool]:
    """One object or a list of them -> (records, problems, was_a_list)."""
    many = isinstance(data, list)
    items = data if many else [data]
    if many and not items:
        return [], ["input: the list is empty"], True
    records: list[R] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        parsed = parse_record(item, model, f"item {index}")
        if isinstance(parsed, list):
            problems.extend(parsed)
        else:
            records.append(parsed)
    return records, problems, many
