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
from cqsc.output.svg import FAVICON as FAVICON_SVG
from cqsc.output.svg import STYLE as SVG_STYLE
from cqsc.text.lang import t
from cqsc.views.model import Table, cell

MARKER = ".cqsc-site"

EN, ZH = "en", "zh-Hans"  # the lang attribute of a text in each language


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


def _unit(lang: Lang) -> DisplayUnit:
    return DisplayUnit.yi if lang is Lang.zh else DisplayUnit.bn


def _as_lang(text: str, text_lang: Lang, page: Lang) -> str:
    """``text`` escaped, in a span marking its language where it differs from the page's."""
    if text_lang is page:
        return h.e(text)
    return h.text("span", text, lang=ZH if text_lang is Lang.zh else EN)


def _name(p: Project, lang: Lang) -> str:
    """The project's name as HTML: the Chinese on a zh page where the data has it, else the English (marked)."""
    if lang is Lang.zh and p.name_zh:
        return h.e(p.name_zh)
    return _as_lang(p.name_en, Lang.en, lang)


def data_as_of(ds: Dataset, as_of: date | None) -> str | None:
    """The date of the latest dated fact in the data (by ``as_of``): what "data as of" means on every page."""
    from cqsc.model.records import date_bounds
    from cqsc.queries.status import latest_fact

    assert ds.projects is not None
    dates = [d for p in ds.projects.projects if (d := latest_fact(p, as_of))]
    return max(dates, key=lambda d: date_bounds(d)[1]) if dates else None


def _frame(ds: Dataset, site: Site, lang: Lang, path: str, title: str, body: list[str], *, script: bool = False, description: str | None = None) -> bytes:
    """A whole page: head, navigation with the language switch, the body, the footer (publisher, errors, dates)."""
    up = _up(path)
    base = up + ("zh/" if lang is Lang.zh else "")  # links stay within the page's language
    assert ds.projects is not None
    sectors = sorted({p.sector for p in ds.projects.projects}, key=list(Sector).index)
    nav = [
        (f"{base}index.html", t(lang, "Overview")),
        *((f"{base}sectors/{x.value}.html", _label(SECTOR_LABELS[x], lang)) for x in sectors),
        (f"{base}timeline.html", t(lang, "Timeline")),
        *([(f"{base}tasks.html", t(lang, "Key tasks"))] if ds.tasks is not None else []),  # no plan of tasks, no page
        (f"{base}unknown.html", t(lang, "What is not known")),
        (f"{base}methodology.html", t(lang, "Methodology")),
        (f"{base}downloads.html", t(lang, "Downloads")),
    ]
    links = "".join(h.link(href, h.e(text)) for href, text in nav)
    other = Lang.en if lang is Lang.zh else Lang.zh
    switch = h.link(_other(path, lang), h.e("English" if lang is Lang.zh else "中文"), class_="lang", hreflang=other.value, lang=EN if other is Lang.en else ZH)
    site_title = t(lang, "Sichuan–Chongqing jointly implemented major projects")
    header = h.el("header", h.el("p", h.link(f"{base}index.html", h.e(site_title)), class_="site") + h.el("nav", links + switch, aria_label=t(lang, "Pages")))
    pub = ds.projects.publication
    footer = []
    if pub is not None:
        who = h.link(pub.publisher.uri, h.e(pub.publisher.name)) if pub.publisher.uri else h.e(pub.publisher.name)
        footer.append(h.e(t(lang, "Published by")) + " " + who)
        if pub.license.startswith(("http://", "https://")):
            footer.append(h.link(pub.license, h.e(t(lang, "Licence of the data")), rel="license"))
    publisher = pub.publisher.name if pub else "cqsc"
    if site.issues_url and site.issues_url.startswith(("http://", "https://")):
        footer.append(h.link(site.issues_url, h.e(t(lang, "Report an error"))))
    else:
        footer.append(h.e(t(lang, "Report an error to {publisher}", publisher=publisher)))
    latest = data_as_of(ds, site.as_of)
    footer.append(h.e(t(lang, "Data as of {latest} (the latest dated fact); built by cqsc {version} on {day}.", latest=latest or t(lang, "unknown"), version=__version__, day=site.day.isoformat())))
    footer.append(h.link(f"{base}methodology.html", h.e(t(lang, "How the figures are worked out"))))
    other_href = _other(path, lang)
    alternates = [(lang.value, path.rsplit("/", 1)[-1]), (other.value, other_href)]
    page = h.page(
        lang=ZH if lang is Lang.zh else EN,
        title=f"{title} · {site_title}",
        description=description or t(lang, "{title}: status, amounts and sources of the Sichuan–Chongqing jointly implemented major projects.", title=title),
        body="\n".join(body),
        stylesheet=f"{up}site.css",
        alternates=alternates,
        header=header,
        footer=h.el("footer", h.el("p", " · ".join(footer))),
        scripts=[f"{up}filter.js"] if script else [],
        skip=t(lang, "Skip to the content"),
        icon=f"{up}favicon.svg",
    )
    return page.encode()


