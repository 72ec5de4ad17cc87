"""Property: whatever is done to the bundled YAML, check answers with a clear message and harms nothing.

Each example mutates one data file (bytes or structure) in a copy of the bundled data and runs
``cqsc check``. For every mutation: exit 0, 1 or 2; no traceback; a bounded time; the files
unchanged; with exit 1, a message naming the file and a line. For a mutation that breaks the YAML
itself (a byte inserted, the file cut short), the syntax or encoding error is reported at the
mutated line or next to it.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import DATA, ENV
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cqsc.cli.app import app

pytestmark = pytest.mark.slow  # property tests: run in CI and on demand, not in the quick loop

FILES = ("projects.yaml", "tasks.yaml")
TEXTS = {name: (DATA / name).read_bytes() for name in FILES}
LINES = {name: TEXTS[name].split(b"\n") for name in FILES}
# Bytes that break YAML's syntax where they land, and bytes that change its structure instead (a comment,
# an indent, a key, a line break): for the second kind the error may rightly show where the structure fails.
SYNTAX_BYTES = [b'"', b"'", b"[", b"{", b"]", b"}", b"\t", b"\x00", b"\xff", b"\xe4", b"&", b"*", b"!", b"%", b"@", b"`", b"|", b">", b"\x1b", b"\xef\xbb\xbf"]
STRUCTURE_BYTES = [b"#", b"-", b" ", b":", b"\r"]
# Every line break YAML reads (LF, CRLF, a lone CR, NEL, U+2028, U+2029) and the byte order mark: cqsc must
# count lines as YAML does, or refuse the character at its line (CQ008).
LINE_BREAKS = [b"\n", b"\r\n", b"\r", "\x85".encode(), "\u2028".encode(), "\u2029".encode(), "\ufeff".encode()]
SCALARS = st.one_of(
    st.sampled_from(["031", "0x10", "1e400", "1_000", "+5", "58:15.5", ".nan", "-.inf", "null", "~", "yes", "no", "[]", "{}", "''", '"', "2020-13-45", "٢٠٢٠", "1.0000001", "-1", "99999999999999999999999"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _check(folder: Path) -> tuple[int, str, float]:
    runner = CliRunner()
    start = time.monotonic()
    result = runner.invoke(app, ["check", "--data-dir", str(folder), "--no-cache", "--as-of", "2026-11-22"], env=ENV)
    elapsed = time.monotonic() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output, elapsed


class Mutation(tuple):
    """(file, kind, line, content), shown without its content when hypothesis reports it."""

    def __repr__(self) -> str:
        return f"Mutation({self[0]!r}, {self[1]!r}, line {self[2]})"


KINDS = ["insert-byte", "insert-structure", "insert-break", "quote-swallow", "truncate", "delete-line", "duplicate-line", "swap-lines", "replace-value"]


@st.composite
def mutations(draw, files: tuple[str, ...] = FILES, around: tuple[int, int] | None = None, kinds: list[str] = KINDS):
    """One mutation of one of ``files``, at any line or at the 1-based lines ``around`` gives."""
    name = draw(st.sampled_from(files))
    lines = list(LINES[name])
    kind = draw(st.sampled_from(kinds))
    lo, hi = (around[0] - 1, around[1] - 1) if around else (0, len(lines) - 2)
    i = draw(st.integers(min_value=lo, max_value=hi))
    line_no = i + 1
    if kind in ("insert-byte", "insert-structure", "insert-break"):
        at = draw(st.integers(min_value=0, max_value=len(lines[i])))
        pool = SYNTAX_BYTES if kind == "insert-byte" else STRUCTURE_BYTES if kind == "insert-structure" else LINE_BREAKS
        lines[i] = lines[i][:at] + draw(st.sampled_from(pool)) + lines[i][at:]
    elif kind == "quote-swallow":
        # A quote opened in one value and closed a few lines on (in another item, perhaps), the opening line
        # perhaps hidden behind a line break only YAML sees: the quote-swallow edit, generalised.
        quote = draw(st.sampled_from([b'"', b"'"]))
        j = min(i + draw(st.integers(min_value=1, max_value=12)), len(lines) - 2)
        key, sep, value = lines[i].partition(b": ")
        hider = draw(st.sampled_from([b"", *LINE_BREAKS]))
        lines[i] = (key + sep + hider + quote + value) if sep else (lines[i] + hider + quote)
        lines[j] = lines[j] + quote
    elif kind == "truncate":
        at = draw(st.integers(min_value=0, max_value=len(lines[i])))
        lines = lines[:i] + [lines[i][:at]]
    elif kind == "delete-line":
        del lines[i]
    elif kind == "duplicate-line":
        lines.insert(i, lines[i])
    elif kind == "swap-lines":
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    else:
        key, sep, _ = lines[i].partition(b": ")
        if sep:
            lines[i] = key + sep + draw(SCALARS).encode("utf-8")
    return Mutation((name, kind, line_no, b"\n".join(lines)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], derandomize=True)
@given(mutation=mutations())
def test_any_mutation_gets_a_clear_answer_and_harms_nothing(tmp_path_factory: pytest.TempPathFactory, mutation) -> None:
    name, kind, line_no, content = mutation
    folder = tmp_path_factory.mktemp("data")
    for other in FILES + ("annual.yaml",):
        shutil.copyfile(DATA / other, folder / other)
    (folder / name).write_bytes(content)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, output, elapsed = _check(folder)
    assert code in (0, 1, 2), output[:2000]
    assert "Traceback" not in output
    assert elapsed < 20, f"{kind} on {name}:{line_no} took {elapsed:.1f} s"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    if code == 1:
        assert re.search(rf"{re.escape(name)}:\d+:\d+: error: ", output) or re.search(r"\.yaml:\d+:\d+: error: ", output), output[:2000]
    if kind in ("insert-byte", "truncate"):
        broken = re.findall(rf"{re.escape(name)}:(\d+):\d+: error: .*\[(CQ002|CQ005) ", output)
        if broken:
            reported = int(broken[0][0])
            assert abs(reported - line_no) <= 1, f"{kind} at line {line_no}, reported at {reported}:\n{output[:2000]}"


# --- the incremental loader and record, under the same mutations ----------------------------------------------

INCREMENTAL = {"CQSC_INCREMENTAL_MIN": "0"}  # every size takes the item-by-item path


def _folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    for other in FILES + ("annual.yaml",):
        shutil.copyfile(DATA / other, folder / other)
    return folder


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], derandomize=True)
@given(mutation=mutations(files=("projects.yaml",)))
def test_the_incremental_path_gives_what_the_whole_file_gives_after_any_mutation(tmp_path_factory: pytest.TempPathFactory, monkeypatch, mutation) -> None:
    name, kind, line_no, content = mutation
    folder = _folder(tmp_path_factory)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    runner = CliRunner()
    args = ["check", "--data-dir", str(folder), "--as-of", "2026-11-22"]
    assert runner.invoke(app, args, env={**ENV, **INCREMENTAL}).exit_code == 0  # warm: the file as it was, item by item
    (folder / name).write_bytes(content)
    whole = runner.invoke(app, args, env={**ENV, "CQSC_NO_CACHE": "1"})
    for _ in range(2):  # the edit read item by item, then served from what that run cached
        again = runner.invoke(app, args, env={**ENV, **INCREMENTAL})
        assert (again.exit_code, again.stdout) == (whole.exit_code, whole.stdout), f"{kind} at line {line_no}"


def _kailiang() -> tuple[int, int]:
    """The lines of kailiang-expwy's record and the sources list's end, where `record` inserts."""
    lines = TEXTS["projects.yaml"].decode("utf-8").split("\n")
    start = lines.index("- id: kailiang-expwy") + 1
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("- id:"))
    return start, end


RECORD = ["record", "milestone", "kailiang-expwy", "--kind", "completion", "--date", "2025-01", "--label", "Done",
          "--source", "https://example.cn/prop.html"]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], derandomize=True)
@given(mutation=mutations(files=("projects.yaml",), around=_kailiang(), kinds=["insert-structure", "insert-break", "quote-swallow", "duplicate-line", "delete-line", "replace-value"]))
def test_record_after_any_mutation_lands_exactly_the_fact_or_changes_nothing(tmp_path_factory: pytest.TempPathFactory, monkeypatch, mutation) -> None:
    from cqsc.loading import yamlsafe

    name, kind, line_no, content = mutation
    folder = _folder(tmp_path_factory)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    (folder / name).write_bytes(content)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = CliRunner().invoke(app, [*RECORD, "--data-dir", str(folder)], env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output[:2000]
    if result.exit_code != 0:
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, f"{kind} at line {line_no}"
        return
    old = yamlsafe.parse(before[name].decode("utf-8")).value
    after = (folder / name).read_bytes()
    new = yamlsafe.parse(after.decode("utf-8")).value
    assert new == yamlsafe.parse(after.decode("utf-8"), positions=True).value
    added = [s for s in new["sources"] if s not in old["sources"]]
    assert [s["url"] for s in added] == ["https://example.cn/prop.html"]
    rec = next(p for p in old["projects"] if p["id"] == "kailiang-expwy")
    rec.setdefault("milestones", []).append({"kind": "completion", "date": "2025-01", "label": "Done", "sources": [added[0]["id"]]})
    old["sources"].append(added[0])
    assert new == old, f"{kind} at line {line_no}"
    # The added lines end as the file's lines do: a file all CRLF stays all CRLF, a file all LF stays all LF.
    # (A mutation may leave one CRLF among LF lines: such a file has no one ending, and either is right.)
    crlf, lf = before[name].count(b"\r\n"), before[name].count(b"\n")
    if crlf == lf:
        assert after.count(b"\n") == after.count(b"\r\n"), f"{kind} at line {line_no}"
    elif crlf == 0:
        assert b"\r\n" not in after, f"{kind} at line {line_no}"
