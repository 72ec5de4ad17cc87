"""Views: what each command shows, computed from the data with no I/O (see model.py)."""
