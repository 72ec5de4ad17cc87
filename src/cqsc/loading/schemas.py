"""JSON Schema of the two data files, generated from the models, for editors and other tools."""

from __future__ import annotations

import json

from cqsc.model.dataset import ANNUAL_FILE, PROJECTS_FILE, TASKS_FILE
from cqsc.model.records import AnnualFile, ProjectsFile, TasksFile

SCHEMA_FILES = {
    "projects.schema.json": (PROJECTS_FILE, ProjectsFile),
    "tasks.schema.json": (TASKS_FILE, TasksFile),
    "annual.schema.json": (ANNUAL_FILE, AnnualFile),
}


def schema_texts() -> dict[str, str]:
    """File name -> schema text, stable so that a drift shows as a diff."""
    out = {}
    for name, (data_file, model) in SCHEMA_FILES.items():
        from pydantic import TypeAdapter

        schema = TypeAdapter(model).json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"cqsc {data_file}",
            **{k: v for k, v in schema.items() if k != "title"},
        }
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out
