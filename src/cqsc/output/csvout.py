"""The CSV emitter: the view's one flat table; what a CSV cannot hold is named on stderr.

Every text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return) gets a leading apostrophe, as OWASP's "CSV injection" page advises; it is the only change made
to the data's text (README, "Output formats").
"""

from __future__ import annotations

import csv
import io

from cqsc.output.settings import Settings
from cqsc.text.escape import csv_cell
from cqsc.views.model import View


def emit(view: View, settings: Settings) -> str:
    fields = [f for f in settings.columns if f in view.csv.fields] if settings.columns else view.csv.fields
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in view.csv.rows:
        writer.writerow({k: ("" if v is None else csv_cell(v)) for k, v in row.items() if k in fields})
    if view.csv_left_out and not settings.quiet:
        settings.notes_to_stderr.append(view.csv_left_out)
    return ("\ufeff" if settings.bom else "") + buf.getvalue()
