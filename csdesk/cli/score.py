"""``csdesk score health|readiness FILE``: score JSON input with the playbook's formulas."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from csdesk.cli.common import forms_or_fault
from csdesk.errors import InputProblem
from csdesk.playbook.health import HealthResult, health_score
from csdesk.playbook.inputs import parse_records
from csdesk.playbook.readiness import ReadinessResult, readiness_score
from csdesk.playbook.records import HealthMetrics, ReadinessAssessment

MAX_INPUT_BYTES = 64 * 1024 * 1024


def register(sub: Any) -> None:
    parser = sub.add_parser("score", help="score health metrics or a readiness assessment")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, text in (("health", "the twelve 0-100 health metrics"),
                       ("readiness", "the nine 1-5 readiness dimensions")):
        p = kinds.add_parser(kind, help=f"score {text}")
        p.add_argument("file", metavar="FILE",
                       help="JSON: one object or a list of them ('-' reads standard input)")
        p.add_argument("--json", action="store_true", help="print the results as JSON")
        p.set_defaults(handler=run)


def read_json(name: str) -> Any:
    """The parsed JSON of FILE or stdin; problems as ``InputProblem`` naming the place."""
    label = "standard input" if name == "-" else name
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        try:
            with open(name, "rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError:
            raise InputProblem([f"{label}: no such file"]) from None
        except IsADirectoryError:
            raise InputProblem([f"{label}: is a folder, not a file"]) from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputProblem([f"{label}: larger than {MAX_INPUT_BYTES // 2**20} MiB"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputProblem([f"{label}: not UTF-8 text (bad byte at offset {exc.start})"]) from None
    if not text.strip():
        raise InputProblem([f"{label}: is empty"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputProblem(
            [f"{label}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
        ) from None
    except RecursionError:
        raise InputProblem([f"{label}: JSON nested too deeply"]) from None


def run(args: argparse.Namespace) -> int:
    forms = forms_or_fault()
    data = read_json(args.file)
    results: list[HealthResult | ReadinessResult]
    if args.kind == "health":
        metrics, problems, many = parse_records(data, HealthMetrics)
        if problems:
            raise InputProblem(problems)
        results = [health_score(m, forms.health) for m in metrics]
    else:
        assessments, problems, many = parse_records(data, ReadinessAssessment)
        if problems:
            raise InputProblem(problems)
        results = [readiness_score(a, forms.readiness) for a in assessments]
    if args.json:
        dumped = [r.model_dump(mode="json") for r in results]
        json.dump(dumped if many else dumped[0], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for index, result in enumerate(results):
        if many:
            print(f"== item {index}")
        print(format_health(result) if isinstance(result, HealthResult)
              else format_readiness(result))
    return 0


def _signed(value: float) -> str:
    return f"{value:5.1f}"


def format_health(result: HealthResult) -> str:
    lines = [f"Health score {result.score:.2f}  {result.status}"]
    if result.points_to_next_status is not None:
        lines[0] += f"  ({result.points_to_next_status:.2f} points to the next status)"
    lines.append("")
    lines.append(
        f"{'Metric':<24}{'Category':<16}{'Value':>7}{'Weight':>8}{'Points':>8}{'Lever':>8}")
    category = {c.category: c.label for c in result.categories}
    for row in result.breakdown:
        lines.append(f"{row.label:<24}{category[row.category]:<16}{row.value:7.1f}{row.weight:8.3f}"
                     f"{_signed(row.contribution):>8}{_signed(row.headroom):>8}")
    lines.append("")
    parts = [f"{c.label} {c.score:.1f} x {c.weight:g} = {c.contribution:.2f}"
             for c in result.categories]
    lines.append("Categories: " + ", ".join(parts))
    if result.levers:
        lines.append("Biggest levers: " + ", ".join(
            f"{lv.label} (+{lv.headroom:.1f} at 100)" for lv in result.levers))
    lines.append("Recommendations:")
    lines.extend(f"  - {text}" for text in result.recommendations)
    return "\n".join(lines)


def format_readiness(result: ReadinessResult) -> str:
    lines = [f"Readiness score {result.score:.2f}  {result.level}"]
    if result.points_to_next_level is not None:
        lines[0] += f"  ({result.points_to_next_level:.2f} to the next level)"
    lines.append("")
    lines.append(f"{'Dimension':<26}{'Value':>6}{'Weight':>8}{'Points':>8}")
    for row in result.breakdown:
        lines.append(f"{row.label:<26}{row.value:6.1f}{row.weight:8.2f}{row.contribution:8.2f}")
    lines.append("Recommendations:")
    lines.extend(f"  - {text}" for text in result.recommendations)
    return "\n".join(lines)
