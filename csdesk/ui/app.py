"""Start the desktop application."""

from __future__ import annotations

import argparse


def run_gui(args: argparse.Namespace) -> int:
    raise NotImplementedError
