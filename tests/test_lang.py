"""Chinese output: every word cqsc writes comes from the one catalogue, the data's English-only text is marked
(en), and the locale picks the language when neither --lang nor CQSC_LANG says."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA

from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import PROVINCE_LABELS, SECTOR_LABELS, SUBSECTOR_LABELS
from cqsc.text import lang as catalogue
from cqsc.text.lang import english, join, locale_lang, pick, punct
from cqsc.text.numbers import UNIT_SUFFIX

GOLDEN = Path(__file__).resolve().parent / "golden"


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def data_text() -> list[str]:
    """Every text in the frozen data files."""
    out: list[str] = []
    for path in sorted(DATA.rglob("*.yaml")):
        out += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


@pytest.fixture(scope="module")
def ids() -> set[str]:
    from cqsc.loading import loader

    ds, _ = loader.load_data(DATA, use_cache=False)
    assert ds.projects is not None
    return {p.id for p in ds.projects.projects} | {a.id for a in ds.projects.aggregates} | {s.id for s in ds.projects.sources}


def _project_ids() -> list[str]:
    from cqsc.loading import loader

    ds, _ = loader.load_data(DATA, use_cache=False)
    assert ds.projects is not None
    return [p.id for p in ds.projects.projects]


# Every command that takes --lang, with arguments that give it something to say; a new one must be added here.
# {tmp} is a fresh folder, {data} a writable copy of the frozen data.
RUNS = {
    "projects": [["projects"]],
    "tasks": [["tasks"]],
    "summary": [["summary"], ["summary", "--chart"]],
    "show": [["show", pid] for pid in _project_ids()],
    "timeline": [["timeline"], ["timeline", "--chart"]],
    "changes": [["changes", "--from", "2018", "--to", "2026"]],
    "progress": [["progress"]],
    "check": [["check"], ["check", "--no-baseline", "--no-cache"], ["check", "--list-rules"], ["check", "--update-baseline", "--baseline", "{tmp}/b.json"]],
    "info": [["info"]],
    "report": [["report"], ["report", "--since", "2024-01-01"], ["report", "-o", "{tmp}/r.html"]],
    "site": [["site", "-o", "{tmp}/site"]],
    "export": [["export", "-o", "{tmp}/x.db", "--metadata"], ["export", "-f", "oc4ids", "-o", "{tmp}/p.json"]],
    "schema": [["schema", "-o", "{tmp}/schema"], ["schema", "--check", "-o", str(Path(__file__).resolve().parents[1] / "schema")]],
    "init": [["init", "{tmp}/new", "--tasks"]],
    "record": [
        ["record", "last-checked", "yuxi-hsr", "--date", "2026-12-01", "--query", "渝西高铁 开通", "--data-dir", "{data}"],
        ["record", "milestone", "yuxi-hsr", "--kind", "construction_start", "--date", "2026-11", "--label", "Works went on", "--source", "https://example.gov.cn/a.html", "--publisher", "Chongqing Daily", "--published", "2026-11-30", "--data-dir", "{data}"],
    ],
}
# Latin words allowed in Chinese output: formats, units, the program's own name and git, area numbers (I to IX).
ALLOWED = re.compile(r"^(CSV|csv|JSON|json|YAML|UTF|ASCII|OC4IDS|README|km|bn|CNY|cqsc|git|[IVX]+)$")


def _commands_with_lang() -> set[str]:
    import typer.main

    from cqsc.cli.app import app

    group = typer.main.get_command(app)
    names = set()
    for name, cmd in group.commands.items():
        subs = getattr(cmd, "commands", None)  # a group (record): each of its commands must take --lang
        if subs:
            assert all(any("--lang" in getattr(p, "opts", []) for p in sub.params) for sub in subs.values()), name
            names.add(name)
        elif any("--lang" in getattr(p, "opts", []) for p in cmd.params):  # type: ignore[attr-defined]
            names.add(name)
    return names


def test_every_command_takes_lang_and_is_run():
    import typer.main

    from cqsc.cli.app import app

    every = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert _commands_with_lang() == every == set(RUNS), "every command takes --lang, and is run in RUNS"


def _english_left(out: str, data_text: list[str], ids: set[str]) -> list[str]:
    """Runs of three or more Latin letters that are neither an id, an address, an option, an allowed word,
    nor text from the data marked (en)."""
    out = re.sub(r"https?://\S+", " ", out)
    out = re.sub(r"&#?\w+;", lambda m: html.unescape(m.group()) if m.group() != "&emsp;" else " ", out)  # Markdown's escapes
    out = re.sub(r"--sort date|--[a-z][a-z-]*|\bcqsc [a-z]+( ID)?|OC4IDS|`[^`\n]+`|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|oc4ids-x+", " ", out)  # options, commands, code and variables to type
    # The data's English first (an id may be a word inside it): each text becomes \0, and a run of them
    # (with the punctuation between) must end in (en).
    english_texts = sorted({s for s in data_text if re.search(r"[A-Za-z]{3}", s) and s not in ids and not ALLOWED.match(s)}, key=len, reverse=True)
    out = re.sub("(?<![A-Za-z])(?:" + "|".join(re.escape(s) for s in english_texts) + ")(?![A-Za-z])", "\0", out)
    out = re.sub(r"\0(?:[\0\s\[\],;:()/.'-]*\0)*[\]\s,;:()/.'-]*\(en\)", " ", out)
    words = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    out = re.sub(rf"(?<![\w-])(?:{words})(?![\w-])", " ", out)
    assert "\0" not in out, [line for line in out.splitlines() if "\0" in line][:5]  # English from the data, not marked (en)
    out = re.sub(r"[\w.-]*/[\w./-]+|[\w-]+\.(?:yaml|json|html|db|md)\b", " ", out)  # paths and file names
    out = re.sub(r"\b[a-z0-9]+-[0-9a-f]{6}\b", " ", out)  # a source id cqsc made (record)
    out = re.sub(r"\b[0-9a-f]{12}\b", " ", out)  # a git commit (info), whose hex digits may spell a word
    out = re.sub(r"\bCQ\d{3} [a-z0-9-]+", " ", out)  # a rule: its id and name, as --select takes them
    return [w for w in re.findall(r"[A-Za-z]{3,}", out) if not ALLOWED.match(w)]


@pytest.mark.parametrize("args", [a for runs in RUNS.values() for a in runs], ids=lambda a: " ".join(a[:2]))
def test_chinese_throughout(run, args: list[str], data_text: list[str], ids: set[str], tmp_path: Path):
    """Everything a command writes, on stdout and on stderr, in Chinese but for ids, paths and the data's English."""
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    args = [a.replace("{tmp}", str(tmp_path)).replace("{data}", str(tmp_path / "data")) for a in args]
    # Wide enough that no text wraps: each text is on one line, whole, with its mark.
    result = run(*args, "--lang", "zh", env={"COLUMNS": "1000"})
    assert result.exit_code == 0, result.output
    said = result.stdout + result.stderr
    if args[0] == "check":  # the offending line of the data file, as it is written, under each problem
        said = re.sub(r"(?m)^    .*$", " ", said)
    assert re.search(r"[\u4e00-\u9fff]", said), said  # it said something, and in Chinese
    assert _english_left(said, data_text, ids) == []


