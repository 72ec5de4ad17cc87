"""The errors a user can act on, each with the exit code the README's table gives it.

Every stage raises these (or subclasses of them); the command line maps them to a message on stderr and
an exit code in one place, ``cli.app.main``. Anything else escaping a command is a defect in cqsc.

- ``UsageError`` (2): an option or argument cqsc cannot use, with the option it names.
- ``DataError`` (1): the data has problems (3 when a file could not be read at all).
- ``FileError`` (3): a file or folder cannot be read or written; nothing was changed.
"""

from __future__ import annotations

from typing import Any

EXIT_DATA, EXIT_USAGE, EXIT_IO = 1, 2, 3


class CqscError(Exception):
    """An error with a message for the user and an exit code."""

    exit_code = EXIT_DATA


class UsageError(CqscError, ValueError):
    """An option or argument that cannot be used; ``option`` names it (``--sort``, ``ID``)."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class DataError(CqscError):
    """The data has errors (``problems`` lists them all, each with file, line and column)."""

    def __init__(self, problems: list[Any], message: str | None = None) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        if message is None:
            n = len(errors)
            message = f"{n} problem{'s' if n != 1 else ''} in the data; the first: {errors[0].where}: {errors[0].message}" if errors else "problems in the data"
        super().__init__(message)

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        # A file the operating system refused to read is an I/O error, not a problem of the data.
        return EXIT_IO if any(p.code == "CQ006" for p in self.problems) else EXIT_DATA


class FileError(CqscError):
    """A file or folder that cannot be read or written; what was there is unchanged."""

    exit_code = EXIT_IO
