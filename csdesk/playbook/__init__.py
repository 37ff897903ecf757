"""The domain: the playbook's forms as validated data, records, scoring and signals.

Pure Python: no Qt, no SQL. Everything that computes a score lives here so the window,
the PDFs, the CLI and the account files always agree.
"""
