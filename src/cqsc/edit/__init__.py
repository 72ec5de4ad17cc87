"""Changing a user's data: `cqsc record` and `cqsc init`, through the line-inserting YAML editor."""
