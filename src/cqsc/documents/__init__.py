"""Whole-file outputs built from views and emitters: the report, the site, the SQLite database, OC4IDS."""
