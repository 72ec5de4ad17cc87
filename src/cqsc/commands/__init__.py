"""Command groups that live in a file of their own (Typer's "one file per command" pattern)."""