def _catalogue() -> list[str]:
    entries = [*catalogue.ZH.values(), *catalogue.CODES_ZH.values(), *catalogue.NOUNS_ZH.values(), *UNIT_SUFFIX.values()]
    entries += [e.replace("{unit}", UNIT_SUFFIX[DisplayUnit.yi]) for e in entries if "{unit}" in e]  # "亿元列"
    for table in (SECTOR_LABELS, SUBSECTOR_LABELS, PROVINCE_LABELS):
        entries += [zh for _, zh in table.values() if zh]
    return entries


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
GOLDENS = sorted(p for p in GOLDEN.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html", ".json"))


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.relative_to(GOLDEN).as_posix())
def test_golden_chinese_comes_from_catalogue_or_data(path: Path, data_text: list[str]):
    """Every run of Chinese characters in a golden file is in a catalogue entry or in the data's own text."""
    known = "\n".join(_catalogue() + data_text)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    unknown = sorted({run for run in HAN.findall(text) if run not in known})
    assert unknown == [], f"Chinese in {path.name} from neither the catalogue nor the data"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, Lang.en),
        ({"LANG": "zh_CN.UTF-8"}, Lang.zh),
        ({"LANG": "zh_TW"}, Lang.zh),
        ({"LANG": "en_GB.UTF-8"}, Lang.en),
        ({"LANG": "C"}, Lang.en),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Lang.zh),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, Lang.en),  # LC_ALL overrides LANG
        ({"LC_MESSAGES": "zh_CN", "LANG": "en_US"}, Lang.zh),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN"}, Lang.zh),  # empty means unset
    ],
)
def test_locale_lang(env: dict[str, str], expected: Lang):
    assert locale_lang(env) is expected


@pytest.mark.parametrize(
    ("env", "args", "chinese"),
    [
        ({"LANG": "zh_CN.UTF-8"}, [], True),
        ({"LC_ALL": "zh_CN.UTF-8"}, [], True),
        ({"LANG": "zh_CN.UTF-8", "CQSC_LANG": "en"}, [], False),  # CQSC_LANG before the locale
        ({"LANG": "zh_CN.UTF-8"}, ["--lang", "en"], False),  # --lang before everything
        ({"CQSC_LANG": "zh"}, [], True),
        ({}, [], False),
    ],
)
def test_language_chosen(run, env: dict[str, str], args: list[str], chinese: bool):
    out = run("summary", *args, env=env).stdout
    assert out.startswith("2020年共同实施重大项目") is chinese, out[:60]


