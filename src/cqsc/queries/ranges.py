"""One rule for a range of days, for every command that takes --from and --to (timeline, changes)."""

from __future__ import annotations

from datetime import date

from cqsc.model.errors import UsageError
from cqsc.queries.status import parse_day


class RangeError(UsageError):
    """A range that cannot be read or runs backwards; ``option`` names the option at fault."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message, option)


def day_range(start: str | date | None, end: str | date | None, *, default_end: date | None = None) -> tuple[date | None, date | None]:
    """The first and last day of a range given as YYYY-MM-DD, YYYY-MM or YYYY (a partial --from starts on its
    first day, a partial --to ends on its last); an end before the start is refused, never an empty answer."""

    def day(value: str | date | None, option: str, *, last: bool) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return parse_day(value, end=last)
        except ValueError as exc:
            raise RangeError(str(exc), option) from None

    first = day(start, "--from", last=False)
    final = day(end, "--to", last=True) or default_end
    if first is not None and final is not None and final < first:
        raise RangeError(f"{final.isoformat()} is before --from {first.isoformat()}: the range would hold nothing", "--to")
    return first, final
