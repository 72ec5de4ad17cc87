"""cqsc: the Sichuan-Chongqing cooperation portfolio, as data you can check.

The command line is one user of a small library::

    import cqsc

    ds = cqsc.load()                              # the data set (bundled, CQSC_DATA_DIR or a folder); DataError if it has errors
    transport = cqsc.select(ds, sector="transport")
    cqsc.total(ds, transport).amount              # Decimal('4516'), in 亿元, from the reported aggregate
    cqsc.status(ds, "kailiang-expwy", as_of="2024-05-01").status   # Status.implementation
    cqsc.summarise(ds, as_of="2020-12-31").statuses
    cqsc.check(ds)                                # every problem `cqsc check` would list

Names are resolved on first use (a module ``__getattr__``), so ``import cqsc`` stays as cheap as the
command line's start-up needs it to be. See cqsc.api for each function's arguments.
"""

from __future__ import annotations

from typing import Any

from cqsc._version import __version__ as __version__

__all__ = ["DataError", "at", "check", "load", "select", "status", "summarise", "total"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from cqsc import api

        return getattr(api, name)
    raise AttributeError(f"module 'cqsc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
