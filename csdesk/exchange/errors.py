"""What goes wrong with account files and spreadsheets, told apart for the caller."""

from __future__ import annotations

from collections.abc import Callable

from csdesk.errors import InputProblem

# progress(done, total) -> False to cancel; called often, from the working thread.
Progress = Callable[[int, int], bool]


class AccountFileProblem(InputProblem):
    """The file cannot be imported as it is: one line per problem, naming the place.

    The only exception reading, planning or applying an import raises for anything
    wrong with the file (the command line exits with 2); the book is left untouched.
    """


class PassphraseNeeded(AccountFileProblem):
    """The file is encrypted and no passphrase was given: ask for one and try again."""


class WrongPassphrase(AccountFileProblem):
    """The passphrase does not open the file, or the file was changed after encryption."""


class Cancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


class Ticker:
    """Counts work done for a ``Progress`` callback; raises ``Cancelled`` when told to."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress = progress
        self.total = max(total, 0)
        self.done = 0

    def __call__(self, n: int = 0) -> None:
        self.done = min(self.done + n, self.total) if self.total else self.done + n
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise Cancelled

    def finish(self) -> None:
        self.done = self.total
        self(0)
