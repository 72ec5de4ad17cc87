"""`cqsc site`: a static bilingual website of the portfolio, built from the views and the HTML emitter.

``build`` is pure: the data set, the day and a few settings in, every file of the site out (its
path below the site folder and its bytes), the same bytes for the same input. ``write`` updates the
folder in place, under a lock, each file by a temporary file and a rename: a reader sees every file
whole, old or new. The folder's manifest (``MARKER``, a JSON file only cqsc writes) lists what the
previous build wrote; only those paths are ever deleted, so what a user added (a CNAME, .nojekyll,
.git) stays. A folder with files and no manifest of cqsc's format is never written to.

Pages are views rendered by output/html.py, which escapes every text from the data; this module
adds the frame (navigation, the language switch, the footer) and the index's filter, a small script
of our own that only shows and hides rows and looks up totals cqsc worked out for every reported
group. It never adds amounts. No page asks another host for anything: the style sheet and the
script are files in the site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cqsc._version import __version__
from cqsc.model.dataset import Dataset
from cqsc.model.errors import FileError
from cqsc.model.options import DisplayUnit, Lang
from cqsc.model.records import (
    PROVINCE_LABELS,
    SECTOR_LABELS,
    SUBSECTOR_LABELS,
    Project,
    Sector,
    Source,
    Status,
    Subsector,
)
from cqsc.output import html as h
from cqsc.output.settings import Settings
from cqsc.text.lang import t
from cqsc.views.model import Table, cell

MARKER = ".cqsc-site"

WORDS = {
    "title": ("Sichuan–Chongqing jointly implemented major projects", "川渝共建重大项目"),
    "home": ("Overview", "概览"),
    "timeline": ("Timeline", "时间线"),
    "tasks": ("Key tasks", "重点任务"),
    "unknown": ("What is not known", "未知事项"),
    "downloads": ("Downloads", "下载"),
    "sectors": ("Sectors", "领域"),
    "switch": ("中文", "English"),
    "projects": ("All projects", "全部项目"),
    "filter": ("Filter the projects", "筛选项目"),
    "sector": ("Sector", "领域"),
    "subsector": ("Subsector", "子领域"),
    "province": ("Province", "省市"),
    "status": ("Status", "状态"),
    "search": ("Search (id or name)", "搜索(编号或名称)"),
    "any": ("any", "全部"),
    "shown": ("{n} of {all} projects shown.", "显示 {n} / {all} 个项目。"),
    "not_group": (
        "This selection is not a reported group, so no total is shown here; cqsc works it out from what is reported: {command}",
        "所选项目不是一个公布的分组,此处不显示合计;可用命令行计算:{command}",
    ),
    "data_from": ("Data: {publisher}; every figure carries its source.", "数据:{publisher};每个数字都注明来源。"),
    "licence": ("Licence of the data", "数据许可"),
    "report": ("Report an error", "报告错误"),
    "report_to": ("Report an error to {publisher}", "报告错误:{publisher}"),
    "built": ("Built by cqsc {version}; statuses as of {day}.", "由 cqsc {version} 生成;状态截至 {day}。"),
    "english": ("(in English: not available in Chinese)", "(仅有英文)"),
    "sources": ("Sources of the reported totals", "公布合计的来源"),
    "chart_alt": ("Reported investment by sector and subsector", "按领域和子领域公布的投资"),
    "gantt": ("Stages and plans, 2018 to 2028", "阶段与计划,2018—2028"),
    "files": ("Every record as JSON, each table as CSV, the SQLite export and the data's YAML:", "全部记录(JSON)、各表(CSV)、SQLite 导出和数据文件(YAML):"),
    "no_projects": ("No projects are listed yet.", "尚未列出任何项目。"),
    "nojs": ("Without JavaScript every project is listed and the total is the portfolio's.", "未启用 JavaScript 时列出全部项目,合计为整个项目组合。"),
}


def w(lang: Lang, key: str, **kwargs: Any) -> str:
    en, zh = WORDS[key]
    return (zh if lang is Lang.zh else en).format(**kwargs)


@dataclass
class Site:
    """The settings of a build: the day statuses are derived up to, and where readers report errors."""

    day: date
    as_of: date | None
    issues_url: str | None  # None: the pages name the publisher, without a link


def _up(path: str) -> str:
    return "../" * path.count("/")


def _other(path: str, lang: Lang) -> str:
    """The same page in the other language, relative to ``path``."""
    if lang is Lang.zh:
        return _up(path) + path.removeprefix("zh/")
    return _up(path) + "zh/" + path


def project_page(pid: str) -> str:
    return f"projects/{quote(pid, safe='')}.html"


def _frame(ds: Dataset, site: Site, lang: Lang, path: str, title: str, body: list[str], *, script: bool = False) -> bytes:
    """A whole page: head, navigation with the language switch, the body, the footer."""
    up = _up(path)
    base = up + ("zh/" if lang is Lang.zh else "")  # links stay within the page's language
    assert ds.projects is not None
    sectors = sorted({p.sector for p in ds.projects.projects}, key=list(Sector).index)
    nav = [
        (f"{base}index.html", w(lang, "home")),
        *((f"{base}sectors/{x.value}.html", _label(SECTOR_LABELS[x], lang)) for x in sectors),
        (f"{base}timeline.html", w(lang, "timeline")),
        *([(f"{base}tasks.html", w(lang, "tasks"))] if ds.tasks is not None else []),  # no plan of tasks, no page
        (f"{base}unknown.html", w(lang, "unknown")),
        (f"{base}downloads.html", w(lang, "downloads")),
    ]
    links = "".join(f'<a href="{h.attr(href)}">{h.e(text)}</a>' for href, text in nav)
    other = Lang.en if lang is Lang.zh else Lang.zh
    switch = f'<a class="lang" href="{h.attr(_other(path, lang))}" hreflang="{other.value}" lang="{other.value}">{h.e(w(lang, "switch"))}</a>'
    pub = ds.projects.publication if ds.projects else None
    publisher = pub.publisher.name if pub else "cqsc"
    licence = pub.license if pub else None
    footer = [h.e(w(lang, "data_from", publisher=publisher))]
    if licence and licence.startswith(("http://", "https://")):
        footer.append(f'<a href="{h.attr(licence)}" rel="license">{h.e(w(lang, "licence"))}</a>')
    if site.issues_url and site.issues_url.startswith(("http://", "https://")):
        footer.append(f'<a href="{h.attr(site.issues_url)}">{h.e(w(lang, "report"))}</a>')
    else:
        footer.append(h.e(w(lang, "report_to", publisher=publisher)))
    footer.append(h.e(w(lang, "built", version=__version__, day=site.day.isoformat())))
    scripts = f'<script src="{h.attr(up)}filter.js"></script>' if script else ""
    css = f"{up}site.css"
    return (
        f'<!doctype html>\n<html lang="{"zh-Hans" if lang is Lang.zh else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h.e(title)} · {h.e(w(lang, 'title'))}</title>\n"
        f'<link rel="stylesheet" href="{h.attr(css)}">\n</head>\n<body>\n'
        f'<header><p class="site"><a href="{h.attr(base)}index.html">{h.e(w(lang, "title"))}</a></p><nav>{links}{switch}</nav></header>\n'
        "<main>\n" + "\n".join(body) + "\n</main>\n"
        f'<footer><p>{" · ".join(footer)}</p></footer>\n{scripts}\n</body>\n</html>\n'
    ).encode()


# --- the pages ----------------------------------------------------------------------------


def _settings(lang: Lang) -> Settings:
    from cqsc.model.options import Format

    return Settings(format=Format.html, unit=DisplayUnit.yi if lang is Lang.zh else DisplayUnit.bn, lang=lang, width=120)


def _selection_totals(ds: Dataset, lang: Lang, unit: DisplayUnit, as_of: date | None) -> dict[str, Any]:
    """For the whole portfolio, each sector and each subsector with projects: the count and cqsc's total lines."""
    from cqsc import queries
    from cqsc.views.projects import total_lines

    assert ds.projects is not None
    pf = ds.projects
    out: dict[str, Any] = {}
    keys: list[tuple[tuple[Sector, ...], tuple[Subsector, ...]]] = [((), ())]
    for p in pf.projects:
        keys.append(((p.sector,), ()))
        if p.subsector is not None:
            keys.append(((p.sector,), (p.subsector,)))
    for sectors, subsectors in dict.fromkeys(keys):
        f = queries.ProjectFilter(sectors, subsectors, as_of=as_of)
        chosen = list(queries.select_projects(pf.projects, f))
        total = queries.total_for(pf, chosen)
        key = "|".join([sectors[0].value if sectors else "", subsectors[0].value if subsectors else ""])
        out[key] = {"count": len(chosen), "lines": total_lines(total, unit, lang)}
    return out


