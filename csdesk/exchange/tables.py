"""Spreadsheet files as plain tables: read CSV and XLSX, write CSV and XLSX.

Reading is bounded (file size, rows, and for XLSX the unpacked size of the workbook, so a
crafted zip cannot exhaust memory). Writing is atomic, and a text cell that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is written as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csdesk.errors import InputProblem
from csdesk.exchange.files import read_bounded, write_atomically

MAX_SHEET_FILE_BYTES = 64 * 2**20
MAX_XLSX_UNPACKED_BYTES = 256 * 2**20
MAX_ROWS = 200_000  # per table
MAX_COLUMNS = 200
SPREADSHEET_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx",
                        ".xlsm": "xlsx"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """One sheet (or a CSV file): header texts and the data rows with their numbers as a
    spreadsheet shows them (the header is row 1 when it is the first line)."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def spreadsheet_kind(path: Path) -> str | None:
    """'csv' or 'xlsx' by the file's suffix, else by its first bytes; None for neither."""
    kind = SPREADSHEET_SUFFIXES.get(path.suffix.lower())
    if kind is not None:
        return kind
    try:
        with path.open("rb") as fh:
            start = fh.read(4)
    except OSError:
        return None
    return "xlsx" if start == b"PK\x03\x04" else None


def read_tables(path: Path) -> list[Table]:
    """The tables of a CSV file (one) or an XLSX workbook (one per non-empty sheet)."""
    kind = spreadsheet_kind(path)
    if kind == "xlsx":
        return _read_xlsx(path)
    return [_read_csv(path)]


def _problem(path: Path, text: str) -> InputProblem:
    return InputProblem([f"{path}: {text}"])


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # what Excel on Windows writes as "CSV"
    except UnicodeDecodeError as exc:
        raise _problem(path, f"is not UTF-8 text (bad byte at offset {exc.start})") from None


def _read_csv(path: Path) -> Table:
    text = _decode(read_bounded(path, MAX_SHEET_FILE_BYTES, "spreadsheet"), path)
    if "\x00" in text:
        raise _problem(path, "is not a CSV text file (it holds NUL bytes)")
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: Table | None = None
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if table is None:
                table = Table(path.name, _headers(cells, path))
                continue
            if len(table.rows) >= MAX_ROWS:
                raise _problem(path, f"has more than {MAX_ROWS:,} rows")
            table.rows.append((reader.line_num, list(cells)))
    except csv.Error as exc:
        raise _problem(path, f"line {reader.line_num}: not valid CSV ({exc})") from None
    if table is None:
        raise _problem(path, "is empty (no header row)")
    return table


def _headers(cells: Sequence[Any], path: Path) -> list[str]:
    if len(cells) > MAX_COLUMNS:
        raise _problem(path, f"has more than {MAX_COLUMNS} columns")
    return ["" if c is None else str(c).strip() for c in cells]


# _openpyxl_late: openpyxl (and numpy, which it loads) is imported where a workbook is
# read or written, not with this module: the window imports the exchange package at
# start-up, and these cost over half a second there. No import cycle is involved.
def _read_xlsx(path: Path) -> list[Table]:
    read_bounded(path, MAX_SHEET_FILE_BYTES, "spreadsheet")  # size and readability
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _problem(path, "is not an XLSX workbook (not a valid zip file)") from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _problem(path, f"unpacks to more than {MAX_XLSX_UNPACKED_BYTES // 2**20} MiB")
    import openpyxl  # type: ignore[import-untyped]  # see _openpyxl_late

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise _problem(path, f"cannot be read as an XLSX workbook ({exc})") from None
    tables: list[Table] = []
    try:
        for sheet in book.worksheets:
            table: Table | None = None
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = list(cells)
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                if table is None:
                    table = Table(sheet.title, _headers(values, path))
                    continue
                if len(table.rows) >= MAX_ROWS:
                    raise _problem(path, f"sheet {sheet.title}: more than {MAX_ROWS:,} rows")
                table.rows.append((number, values))
            if table is not None:
                tables.append(table)
    except InputProblem:
        raise
    except Exception as exc:
        raise _problem(path, f"cannot be read as an XLSX workbook ({exc})") from None
    finally:
        book.close()
    if not tables:
        raise _problem(path, "is empty (no sheet has a header row)")
    return tables


# ------------------------------------------------------------------------------ writing
def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _safe_text(value)
    return value


def write_table(target: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]],
                sheet: str = "Sheet1") -> Path:
    """Write one table as CSV or XLSX (by ``target``'s suffix), atomically."""
    kind = SPREADSHEET_SUFFIXES.get(target.suffix.lower())
    if kind is None:
        raise InputProblem([f"{target}: name the file .csv or .xlsx"])
    materialised = [list(r) for r in rows]
    if kind == "csv":
        def write_csv(tmp: Path) -> None:
            # UTF-8 with a byte order mark: Excel then reads accents and names right
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(headers)
                out.writerows([_csv_cell(v) for v in row] for row in materialised)
        write_atomically(target, write_csv)
    else:
        def write_xlsx(tmp: Path) -> None:
            import openpyxl  # see _openpyxl_late

            workbook = openpyxl.Workbook(write_only=True)
            ws = workbook.create_sheet(sheet[:31] or "Sheet1")
            ws.append(list(headers))
            for row in materialised:
                ws.append([_xlsx_cell(ws, v) for v in row])
            workbook.save(tmp)
        write_atomically(target, write_xlsx)
    return target


def _xlsx_cell(ws: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]  # _openpyxl_late

    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # text stays text, even when it starts with "="
        return cell
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
