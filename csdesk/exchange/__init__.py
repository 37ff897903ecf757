"""Account files (.csdesk) and spreadsheets (CSV, XLSX) in and out of a book.

For the window and the command line, every import is two steps, so the user sees what
will happen before anything does:

    parsed = read_account_file(path, passphrase)    # validates the whole file
    plan = plan_import(book, parsed)                 # ImportPlan: the preview
    report = apply_import(book, plan, progress)      # one transaction, or nothing

    plan = plan_spreadsheet(book, path)              # SheetPlan: mapping, rejected rows
    report = apply_spreadsheet(book, plan, progress)

``progress(done, total)`` is called as work is done; returning False stops the work
before anything is written (``Cancelled``). Anything wrong with a file raises
``AccountFileProblem`` (spreadsheets: ``InputProblem``), one line per problem naming
the place. The format: docs/account-file-format.md.
"""

from csdesk.exchange.accountfile import (
    ExportSummary,
    ParsedFile,
    export_accounts,
    file_is_encrypted,
    read_account_file,
)
from csdesk.exchange.errors import (
    AccountFileProblem,
    Cancelled,
    PassphraseNeeded,
    Progress,
    WrongPassphrase,
)
from csdesk.exchange.merge import (
    ImportPlan,
    ImportReport,
    KindCounts,
    StalePlan,
    Superseded,
    apply_import,
    import_account_file,
    plan_import,
)
from csdesk.exchange.spreadsheets import (
    SheetPlan,
    SheetReport,
    apply_spreadsheet,
    export_portfolio,
    export_snapshot_history,
    plan_spreadsheet,
)

__all__ = [
    "AccountFileProblem",
    "Cancelled",
    "ExportSummary",
    "ImportPlan",
    "ImportReport",
    "KindCounts",
    "ParsedFile",
    "PassphraseNeeded",
    "Progress",
    "SheetPlan",
    "SheetReport",
    "StalePlan",
    "Superseded",
    "WrongPassphrase",
    "apply_import",
    "apply_spreadsheet",
    "export_accounts",
    "export_portfolio",
    "export_snapshot_history",
    "file_is_encrypted",
    "import_account_file",
    "plan_import",
    "plan_spreadsheet",
    "read_account_file",
]
