"""The English of cqsc's codes where the code itself, its underscores made spaces, does not say it.

Every other English text cqsc writes is its own key in the Chinese catalogue (cqsc.text.zh).
"""

CODES: dict[str, str] = {"met": "met on time", "met_late": "reached late", "late": "late: not reached", "scheduled": "not yet due"}
