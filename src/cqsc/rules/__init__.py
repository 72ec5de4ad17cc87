"""The rules of `cqsc check`: the registry (loading codes included), the rules by family, and the baseline.

- registry.py: Context, Rule, the @rule decorator, RULES, running and choosing rules; cached.py: the
  cache's answer and its version; codes.py: the loading problems' codes; baseline.py: accepted warnings.
- The families, in the order they register (checks.py imports them so, and is the face callers use):
  integrity.py (CQ101-CQ104: ids, references), figures.py (CQ110-CQ113: aggregates add up),
  dates.py (CQ120-CQ121), tasks.py (CQ130-CQ131), unknowns.py (CQ140-CQ142: what is not known),
  progress.py (CQ150-CQ153: progress over time, staleness), text.py (CQ143: invisible characters),
  plans.py (CQ160-CQ161: plans and batches).
"""
