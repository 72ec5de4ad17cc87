"""The files `cqsc init` writes: an empty portfolio that `cqsc check` passes, explained in comments."""

from __future__ import annotations

PROJECTS = """\
# yaml-language-server: $schema=projects.schema.json
# A portfolio for cqsc. Read each section's comment, add records, and run `cqsc check --data-dir <this folder>`.
# Amounts are in 亿元 (unit: yi, 10^8 CNY), exact, as the source gives them; unknown stays empty.
# Never add a figure without a source, and never estimate one.

# Every page a fact is read from, once; records cite them by id. `cqsc record` adds them for you.
# - id: xinhua-1a2b3c
#   url: https://www.example.cn/2020/07/31/page.htm
#   publisher: Xinhua
#   published: '2020-07-31'
sources: []

# Reported counts and amounts of the whole portfolio (no sector), a sector, or a subsector.
# - id: portfolio
#   label_en: All projects
#   count: 31
#   amount: 5563
#   about: true
#   as_of: 2020-07
#   sources: [xinhua-1a2b3c]
aggregates: []

# One record per project: id, name_en, sector (and subsector), locations, figures, milestones, sources.
# `cqsc record project ID ...` adds one with its first source; `cqsc record milestone|figure ID ...` adds
# dated, sourced facts to it.
projects: []
"""

TASKS = """\
# yaml-language-server: $schema=tasks.schema.json
# A plan of key tasks in areas. `cqsc check` holds the list to the counts the plan states.
plan:
  title_en: Title of the plan, as published
  signed: '2019'
  areas: 1
  tasks: 1
  sources: [plan-source]

sources:
- id: plan-source
  url: https://www.example.cn/the-plan.html
  note: Replace with the page that publishes the plan.

areas:
- number: 1
  roman: I
  tasks: 1
  name_en: First area
  sources: [plan-source]

tasks:
- number: 1
  area: 1
  title_en: The first task, as the plan words it.
  sources: [plan-source]
"""


def files(*, tasks: bool) -> dict[str, str]:
    """File name -> text for a new data folder, with the JSON Schemas editors validate against."""
    from cqsc.loading import schemas

    out = {"projects.yaml": PROJECTS}
    texts = schemas.schema_texts()
    out["projects.schema.json"] = texts["projects.schema.json"]
    if tasks:
        out["tasks.yaml"] = TASKS
        out["tasks.schema.json"] = texts["tasks.schema.json"]
    return out
