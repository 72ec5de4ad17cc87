"""The rule on text that would mislead a reader (CQ143).

Names, titles, labels and notes holding control, bidirectional or zero-width characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cqsc.model import walk
from cqsc.model.dataset import Dataset
from cqsc.model.problems import Problem, Severity
from cqsc.rules.registry import Context, problem, rule
from cqsc.text.escape import INVISIBLE as _INVISIBLE
from cqsc.text.lang import say

# Characters that change how text shows without being seen: C0/C1 controls, the line and paragraph
# separators, bidi overrides and isolates, zero-width and invisible formatting characters. Every output
# escapes them anyway (escape.py, the one list); this rule tells the maintainer they are in the data.


def _texts(ds: Dataset) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """Every name, title, label and note, with where it is."""
    for x in walk.texts(walk.dataset_nodes(ds)):
        yield x.file, x.path, x.value


@rule("CQ143", "invisible-characters", Severity.warning, "A name, title, label or note holds control, bidirectional or zero-width characters (shown escaped).")
def invisible_characters(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    if not any(_INVISIBLE.search(text) for text in walk.text_values(ds)):  # the quick walk first
        return
    for file, path, text in _texts(ds):
        found = sorted({f"U+{ord(c):04X}" for c in _INVISIBLE.findall(text)})
        if found:
            yield problem(ds, file, "CQ143", say(
                    "{field} holds {found}, which change how the text shows without being seen",
                    field=".".join(str(x) for x in path[-1:]), found=", ".join(found),
                ), path)
