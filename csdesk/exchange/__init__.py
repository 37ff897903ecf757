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

The functions live in ``accountfile``, ``merge`` and ``spreadsheets``: import them from
there. This package imports nothing itself, so its light modules (``errors``,
``tables``) cost the window nothing at start-up.
"""
