"""Numbers and dates as cqsc writes them: exact amounts, shares, bars, counted nouns, today's date.

Amounts are kept exactly as the source gave them (亿元) and converted only here, for display.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cqsc.model.dates import (
    today as today,  # the one clock, re-exported for the commands that show today's date
)
from cqsc.model.options import DisplayUnit, Lang

UNIT_SUFFIX = {DisplayUnit.bn: "bn", DisplayUnit.yi: "亿元"}
# The unit with its currency, where an amount stands without one (a column's header, a CSV's unit).
UNIT_HEADER = {DisplayUnit.bn: "bn CNY", DisplayUnit.yi: "亿元"}


def amount_text(amount_yi: Decimal, unit: DisplayUnit) -> str:
    """An exact amount in the display unit: no digit added or dropped (380, 15, 2.507); bn is 亿元 / 10 exactly."""
    if unit is DisplayUnit.yi:
        return format(amount_yi, "f")
    # The decimal point moved one place: 25.07 is 2.507, 25.60 is 2.560, 1213.11 is 121.311; a whole
    # number of 亿元 that is a whole number of bn stays one (3800 is 380, not 380.0).
    value = amount_yi.scaleb(-1)
    exponent = amount_yi.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0 and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return format(value, "f")


def approx(text: str, about: bool) -> str:
    """The ~ of an approximate (约) amount, on every amount that has it."""
    return f"~{text}" if about else text


def money(amount_yi: Decimal | None, unit: DisplayUnit, *, about: bool = False, lang: Lang = Lang.en) -> str:
    if amount_yi is None:
        return "未报告" if lang is Lang.zh else "not reported"
    return f"{approx(amount_text(amount_yi, unit), about)} {UNIT_SUFFIX[unit]}"


CURRENCY_UNIT = {DisplayUnit.bn: "bn CNY", DisplayUnit.yi: "亿元"}  # the unit with its currency, for documents read alone


def money_cny(amount_yi: Decimal | None, unit: DisplayUnit, *, about: bool = False, lang: Lang = Lang.en) -> str:
    """An amount with its currency ("~556.3 bn CNY", "~5563 亿元"), for pages a reader sees out of context."""
    if amount_yi is None:
        return money(None, unit, lang=lang)
    return f"{approx(amount_text(amount_yi, unit), about)} {CURRENCY_UNIT[unit]}"


def percent(share: Decimal | None) -> str:
    if share is None:
        return "—"
    return f"{(share * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def bar(share: Decimal | float | None, width: int, ascii_only: bool) -> str:
    """A bar of ``share`` of ``width`` cells; a sliver for a share too small for one cell."""
    if share is None or width <= 0:
        return ""
    share = Decimal(str(share))
    filled = min(width, int((share * width).to_integral_value(rounding=ROUND_HALF_UP)))
    if share > 0 and filled == 0:
        return "|" if ascii_only else "▏"
    return ("#" if ascii_only else "█") * filled


def counted(n: int, noun: str, lang: Lang = Lang.en) -> str:
    """'1 project', '3 projects'; in Chinese with the noun's measure word ('3 个项目')."""
    if lang is Lang.zh:
        from cqsc.text.zh import NOUNS as NOUNS_ZH

        return f"{n} {NOUNS_ZH.get(noun, noun)}"
    plural = noun if n == 1 else (noun[:-1] + "ies" if noun.endswith("y") and noun[-2:] != "ay" else noun + "s")
    return f"{n} {plural}"
