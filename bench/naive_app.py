"""The naive baseline: one file, Typer + pydantic + PyYAML's C loader, no cache, eager imports.

Usage: python naive_app.py FILE.yaml [--sector transport]
"""
# ruff: noqa: UP045 - the baseline as it was measured, kept as written rather than restyled
from typing import Optional

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table


class Investment(BaseModel):
    amount: float
    unit: str


class Project(BaseModel):
    id: str
    name: str
    sector: str
    investment: Investment
    status: str
    locations: list[str]
    batch: int
    sources: list[str]


class Portfolio(BaseModel):
    projects: list[Project]


app = typer.Typer()


@app.command()
def projects(file: str, sector: Optional[str] = None) -> None:
    with open(file, encoding="utf-8") as f:
        portfolio = Portfolio.model_validate(yaml.load(f, Loader=yaml.CSafeLoader))
    chosen = [p for p in portfolio.projects if sector is None or p.sector == sector]
    table = Table("id", "name", "sector", "RMB 100m")
    for p in chosen[:50]:
        table.add_row(p.id, p.name, p.sector, f"{p.investment.amount:.1f}")
    Console().print(table)
    part = sum(p.investment.amount for p in chosen)
    whole = sum(p.investment.amount for p in portfolio.projects)
    print(f"{len(chosen)} projects, {part:.1f} of {whole:.1f} ({100 * part / whole:.1f}%)")


if __name__ == "__main__":
    app()
