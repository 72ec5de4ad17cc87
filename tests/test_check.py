"""`cqsc check` and `cqsc schema`: the data gate for CI."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, FIXTURES, REPO, materialise  # tests/ is on sys.path (rootdir conftest)

CASES = sorted(p.name for p in (FIXTURES / "invalid").iterdir())
TODAY = "2026-11-22"  # dates (future, stale) are judged as of this day, so the expected output holds
SUMMARY = "30 rules checked 306 records in data: 0 errors, 31 warnings"  # run from the repository root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _own_words(text: str) -> str:
    """The output with the YAML parser's own wording of a syntax error left out: rule, place and cqsc's words stay.

    Which words PyYAML uses differs between its releases; the rule id, file:line:col and the line shown do not.
    """
    return re.sub(r"(: error: YAML syntax error:) .+? (\[CQ002 yaml-syntax\])$", r"\1 … \2", text, flags=re.M)


@pytest.mark.parametrize("case", CASES)
def test_each_kind_of_bad_input(run, tmp_path: Path, monkeypatch, case: str):
    """Every failure mode: a clear message on the exact line, exit 1, no traceback, files untouched."""
    monkeypatch.chdir(tmp_path)
    data = materialise(FIXTURES / "invalid" / case, tmp_path / "data")
    before = _snapshot(data)
    result = run("check", "--data-dir", "data", "--as-of", TODAY)
    expected = (FIXTURES / "invalid" / case / "expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert _own_words(result.stdout) == _own_words(expected)
    assert result.stderr == ""
    assert _snapshot(data) == before
    assert not (tmp_path / "cqsc-was-here").exists()  # the python tag constructed nothing


@pytest.mark.parametrize("case", ["alias-bomb", "deep-nesting"])
def test_hostile_input_fails_fast_in_bounded_memory(tmp_path: Path, case: str):
    data = materialise(FIXTURES / "invalid" / case, tmp_path / "data")

    def limit_memory() -> None:  # 1 GiB of address space: an expanded bomb would need far more
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    proc = subprocess.run(
        [sys.executable, "-m", "cqsc", "check", "--data-dir", str(data)],
        capture_output=True, text=True, timeout=60, preexec_fn=limit_memory, env={**os.environ, "NO_COLOR": "1"}, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "[CQ003 yaml-feature]" in proc.stdout


def test_frozen_data_passes_with_known_warnings(run, frozen_clone):
    result = run("check", "--data-dir", "data", "--as-of", TODAY)
    assert result.exit_code == 0
    assert result.stdout.endswith(SUMMARY + "\n")
    codes = [line.rsplit("[", 1)[1].split()[0] for line in result.stdout.splitlines() if line.endswith("]")]
    assert {c: codes.count(c) for c in sorted(set(codes))} == {"CQ121": 6, "CQ140": 2, "CQ141": 3, "CQ153": 20}


def test_strict_turns_warnings_into_errors(run):
    result = run("check", "--strict", "--as-of", TODAY)
    assert result.exit_code == 1
    assert result.stdout.endswith("0 warnings (strict: warnings count as errors)\n")
    assert "31 errors" in result.stdout


@pytest.mark.parametrize(("months", "stale"), [(24, 20), (36, 18), (120, 4)])
def test_stale_months(run, months: int, stale: int):
    result = run("check", "--as-of", TODAY, "--stale-months", str(months), "-f", "json")
    assert sum(p["code"] == "CQ153" for p in json.loads(result.stdout)["problems"]) == stale


def test_json_output(run, frozen_clone):
    result = run("check", "--format", "json", "--data-dir", "data", "--as-of", TODAY)
    data = json.loads(result.stdout)
    assert data["summary"] == {
        "rules": 30, "records": 306, "errors": 0, "warnings": 31, "strict": False,
        "data_dir": "data", "baseline": None, "accepted": 0, "baseline_unused": 0,
    }
    first = data["problems"][0]
    assert first["code"] == "CQ141" and first["rule"] == "amount-not-reported" and first["severity"] == "warning"
    assert first["file"].endswith("projects.yaml") and first["line"] > 0 and first["col"] > 0
    assert first["excerpt"] == "- id: logistics"


def test_github_annotations(run, frozen_clone):
    result = run("check", "--format", "github", "--data-dir", "data", "--as-of", TODAY)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=data/projects.yaml,line=")
    assert ",title=CQ141 amount-not-reported::aggregate 'logistics' (5 projects) has no reported amount" in lines[0]
    assert lines[-1] == SUMMARY
    strict = run("check", "--format", "github", "--data-dir", "data", "--strict", "--as-of", TODAY)
    assert strict.exit_code == 1 and strict.stdout.startswith("::error file=data/projects.yaml")


def test_about_flag_sets_the_tolerance(run, data_copy: Path):
    """3495.5 + 896.3 + 62.6 + 62 = 4516.4 reconciles with 'about 4516', but not with an exact 4516."""
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  amount: 4516\n  about: true\n"
    assert old in text
    path.write_text(text.replace(old, "  amount: 4516\n", 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy), "--as-of", TODAY)
    assert result.exit_code == 1
    assert (
        "error: subgroups of 'transport' add up to 3495.5 + 896.3 + 62.6 + 62 = 4516.4, "
        "but it reports 4516 (allowed difference 0) [CQ111 aggregate-sum]"
    ) in result.stdout


def test_list_rules(run):
    result = run("check", "--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["CQ001", "file-unreadable", "error"]
    assert any(line.split()[:3] == ["CQ110", "aggregate-count", "error"] for line in lines)
    assert any(line.split()[:3] == ["CQ140", "unidentified-project", "warning"] for line in lines)
    rules = json.loads(run("check", "--list-rules", "-f", "json").stdout)["rules"]
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes)) == 30
    assert all(r["summary"] for r in rules)


# The order the rules register in, the order they run in: where the rules live (one module per family) must
# not change it, and a rule added or moved shows here.
REGISTRATION_ORDER = [
    "CQ101", "CQ102", "CQ103", "CQ104", "CQ110", "CQ111", "CQ112", "CQ113", "CQ120", "CQ121", "CQ130",
    "CQ131", "CQ140", "CQ141", "CQ142", "CQ150", "CQ151", "CQ152", "CQ153", "CQ143", "CQ160", "CQ161",
]


def test_rules_register_in_a_fixed_order():
    from cqsc.rules import checks

    assert [r.code for r in checks.RULES] == REGISTRATION_ORDER


def test_check_usage_error(run):
    result = run("check", "--format", "sarif")
    assert result.exit_code == 2


# --- schema ------------------------------------------------------------------------


def test_committed_schema_matches_the_models(run):
    """Fails when the models change and schema/ was not regenerated with `cqsc schema`."""
    result = run("schema", "--check", "-o", str(REPO / "schema"))
    assert result.exit_code == 0, result.stderr


def test_schema_writes_and_detects_drift(run, tmp_path: Path):
    out = tmp_path / "schema"
    assert run("schema", "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["annual.schema.json", "projects.schema.json", "tasks.schema.json"]
    schema = json.loads((out / "projects.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False and set(schema["required"]) == {"sources", "aggregates", "projects"}
    assert run("schema", "--check", "-o", str(out)).exit_code == 0
    (out / "tasks.schema.json").write_text("{}\n", encoding="utf-8")
    drift = run("schema", "--check", "-o", str(out))
    assert drift.exit_code == 1 and "tasks.schema.json: differs from the models" in drift.stderr
    assert (out / "tasks.schema.json").read_text(encoding="utf-8") == "{}\n"  # --check writes nothing


@pytest.mark.bundled_data
def test_data_files_name_their_schema():
    for name in ("projects", "tasks", "annual"):
        first = (BUNDLED / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"
        assert (REPO / "schema" / f"{name}.schema.json").is_file()