def test_data_text_marked():
    assert english("Under construction", Lang.zh) == "Under construction (en)"
    assert english("Under construction", Lang.en) == "Under construction"
    assert english("渝西高铁", Lang.zh) == "渝西高铁"  # no Latin letter: not English
    assert pick("Logistics", None, Lang.zh) == "Logistics (en)" and pick("Logistics", "物流", Lang.zh) == "物流"
    assert join(Lang.zh, ["a", "b"]) == "a、b" and join(Lang.en, ["a", "b"]) == "a, b"
    assert punct(Lang.zh, ";") == "；"


def test_summary_unknowns_in_words_of_the_language(run):
    zh = run("summary", "--lang", "zh").stdout
    unknowns = zh.split("尚不知道的情况\n")[1]
    assert "3个分组未报告金额：港口、场站、物流项目（5）、产业项目（5）、新基建项目（2）" in unknowns
    assert "尚未识别（产业）" in unknowns
    assert "状态（依据有日期的里程碑）：前期准备 2、实施 15" in zh
    data = json.loads(run("summary", "--lang", "zh", "-f", "json").stdout)
    # JSON keeps its English contract whatever the language of the terminal.
    assert "3 groups with no reported amount: Ports, stations and logistics (5), Industry (5), New infrastructure (2)" in data["unknowns"]


def test_chart_legend_in_chinese(run):
    out = run("timeline", "--chart", "--lang", "zh").stdout
    assert "前期准备，= 实施，o 已完工，* 计划日期" in out.splitlines()[-1] or "前期准备，= 实施" in out


@pytest.fixture(scope="module")
def site_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every HTML page of the site built from the frozen data, as text without its markup."""
    import html as html_lib

    from cqsc import api

    folder = tmp_path_factory.mktemp("site") / "public"
    api.site(api.load(DATA, use_cache=False), folder, data_dir=DATA)
    pages = {}
    for page in sorted(folder.rglob("*.html")):
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        pages[str(page.relative_to(folder))] = html_lib.unescape(re.sub(r"<[^>]+>", "\n", body))
    return pages


def test_the_sites_chinese_comes_from_catalogue_or_data(site_pages: dict[str, str], data_text: list[str]):
    """Every run of Chinese characters on every page of the site is in a catalogue entry or in the data's text."""
    known = "\n".join(_catalogue() + data_text)
    unknown = {name: sorted({run for run in HAN.findall(text) if run not in known}) for name, text in site_pages.items()}
    assert len(site_pages) > 60 and {k: v for k, v in unknown.items() if v} == {}


SRC = Path(__file__).resolve().parents[1] / "src" / "cqsc"


def _templates() -> list[tuple[str, int, str, str]]:
    """Every template written out in the source: (file, line, function, template) for say(), plain(), t() and words()."""
    import ast

    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            at = {"say": 0, "plain": 0, "t": 1, "words": 1}.get(name)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant) and isinstance(node.args[at].value, str):
                found.append((path.relative_to(SRC).as_posix(), node.lineno, name, node.args[at].value))
    return found


def test_every_template_in_the_source_is_in_the_catalogue():
    """A sentence cqsc writes has its Chinese: each template given to say(), t() and api.words() is a key of the
    catalogue; a validator's (plain() in model/records.py and model/dates.py) is, after the field it is about."""
    found = _templates()
    assert len(found) > 300
    missing = []
    for file, line, name, template in found:
        key = "{field}: " + template if name == "plain" and file in ("model/records.py", "model/dates.py") else template
        # A piece joined after another template (", got a list"): the catalogue has the two together.
        piece = template.startswith((", ", " (")) and any(k.endswith(template) for k in catalogue.ZH)
        if key not in catalogue.ZH and not piece:
            missing.append(f"{file}:{line} {template}")
    assert missing == []


def test_every_message_of_a_problem_is_said_from_a_template():
    """No rule or loader hands a problem a sentence it wrote itself: each says it from a template (say/plain)."""
    import ast

    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("say", "plain"):
                first = node.args[0] if node.args else None
                # Closed sets of words are written into four files' templates (each filled template is a key of
                # the catalogue): the kind of file read_raw expected, the kind of value at a file's top level, the
                # kind of a key that is not text, the odd line break and its fix. Every other template is a literal.
                assert not isinstance(first, ast.JoinedStr) or path.name in ("dataset.py", "wholefile.py", "yamlsafe.py", "linebreaks.py"), f"{path}:{node.lineno}: an f-string template"
