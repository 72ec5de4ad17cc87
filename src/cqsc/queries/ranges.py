"""One rule for a range of days, for every command that takes --from and --to (timeline, changes)."""

from __future__ import annotations

from datetime import date

from cqsc.model.errors import UsageError
from cqsc.queries.status import parse_day


class RangeError(UsageError):
    """A date or range that cannot be read, or runs backwards; ``option`` names the option at fault."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message, option)


def day(value: str | date | None, option: str, *, end: bool = True) -> date | None:
    """A day given as YYYY-MM-DD, YYYY-MM or YYYY: its last day (``end``) or its first; a usage error naming
    ``option`` if it is not a date. The one reading of a date an option takes."""
    if value is None or isinstance(value, date):
        return value
    try:
        return parse_day(value, end=end)
    except ValueError as exc:
        raise RangeError(str(exc), option) from None


def day_range(start: str | date | None, end: str | date | None, *, default_end: date | None = None) -> tuple[date | None, date | None]:
    """The first and last day of a range given as YYYY-MM-DD, YYYY-MM or YYYY (a partial --from starts on its
    first day, a partial --to ends on its last); an end before the start is refused, never an empty answer."""
    first = day(start, "--from", end=False)
    final = day(end, "--to", end=True) or default_end
    if first is not None and final is not None and final < first:
        raise RangeError(f"{final.isoformat()} is before --from {first.isoformat()}: the range would hold nothing", "--to")
    return first, final
