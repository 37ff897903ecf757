"""Repositories: the only API the UI, CLI, reports and exchange use to read and write."""
