"""The command line: thin commands that parse options, call cqsc.api and hand the result to an emitter."""

from cqsc.cli.app import app, main

__all__ = ["app", "main"]