# --- the pages ----------------------------------------------------------------------------


def _settings(lang: Lang) -> Settings:
    from cqsc.model.options import Format

    return Settings(format=Format.html, unit=_unit(lang), lang=lang, width=120)


def _currency(block: Table, lang: Lang) -> Table:
    """Every amount column's header names the unit with its currency (bn CNY, 亿元)."""
    from cqsc.text.numbers import CURRENCY_UNIT, UNIT_SUFFIX
    from cqsc.views.model import Kind

    unit = _unit(lang)
    cols = []
    for c in block.columns:
        if c.kind is Kind.amount:
            suffix, cur = UNIT_SUFFIX[unit], CURRENCY_UNIT[unit]
            if f"({suffix})" in c.label:
                label = c.label.replace(f"({suffix})", f"({cur})")
            elif c.label == suffix:
                label = t(lang, "Amount ({unit})", unit=cur)
            else:
                label = t(lang, "{label} ({unit})", label=c.label, unit=cur)
            cols.append(replace(c, label=label))
        else:
            cols.append(c)
    return replace(block, columns=cols)


def _blocks(view: Any, lang: Lang, *, heading: int, cell_html: dict[str, Callable[[Any], str]] | None = None) -> list[str]:
    """A view's blocks through the HTML emitter, every table in a scrolling box with currency in its amount headers."""
    blocks = [(_currency(b, lang) if isinstance(b, Table) else b) for b in view.blocks]
    return h.blocks(replace(view, blocks=blocks), _settings(lang), heading=heading, scroll=True, cell_html=cell_html)


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
        out[key] = {"count": len(chosen), "lines": [_with_currency(x, unit) for x in total_lines(total, unit, lang)]}
    return out


def _with_currency(line: str, unit: DisplayUnit) -> str:
    """A line of cqsc's words with each amount's unit followed by its currency ("556.3 bn" -> "556.3 bn CNY")."""
    if unit is DisplayUnit.bn:
        return re.sub(r"(\d) bn\b(?! CNY)", r"\1 bn CNY", line)
    return line


def _label(pair: tuple[str, str | None], lang: Lang) -> str:
    from cqsc.text.lang import pick

    return pick(pair[0], pair[1], lang)


def _select(name: str, label: str, options: list[tuple[str, str]], lang: Lang) -> str:
    opts = h.text("option", t(lang, "any"), value="") + "".join(h.text("option", text, value=v) for v, text in options)
    return h.el("label", h.e(label) + " " + h.el("select", opts, name=name, id=f"f-{name}"))


def _amount_cells(projects: list[Project], lang: Lang, as_of: date | None) -> dict[str, str]:
    """Each project's one shown amount (queries.amounts' rule, the same figure on every page), its scope marked
    where it is not the listed item; a dash where the project has no figure."""
    from cqsc.model.records import Scope
    from cqsc.queries.amounts import shown_amount
    from cqsc.text.lang import code
    from cqsc.text.numbers import amount_text, approx

    out = {}
    for p in projects:
        shown = shown_amount(p, as_of)
        if shown is None:
            out[p.id] = "—"
            continue
        text = approx(amount_text(shown.amount, _unit(lang)), shown.about)
        out[p.id] = text if shown.scope is Scope.listed_item else t(lang, "{amount} ({scope})", amount=text, scope=code(lang, shown.scope.value))
    return out


