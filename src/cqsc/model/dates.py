"""Partial dates, whole months between two days, and today: the one clock every command reads.

A partial date (``2024``, ``2024-06``, ``2024-06-30``) stands for every day of its period;
``date_bounds`` gives the first and the last. Months are whole calendar months, counted as a
person does: 2022-11-28 to 2024-11-27 is 23 months, 2019-12-31 to 2020-06-30 is 6 (the last day of
a month completes the month). Today is the data's day: the sources report in Beijing time, so a
fact dated today in China is never "in the future" on a machine still on yesterday's UTC date.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from cqsc.model.problems import SaidError, plain

# The data's time zone: the day every command judges dates against is the day in Beijing.
DATA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

# ASCII digits only (\d admits ٢٠٢٠); matched with fullmatch, as `$` alone admits a trailing newline.
# The anchors stay for the JSON Schema, whose regex dialect has no \Z.
PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def partial_date(value: Any) -> str:
    """``value`` as a partial date (YYYY-MM-DD, YYYY-MM or YYYY); ValueError says what is wrong with it."""
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise SaidError(plain("expected a date as YYYY-MM-DD, YYYY-MM or YYYY"))
    m = PARTIAL_DATE.fullmatch(value)
    if not m:
        raise SaidError(plain("expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}", value=value))
    year, month, day = int(m[1]), m[2], m[3]
    if not 1900 <= year <= 2100:
        raise SaidError(plain("year {year} is out of range", year=year))
    if month is not None and not 1 <= int(month) <= 12:
        raise SaidError(plain("{value!r} is not a real date: month {month}", value=value, month=month))
    if day is not None and not 1 <= int(day) <= days_in_month(year, int(month)):
        raise SaidError(plain("{value!r} is not a real date: {month_name} {year} has no day {day}", value=value, month_name=MONTHS[int(month) - 1], month=int(month), year=year, day=day))
    return value


def days_in_month(year: int, month: int) -> int:
    # The calendar module would do, but importing it costs more than a warm run can spare.
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - timedelta(days=1)).day


@functools.lru_cache(maxsize=4096)
def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day a partial date may stand for (cached: dates repeat across records)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, days_in_month(y, m))
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later``; negative when ``later`` comes first.

    A month is whole when ``later`` has reached ``earlier``'s day of the month (the day-aware count
    the stale-project rule has always used): 2022-11-28 to 2024-11-27 is 23, 2024-11-22 to 2026-11-22
    is 24, 2019-12-31 to 2020-06-30 is 5.
    """
    if later < earlier:
        return -months_between(later, earlier)
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def today() -> date:
    """Today in Beijing time, or the day SOURCE_DATE_EPOCH names there, so that output can be reproduced."""
    from cqsc.model.environment import source_date_epoch  # checked strictly, once, before any command runs

    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=DATA_TZ).date()
    return datetime.now(DATA_TZ).date()
