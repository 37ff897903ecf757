"""The ``csdesk`` command: the GUI when run bare, headless subcommands otherwise.

``csdesk FILE`` (as the desktop runs it for a double-clicked .csdesk file) starts the GUI
with the import preview of FILE, or hands FILE to the csdesk already running on the book.

Exit codes: 0 done, 1 a check found a problem or an unexpected error (logged), 2 bad
input or usage, 3 the environment stopped us (disk, permissions, lock, newer data).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection, Sequence
from pathlib import Path

from csdesk import __version__, gc_policy
from csdesk.cli import db, demo, exchange, report, score
from csdesk.errors import EnvironmentFault, InputProblem, environment_message, log_bug

EXIT_OK, EXIT_PROBLEM, EXIT_INPUT, EXIT_ENVIRONMENT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="csdesk", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"csdesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the SQLite database file to use")
    parser.add_argument("--db-url", metavar="URL",
                        help="a SQLAlchemy URL (for example a shared PostgreSQL server)")
    parser.add_argument("--exit-after-paint", action="store_true",
                        help="start the window, quit with 0 once the portfolio has been "
                             "painted (for benchmarks and smoke tests)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    score.register(sub)
    db.register(sub)
    demo.register(sub)
    report.register(sub)
    exchange.register(sub)
    return parser


_OPTIONS_WITH_VALUE = frozenset({"--db", "--db-url"})


def split_file_to_open(argv: Sequence[str], commands: Collection[str]) -> tuple[
        list[str], str | None]:
    """``csdesk [options] FILE``: the arguments without FILE, and FILE (None when the
    first word is a command, or there is none)."""
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            break
        if word in _OPTIONS_WITH_VALUE:
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        if word in commands or not _looks_like_a_file(word):
            return words, None  # a command (or a misspelt one: argparse says so)
        return [*words[:i], *words[i + 1:]], word
    return words, None


def _looks_like_a_file(word: str) -> bool:
    return Path(word).suffix.lower() in (".csdesk", ".csv", ".xlsx") or Path(word).exists()


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._actions
            if isinstance(action, argparse._SubParsersAction) for name in action.choices}


def process_main() -> int:
    """The csdesk process (through :mod:`csdesk.launch`): the console script,
    ``python -m csdesk`` and the bundle.

    As :func:`main`, with the garbage collector set for a whole process
    (:mod:`csdesk.gc_policy`): paused while the window is built, spared at exit."""
    try:
        return main(process=True)
    finally:
        gc_policy.before_exit()


def main(argv: Sequence[str] | None = None, *, process: bool = False) -> int:
    parser = build_parser()
    words, open_file = split_file_to_open(sys.argv[1:] if argv is None else argv,
                                          _commands(parser))
    args = parser.parse_args(words)
    args.open_file = open_file
    args.pause_gc = process  # only a whole csdesk process changes the collector
    try:
        if args.command is None:
            from csdesk.ui.app import run_gui  # Qt loads only for the GUI

            return run_gui(args)
        gc_policy.resume()  # paused by csdesk.launch for the imports; a command needs it
        result: int = args.handler(args)
        return result
    except InputProblem as exc:
        for line in exc.problems:
            print(f"csdesk: {line}", file=sys.stderr)
        return EXIT_INPUT
    except EnvironmentFault as exc:
        print(f"csdesk: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except OSError as exc:
        print(f"csdesk: {environment_message(exc)}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        print("csdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        path = log_bug(exc, f"running csdesk {args.command or 'gui'}")
        where = f" (details in {path})" if path else ""
        print(f"csdesk: unexpected error: {exc.__class__.__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_PROBLEM


if __name__ == "__main__":
    sys.exit(process_main())
