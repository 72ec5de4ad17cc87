"""Output: one emitter per medium, each able to render any view (see cqsc.views).

``emit(view, settings)`` is the one place that branches on the format, as sqlite-utils' ``output_rows``
does: a new format is one module here and one branch in ``_emitter``; a new command is one view.
Text from the data is escaped by each emitter for its medium (cqsc.text.escape); views hold plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cqsc.model.options import Format

if TYPE_CHECKING:
    from cqsc.output.settings import Settings
    from cqsc.views.model import View

# The version of the JSON output's contract: bumped when a key is renamed or removed, or its meaning
# changes (CHANGELOG.md lists each); adding a key leaves it as it is.
from cqsc.output.settings import (
    JSON_FORMAT_VERSION as JSON_FORMAT_VERSION,  # the JSON contract every --format json carries
)


def _emitter(fmt: Format) -> Callable[[View, Settings], str]:
    # Imported on demand: a JSON run never loads rich, a table run never loads csv.
    if fmt is Format.table:
        from cqsc.output.terminal import emit
    elif fmt is Format.json:
        from cqsc.output.jsonout import emit
    elif fmt is Format.csv:
        from cqsc.output.csvout import emit
    elif fmt is Format.markdown:
        from cqsc.output.markdown import emit
    else:
        from cqsc.output.html import emit
    return emit


def emit(view: View, settings: Settings) -> str:
    """The view as text in the settings' format (the terminal emitter styles only for a terminal)."""
    return _emitter(settings.format)(view, settings)
