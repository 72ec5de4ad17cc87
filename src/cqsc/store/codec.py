"""Validated records to plain JSON values and back, with no validator library: the cache's format.

``dump`` writes what records.as_json writes (exact decimals as text, code lists by value), with a
writer worked out once per record type.
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
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from cqsc.model import records


class CodecError(ValueError):
    """A stored value does not fit the record it should rebuild."""


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def dump(obj: Any) -> Any:
    """What records.as_json gives (None fields left out), with a writer worked out once per record type."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _dumper(type(obj))(obj)
    return records.as_json(obj)


_DUMPERS: dict[type, Callable[[Any], Any]] = {}


def _same(v: Any) -> Any:
    return v


def _field_writer(tp: Any) -> Callable[[Any], Any]:
    """How to write one non-None value of the declared type ``tp`` as JSON."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(rest) == 1:
            return _field_writer(rest[0])
        return records.as_json
    if origin is list:
        (item,) = typing.get_args(tp)
        each = _field_writer(item)
        if each is _same:
            return list
        return lambda v: [each(x) for x in v]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):

        def record(v: Any) -> Any:
            return _dumper(tp)(v)  # looked up when called: a record may hold its own kind

        return record
    if isinstance(tp, type) and issubclass(tp, Enum):
        return lambda v: v.value
    if tp is Decimal:
        return str
    if tp in (str, int, bool):
        return _same
    return records.as_json  # pragma: no cover - every field type is handled above


def _dumper(tp: type) -> Callable[[Any], Any]:
    if tp in _DUMPERS:
        return _DUMPERS[tp]
    fields = [(name, _field_writer(hint)) for name, hint in _hints(tp).items()]

    def write(obj: Any) -> dict[str, Any]:
        out = {}
        for name, writer in fields:
            v = getattr(obj, name)
            if v is not None:
                out[name] = writer(v)
        return out

    _DUMPERS[tp] = write
    return write


def load(tp: Any, value: Any) -> Any:
    """``value`` rebuilt as the declared type ``tp``; CodecError if it does not fit."""
    return loader_for(tp)(value)


_LOADERS: dict[Any, Callable[[Any], Any]] = {}


def loader_for(tp: Any) -> Callable[[Any], Any]:
    """A function rebuilding values of ``tp``, worked out once per type (a warm run rebuilds many records)."""
    try:
        return _LOADERS[tp]
    except KeyError:
        pass
    except TypeError:  # pragma: no cover - an unhashable annotation
        return _compile(tp)
    _LOADERS[tp] = fn = _compile(tp)
    return fn


def _compile(tp: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise CodecError(f"cannot rebuild {tp}")
        inner = loader_for(rest[0])
        if type(None) not in args:  # pragma: no cover - every union cqsc declares is an Optional
            return inner

        def optional(value: Any) -> Any:
            return None if value is None else inner(value)

        return optional
    if origin is list:
        (item,) = typing.get_args(tp)
        each = loader_for(item)

        def many(value: Any) -> Any:
            if type(value) is not list:
                raise CodecError("expected a list")
            return [each(v) for v in value]

        return many
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record_loader(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = {m.value: m for m in tp}

        def code(value: Any) -> Any:
            if type(value) is str and value in members:
                return members[value]
            raise CodecError(f"{value!r} is not a {tp.__name__}")

        return code
    if tp is Decimal:
        return _decimal
    if tp in (str, int, bool):

        def plain(value: Any) -> Any:
            if type(value) is not tp:
                raise CodecError(f"expected {tp.__name__}")
            return value

        return plain
    raise CodecError(f"cannot rebuild {tp}")  # pragma: no cover - every field type is handled above


def _decimal(value: Any) -> Decimal:
    if type(value) is not str:
        raise CodecError("expected a decimal as text")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CodecError(f"{value!r} is not a decimal") from None
    if not number.is_finite():
        raise CodecError(f"{value!r} is not finite")
    return number


def _record_loader(tp: type) -> Callable[[Any], Any]:
    hints = _hints(tp)
    fields: dict[str, Callable[[Any], Any]] = {}
    name = tp.__name__

    def rebuild(value: Any) -> Any:
        if type(value) is not dict:
            raise CodecError(f"expected a {name} record")
        try:
            kwargs = {k: fields[k](v) for k, v in value.items()}
        except KeyError:
            unknown = sorted(set(value) - set(fields))
            raise CodecError(f"unknown fields {unknown} in {name}") from None
        try:
            return tp(**kwargs)
        except (TypeError, ValueError) as exc:  # a missing required field, a record's own check
            raise CodecError(str(exc)) from None

    _LOADERS[tp] = rebuild  # before the fields' loaders: a record that holds its own kind finds it here
    fields.update({name: loader_for(hint) for name, hint in hints.items()})
    return rebuild
