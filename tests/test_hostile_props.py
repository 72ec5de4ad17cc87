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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import DATA, ENV

from cqsc.cli import app

pytestmark = pytest.mark.slow  # property tests: run in CI and on demand, not in the quick loop

FILES = ("projects.yaml", "tasks.yaml")
TEXTS = {name: (DATA / name).read_bytes() for name in FILES}
LINES = {name: TEXTS[name].split(b"\n") for name in FILES}
# Bytes that break YAML's syntax where they land, and bytes that change its structure instead (a comment,
# an indent, a key, a line break): for the second kind the error may rightly show where the structure fails.
SYNTAX_BYTES = [b'"', b"'", b"[", b"{", b"]", b"}", b"\t", b"\x00", b"\xff", b"\xe4", b"&", b"*", b"!", b"%", b"@", b"`", b"|", b">", b"\x1b", b"\xef\xbb\xbf"]
STRUCTURE_BYTES = [b"#", b"-", b" ", b":", b"\r"]
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


@st.composite
def mutations(draw):
    name = draw(st.sampled_from(FILES))
    lines = list(LINES[name])
    kind = draw(st.sampled_from(["insert-byte", "insert-structure", "truncate", "delete-line", "duplicate-line", "swap-lines", "replace-value"]))
    i = draw(st.integers(min_value=0, max_value=len(lines) - 2))
    line_no = i + 1
    if kind in ("insert-byte", "insert-structure"):
        at = draw(st.integers(min_value=0, max_value=len(lines[i])))
        lines[i] = lines[i][:at] + draw(st.sampled_from(SYNTAX_BYTES if kind == "insert-byte" else STRUCTURE_BYTES)) + lines[i][at:]
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
