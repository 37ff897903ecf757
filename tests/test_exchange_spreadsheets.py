"""Spreadsheets in and out: a CSM's accounts and health history from CSV and Excel."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from csdesk.errors import InputProblem
from csdesk.exchange import tables
from csdesk.exchange.errors import Cancelled
from csdesk.exchange.spreadsheets import (
    apply_spreadsheet,
    export_portfolio,
    export_snapshot_history,
    normalise,
    plan_spreadsheet,
)
from csdesk.playbook.health import health_score
from csdesk.playbook.records import HEALTH_METRICS, HealthMetrics
from tests.conftest import TODAY, metrics_at
from tests.test_exchange_support import colleague_book, everything

METRIC_HEADERS = ["Platform adoption", "workflowUtilization", "feature_usage",
                  "SYSTEM_UPTIME", "Workflow success rate", "performance targets",
                  "ROI achievement", "businessObjectives", "Cost optimization",
                  "User satisfaction", "Support tickets", "Reference willingness"]


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    workbook.save(path)
    return path


def snapshot_row(account: str, day: dt.date, value: float, **changes: object) -> list[object]:
    metrics = metrics_at(value)
    row: list[object] = [account, day.isoformat(), *(metrics[m] for m in HEALTH_METRICS)]
    for index, name in enumerate(HEALTH_METRICS):
        if name in changes:
            row[2 + index] = changes[name]
    return row


def test_headers_match_in_any_spelling():
    for header in ("Platform adoption", "platform_adoption", "platformAdoption",
                   "PLATFORM-ADOPTION", " Platform  Adoption "):
        assert normalise(header) == "platform_adoption"


def test_accounts_come_in_from_a_csv_with_a_preview(book, tmp_path):
    book.accounts.create({"name": "Acme", "owner": "Dana"})
    path = write_csv(tmp_path / "accounts.csv", [
        ["Account name", "Plan tier", "ARR", "Renewal date", "Stage", "Owner", "Colour"],
        ["acme", "professional", "120,000", "2027-03-01", "Value Realization", "", "red"],
        ["Globex", "Enterprise", "$ 95 000", "2027-01-15", "adoption", "Sam", ""],
    ])
    plan = plan_spreadsheet(book, path)
    [table] = plan.tables
    assert table.kind == "accounts" and not plan.problems
    mapping = {c.header: c.field for c in table.columns}
    assert mapping["Account name"] == "name" and mapping["Colour"] is None
    assert "'Colour' -> (ignored: unknown column)" in plan.summary()
    assert book.accounts.count() == 1  # a preview writes nothing
    report = apply_spreadsheet(book, plan)
    assert (report.accounts_created, report.accounts_updated) == (1, 1)
    acme = book.accounts.find("Acme")
    assert (acme.plan_tier, acme.arr, acme.stage, acme.owner) == (
        "Professional", 120_000, "value_realization", "Dana")  # empty cell: unchanged
    assert acme.stage_started == TODAY
    globex = book.accounts.find("Globex")
    assert (globex.arr, globex.renewal_date) == (95_000, dt.date(2027, 1, 15))
    assert book.audit.trail(globex.id)[0].action == "create"  # audited like any edit


def test_health_history_comes_in_from_excel_scored_by_the_playbook(book, forms, tmp_path):
    acme = book.accounts.create({"name": "Acme"})
    header = ["Account", "Date", *METRIC_HEADERS, "Recent support tickets", "Flags", "Score"]
    rows = [[*snapshot_row("Acme", TODAY - dt.timedelta(weeks=n), 70 + n), n, "", 12]
            for n in range(3)]
    rows[0][-2] = "Positive user feedback, renewal_at_risk"
    path = write_xlsx(tmp_path / "health.xlsx", {"History": [header, *rows]})
    plan = plan_spreadsheet(book, path)
    assert plan.tables[0].kind == "snapshots" and len(plan.snapshots) == 3
    assert "'Score' -> (ignored: computed by the playbook)" in plan.summary()
    apply_spreadsheet(book, plan)
    history = book.snapshots.history(acme.id)
    assert [s.as_of for s in history] == [TODAY - dt.timedelta(weeks=n) for n in (2, 1, 0)]
    expected = health_score(HealthMetrics(**metrics_at(70)), forms.health)
    assert (history[-1].score, history[-1].status) == (expected.score, expected.status)
    assert history[-1].flags == ["positive_feedback", "renewal_at_risk"]
    assert history[-1].form_version == forms.health.version
    row = book.accounts.portfolio()[0]
    assert row.as_of == TODAY and row.score_change is not None
    again = plan_spreadsheet(book, path)  # the same sheet twice records nothing twice
    assert not again.snapshots and again.skipped == 3


def test_rejected_rows_name_the_row_and_the_column_and_nothing_is_applied(book, tmp_path):
    book.accounts.create({"name": "Acme"})
    path = write_csv(tmp_path / "health.csv", [
        ["Account", "As of", *METRIC_HEADERS],
        snapshot_row("Acme", TODAY, 80),
        snapshot_row("Acme", TODAY, 80, platform_adoption=140),
        snapshot_row("Nobody", TODAY, 80),
        snapshot_row("Acme", TODAY, 80, feature_usage="lots"),
        ["Acme", "28/11/2026", *["80"] * 12],
        snapshot_row("Acme", TODAY, 80, cost_optimization="72,5%"),
    ], delimiter=";")
    plan = plan_spreadsheet(book, path)
    assert [str(r) for r in plan.rejected] == [
        "health.csv: row 3, platform_adoption: 140 is above 100",
        "health.csv: row 4, account: no account named 'Nobody' in this book or this file",
        "health.csv: row 5, feature_usage: 'lots' is not a number",
        "health.csv: row 6, as_of: '28/11/2026' is not a date (write it as YYYY-MM-DD)",
    ]
    with pytest.raises(InputProblem, match="row 3, platform_adoption: 140 is above 100"):
        apply_spreadsheet(book, plan)
    assert book.snapshots.history(book.accounts.find("Acme").id) == []
    report = apply_spreadsheet(book, plan, skip_rejected=True)  # the GUI may offer this
    assert report.snapshots == 2 and report.skipped_rows == 4


def test_a_workbook_with_accounts_and_snapshots_sheets_imports_in_one_go(book, tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", {
        "Snapshots": [["customer", "week", *METRIC_HEADERS],
                      snapshot_row("Initech", TODAY, 65)],
        "Accounts": [["Name", "ARR", "Licences"], ["Initech", 50_000, 40]],
    })
    plan = plan_spreadsheet(book, path)
    assert [t.kind for t in plan.tables] == ["snapshots", "accounts"]
    apply_spreadsheet(book, plan)
    initech = book.accounts.find("Initech")
    assert initech.licensed_users == 40
    assert book.snapshots.latest(initech.id).status == "At Risk"


def test_a_table_that_cannot_be_read_says_why(book, tmp_path):
    unknown = write_csv(tmp_path / "notes.csv", [["Colour", "Taste"], ["red", "sweet"]])
    plan = plan_spreadsheet(book, unknown)
    assert "cannot tell what it holds" in plan.problems[0]
    partial = write_csv(tmp_path / "partial.csv", [["Account", "Platform adoption"],
                                                   ["Acme", "80"]])
    plan = plan_spreadsheet(book, partial)
    assert "no column for as_of, workflow_utilization" in plan.problems[0]
    with pytest.raises(InputProblem):
        apply_spreadsheet(book, plan, skip_rejected=True)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "is empty (no header row)"),
    ("binary.csv", b"\x00\x01\x02", "NUL bytes"),
    ("fake.xlsx", b"PK\x03\x04 not really", "is not an XLSX workbook"),
    ("text.xlsx", b"hello", "is not an XLSX workbook"),
])
def test_what_is_not_a_spreadsheet_is_refused(book, tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputProblem, match=re.escape(message)):
        plan_spreadsheet(book, tmp_path / name)


def test_an_xlsx_that_unpacks_to_too_much_is_refused(book, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + " " * 5000 + "</a>")
    with pytest.raises(InputProblem, match="unpacks to more than"):
        plan_spreadsheet(book, tmp_path / "bomb.xlsx")


def test_a_cancelled_spreadsheet_import_writes_nothing(book, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["Name"], ["Acme"], ["Globex"]])
    plan = plan_spreadsheet(book, path)
    with pytest.raises(Cancelled):
        apply_spreadsheet(book, plan, progress=lambda done, total: done < total)
    assert book.accounts.count() == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_accounts_history_goes_out_and_comes_back(book, forms, tmp_path, suffix):
    acme = book.accounts.create({"name": "=Acme+1"})  # a formula-looking name stays text
    for n in range(3):
        book.snapshots.record(acme.id, TODAY - dt.timedelta(weeks=n),
                              HealthMetrics(**metrics_at(60 + 10 * n)))
    path = export_snapshot_history(book, acme.id, tmp_path / f"history{suffix}")
    with colleague_book(book, tmp_path, forms) as colleague:
        colleague.accounts.create({"name": "=Acme+1"})
        if suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            assert text.splitlines()[1].startswith("'=Acme+1")
            return  # a quoted name is for spreadsheets, not for matching accounts
        apply_spreadsheet(colleague, plan_spreadsheet(colleague, path))
        theirs = colleague.snapshots.history(colleague.accounts.find("=Acme+1").id)
        mine = book.snapshots.history(acme.id)
        assert [(s.as_of, s.score, s.status) for s in theirs] == [
            (s.as_of, s.score, s.status) for s in mine]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_portfolio_table_goes_out_as_the_caller_shows_it(book, forms, tmp_path, suffix):
    for name, value in (("Acme", 85), ("Globex", 45), ("Initech", 70)):
        acc = book.accounts.create({"name": name, "arr": 1000})
        book.snapshots.record(acc.id, TODAY, HealthMetrics(**metrics_at(value)))
    rows = [r for r in book.accounts.portfolio() if r.status != "Healthy"]  # a filter
    path = export_portfolio(rows, tmp_path / f"portfolio{suffix}", forms)
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig") as fh:
            lines = list(csv.reader(fh))
    else:
        lines = [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(
            values_only=True)]
    assert lines[0][:3] == ["Account", "Plan tier", "ARR"]
    assert [line[0] for line in lines[1:]] == ["Globex", "Initech"]
    assert lines[1][3] == "Onboarding"  # the stage as the playbook names it


def test_exports_are_written_atomically(book, tmp_path, monkeypatch):
    book.accounts.create({"name": "Acme"})
    target = tmp_path / "portfolio.csv"
    target.write_bytes(b"the previous export")

    def broken(value):
        raise RuntimeError("disk vanished")

    monkeypatch.setattr(tables, "_csv_cell", broken)
    with pytest.raises(RuntimeError):
        export_portfolio(book.accounts.portfolio(), target)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if "portfolio" in p.name] == ["portfolio.csv"]


def test_spreadsheet_import_matches_the_repositories(book, forms, tmp_path):
    """Recorded through the sheet or by hand: the same scores, risks and actions."""
    by_hand = book.accounts.create({"name": "By hand", "licensed_users": 100})
    book.accounts.create({"name": "By sheet", "licensed_users": 100})
    values = [(TODAY - dt.timedelta(weeks=1), 45), (TODAY, 35)]
    for day, value in values:
        book.snapshots.record(by_hand.id, day, HealthMetrics(**metrics_at(value)))
    path = write_csv(tmp_path / "s.csv", [["Account", "Date", *METRIC_HEADERS],
                                          *(snapshot_row("By sheet", d, v) for d, v in values)])
    apply_spreadsheet(book, plan_spreadsheet(book, path))
    seen = everything(book)

    def essentials(name):
        data = seen[name]
        return ([(s.as_of, s.score, s.status, s.next_review) for s in data["snapshots"]],
                sorted((r.type, r.status) for r in data["risks"]),
                sorted((a.title, a.status) for a in data["actions"]))

    assert essentials("By sheet") == essentials("By hand")
