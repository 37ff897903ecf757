"""``python -m bench [NAME ...]``: run the benchmarks and print one table."""

from __future__ import annotations

import argparse
import importlib
import sys

from bench.harness import Figure, render

SUITES = ["scoring", "store", "reports", "exchange", "exchange_big", "ui", "workshop",
          "bundle", "transfer_window"]


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("suites", nargs="*", metavar="SUITE",
                        help=f"which to run (default: all of {', '.join(SUITES)})")
    args = parser.parse_args()
    unknown = sorted(set(args.suites) - set(SUITES))
    if unknown:
        parser.error(f"unknown suite {unknown[0]!r}; choose from {', '.join(SUITES)}")
    figures: list[Figure] = []
    for name in args.suites or SUITES:
        module = importlib.import_module(f"bench.{name}")
        print(f"running {name}...", file=sys.stderr, flush=True)
        figures.extend(module.run())
    print(render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
