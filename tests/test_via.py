"""Sources say whose story they are: ``publisher`` the original outlet, ``via`` the site a repost was read on.

Also: nothing tracked in the repository points at files outside it (the project's shared folder).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cqsc.documents import oc4ids
from cqsc.loading import wholefile

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = "shared" + "/"  # spelled in two parts, so this file does not name it
HOSTILE = "<b>sohu.com</b> *x* [y](javascript:z) & {via}"
ORIGINAL = "  publisher: China News Service (repost)\n"


def _with_via(data: Path, via: str = HOSTILE) -> Path:
    """Write cns-2020-07-30 the new way: the outlet in publisher, the host it was read on in via."""
    path = data / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ORIGINAL) == 1
    path.write_text(text.replace(ORIGINAL, f"  publisher: China News Service\n  via: {json.dumps(via)}\n"), encoding="utf-8")
    return data


def test_json_keeps_via_verbatim(run, data_copy: Path):
    _with_via(data_copy)
    out = json.loads(run("show", "chengdawan-hsr", "--format", "json", "--data-dir", str(data_copy)).stdout)
    src = next(s for s in out["sources"] if s["id"] == "cns-2020-07-30")
    assert src["publisher"] == "China News Service" and src["via"] == HOSTILE


def test_the_report_says_where_a_repost_was_read_and_escapes_it(run, data_copy: Path):
    _with_via(data_copy)
    md = run("report", "--as-of", "2026-11-22", "--data-dir", str(data_copy)).stdout
    line = next(x for x in md.splitlines() if "shadafang.com/a/bb" in x)
    assert line.endswith(" — China News Service, 2020-07-30 (read via &lt;b&gt;sohu.com&lt;/b&gt; \\*x\\* \\[y\\](javascript:z) &amp; {via})")
    html = run("report", "--format", "html", "--as-of", "2026-11-22", "--data-dir", str(data_copy)).stdout
    # whose story, when and where it was read, then the link: the site's name, the full address in the href
    assert (
        '>China News Service, 2020-07-30 (read via &lt;b&gt;sohu.com&lt;/b&gt; *x* [y](javascript:z) &amp; {via})'
        ' — <a href="http://shadafang.com/a/bb/0I01941F62020.html">shadafang.com</a></li>'
    ) in html
    assert "<b>sohu.com" not in html


def test_the_site_says_where_a_repost_was_read(run, data_copy: Path, tmp_path: Path):
    _with_via(data_copy)
    out = tmp_path / "public"
    result = run("site", "-o", str(out), "--as-of", "2026-11-22", "--data-dir", str(data_copy), env={"CQSC_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output
    page = (out / "projects" / "chengdawan-hsr.html").read_text(encoding="utf-8")
    item = next(x for x in page.split("<li ") if x.startswith('id="source-cns-2020-07-30"'))
    assert item.startswith(
        'id="source-cns-2020-07-30">China News Service, 2020-07-30 (read via &lt;b&gt;sohu.com&lt;/b&gt; *x* [y](javascript:z) &amp; {via})'
        ' — <a href="http://shadafang.com/a/bb/0I01941F62020.html">shadafang.com</a>'
    )
    # The headline totals' sources too, and in the Chinese pages.
    assert "China News Service</a> (read via &lt;b&gt;sohu.com&lt;/b&gt;" in (out / "index.html").read_text(encoding="utf-8")
    zh = next(p for p in out.rglob("chengdawan-hsr.html") if p != out / "projects" / "chengdawan-hsr.html")
    assert "（转载于 &lt;b&gt;sohu.com&lt;/b&gt;" in zh.read_text(encoding="utf-8")


def test_oc4ids_names_the_original_as_author_and_the_copy_in_the_description(data_copy: Path):
    ds = wholefile.load(_with_via(data_copy, "China.com.cn"))
    package = oc4ids.package(ds)
    docs = [d for p in package["projects"] for d in p.get("documents", []) if d["id"] == "cns-2020-07-30"]
    assert docs and all(d["author"] == "China News Service" and d["cqscVia"] == "China.com.cn" for d in docs)
    assert docs[0]["description"].startswith("A repost of an item by China News Service, read on China.com.cn.")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("  not_stated: [publisher]\n", "not_stated lists publisher, but the source gives one"),
        ("  not_stated: []\n", "not_stated lists publisher, published or both, each once"),
        ("  not_stated: [published, published]\n", "not_stated lists publisher, published or both, each once"),
        ("  not_stated: [author]\n", "not_stated"),
    ],
)
def test_not_stated_is_checked(run, data_copy: Path, fields: str, message: str):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(ORIGINAL, ORIGINAL + fields, 1), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy))
    assert result.exit_code == 1 and "projects.yaml:" in result.output and message in result.output


def test_not_stated_needs_a_note(run, data_copy: Path):
    path = data_copy / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    block = "- id: xinhua-2020-07-31\n  url: http://m.xinhuanet.com/2020-07/31/c_1126311033.htm\n  publisher: Xinhua\n  published: '2020-07-31'\n"
    assert block in text
    path.write_text(text.replace(block, block.replace("  publisher: Xinhua\n", "  not_stated: [publisher]\n")), encoding="utf-8")
    result = run("check", "--data-dir", str(data_copy))
    assert result.exit_code == 1 and "a source with not_stated needs a note" in result.output
    path.write_text(text.replace(block, block.replace("  publisher: Xinhua\n", "  not_stated: [publisher]\n") + "  note: The page names no outlet.\n"), encoding="utf-8")
    assert run("check", "--data-dir", str(data_copy)).exit_code == 0


def test_record_writes_via_with_the_new_source(run, data_copy: Path):
    result = run(
        "record", "milestone", "chengdawan-hsr", "--kind", "construction_start", "--date", "2021-01-01", "--label", "Works",
        "--source", "https://www.sohu.com/a/1.html", "--publisher", "Xinhua / 新华社", "--via", "sohu.com",
        "--published", "2021-01-02", "--data-dir", str(data_copy),
    )
    assert result.exit_code == 0, result.output
    ds = wholefile.load(data_copy)
    assert ds.projects is not None
    src = next(s for s in ds.projects.sources if s.url == "https://www.sohu.com/a/1.html")
    assert (src.publisher, src.via, src.published) == ("Xinhua / 新华社", "sohu.com", "2021-01-02")


@pytest.mark.bundled_data  # reads every tracked file, data/ among them
def test_no_tracked_file_refers_to_files_outside_the_repository():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    bad = []
    for name in filter(None, files):
        path = ROOT / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        bad += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if OUTSIDE in line]
    assert bad == []
