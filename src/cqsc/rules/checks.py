"""The face of the rules: imports the families in the order they register, and re-exports the registry.

Kept thin on purpose: `from cqsc.rules import checks` gives ``checks.run``, ``checks.RULES``,
``checks.Context``, ``checks.today`` and the rest with every rule registered. The machinery is in
registry.py and cached.py, the rules in one module per family. The import order below is the order
the rules run in (tests/test_check.py holds it); a new family goes where its codes belong.
"""

from __future__ import annotations

# The families, in registration order. CQ143 (text) registers after CQ153, as it always has.
from cqsc.rules import integrity as integrity  # isort: skip  # CQ101-CQ104
from cqsc.rules import figures as figures  # isort: skip  # CQ110-CQ113
from cqsc.rules import dates as dates  # isort: skip  # CQ120-CQ121
from cqsc.rules import tasks as tasks  # isort: skip  # CQ130-CQ131
from cqsc.rules import unknowns as unknowns  # isort: skip  # CQ140-CQ142
from cqsc.rules import progress as progress  # isort: skip  # CQ150-CQ153
from cqsc.rules import text as text  # isort: skip  # CQ143
from cqsc.rules import plans as plans  # isort: skip  # CQ160-CQ161
from cqsc.rules.cached import rules_version as rules_version
from cqsc.rules.cached import run_cached as run_cached
from cqsc.rules.registry import DATA_TZ as DATA_TZ
from cqsc.rules.registry import RULES as RULES
from cqsc.rules.registry import Context as Context
from cqsc.rules.registry import Rule as Rule
from cqsc.rules.registry import all_rules as all_rules
from cqsc.rules.registry import integrity_rules as integrity_rules
from cqsc.rules.registry import is_rule as is_rule
from cqsc.rules.registry import records as records
from cqsc.rules.registry import rule as rule
from cqsc.rules.registry import run as run
from cqsc.rules.registry import select_rules as select_rules
from cqsc.rules.registry import strict as strict
from cqsc.rules.registry import today as today
