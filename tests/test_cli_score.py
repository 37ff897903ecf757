"""``csdesk score``: a CSM scores a file of figures from the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from csdesk import __version__
from csdesk.cli import main
from tests.conftest import dimensions_at, metrics_at

CAMEL = {
    "platformAdoption": 72, "workflowUtilization": 60, "featureUsage": 50, "systemUptime": 99.5,
    "workflowSuccessRate": 96, "performanceTargets": 88, "roiAchievement": 65,
    "businessObjectives": 70, "costOptimization": 40, "userSatisfaction": 75,
    "supportTickets": 80, "referenceWillingness": 55,
}


def write(tmp_path, data, name="input.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_health_json_in_camel_case(tmp_path, capsys):
    assert main(["score", "health", write(tmp_path, CAMEL), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["score"] == pytest.approx(73.41)
    assert result["status"] == "At Risk"
    assert result["recommendations"][0].startswith("Health is at risk")
    rows = {row["metric"]: row for row in result["breakdown"]}
    assert rows["platform_adoption"]["weight"] == pytest.approx(0.16)
    assert rows["platform_adoption"]["contribution"] == pytest.approx(11.52)


def test_a_list_gives_a_list(tmp_path, capsys):
    data = [metrics_at(80), metrics_at(59.5)]
    assert main(["score", "health", write(tmp_path, data), "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in results] == ["Healthy", "Critical"]


def test_readable_table_without_json(tmp_path, capsys):
    assert main(["score", "health", write(tmp_path, CAMEL)]) == 0
    out = capsys.readouterr().out
    assert "Health score 73.41  At Risk" in out
    assert "Workflow utilization" in out and "Biggest levers:" in out


def test_readiness_from_stdin(monkeypatch, capsys):
    data = {**dimensions_at(4, change_readiness=2), "potentialBlockers": ["Budget freeze"]}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(data).encode())))
    assert main(["score", "readiness", "-", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["score"] == 3.5
    assert result["level"] == "Medium"
    assert any("change owner" in text for text in result["recommendations"])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({**CAMEL, "platformAdoption": 140}, "item 0: platform_adoption: 140 is above 100"),
        ({**CAMEL, "featureUsage": "abc"}, 'item 0: feature_usage: "abc" is not a number'),
        ({k: v for k, v in CAMEL.items() if k != "systemUptime"},
         "item 0: system_uptime: is missing"),
        ({**CAMEL, "platformAdoptoin": 5},
         "item 0: platform_adoptoin: is not a known field (did you mean platform_adoption?)"),
        ([CAMEL, {**CAMEL, "roiAchievement": -3}], "item 1: roi_achievement: -3 is below 0"),
        ([CAMEL, 7], "item 1: expected an object with named fields, got 7"),
        ("{not json", "not valid JSON: Expecting property name enclosed in double quotes"
                      " at line 1, column 2"),
        ("", "is empty"),
        ([], "input: the list is empty"),
    ],
)
def test_bad_input_exits_2_naming_item_and_field(tmp_path, capsys, data, expected):
    assert main(["score", "health", write(tmp_path, data)]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_one_line_per_problem(tmp_path, capsys):
    data = [{**CAMEL, "platformAdoption": 140, "featureUsage": "x"}]
    assert main(["score", "health", write(tmp_path, data)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["csdesk: item 0: platform_adoption: 140 is above 100",
                     'csdesk: item 0: feature_usage: "x" is not a number']


def test_missing_file_and_wrong_encoding(tmp_path, capsys):
    assert main(["score", "health", str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    path = tmp_path / "latin1.json"
    path.write_bytes('{"note": "Zoë"}'.encode("latin-1"))
    assert main(["score", "health", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_unknown_subcommand_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["score", "happiness", "x.json"])
    assert info.value.code == 2


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"csdesk {__version__}"


def test_the_installed_command_never_shows_a_traceback(tmp_path):
    path = write(tmp_path, "[" * 100_000)
    proc = subprocess.run([sys.executable, "-m", "csdesk", "score", "health", path],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("csdesk: ")
