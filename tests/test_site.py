"""`cqsc site`: a static bilingual website that a browser opens from the file system, filters and links."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import DATA

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DAY = "2026-11-22"
ISSUES = "https://example.org/cqsc-data/issues"
needs_chromium = pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="no chromium here (CI installs it)")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from cqsc.cli.app import app

    out = tmp_path_factory.mktemp("site") / "public"
    result = CliRunner().invoke(app, ["site", "-o", str(out), "--as-of", DAY, "--issues-url", ISSUES], env={"NO_COLOR": "1", "CQSC_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output
    return out


def test_the_site_has_every_page_in_both_languages_and_the_downloads(built: Path):
    files = _files(built)
    from cqsc import api

    ids = [p.id for p in api.load(DATA).projects.projects]
    assert len(ids) == 31
    for pre in ("", "zh/"):
        for page in ("index.html", "timeline.html", "tasks.html", "unknown.html", "downloads.html", "sectors/transport.html"):
            assert pre + page in files
        assert all(f"{pre}projects/{pid}.html" in files for pid in ids)
    for name in ("data.json", "projects.csv", "tasks.csv", "timeline.csv", "cqsc.sqlite", "projects.yaml", "tasks.yaml"):
        assert f"downloads/{name}" in files
    assert files["downloads/projects.yaml"] == (DATA / "projects.yaml").read_bytes()
    assert ".cqsc-site" in files
    for name, data in files.items():
        if name.endswith(".html"):
            text = data.decode()
            # what a browser loads by itself (scripts, styles, images, frames) comes from the site's own folder
            loaded = re.findall(r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"([^\"]*)\"|<link\b[^>]*\bhref=\"([^\"]*)\"", text)
            assert loaded and all(":" not in a + b and not (a + b).startswith("//") for a, b in loaded), name
            assert ('<html lang="zh-Hans">' in text) == name.startswith("zh/")
            assert f'<a href="{ISSUES}">' in text and 'rel="license"' in text  # where to report an error, the licence


def test_two_builds_of_the_same_data_are_identical(run, built: Path, tmp_path: Path):
    again = tmp_path / "again"
    assert run("site", "-o", str(again), "--as-of", DAY, env={"CQSC_NO_CACHE": "1", "CQSC_ISSUES_URL": ISSUES}).exit_code == 0
    assert _files(again) == _files(built)


def test_a_folder_that_holds_no_site_is_never_replaced(run, tmp_path: Path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.txt").write_text("keep me", encoding="utf-8")
    result = run("site", "-o", str(target), "--as-of", DAY)
    assert result.exit_code == 3 and "holds no cqsc site" in result.output
    assert _files(target) == {"thesis.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # nothing left beside it


def test_a_rebuild_keeps_what_the_user_added_and_a_failed_one_leaves_every_file_whole(run, tmp_path: Path, monkeypatch):
    target = tmp_path / "public"
    assert run("site", "-o", str(tmp_path / "expected"), "--as-of", DAY).exit_code == 0
    fresh = _files(tmp_path / "expected")
    shutil.rmtree(tmp_path / "expected")
    assert run("site", "-o", str(target), "--as-of", "2024-06-30").exit_code == 0  # an older build: pages differ
    older = _files(target)
    (target / "CNAME").write_text("portfolio.example.org\n", encoding="utf-8")
    (target / ".nojekyll").write_bytes(b"")
    (target / ".git").mkdir()
    (target / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    mine = {"CNAME": b"portfolio.example.org\n", ".nojekyll": b"", ".git/HEAD": b"ref: refs/heads/gh-pages\n"}
    from cqsc.store import atomic

    calls = []

    def broken(path, data, **kwargs):
        calls.append(path)
        raise atomic.WriteError(28, f"{path}: cannot be written: No space left on device; nothing was changed")

    monkeypatch.setattr(atomic, "write_bytes", broken)
    failed = run("site", "-o", str(target), "--as-of", DAY)
    assert failed.exit_code == 3 and "No space left on device" in failed.output and "partly updated" in failed.output
    # Every file whole, old or new (no temporary file); the manifest lists both bytes of each path meanwhile.
    assert {k: v for k, v in _files(target).items() if k != ".cqsc-site"} == {k: v for k, v in {**older, **mine}.items() if k != ".cqsc-site"}
    monkeypatch.undo()
    assert run("site", "-o", str(target), "--as-of", DAY).exit_code == 0
    assert _files(target) == {**fresh, **mine}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # nothing built beside it


def test_paths_the_previous_build_wrote_are_deleted_and_only_those(tmp_path: Path):
    from cqsc.documents import site

    target = tmp_path / "out"
    site.write({"index.html": b"1", "old/gone.html": b"2", "old/kept.html": b"3"}, target)
    (target / "old" / "notes.txt").write_text("mine", encoding="utf-8")
    (target / "CNAME").write_text("x", encoding="utf-8")
    site.write({"index.html": b"1", "old/kept.html": b"4", "new/page.html": b"5"}, target)
    assert _files(target) == {
        ".cqsc-site": (
            b'{"format": "cqsc-site-manifest", "version": 2, "files": {\n'
            + b",\n".join(f'  "{p}": ["{hashlib.sha256(d).hexdigest()}"]'.encode() for p, d in (("index.html", b"1"), ("new/page.html", b"5"), ("old/kept.html", b"4")))
            + b"\n}}\n"
        ),
        "CNAME": b"x", "index.html": b"1", "new/page.html": b"5", "old/kept.html": b"4", "old/notes.txt": b"mine",
    }
    site.write({"index.html": b"1"}, target)
    assert not (target / "new").exists() and sorted(p.name for p in (target / "old").iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    "marker",
    [
        b"",
        b"A site written by cqsc site\n",
        b'{"format": "cqsc-site-manifest", "version": 1, "files": ["../outside.txt"]}',
        b'{"format": "cqsc-site-manifest", "version": 1, "files": [".git/HEAD"]}',
        b'{"format": "cqsc-site-manifest", "version": true, "files": []}',
        b'{"format": "other", "version": 1, "files": []}',
        "symlink",
        "folder",
    ],
)
def test_a_planted_marker_is_refused_and_nothing_is_touched(run, tmp_path: Path, marker):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("keep me too", encoding="utf-8")
    if marker == "symlink":
        (target / ".cqsc-site").symlink_to(tmp_path / "outside.txt")
    elif marker == "folder":
        (target / ".cqsc-site").mkdir()
    else:
        (target / ".cqsc-site").write_bytes(marker)
    before = _files(target)
    result = run("site", "-o", str(target), "--as-of", DAY)
    assert result.exit_code == 3 and "has a .cqsc-site that is not a manifest cqsc wrote" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.output
    assert _files(target) == before and (tmp_path / "outside.txt").read_text(encoding="utf-8") == "keep me too"


def test_a_fresh_checkout_with_only_git_and_cname_takes_a_first_site(run, tmp_path: Path):
    target = tmp_path / "gh-pages"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (target / "CNAME").write_text("portfolio.example.org\n", encoding="utf-8")
    assert run("site", "-o", str(target), "--as-of", DAY).exit_code == 0
    files = _files(target)
    assert files["CNAME"] == b"portfolio.example.org\n" and ".git/HEAD" in files and "index.html" in files


@pytest.mark.parametrize("how", ["dot", "empty", "private", "umask"])
@pytest.mark.slow  # subprocesses, large portfolios or waits: CI runs it, the quick loop does not
def test_dot_an_empty_folder_a_private_folder_and_a_strict_umask(tmp_path: Path, how: str):
    import subprocess
    import sys

    target = tmp_path / "public"
    target.mkdir()
    if how == "private":
        os.chmod(target, 0o700)
    env = {**os.environ, "NO_COLOR": "1", "CQSC_NO_CACHE": "1"}
    env.pop("CQSC_DATA_DIR", None)
    cmd = [sys.executable, "-m", "cqsc", "site", "-o", "." if how == "dot" else str(target), "--as-of", DAY, "--data-dir", str(DATA)]
    mask = (lambda: os.umask(0o077)) if how == "umask" else None
    for _ in range(2):  # a new site, then an update of it
        result = subprocess.run(cmd, check=False, cwd=target, env=env, capture_output=True, text=True, preexec_fn=mask, timeout=120)
        assert result.returncode == 0, result.stderr
    files = _files(target)
    assert "index.html" in files and "zh/projects/yuxi-hsr.html" in files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
    if how == "private":
        assert os.stat(target).st_mode & 0o777 == 0o700  # the folder's mode is the user's
    if how == "umask":
        assert all(p.stat().st_mode & 0o077 == 0 for p in target.rglob("*"))


def test_data_with_errors_is_refused(run, data_copy: Path, tmp_path: Path):
    text = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    (data_copy / "projects.yaml").write_text(text.replace("- id: yuxi-hsr", "- id: chengyu-middle-hsr", 1), encoding="utf-8")
    result = run("site", "-o", str(tmp_path / "out"), "--data-dir", str(data_copy))
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


def test_text_from_the_data_is_shown_as_text(run, data_copy: Path, tmp_path: Path):
    text = (data_copy / "projects.yaml").read_text(encoding="utf-8")
    hostile = "name_en: \"</script><script>alert(1)</script><!-- <b>x</b> &amp;\""
    (data_copy / "projects.yaml").write_text(text.replace("name_en: Chongqing-Xi'an high-speed railway (Ankang-Chongqing section)", hostile, 1), encoding="utf-8")
    out = tmp_path / "out"
    assert run("site", "-o", str(out), "--data-dir", str(data_copy), "--as-of", DAY).exit_code == 0
    for page in ("index.html", "projects/yuxi-hsr.html", "sectors/transport.html", "zh/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b>x</b>" not in html
        assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &lt;b&gt;x&lt;/b&gt; &amp;amp;" in html
    assert html.count("</script>") == 2  # the page's own data and its script, nothing from the data


def _browser(pw):
    return pw.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    )


@pytest.mark.slow
@needs_chromium
def test_the_site_works_in_chromium_from_the_file_system(built: Path):
    playwright = pytest.importorskip("playwright.sync_api") if os.environ.get("CI") != "true" else __import__("playwright.sync_api").sync_api
    assert CHROMIUM, "CI must have chromium (.ci/run installs it)"
    errors: list[str] = []
    outside: list[str] = []
    root = built.resolve()
    with playwright.sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def watch(request) -> None:
            url = urlparse(request.url)
            if url.scheme != "file" or not Path(unquote(url.path)).resolve().is_relative_to(root):
                outside.append(request.url)

        page.on("request", watch)
        page.goto((built / "index.html").as_uri())

        def shown() -> int:
            return page.eval_on_selector_all("#project-table tbody tr", "rows => rows.filter(r => !r.hidden).length")

        def total() -> str:
            return page.inner_text("#total")

        assert shown() == 31 and "556.3 bn" in total()
        page.select_option("#f-sector", "transport")
        assert shown() == 19 and "451.6 bn" in total() and "19 projects" in total()
        page.select_option("#f-sector", "")
        page.select_option("#f-subsector", "waterway")
        assert shown() == 3 and "6.2 bn" in total()
        page.select_option("#f-subsector", "")
        page.select_option("#f-province", "sichuan")
        n = shown()
        assert 0 < n < 31 and "bn" not in total() and "cqsc projects --location sichuan" in total()
        page.select_option("#f-province", "")
        page.fill("#f-q", "logistics")
        hits = page.eval_on_selector_all("#project-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.text)")
        assert 0 < len(hits) == shown() < 31 and all("logistics" in h for h in hits)
        assert "--search 'logistics'" in total()
        page.screenshot(path=str(built.parent / "index.png"))
        page.fill("#f-q", "")
        page.click("#project-table a[href='projects/yuxi-hsr.html']")
        assert page.url.endswith("/projects/yuxi-hsr.html")
        headings = page.eval_on_selector_all("h2", "hs => hs.map(h => h.innerText)")
        assert "Milestones" in headings and "Sources" in headings
        sources = page.eval_on_selector_all("ol.sources li", "lis => lis.map(li => li.innerText)")
        assert len(sources) >= 3 and any(" — " in x for x in sources)  # numbered, with publishers
        assert page.eval_on_selector_all("main table", "ts => ts.map(t => t.rows.length)")[1] >= 4  # the milestones
        assert page.eval_on_selector_all("main table", "ts => ts.length") >= 2  # figures, milestones (sources are a list)
        page.click("a.lang")
        assert page.url.endswith("/zh/projects/yuxi-hsr.html")
        assert page.eval_on_selector("html", "h => h.lang") == "zh-Hans"
        page.click("a.lang")
        assert page.url.endswith("/projects/yuxi-hsr.html") and "/zh/" not in page.url
        # every internal link of every page resolves to a file of the site
        for html_file in sorted(built.rglob("*.html")):
            page.goto(html_file.as_uri())
            for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
                url = urlparse(href)
                if url.scheme == "file":
                    assert Path(unquote(url.path)).is_file(), (html_file, href)
        browser.close()
    assert errors == [] and outside == []


def test_without_an_issues_address_the_pages_name_the_publisher(run, tmp_path: Path):
    result = run("site", "-o", str(tmp_path / "out"), "--as-of", DAY, env={"CQSC_ISSUES_URL": None})
    assert result.exit_code == 0 and "no --issues-url" in result.stderr
    assert "Report an error to cqsc (Sichuan-Chongqing" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    bad = run("site", "-o", str(tmp_path / "x"), "--issues-url", "javascript:alert(1)")
    assert bad.exit_code == 2 and not (tmp_path / "x").exists()


def test_a_site_being_written_by_another_run_is_not_written_at_once(tmp_path: Path, monkeypatch):
    import fcntl

    from cqsc.documents import site

    target = tmp_path / "out"
    site.write({"index.html": b"1"}, target)
    monkeypatch.setattr(site, "_LOCK_SECONDS", 0.2)
    fd = os.open(target, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as another cqsc site would hold it
        with pytest.raises(site.SiteError, match="is being written by another cqsc site"):
            site.write({"index.html": b"2"}, target)
    finally:
        os.close(fd)
    assert (target / "index.html").read_bytes() == b"1"
    site.write({"index.html": b"2"}, target)
    assert (target / "index.html").read_bytes() == b"2"


def test_a_planted_manifest_of_the_right_format_deletes_and_overwrites_nothing_of_a_users(run, tmp_path: Path):
    """A manifest only vouches for bytes cqsc wrote: the digest of each file must match before it is replaced or deleted."""
    victim = tmp_path / "victim"
    (victim / "thesis").mkdir(parents=True)
    (victim / "thesis" / "chapter1.tex").write_text("work", encoding="utf-8")
    (victim / "README.md").write_text("keep", encoding="utf-8")
    fake = "0" * 64
    (victim / ".cqsc-site").write_text(
        f'{{"format": "cqsc-site-manifest", "version": 2, "files": {{"README.md": ["{fake}"], "thesis/chapter1.tex": ["{fake}"]}}}}', encoding="utf-8"
    )
    assert run("site", "-o", str(victim), "--as-of", DAY).exit_code == 0
    assert (victim / "README.md").read_text(encoding="utf-8") == "keep"
    assert (victim / "thesis" / "chapter1.tex").read_text(encoding="utf-8") == "work"
    # A page the user changed by hand, or a file of theirs where a page goes, is never overwritten.
    (victim / "index.html").write_text("my own index", encoding="utf-8")
    before = _files(victim)
    refused = run("site", "-o", str(victim), "--as-of", "2024-06-30")
    assert refused.exit_code == 3 and "index.html is not a file cqsc wrote there" in refused.stderr
    assert _files(victim) == before


PAGES = ["index.html", "projects/chengdawan-hsr.html", "timeline.html", "unknown.html", "downloads.html"]


def _srgb(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
    return r / 255, g / 255, b / 255


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def lum(c: str) -> float:
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in _srgb(c)]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_reads_on_a_phone_and_a_desktop(built: Path, run, tmp_path: Path, width: int):
    """No sideways scroll, currencies named, Chinese first on zh pages, a legend, the OC4IDS package, legible and
    contrasting charts, and no serious or critical axe-core finding, at 390 and 1280 px, in English and Chinese."""
    playwright = pytest.importorskip("playwright.sync_api")
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    report = tmp_path / "report.html"
    report_zh = tmp_path / "report-zh.html"
    assert run("report", "-o", str(report), "--as-of", DAY).exit_code == 0
    assert run("report", "-o", str(report_zh), "--as-of", DAY, "--lang", "zh").exit_code == 0
    axe = axe_module.Axe()
    targets = [(built / pre / page, pre) for pre in ("", "zh") for page in PAGES] + [(report, ""), (report_zh, "zh")]
    with playwright.sync_playwright() as pw:
        browser = _browser(pw)
        page = browser.new_page(viewport={"width": width, "height": 844})
        for path, pre in targets:
            page.goto(path.as_uri())
            name = f"{pre}/{path.name}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            currency = "元" if pre else "CNY"
            headers = page.eval_on_selector_all("th", "ths => ths.map(t => t.innerText)")
            amount_headers = [x for x in headers if x.startswith(("Amount", "金额", "bn", "亿元"))]
            assert all(currency in x for x in amount_headers), (name, amount_headers)
            texts = page.evaluate(
                """() => Array.from(document.querySelectorAll('svg text')).filter(t => t.getBoundingClientRect().height > 0).map(t => {
                    const svg = t.ownerSVGElement; const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    return parseFloat(getComputedStyle(t).fontSize) * scale; })"""
            )
            assert all(px >= 10 for px in texts), (name, min(texts))
            marks = page.evaluate(
                """() => Array.from(document.querySelectorAll('svg.chart rect[data-id], svg.chart rect.stage, svg.chart .done, svg.chart .plan, svg.chart line.asof'))
                    .filter(e => e.getBoundingClientRect().width > 0).map(e => { const s = getComputedStyle(e);
                    return [e.getAttribute('class'), s.fill.startsWith('rgb') && s.fill !== 'rgb(255, 255, 255)' ? s.fill : s.stroke,
                            getComputedStyle(e.ownerSVGElement).backgroundColor]; })"""
            )
            for cls, colour, ground in marks:
                assert contrast(colour, ground if ground.startswith("rgb(") else "rgb(255, 255, 255)") >= 3, (name, cls, colour)
            found = axe.run(page)
            bad = [v["id"] for v in found.response["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [], (name, bad)
            if path.name == "chengdawan-hsr.html" and pre:
                assert page.inner_text("h1").startswith("成达万高铁")
            if path.name == "timeline.html":
                assert "preparation" in page.inner_text("figure") or "前期准备" in page.inner_text("figure")  # the legend
            if path.name == "downloads.html":
                assert page.locator("a[href$='downloads/oc4ids.json']").count() == 1
            if path.name == "index.html":
                amounts = page.eval_on_selector_all("#project-table tbody td.num", "tds => tds.map(t => t.innerText)")
                assert not any("figures" in a or "个数额" in a for a in amounts)
            if width in (390, 1280) and path.name in ("index.html", "chengdawan-hsr.html") and path.is_relative_to(built):
                page.screenshot(path=str(tmp_path / f"site-{'zh-' if pre else ''}{path.stem}-{width}.png"))
        browser.close()


def _gap_lists(page: str) -> dict[str, list[str]]:
    """Each gap's heading id on the unknown page, with the project pages its list links to."""
    out = {}
    for kind, names in re.findall(r'<h3 id="gap-([a-z_]+)">.*?</h3>.*?<ul class="names">(.*?)</ul>', page, re.S):
        out[kind] = [unquote(href.rsplit("/", 1)[-1].removesuffix(".html")) for href in re.findall(r'href="([^"]*)"', names)]
    return out


def test_the_unknown_page_lists_the_projects_the_summary_names_for_each_gap(built: Path, run):
    import json

    summary = json.loads(run("summary", "-f", "json").stdout)
    named = {g["kind"]: g["projects"] for g in summary["gaps"] if g["projects"]}
    assert named["unidentified"] == ["industry-unknown-1", "industry-unknown-2"]
    assert len(named["no_amount"]) == 5 + 5 + 2  # the members of the three groups with no reported amount
    for pre in ("", "zh/"):
        page = (built / pre / "unknown.html").read_text()
        assert _gap_lists(page) == named
        assert all(f'href="#gap-{kind}"' in page for kind in named)  # the list of gaps links to each one's projects


def test_the_unknown_page_in_chinese_words_the_gaps_in_chinese(built: Path, run):
    page = (built / "zh" / "unknown.html").read_text()
    english = (built / "unknown.html").read_text()
    assert "projects not yet identified" in english and "projects not yet identified" not in page
    assert "尚未识别（产业）" in page and "3个分组未报告金额" in page
    assert 'lang="en"><li>' not in page  # no longer a list of English on the Chinese page
