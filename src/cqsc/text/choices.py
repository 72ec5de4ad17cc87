"""Closed choices typed by a user: one way to read them, and a did-you-mean when a value is not one.

A code (``new_infrastructure``) is accepted in any case, with hyphens or spaces for its underscores
(``new-infrastructure``, the form the data's own ids take), and by its English or Chinese label
(``交通``, ``Transport``); a value that is none of them is refused with the closest ones named.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class ChoiceError(ValueError):
    """A value that is not one of the choices; ``str()`` says which are, and the closest ones."""


def key(value: str) -> str:
    """The form two spellings of one choice share: case folded, hyphens and spaces as underscores."""
    return "_".join(value.strip().casefold().replace("-", " ").replace("_", " ").split())


def suggest(value: str, names: Iterable[str], n: int = 3) -> list[str]:
    """The names closest to ``value`` (at most ``n``), best first; a prefix of one name counts as close."""
    names = list(names)
    by_key = {key(name): name for name in names}
    k = key(value)
    prefixed = [name for kk, name in by_key.items() if k and kk.startswith(k)]
    close = [by_key[c] for c in difflib.get_close_matches(k, list(by_key), n=n, cutoff=0.6)]
    return list(dict.fromkeys(prefixed + close))[:n]


def refusal(value: str, what: str, names: Sequence[str]) -> str:
    """'transprt' is not a sector; did you mean transport? (one of: …)."""
    close = suggest(value, names)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"{value!r} is not a {what}{hint} (one of: {', '.join(names)})"


def resolve(value: str, accepted: Mapping[str, str], what: str, names: Sequence[str]) -> str:
    """The canonical name ``value`` stands for, through ``accepted`` (spelling key -> name); ChoiceError if none."""
    found = accepted.get(key(value))
    if found is None:
        raise ChoiceError(refusal(value, what, names))
    return found


def resolve_enum(value: str | E, enum: type[E], what: str, labels: Mapping[E, Iterable[str | None]] | None = None) -> E:
    """The member of ``enum`` that ``value`` names by its code, in any of its spellings, or by a label."""
    if isinstance(value, enum):
        return value
    accepted = {key(m.value): m.value for m in enum}
    for member, texts in (labels or {}).items():
        for text in texts:
            if text:
                accepted.setdefault(key(text), member.value)
    text = str(value)
    if not text.isascii() and key(text) not in accepted:
        # A shortened Chinese label (交通 for 交通基础设施) names the one choice whose label it begins.
        starts = {name for k, name in accepted.items() if k.startswith(key(text))}
        if len(starts) == 1:
            return enum(starts.pop())
    return enum(resolve(text, accepted, what, [m.value for m in enum]))


def listed(enum: type[StrEnum]) -> str:
    """The choices for a help text, where they wrap between words."""
    return ", ".join(m.value for m in enum)
