"""The rules of `cqsc check`: the registry (loading codes included), the rules by family, and the baseline."""
