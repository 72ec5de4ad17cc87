"""Validated records to plain JSON values and back, with no validator library: the cache's format.

``dump`` writes what models.as_json writes (exact decimals as text, code lists by value).
``load`` rebuilds the record classes from such values field by field, checking each value
against the field's declared type; anything else (an unknown key, a wrong type, a code
not in its list, a non-finite decimal) raises CodecError, so a foreign or damaged cache
entry is a miss and never becomes data. It imports neither PyYAML nor pydantic, which is
what keeps a warm run fast.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from cqsc import models


class CodecError(ValueError):
    """A stored value does not fit the record it should rebuild."""


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def dump(obj: Any) -> Any:
    return models.as_json(obj)


def load(tp: Any, value: Any) -> Any:
    """``value`` rebuilt as the declared type ``tp``; CodecError if it does not fit."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise CodecError(f"cannot rebuild {tp}")
        return load(rest[0], value)
    if origin is list:
        if type(value) is not list:
            raise CodecError("expected a list")
        (item,) = typing.get_args(tp)
        return [load(item, v) for v in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if type(value) is not dict:
            raise CodecError(f"expected a {tp.__name__} record")
        hints = _hints(tp)
        unknown = set(value) - set(hints)
        if unknown:
            raise CodecError(f"unknown fields {sorted(unknown)} in {tp.__name__}")
        kwargs = {name: load(hints[name], v) for name, v in value.items()}
        try:
            return tp(**kwargs)
        except (TypeError, ValueError) as exc:  # a missing required field, a record's own check
            raise CodecError(str(exc)) from None
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            raise CodecError(f"{value!r} is not a {tp.__name__}") from None
    if tp is Decimal:
        if type(value) is not str:
            raise CodecError("expected a decimal as text")
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise CodecError(f"{value!r} is not a decimal") from None
        if not number.is_finite():
            raise CodecError(f"{value!r} is not finite")
        return number
    if tp in (str, int, bool):
        if type(value) is not tp:
            raise CodecError(f"expected {tp.__name__}")
        return value
    raise CodecError(f"cannot rebuild {tp}")  # pragma: no cover - every field type is handled above
