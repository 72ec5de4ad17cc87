"""Questions asked of a loaded data set: selection, status, totals, summary, timeline, plans, changes, progress.

Pure functions over records; no I/O, no output.
"""