def _label(pair: tuple[str, str | None], lang: Lang) -> str:
    from cqsc.text.lang import pick

    return pick(pair[0], pair[1], lang)


def _select(name: str, label: str, options: list[tuple[str, str]], lang: Lang) -> str:
    opts = f'<option value="">{h.e(w(lang, "any"))}</option>' + "".join(f'<option value="{h.attr(v)}">{h.e(text)}</option>' for v, text in options)
    return f'<label>{h.e(label)} <select name="{h.attr(name)}" id="f-{h.attr(name)}">{opts}</select></label>'


def _index(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc import queries
    from cqsc.documents import report
    from cqsc.views import projects as pv
    from cqsc.views import summary as sv

    assert ds.projects is not None
    settings = _settings(lang)
    pf = ds.projects
    s = queries.summarise(pf, ds.tasks, site.as_of)
    body = [f"<h1>{h.e(w(lang, 'title'))}</h1>"]
    overview = sv.view(s, pf.aggregates, settings.unit, lang)
    # The tasks and what is not known have pages of their own: the overview keeps the groups, statuses and batches.
    areas = next((i for i, b in enumerate(overview.blocks) if getattr(b, "name", None) == "areas"), len(overview.blocks))
    overview = replace(overview, blocks=overview.blocks[:areas], title=None)
    body += h.blocks(overview, settings, heading=2)
    cited = report._cite(ds, s)
    english = ' lang="en"' if lang is Lang.zh else ""
    note = f'<p class="note">{h.e(w(lang, "english"))}</p>' if lang is Lang.zh else ""
    body.append(f'<figure{english}><figcaption>{h.e(w(lang, "chart_alt"))}</figcaption>{note}{report._chart(s, cited)}</figure>')
    # Where the headline figures come from: each reported group's sources, with their publishers.
    by_id = {src.id: src for src in (*pf.sources, *(ds.tasks.sources if ds.tasks else []), *(ds.annual.sources if ds.annual else []))}
    items = []
    for g in s.groups:
        links = [by_id[i] for i in g.aggregate.sources if i in by_id]
        refs = "; ".join(
            (f'<a href="{h.attr(x.url)}">{h.e(x.publisher or x.url)}</a>' if x.url.startswith(("http://", "https://")) else h.e(x.url))
            + _via(x, lang)
            for x in links
        )
        items.append(f"<li>{h.e(_label((g.aggregate.label_en, g.aggregate.label_zh), lang))}: {refs}</li>")
    body.append(f'<section id="headline-sources"><h2>{h.e(w(lang, "sources"))}</h2><ul>{"".join(items)}</ul></section>')
    projects = list(pf.projects)
    f = queries.ProjectFilter(as_of=site.as_of)
    view = pv.view(projects, queries.total_for(pf, projects), f, settings.unit, lang, today=site.day)
    table = view.main
    if table is None:  # an empty portfolio (a folder just made by `cqsc init`): no table to filter
        body.append(f'<section id="projects"><h2>{h.e(w(lang, "projects"))}</h2><p>{h.e(w(lang, "no_projects"))}</p></section>')
        return _frame(ds, site, lang, path, w(lang, "home"), body)
    attrs = []
    for p in projects:
        st = queries.project_status(p, site.as_of)
        text = " ".join(x for x in (p.id, p.name_en, p.name_zh) if x)
        attrs.append({
            "sector": p.sector.value, "subsector": p.subsector.value if p.subsector else "",
            "provinces": " ".join(prov.value for prov in p.provinces), "status": st.status.value, "text": queries.fold(text),
        })
    sectors = sorted({p.sector for p in projects}, key=list(Sector).index)
    subsectors = sorted({p.subsector for p in projects if p.subsector}, key=list(Subsector).index)
    provinces = sorted({prov for p in projects for prov in p.provinces}, key=lambda x: list(PROVINCE_LABELS).index(x))
    statuses = [st for st in Status if any(a["status"] == st.value for a in attrs)]
    from cqsc.text.lang import code

    form = (
        f'<form id="filter" class="filter" role="search"><fieldset><legend>{h.e(w(lang, "filter"))}</legend>'
        + _select("sector", w(lang, "sector"), [(x.value, _label(SECTOR_LABELS[x], lang)) for x in sectors], lang)
        + _select("subsector", w(lang, "subsector"), [(x.value, _label(SUBSECTOR_LABELS[x], lang)) for x in subsectors], lang)
        + _select("province", w(lang, "province"), [(x.value, _label(PROVINCE_LABELS[x], lang)) for x in provinces], lang)
        + _select("status", w(lang, "status"), [(x.value, code(lang, x.value)) for x in statuses], lang)
        + f'<label>{h.e(w(lang, "search"))} <input type="search" name="q" id="f-q"></label>'
        + "</fieldset></form>"
    )
    pages = [project_page(p.id) for p in projects]
    portfolio = _selection_totals(ds, lang, settings.unit, site.as_of)
    body.append(f'<section id="projects"><h2>{h.e(w(lang, "projects"))}</h2>{form}')
    body.append(
        f'<div id="result" role="status" aria-live="polite"><p id="count"></p><p id="total">{"<br>".join(h.e(x) for x in portfolio["|"]["lines"])}</p></div>'
        f'<p class="note">{h.e(w(lang, "nojs"))}</p>'
    )
    body.append(h.table(table, caption=w(lang, "projects"), row_attrs=attrs, table_id="project-table", link_column="id", row_links=pages))
    words = {"shown": w(lang, "shown", n="{n}", all="{all}"), "not_group": w(lang, "not_group", command="{command}")}
    body.append(h.json_script({"totals": portfolio, "words": words}, "site-data") + "</section>")
    return _frame(ds, site, lang, path, w(lang, "home"), body, script=True)


def _via(src: Source, lang: Lang) -> str:
    """" (read via host)" after a repost's link: the publisher is whose story it is, this the site it was read on."""
    return f" ({h.e(t(lang, 'read via {via}', via=src.via))})" if src.via else ""


def _project(ds: Dataset, site: Site, lang: Lang, path: str, p: Project) -> bytes:
    from cqsc.views import show

    assert ds.projects is not None
    settings = _settings(lang)
    view = show.view(ds.projects, p, site.as_of, settings.unit, lang)
    sources = next((b for b in view.blocks if isinstance(b, Table) and b.name == "sources"), None)
    body = h.blocks(replace(view, blocks=[b for b in view.blocks if b is not sources]), settings, heading=1)
    if sources is not None and sources.rows:
        # Numbered, each with its publisher: the tables above cite them by id.
        by_id = {src.id: src for src in ds.projects.sources}
        items = []
        for row in sources.rows:
            address, by, sid = cell(row["url"]), cell(row["publisher"]).text, cell(row["id"]).text
            url = address.link or address.text
            link = f'<a href="{h.attr(url)}">{h.e(url)}</a>' if url.startswith(("http://", "https://")) else h.e(url)
            publisher = f"{h.e(by)} — " if by else ""
            via = _via(by_id[sid], lang) if sid in by_id else ""
            items.append(f'<li id="source-{h.attr(sid)}">{publisher}{link}{via} <span class="note">({h.e(sid)})</span></li>')
        body.append(f"<h2>{h.e(sources.title or '')}</h2><ol class=\"sources\">{''.join(items)}</ol>")
    if lang is Lang.zh and not p.name_zh:
        body.insert(1, f'<p class="note">{h.e(w(lang, "english"))}</p>')
    return _frame(ds, site, lang, path, view.title or p.id, body)


def _sector(ds: Dataset, site: Site, lang: Lang, path: str, sector: Sector) -> bytes:
    from cqsc import queries
    from cqsc.views import projects as pv

    assert ds.projects is not None
    settings = _settings(lang)
    pf = ds.projects
    f = queries.ProjectFilter((sector,), as_of=site.as_of)
    chosen = list(queries.select_projects(pf.projects, f))
    view = pv.view(chosen, queries.total_for(pf, chosen), f, settings.unit, lang, today=site.day)
    title = _label(SECTOR_LABELS[sector], lang)
    body = [f"<h1>{h.e(title)}</h1>"]
    for block in view.blocks:
        if isinstance(block, Table) and block is view.main:
            links = [_up(path) + project_page(p.id) for p in chosen]
            body.append(h.table(block, caption=title, link_column="id", row_links=links))
        else:
            body += h.blocks(replace(view, blocks=[block], title=None), settings, heading=2)
    return _frame(ds, site, lang, path, title, body)


def _timeline(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc import queries
    from cqsc.documents import report
    from cqsc.views import events

    assert ds.projects is not None
    settings = _settings(lang)
    pf = ds.projects
    f = queries.TimelineFilter((), (), None, site.as_of)
    view = events.timeline_view(queries.timeline(pf, f), queries.planned_events(pf, f), lang)
    body = [f"<h1>{h.e(w(lang, 'timeline'))}</h1>", f'<figure><figcaption>{h.e(w(lang, "gantt"))}</figcaption>{report._gantt(queries.gantt(pf, site.as_of), site.day)}</figure>']
    body += h.blocks(replace(view, title=None), settings, heading=2)
    return _frame(ds, site, lang, path, w(lang, "timeline"), body)


def _tasks(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc.views import tasks

    assert ds.tasks is not None
    settings = _settings(lang)
    view = tasks.view(ds.tasks, list(ds.tasks.tasks), lang, as_of=site.as_of)
    body = [f"<h1>{h.e(w(lang, 'tasks'))}</h1>", *h.blocks(replace(view, title=None), settings, heading=2)]
    return _frame(ds, site, lang, path, w(lang, "tasks"), body)


def _unknown(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc import queries

    assert ds.projects is not None
    items = queries.unknowns(ds.projects, ds.tasks)
    note = f'<p class="note">{h.e(w(lang, "english"))}</p>' if lang is Lang.zh else ""
    body = [f"<h1>{h.e(w(lang, 'unknown'))}</h1>", note, '<ul lang="en">' + "".join(f"<li>{h.e(x)}</li>" for x in items) + "</ul>"]
    return _frame(ds, site, lang, path, w(lang, "unknown"), body)


DOWNLOADS = ["data.json", "projects.csv", "tasks.csv", "timeline.csv", "cqsc.sqlite"]


def _downloads_page(ds: Dataset, site: Site, lang: Lang, path: str, files: list[str]) -> bytes:
    up = _up(path)
    items = "".join(f'<li><a href="{h.attr(up + "downloads/" + name)}" download>{h.e(name)}</a></li>' for name in files)
    body = [f"<h1>{h.e(w(lang, 'downloads'))}</h1>", f"<p>{h.e(w(lang, 'files'))}</p>", f"<ul>{items}</ul>"]
    return _frame(ds, site, lang, path, w(lang, "downloads"), body)


def _csv(view: Any) -> bytes:
    from cqsc.model.options import Format
    from cqsc.output import csvout

    return csvout.emit(view, Settings(format=Format.csv)).encode()


def _downloads(ds: Dataset, site: Site, raw: dict[str, bytes], sqlite: Callable[[], bytes]) -> dict[str, bytes]:
    from cqsc import queries
    from cqsc.model.records import as_json
    from cqsc.output import JSON_FORMAT_VERSION
    from cqsc.views import events, tasks
    from cqsc.views import projects as pv

    assert ds.projects is not None
    pf = ds.projects
    record = {
        "format_version": JSON_FORMAT_VERSION,
        "as_of": site.as_of.isoformat() if site.as_of else None,
        "projects": as_json(pf),
        "tasks": as_json(ds.tasks) if ds.tasks else None,
        "annual": as_json(ds.annual) if ds.annual else None,
    }
    out = {"downloads/data.json": (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()}
    projects = list(pf.projects)
    f = queries.ProjectFilter(as_of=site.as_of)
    out["downloads/projects.csv"] = _csv(pv.view(projects, queries.total_for(pf, projects), f, DisplayUnit.yi, Lang.en, today=site.day))
    if ds.tasks is not None:
        out["downloads/tasks.csv"] = _csv(tasks.view(ds.tasks, list(ds.tasks.tasks), Lang.en, as_of=site.as_of))
    tf = queries.TimelineFilter((), (), None, site.as_of)
    out["downloads/timeline.csv"] = _csv(events.timeline_view(queries.timeline(pf, tf), queries.planned_events(pf, tf), Lang.en))
    out["downloads/cqsc.sqlite"] = sqlite()
    for name, data in sorted(raw.items()):
        out[f"downloads/{name}"] = data
    return out


def build(ds: Dataset, site: Site, raw: dict[str, bytes], sqlite: Callable[[], bytes]) -> dict[str, bytes]:
    """Every file of the site by its path below the site folder (``raw``: the data files' bytes by name).

    A portfolio with no plan of tasks (no tasks.yaml) has no tasks page, link or download.
    """
    assert ds.projects is not None
    files = _downloads(ds, site, raw, sqlite)
    names = sorted(Path(p).name for p in files)
    for lang in (Lang.en, Lang.zh):
        pre = "zh/" if lang is Lang.zh else ""
        files[pre + "index.html"] = _index(ds, site, lang, pre + "index.html")
        for p in ds.projects.projects:
            page = pre + project_page(p.id)
            files[page] = _project(ds, site, lang, page, p)
        for sector in sorted({p.sector for p in ds.projects.projects}, key=list(Sector).index):
            page = f"{pre}sectors/{sector.value}.html"
            files[page] = _sector(ds, site, lang, page, sector)
        files[pre + "timeline.html"] = _timeline(ds, site, lang, pre + "timeline.html")
        if ds.tasks is not None:
            files[pre + "tasks.html"] = _tasks(ds, site, lang, pre + "tasks.html")
        files[pre + "unknown.html"] = _unknown(ds, site, lang, pre + "unknown.html")
        files[pre + "downloads.html"] = _downloads_page(ds, site, lang, pre + "downloads.html", names)
    files["site.css"] = CSS.encode()
    files["filter.js"] = SCRIPT.encode()
    return dict(sorted(files.items()))


# --- writing -------------------------------------------------------------------------------


class SiteError(FileError):
    """The site cannot be written where asked: the message says why, in one line."""


MANIFEST_FORMAT = "cqsc-site-manifest"
MANIFEST_VERSION = 2  # 2: each path with the digests of the bytes cqsc wrote there
_MANIFEST_MAX = 16 * 1024 * 1024
_LOCK_SECONDS = 10.0
# The shape of every path cqsc writes: no part starts with a dot, so a manifest can never name .git,
# .nojekyll, the manifest itself or "..", whatever it lists.
_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


def _safe(rel: str) -> bool:
    return type(rel) is str and len(rel) < 4096 and all(_PART.fullmatch(part) for part in rel.split("/"))


_DIGEST = re.compile(r"[0-9a-f]{64}")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_text(entries: dict[str, list[str]]) -> str:
    body = ",\n".join(f"  {json.dumps(p)}: {json.dumps(sorted(set(d)))}" for p, d in sorted(entries.items()))
    return f'{{"format": "{MANIFEST_FORMAT}", "version": {MANIFEST_VERSION}, "files": {{\n{body}\n}}}}\n'


def _ours(path: Path, digests: list[str]) -> bool:
    """Whether the file at ``path`` still holds bytes cqsc wrote there (a planted manifest cannot vouch for others)."""
    try:
        return _digest(path.read_bytes()) in digests
    except OSError:
        return False


def _previous(target: Path) -> dict[str, list[str]] | None:
    """What the previous build wrote, path by path with the digests of its bytes; None when there is no manifest;
    SiteError if it is not cqsc's."""
    import stat

    from cqsc.model.dataset import read_raw

    path = target / MARKER
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    refuse = f"{target} has a {MARKER} that is not a manifest cqsc wrote"
    if not stat.S_ISREG(st.st_mode):
        raise SiteError(f"{refuse} (not a regular file); nothing was written")
    raw = read_raw(path, limit=_MANIFEST_MAX, expected="a cqsc site manifest")
    if not isinstance(raw, bytes):
        raise SiteError(f"{refuse} ({path.name} {raw.why}); nothing was written")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SiteError(f"{refuse} (not JSON); nothing was written") from None
    if (
        type(data) is not dict
        or set(data) != {"format", "version", "files"}
        or data["format"] != MANIFEST_FORMAT
        or type(data["version"]) is not int
        or data["version"] != MANIFEST_VERSION
        or type(data["files"]) is not dict
        or not all(_safe(p) for p in data["files"])
        or not all(type(d) is list and d and all(type(x) is str and _DIGEST.fullmatch(x) for x in d) for d in data["files"].values())
    ):
        raise SiteError(f"{refuse} (not of its format); nothing was written")
    return {p: list(d) for p, d in data["files"].items()}


def _check_path(target: Path, rel: str) -> None:
    """Refuse to write ``rel`` through a link, over a folder, or below a file: checked before anything is written."""
    import stat

    parts = rel.split("/")
    here = target
    for i, part in enumerate(parts):
        here = here / part
        try:
            st = os.lstat(here)
        except FileNotFoundError:
            return
        last = i == len(parts) - 1
        if stat.S_ISLNK(st.st_mode):
            raise SiteError(f"{here} is a symbolic link; cqsc site does not write through links; nothing was written")
        if last and not stat.S_ISREG(st.st_mode):
            raise SiteError(f"{here} is in the way of a file of the site (not a regular file); nothing was written")
        if not last and not stat.S_ISDIR(st.st_mode):
            raise SiteError(f"{here} is in the way of a folder of the site (not a folder); nothing was written")


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder itself (no lock file in the site), waiting a bounded time."""
    import time

    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this system: one writer is assumed
        yield
        return
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + _LOCK_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SiteError(f"{target} is being written by another cqsc site (waited {_LOCK_SECONDS:.0f} s); nothing was written") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write(files: dict[str, bytes], target: Path) -> None:
    """Update the site in ``target`` in place: write ``files``, delete what only the previous build wrote.

    ``target`` is new, an empty folder, or a folder whose manifest cqsc wrote. Each file is written by a
    temporary file and a rename (unchanged files are left as they are); the manifest first lists the old
    paths and the new, so that a build stopped half way is finished by the next one, then the new only.
    """
    from cqsc.store import atomic

    assert MARKER not in files and all(_safe(rel) for rel in files)
    target = Path(os.path.abspath(target))
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise SiteError(f"{target} exists and is not a folder; cqsc site writes a folder; nothing was written")
    if not target.exists():
        if not target.parent.is_dir():
            raise SiteError(f"{target.parent} does not exist; nothing was written")
        try:
            target.mkdir()
        except FileExistsError:  # made by another run just now: checked under the lock below
            pass
    with _locked(target):
        previous = _previous(target)
        if previous is None:
            # A new site goes into an empty folder, or one holding only what publishing adds (a fresh
            # gh-pages checkout: .git, .nojekyll, CNAME), none of which a site's paths can name.
            if any(not (name.startswith(".") or name == "CNAME") for name in os.listdir(target)):
                raise SiteError(f"{target} is a folder that holds no cqsc site ({MARKER}); choose an empty or new folder; nothing was written")
            previous = {}
        for rel, data in files.items():
            _check_path(target, rel)
            path = target / rel
            if path.exists() and not _same(path, data) and not _ours(path, previous.get(rel, [])):
                # Not bytes cqsc wrote (a user's file, or a page edited by hand): never overwritten.
                raise SiteError(f"{path} is not a file cqsc wrote there (or was changed since); move it away and run cqsc site again; nothing was written")
        new = {rel: [_digest(data)] for rel, data in files.items()}
        try:
            # Until every file is written, a path may hold its old bytes or its new ones: both are cqsc's.
            both = {rel: previous.get(rel, []) + new.get(rel, []) for rel in set(previous) | set(new)}
            atomic.write_text(target / MARKER, _manifest_text(both))
            for rel, data in files.items():
                path = target / rel
                if _same(path, data):
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic.write_bytes(path, data, sync=False)
            for rel in sorted(set(previous) - set(new)):
                if _ours(target / rel, previous[rel]):  # a file changed since, or a planted entry's, is kept
                    _delete(target, rel)
            atomic.write_text(target / MARKER, _manifest_text(new))
        except OSError as exc:
            detail = exc.strerror if isinstance(exc, atomic.WriteError) else f"{getattr(exc, 'filename', None) or target}: {exc.strerror or exc}"
            raise SiteError(f"{detail}; the site in {target} is partly updated (each file whole, old or new): run cqsc site again") from None


def _delete(target: Path, rel: str) -> None:
    """Delete a file the previous build wrote (never a link's target, never a folder's contents), then folders it leaves empty."""
    import stat

    path = target / rel
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return
        for parent in list(path.parents)[: rel.count("/")]:  # no link between the file and the site folder
            if stat.S_ISLNK(os.lstat(parent).st_mode):
                return
        os.unlink(path)
    except FileNotFoundError:
        return
    for parent in list(path.parents)[: rel.count("/")]:
        try:
            os.rmdir(parent)
        except OSError:  # not empty (a user's file, another page): kept
            break


# --- the style sheet and the script ---------------------------------------------------------------

CSS = """\
:root{--fg:#1a1a1a;--muted:#555;--line:#d9d9d9;--accent:#0b5394;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid var(--line);padding-top:.75rem;padding-bottom:.5rem}
header .site{margin:0 0 .3rem;font-weight:600}
header .site a{color:var(--fg);text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem}
nav a{color:var(--accent)}
nav a.lang{margin-left:auto;font-weight:600}
a{color:var(--accent)}
h1{font-size:1.6rem;margin:1.2rem 0 .6rem}
h2{font-size:1.25rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{text-align:left;padding:.3rem .45rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f3f5f8}
td.num,th.num{text-align:right;white-space:nowrap}
td.nowrap{white-space:nowrap}
.note{color:var(--muted);font-size:.9rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:600}
dd{margin:0}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.3rem}
svg{max-width:100%;height:auto;font-size:12px}
svg text{fill:var(--fg)}
svg .bar{fill:#3d85c6}svg .bar.depth1{fill:#6fa8dc}svg .bar.depth2{fill:#9fc5e8}
svg .unreported{fill:none;stroke:#888;stroke-dasharray:4 3}
svg .axis{fill:#fafafa;stroke:#ddd}svg line.year{stroke:#e5e5e5}
svg .stage.preparation{fill:#b6d7a8}svg .stage.implementation{fill:#38761d}
svg .done{fill:#0b5394}svg .plan{fill:#fff;stroke:#b45f06;stroke-width:1.5}svg .asof{stroke:#c00;stroke-width:1.5}
.filter fieldset{border:1px solid var(--line);display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:.6rem .8rem}
.filter label{display:flex;flex-direction:column;font-size:.9rem}
.filter select,.filter input{font:inherit;padding:.2rem .3rem;min-width:10rem}
#result{background:#f3f5f8;border-left:4px solid var(--accent);padding:.4rem .8rem;margin:.8rem 0}
#result p{margin:.2rem 0}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-top:.6rem;padding-bottom:1.5rem;color:var(--muted);font-size:.9rem}
@media print{nav,.filter,#result,script{display:none}a{color:inherit;text-decoration:none}body{font-size:11pt}header,main,footer{max-width:none}tr{break-inside:avoid}}
"""

SCRIPT = """\
// cqsc site: show the projects a selection matches; totals are looked up, never added up here.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("site-data").textContent);
  var form = document.getElementById("filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#project-table tbody tr"));
  var count = document.getElementById("count");
  var total = document.getElementById("total");
  function value(name) { return form.elements[name].value; }
  function fill(template, values) {
    return template.replace(/\\{(\\w+)\\}/g, function (m, k) { return values.hasOwnProperty(k) ? String(values[k]) : m; });
  }
  function command(sector, subsector, province, status, q) {
    var parts = ["cqsc projects"];
    if (sector) parts.push("--sector " + sector);
    if (subsector) parts.push("--subsector " + subsector);
    if (province) parts.push("--location " + province);
    if (status) parts.push("--status " + status);
    if (q) parts.push("--search '" + q.replace(/'/g, "'\\\\''") + "'");
    return parts.join(" ");
  }
  function update() {
    var sector = value("sector"), subsector = value("subsector"), province = value("province"), status = value("status");
    var q = value("q").trim();
    var needle = (q.normalize ? q.normalize("NFKC") : q).toLowerCase(), shown = 0, sectors = {};
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!sector || d.sector === sector) && (!subsector || d.subsector === subsector) &&
        (!province || (" " + d.provinces + " ").indexOf(" " + province + " ") >= 0) &&
        (!status || d.status === status) && (!needle || d.text.indexOf(needle) >= 0);
      row.hidden = !ok;
      if (ok) { shown += 1; sectors[d.sector] = true; }
    });
    count.textContent = fill(data.words.shown, {n: shown, all: rows.length});
    // A reported group: the portfolio, a sector, or a subsector (whose sector is implied).
    var groupSector = sector;
    if (!groupSector && subsector) { var keys = Object.keys(sectors); groupSector = keys.length === 1 ? keys[0] : ""; }
    var key = (province || status || q) ? null : (groupSector || "") + "|" + (subsector || "");
    var found = key !== null && data.totals.hasOwnProperty(key) ? data.totals[key] : null;
    total.textContent = "";
    if (found && found.count === shown) {
      found.lines.forEach(function (line, i) {
        if (i) total.appendChild(document.createElement("br"));
        total.appendChild(document.createTextNode(line));
      });
    } else {
      total.textContent = fill(data.words.not_group, {command: command(sector, subsector, province, status, q)});
    }
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  update();
})();
"""