def _index(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc import queries
    from cqsc.output import svg
    from cqsc.text.lang import code
    from cqsc.views import projects as pv
    from cqsc.views import summary as sv

    assert ds.projects is not None
    settings = _settings(lang)
    pf = ds.projects
    s = queries.summarise(pf, ds.tasks, site.as_of)
    title = t(lang, "Sichuan–Chongqing jointly implemented major projects")
    body = [h.text("h1", title)]
    overview = sv.view(s, pf.aggregates, settings.unit, lang)
    # The tasks and what is not known have pages of their own: the overview keeps the groups, statuses and batches.
    areas = next((i for i, b in enumerate(overview.blocks) if getattr(b, "name", None) == "areas"), len(overview.blocks))
    overview = replace(overview, blocks=overview.blocks[:areas], title=None)
    body += _blocks(overview, lang, heading=1)
    chart = t(lang, "Reported investment by sector and subsector")
    body.append(h.el("figure", h.text("figcaption", chart) + svg.bars(s, settings.unit, lang)))
    # Where the headline figures come from: each reported group's sources, with their publishers.
    by_id = {src.id: src for src in (*pf.sources, *(ds.tasks.sources if ds.tasks else []), *(ds.annual.sources if ds.annual else []))}
    items = []
    for g in s.groups:
        links = [by_id[i] for i in g.aggregate.sources if i in by_id]
        refs = "; ".join(_source_link(x, lang) for x in links)
        label = _as_lang(_label((g.aggregate.label_en, g.aggregate.label_zh), lang), Lang.zh if lang is Lang.zh and g.aggregate.label_zh else Lang.en, lang)
        items.append(f"{label}: {refs}")
    body.append(h.el("section", h.text("h2", t(lang, "Sources of the reported totals")) + h.items(items), id="headline-sources"))
    projects = list(pf.projects)
    f = queries.ProjectFilter(as_of=site.as_of)
    view = pv.view(projects, queries.total_for(pf, projects), f, settings.unit, lang, today=site.day)
    table = view.main
    heading = t(lang, "All projects")
    if table is None:  # an empty portfolio (a folder just made by `cqsc init`): no table to filter
        body.append(h.el("section", h.text("h2", heading) + h.text("p", t(lang, "No projects are listed yet.")), id="projects"))
        return _frame(ds, site, lang, path, t(lang, "Overview"), body)
    shown = _amount_cells(projects, lang, site.as_of)
    table = replace(table, rows=[{**r, "amount": shown[p.id]} for r, p in zip(table.rows, projects, strict=True)])
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
    form = h.el(
        "form",
        h.el(
            "fieldset",
            h.text("legend", t(lang, "Filter the projects"))
            + _select("sector", t(lang, "Sector"), [(x.value, _label(SECTOR_LABELS[x], lang)) for x in sectors], lang)
            + _select("subsector", t(lang, "Subsector"), [(x.value, _label(SUBSECTOR_LABELS[x], lang)) for x in subsectors], lang)
            + _select("province", t(lang, "Province"), [(x.value, _label(PROVINCE_LABELS[x], lang)) for x in provinces], lang)
            + _select("status", t(lang, "Status"), [(x.value, code(lang, x.value)) for x in statuses], lang)
            + h.el("label", h.e(t(lang, "Search (id or name)")) + " " + h.el("input", type="search", name="q", id="f-q")),
        ),
        id="filter", class_="filter", role="search",
    )
    pages = [project_page(p.id) for p in projects]
    portfolio = _selection_totals(ds, lang, settings.unit, site.as_of)
    result = h.el("div", h.el("p", "", id="count") + h.el("p", h.lines([h.e(x) for x in portfolio["|"]["lines"]]), id="total"), id="result", role="status", aria_live="polite")
    table = _currency(table, lang)
    grid = h.table(
        table, caption=heading, row_attrs=attrs, table_id="project-table", link_column="id", row_links=pages, scroll=True,
        cell_html=_name_cells(lang),
    )
    words = {
        "shown": t(lang, "{n} of {all} projects shown.", n="{n}", all="{all}"),
        "not_group": t(lang, "This selection is not a reported group, so no total is shown here; cqsc works it out from what is reported: {command}", command="{command}"),
        "caption": t(lang, "Projects: {filters}", filters="{filters}"), "all": heading,
    }
    body.append(h.el(
        "section",
        h.text("h2", heading) + form + result + h.text("p", t(lang, "Without JavaScript every project is listed and the total is the portfolio's."), class_="note")
        + grid + h.json_script({"totals": portfolio, "words": words}, "site-data"),
        id="projects",
    ))
    return _frame(ds, site, lang, path, t(lang, "Overview"), body, script=True)


def _name_cells(lang: Lang) -> dict[str, Callable[[Any], str]]:
    """Name columns with their language marked: the Chinese on an English page, the English on a Chinese one."""

    def zh(c: Any) -> str:
        return h.text("span", c.text, lang=ZH, class_="zh") if c.text and c.text != "—" else h.e(c.text)

    def en(c: Any) -> str:
        return h.text("span", c.text, lang=EN) if c.text else ""

    def picked(c: Any) -> str:
        return en(c) if c.text.endswith(" (en)") else zh(c)

    return {"name_zh": zh} if lang is Lang.en else {"name_en": en, "name": picked}


def _source_link(src: Source, lang: Lang) -> str:
    """The source's publisher (or site) as a link to its full address, and whose story a repost copies."""
    from cqsc.documents.citations import host

    text = src.publisher or host(src.url)
    link = h.link(src.url, h.e(text)) if src.url.startswith(("http://", "https://")) else h.e(src.url)
    return link + _via(src, lang)


def _via(src: Source, lang: Lang) -> str:
    """" (read via host)" after a repost's link: the publisher is whose story it is, this the site it was read on."""
    return " " + h.e(f"({t(lang, 'read via {via}', via=src.via)})") if src.via else ""


def _key_facts(ds: Dataset, site: Site, lang: Lang, p: Project) -> str:
    """What a reader looks for first: amount with basis and date, status since when, planned completion and slip, length, latest fact."""
    from cqsc.model.records import MilestoneKind
    from cqsc.queries.plans import plan_checks
    from cqsc.queries.status import latest_fact, project_status
    from cqsc.text.lang import code
    from cqsc.text.numbers import counted, money_cny

    unit = _unit(lang)
    facts: list[tuple[str, str]] = []
    from cqsc.queries.amounts import shown_amount

    first = shown_amount(p, site.as_of)
    figures = sorted(p.figures, key=lambda f: (f is not (first.figure if first else None), f.as_of or ""))
    if figures:
        facts.append((t(lang, "Amount"), h.lines([
            h.e(t(lang, "{amount}, {basis}, {scope}, {day}", amount=money_cny(f.amount, unit, about=f.about, lang=lang),
                  basis=code(lang, f.basis.value), scope=code(lang, f.scope.value), day=f.as_of or t(lang, "undated")))
            for f in figures
        ])))
    else:
        facts.append((t(lang, "Amount"), h.e(t(lang, "not reported"))))
    st = project_status(p, site.as_of)
    status = code(lang, st.status.value) + (t(lang, ", since {day}", day=st.since) if st.since else "")
    facts.append((t(lang, "Status"), h.e(status)))
    ends = (MilestoneKind.completion, MilestoneKind.full_opening)
    checks = [c for c in plan_checks(p, site.as_of) if c.plan.kind in ends and c.plan.section is None]
    if checks:
        c = checks[-1]
        slip = t(lang, "{state}, {months}", state=code(lang, c.state), months=counted(c.slip_months, "month", lang)) if c.slip_months else code(lang, c.state)
        facts.append((t(lang, "Planned completion"), h.e(t(lang, "{due} (plan of {made}): {slip}", due=c.plan.due, made=c.plan.made, slip=slip))))
    if p.lengths:
        ln = p.lengths[0]
        facts.append((t(lang, "Length"), h.e(f"{'~' if ln.about else ''}{ln.km} km, {code(lang, ln.scope.value)}")))
    latest = latest_fact(p, site.as_of)
    facts.append((t(lang, "Latest fact"), h.e(latest or t(lang, "none"))))
    return h.el("dl", "".join(h.text("dt", k) + h.el("dd", v) for k, v in facts), class_="facts")


def _project(ds: Dataset, site: Site, lang: Lang, path: str, p: Project) -> bytes:
    from cqsc.views import show

    assert ds.projects is not None
    settings = _settings(lang)
    view = show.view(ds.projects, p, site.as_of, settings.unit, lang)
    sources = next((b for b in view.blocks if isinstance(b, Table) and b.name == "sources"), None)
    if lang is Lang.zh and p.name_zh:
        title = f"{p.name_zh}（{p.name_en}）"
        h1 = h.el("h1", h.e(p.name_zh) + " " + h.text("span", f"({p.name_en})", lang=EN, class_="sub"))
    else:
        title = p.name_en + (f" ({p.name_zh})" if p.name_zh else "")
        h1 = h.el("h1", _as_lang(p.name_en, Lang.en, lang) + (" " + h.text("span", f"({p.name_zh})", lang=ZH, class_="sub") if p.name_zh else ""))
    body = [h1]
    if lang is Lang.zh and not p.name_zh:
        body.append(h.text("p", t(lang, "(in English: not available in Chinese)"), class_="note"))
    body.append(_key_facts(ds, site, lang, p))

    def ids(c: Any) -> str:
        return ", ".join(h.link(f"#source-{sid}", h.e(sid)) for sid in (x.strip() for x in c.text.split(",")) if sid)

    rest = [b for b in view.blocks if b is not sources]
    body += _blocks(replace(view, blocks=rest, title=None), lang, heading=1, cell_html={"sources": ids})
    if sources is not None and sources.rows:
        # Numbered, each with its publisher and date: the tables above cite them by id.
        by_id = {src.id: src for src in ds.projects.sources}
        from cqsc.documents.citations import byline, host

        entries = []
        for row in sources.rows:
            sid = cell(row["id"]).text
            src = by_id.get(sid)
            address = cell(row["url"])
            url = address.link or address.text
            link = h.link(url, h.e(host(url))) if url.startswith(("http://", "https://")) else h.e(url)
            by = h.e(byline(src, lang)) + " — " if src is not None and byline(src, lang) else ""
            entries.append(h.el("li", by + link + " " + h.text("span", f"({sid})", class_="note"), id=f"source-{sid}"))
        body.append(h.text("h2", sources.title or "") + h.el("ol", "".join(entries), class_="sources"))
    return _frame(ds, site, lang, path, title, body)


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
    body = [h.text("h1", title)]
    shown = _amount_cells(chosen, lang, site.as_of)
    for block in view.blocks:
        if isinstance(block, Table) and block is view.main:
            main = replace(block, rows=[{**r, "amount": shown[p.id]} for r, p in zip(block.rows, chosen, strict=True)])
            links = [_up(path) + project_page(p.id) for p in chosen]
            body.append(h.table(_currency(main, lang), caption=title, link_column="id", row_links=links, scroll=True))
        else:
            body += _blocks(replace(view, blocks=[block], title=None), lang, heading=1)
    return _frame(ds, site, lang, path, title, body)


def _timeline(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc import queries
    from cqsc.output import svg
    from cqsc.views import events

    assert ds.projects is not None
    pf = ds.projects
    f = queries.TimelineFilter((), (), None, site.as_of)
    view = events.timeline_view(queries.timeline(pf, f), queries.planned_events(pf, f), lang)
    up = _up(path) + ("zh/" if lang is Lang.zh else "")
    chart = svg.gantt(queries.gantt(pf, site.as_of), site.day, lang, lambda p: up + project_page(p.id))
    note = t(
        lang,
        "Bars: preparation (thin) and implementation (thick), from the first dated milestone of each stage; hatched: after the project's latest sourced fact, "
        "so not known; a dot marks completion, a diamond a planned date (the end of its period; superseded plans too), the dashed line the day of the build. "
        "Projects with no dated milestone have no bar. Sorted by sector.",
    )
    body = [h.text("h1", t(lang, "Timeline")), h.el("figure", h.text("figcaption", t(lang, "Stages and plans, 2018 to 2028")) + chart + h.text("p", note, class_="note"))]
    body += _blocks(replace(view, title=None), lang, heading=1)
    return _frame(ds, site, lang, path, t(lang, "Timeline"), body)


def _tasks(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    from cqsc.model.records import roman
    from cqsc.views import tasks

    assert ds.tasks is not None
    tf = ds.tasks
    body = [h.text("h1", t(lang, "Key tasks"))]
    plan = tf.plan
    body.append(h.el("p", _as_lang(plan.title_en, Lang.en, lang) + h.e(t(lang, ", signed {day}", day=plan.signed))))
    for a in sorted(tf.areas, key=lambda a: a.number):
        chosen = [x for x in tf.tasks if x.area == a.number]
        name = _as_lang(_label((a.name_en, a.name_zh), lang), Lang.zh if lang is Lang.zh and a.name_zh else Lang.en, lang)
        body.append(h.el("h2", h.e(f"{roman(a.number)}. ") + name, id=f"area-{a.number}"))
        view = tasks.view(tf, chosen, lang, as_of=site.as_of)
        body += _blocks(replace(view, title=None, blocks=[b for b in view.blocks if isinstance(b, Table)]), lang, heading=2)
    return _frame(ds, site, lang, path, t(lang, "Key tasks"), body)


def _unknown(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    """What the data does not know, in the page's language, and under each gap the projects behind it (queries.gaps
    names them), each a link to its page."""
    from cqsc import queries
    from cqsc.text.numbers import counted

    assert ds.projects is not None
    by_id = {p.id: p for p in ds.projects.projects}
    up = _up(path) + ("zh/" if lang is Lang.zh else "")
    gaps = queries.gaps(ds.projects, ds.tasks)
    items = []
    for g in gaps:
        text = h.e(queries.unknown_text(g, lang))
        items.append(h.link(f"#gap-{g.kind}", text) if g.projects else text)
    body = [h.text("h1", t(lang, "What is not known")), h.items(items)]
    behind = [g for g in gaps if g.projects]
    if behind:
        body.append(h.text("h2", t(lang, "The projects behind each gap")))
    for g in behind:
        body.append(h.text("h3", queries.unknown_text(g, lang), id=f"gap-{g.kind}"))
        body.append(h.text("p", t(lang, "Not known for {projects}:", projects=counted(len(g.projects), "project", lang)), class_="note"))
        body.append(h.items([h.link(up + project_page(pid), _name(by_id[pid], lang)) for pid in g.projects], "ul", class_="names"))
    return _frame(ds, site, lang, path, t(lang, "What is not known"), body)


def _methodology(ds: Dataset, site: Site, lang: Lang, path: str) -> bytes:
    """How cqsc works totals out from reported aggregates, what a basis is, why an address can be a repost."""
    paras = [
        ("How totals are worked out", [
            "Almost no per-project figure of the 2020 list is public. What is public is a tree of reported aggregates: the portfolio, "
            "each sector and some subsectors, each with a count of projects and an amount, each from a dated source.",
            "A total shown here comes from the best source that covers the question: the reported aggregate of that group where one exists, "
            "otherwise the sum of the projects' own 2020-list figures; the page says which it used and what is not covered.",
            "Where a group reports a count but no amount, its amount is not reported and is never estimated. Where a parent's amount "
            "exceeds the sum of its children that report one, the rest is shown as implied (arithmetic on reported totals), not itemised.",
            "~ marks an amount the source reports as approximate (约). Amounts are kept exactly in the unit of the source (亿元, 10^8 CNY) "
            "and converted only for display: 1 bn CNY = 10 亿元.",
        ]),
        ("What a basis is", [
            "A figure's basis says what kind of figure it is: the 2020 list's own figure, a feasibility estimate, a design estimate, a planned "
            "or reported total. Its scope says what it covers: the listed item, the whole line, a section.",
            "Figures of different bases or scopes do not add up (a whole-line estimate can exceed the list's subtotal), so cqsc never adds a "
            "figure of one basis into a total of another; a project page lists each figure with its basis, scope, date and source.",
        ]),
        ("Why a source address can be a repost", [
            "Many official pages of 2020 are no longer online; the same story was often read on a site that copied it. The source then names "
            "the publisher whose story it is, and says which site it was read on (read via ...).",
        ]),
        ("Status", [
            "A project's status is derived from its dated milestones (approvals, construction start, openings), up to the day of the build; "
            "a project with no dated milestone is unknown. Data as of: the date of the latest dated fact in the data.",
        ]),
    ]
    body = [h.text("h1", t(lang, "Methodology"))]
    for head, texts in paras:
        body.append(h.text("h2", t(lang, head)))
        body += [h.text("p", t(lang, x)) for x in texts]
    return _frame(ds, site, lang, path, t(lang, "Methodology"), body)


DOWNLOADS = ["data.json", "projects.csv", "tasks.csv", "timeline.csv", "cqsc.sqlite", "oc4ids.json"]

_DESCRIBE = {
    "data.json": ("Every record (projects, aggregates, tasks, annual lists, sources) as cqsc's JSON", "JSON (UTF-8)"),
    "projects.csv": ("One row per project: names, sector, status and since when, provinces, places, batch, latest fact", "CSV (UTF-8 with byte-order mark)"),
    "tasks.csv": ("One row per key task: number, area, title, status", "CSV (UTF-8 with byte-order mark)"),
    "timeline.csv": ("Every dated event and planned date, oldest first", "CSV (UTF-8 with byte-order mark)"),
    "cqsc.sqlite": ("Every record as SQLite tables, sources and citations included", "SQLite 3"),
    "oc4ids.json": ("The projects as an OC4IDS 0.9 project package (Open Contracting for Infrastructure Data Standard)", "JSON (OC4IDS)"),
    "projects.yaml": ("The data file itself: projects, aggregates, sources", "YAML"),
    "tasks.yaml": ("The data file itself: the 2019 plan's areas and tasks", "YAML"),
    "annual.yaml": ("The data file itself: the annual lists of co-built projects", "YAML"),
}

_COLUMNS = {
    "id": "the project's id (also its page's name)", "name_en": "English name", "name_zh": "Chinese name, where a source gives one",
    "identified": "true where a source names the project", "sector": "sector code", "subsector": "subsector code",
    "status": "derived from dated milestones (OC4IDS project status codes, plus unknown)", "status_since": "the date the status is certain by",
    "provinces": "province codes, ;-separated", "places": "places, ;-separated", "batch": "batch number, where a source says",
    "figures": "how many figures the project has (each with its basis: see data.json)", "latest_fact": "the date of the latest dated fact",
}


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


def _downloads_page(ds: Dataset, site: Site, lang: Lang, path: str, files: dict[str, bytes]) -> bytes:
    up = _up(path)
    assert ds.projects is not None
    pub = ds.projects.publication
    licence = h.link(pub.license, h.e(pub.license), rel="license") if pub and pub.license.startswith(("http://", "https://")) else h.e(t(lang, "not stated"))
    latest = data_as_of(ds, site.as_of) or t(lang, "unknown")
    rows = []
    for name in sorted(files, key=lambda n: (n not in DOWNLOADS, DOWNLOADS.index(n) if n in DOWNLOADS else 0, n)):
        what, fmt = _DESCRIBE.get(name, ("", ""))
        rows.append([
            h.link(up + "downloads/" + name, h.e(name), download=""), h.e(t(lang, what)) if what else "", h.e(t(lang, fmt)) if fmt else "",
            h.e(_size(len(files[name]))), licence, h.e(latest),
        ])
    headers = [(t(lang, x), x == "Size") for x in ("File", "What it holds", "Format", "Size", "Licence", "Data as of")]
    body = [h.text("h1", t(lang, "Downloads")), h.text("p", t(lang, "Every record as JSON, each table as CSV, the SQLite export, the OC4IDS package and the data's YAML:"))]
    body.append(h.grid(headers, rows, caption=t(lang, "Files")))
    body.append(h.text("h2", t(lang, "Columns of projects.csv")))
    body.append(h.grid([(t(lang, "Column"), False), (t(lang, "What it holds"), False)], [[h.el("code", h.e(k)), h.e(t(lang, v))] for k, v in _COLUMNS.items()]))
    return _frame(ds, site, lang, path, t(lang, "Downloads"), body)


BOM = "\ufeff".encode()  # so a spreadsheet opens the CSVs as UTF-8 (Chinese names intact)


def _csv(view: Any) -> bytes:
    from cqsc.model.options import Format
    from cqsc.output import csvout

    return BOM + csvout.emit(view, Settings(format=Format.csv)).encode()


def _downloads(ds: Dataset, site: Site, raw: dict[str, bytes], sqlite: Callable[[], bytes]) -> dict[str, bytes]:
    from cqsc import queries
    from cqsc.documents import oc4ids
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
    if pf.publication is not None:  # the package's head is the publication block: no package without one
        try:
            out["downloads/oc4ids.json"] = oc4ids.package_json(ds, site.as_of or site.day).encode()
        except oc4ids.ExportError:
            pass
    for name, data in sorted(raw.items()):
        out[f"downloads/{name}"] = data
    return out


def build(ds: Dataset, site: Site, raw: dict[str, bytes], sqlite: Callable[[], bytes]) -> dict[str, bytes]:
    """Every file of the site by its path below the site folder (``raw``: the data files' bytes by name).

    A portfolio with no plan of tasks (no tasks.yaml) has no tasks page, link or download.
    """
    assert ds.projects is not None
    files = _downloads(ds, site, raw, sqlite)
    downloads = {Path(p).name: data for p, data in files.items()}
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
        files[pre + "methodology.html"] = _methodology(ds, site, lang, pre + "methodology.html")
        files[pre + "downloads.html"] = _downloads_page(ds, site, lang, pre + "downloads.html", downloads)
    files["site.css"] = CSS.encode()
    files["filter.js"] = SCRIPT.encode()
    files["favicon.svg"] = FAVICON_SVG.encode()
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
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;overflow-wrap:break-word}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.4rem .8rem;z-index:2}
.skip:focus{left:.5rem}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid var(--line);padding-top:.75rem;padding-bottom:.5rem}
header .site{margin:0 0 .3rem;font-weight:600}
header .site a{color:var(--fg);text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem}
nav a{color:var(--accent)}
nav a.lang{margin-left:auto;font-weight:600}
a{color:var(--accent)}
h1{font-size:1.6rem;margin:1.2rem 0 .6rem}
h1 .sub{display:block;font-size:1rem;font-weight:400;color:var(--muted)}
h2{font-size:1.25rem;margin:1.4rem 0 .5rem}
h3{font-size:1.05rem;margin:1.1rem 0 .4rem}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
.scroll:focus{outline:2px solid var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{text-align:left;padding:.3rem .45rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f3f5f8}
td.num,th.num{text-align:right;white-space:nowrap}
td.nowrap{white-space:nowrap}
td .zh,html[lang=zh-Hans] td,html[lang=zh-Hans] th{word-break:keep-all}
td .zh{white-space:nowrap}
.note{color:var(--muted);font-size:.9rem}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}
dt{font-weight:600}
dd{margin:0;min-width:0}
dl.facts{background:#f3f5f8;border-left:4px solid var(--accent);padding:.6rem .8rem}
ol.sources li,ul li{overflow-wrap:anywhere}
ul.names{columns:18rem}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.3rem}
.filter fieldset{border:1px solid var(--line);display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:.6rem .8rem;min-width:0}
.filter label{display:flex;flex-direction:column;font-size:.9rem;max-width:100%}
.filter select,.filter input{font:inherit;padding:.2rem .3rem;min-width:10rem;max-width:100%}
#result{background:#f3f5f8;border-left:4px solid var(--accent);padding:.4rem .8rem;margin:.8rem 0}
#result p{margin:.2rem 0}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-top:.6rem;padding-bottom:1.5rem;color:var(--muted);font-size:.9rem}
@media (max-width:40rem){dl{grid-template-columns:minmax(0,1fr)}dt{margin-top:.3rem}h1{font-size:1.35rem}}
@media print{nav,.filter,#result,script,.skip{display:none}a{color:inherit;text-decoration:none}body{font-size:11pt}header,main,footer{max-width:none}tr{break-inside:avoid}}
""" + SVG_STYLE + "\n"

SCRIPT = """\
// cqsc site: show the projects a selection matches; totals are looked up, never added up here.
// The selection is kept in the address (#sector=transport&q=...), so a link or a reload shows the same rows.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("site-data").textContent);
  var form = document.getElementById("filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#project-table tbody tr"));
  var caption = document.querySelector("#project-table caption");
  var count = document.getElementById("count");
  var total = document.getElementById("total");
  var names = ["sector", "subsector", "province", "status", "q"];
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
  function restore() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    names.forEach(function (name) {
      var el = form.elements[name], v = params.get(name);
      if (v === null) return;
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === v; })) return;
      el.value = v;
    });
  }
  function remember() {
    var params = new URLSearchParams(), said = [];
    names.forEach(function (name) {
      var el = form.elements[name], v = el.value.trim();
      if (!v) return;
      params.set(name, v);
      var label = el.closest("label").firstChild.textContent.trim();
      said.push(label + ": " + (el.tagName === "SELECT" ? el.options[el.selectedIndex].text : v));
    });
    var hash = params.toString();
    if (history.replaceState) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    caption.textContent = said.length ? fill(data.words.caption, {filters: said.join("; ")}) : data.words.all;
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
    remember();
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", function () { restore(); update(); });
  restore();
  update();
})();
"""
