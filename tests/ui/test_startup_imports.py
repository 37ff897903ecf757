"""What a start loads: the portfolio paints without matplotlib, which loads with the
first chart a CSM opens (and never pyplot), nor Alembic (only for a schema upgrade),
openpyxl (only for a workbook), cryptography (only for an encrypted account file),
the account files' validators (only when a file is imported or exported), nor the
account workspace, the New account dialog or the workshop window (when first opened).
Checked in a fresh process, as a start is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

START_THEN_OPEN_AN_ACCOUNT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from csdesk.active_forms import active_forms
from csdesk.store.book import open_book
from csdesk.ui.app import application
from csdesk.ui.startup import Startup

def loaded():
    return sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')

app = application()
with open_book(active_forms(), Path(sys.argv[1])) as book:
    startup = Startup(book, interactive=False)
    startup.start()
    window = startup.window
    while not window.table._painted:
        app.processEvents()
    assert window.isVisible() and window.model.rowCount() == 6
    assert loaded() == [], f"loaded before any chart: {loaded()[:5]}"
    later = {'alembic', 'openpyxl', 'numpy', 'reportlab', 'cryptography'}
    heavy = sorted({m.split('.')[0] for m in sys.modules} & later)
    assert heavy == [], f"loaded before they are needed: {heavy}"
    files = {'csdesk.exchange.accountfile', 'csdesk.exchange.merge',
             'csdesk.exchange.schema', 'csdesk.exchange.spreadsheets'}
    assert sorted(files & set(sys.modules)) == [], "account files' code loaded at start"
    dialogs = {'csdesk.ui.account_dialog', 'csdesk.ui.workshop.window',
               'csdesk.ui.workspace.workspace'}
    assert sorted(dialogs & set(sys.modules)) == [], "a dialog's code loaded at start"
    print("portfolio painted, no matplotlib")

    window.table.setFocus()
    window.table.selectRow(0)
    window.open_account(window.table.current_account(), "overview")
    chart = window.workspace.pages["overview"].chart
    while chart.canvas is None:
        app.processEvents()
    assert "matplotlib.backends.backend_qtagg" in loaded()
    assert "matplotlib.pyplot" not in loaded(), "pyplot was imported"
    print("chart drawn with matplotlib's Qt canvas")
"""


def test_the_portfolio_paints_before_matplotlib_loads_with_the_first_chart(
        portfolio_db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "CSDESK_HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    done = subprocess.run([sys.executable, "-c", START_THEN_OPEN_AN_ACCOUNT, str(portfolio_db)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["portfolio painted, no matplotlib",
                                        "chart drawn with matplotlib's Qt canvas"]
