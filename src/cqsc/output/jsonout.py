"""The JSON emitter: the view's record, exactly (decimal strings, data text unchanged), with the contract's version."""

from __future__ import annotations

import json

from cqsc.output.settings import JSON_FORMAT_VERSION, Settings
from cqsc.views.model import View


def dumps(record: object, *, ascii_only: bool = False) -> str:
    # \u escapes where the stream cannot encode the text: still the same JSON, and the same strings.
    return json.dumps(record, ensure_ascii=ascii_only, indent=2, default=str) + "\n"


def emit(view: View, settings: Settings) -> str:
    return dumps({"format_version": JSON_FORMAT_VERSION, **view.json}, ascii_only=not settings.utf8)
