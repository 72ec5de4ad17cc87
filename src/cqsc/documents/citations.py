"""The sources a document cites, numbered in the order it first cites them; shared by the report and the site."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from cqsc.model.dataset import Dataset
from cqsc.model.options import Lang
from cqsc.model.records import Source, unstated
from cqsc.model.walk import cited as project_sources
from cqsc.queries.summary import Summary
from cqsc.text.lang import english, punct, t


@dataclass
class Cited:
    """The sources the body cites, numbered in the order it first cites them; no other source is listed."""

    number: dict[str, int]
    sources: list[tuple[int, str, Source]]

    def refs(self, ids: list[str]) -> list[int]:
        return sorted({self.number[i] for i in ids if i in self.number})


def cite(ds: Dataset, summary: Summary) -> Cited:
    """Number the sources in the order the body cites them: the reported groups, the projects, the plan and its areas.

    Source ids are one namespace across the data files (check's CQ101 holds each id and address to one record).
    """
    assert ds.projects is not None
    order: dict[str, None] = {}
    for g in summary.groups:
        order.update(dict.fromkeys(g.aggregate.sources))
    for p in ds.projects.projects:
        order.update(dict.fromkeys(project_sources(p)))
    if ds.tasks is not None:
        order.update(dict.fromkeys(ds.tasks.plan.sources))
        for a in sorted(ds.tasks.areas, key=lambda a: a.number):
            order.update(dict.fromkeys(a.sources))
    files = [("projects", ds.projects.sources), ("tasks", ds.tasks.sources if ds.tasks else []), ("annual", ds.annual.sources if ds.annual else [])]
    by_id = {s.id: (file, s) for file, sources in files for s in sources}
    known = [i for i in order if i in by_id]
    number = {i: n for n, i in enumerate(known, start=1)}
    return Cited(number, [(number[i], by_id[i][0], by_id[i][1]) for i in known])


def byline(s: Source, lang: Lang) -> str:
    """"publisher, date (read via host)": whose story it is, when, and where a repost was read (plain text)."""
    parts = punct(lang, ",").join(x for x in (english(s.publisher, lang) if s.publisher else None, s.published) if x)
    via = punct(lang, "(") + t(lang, "read via {via}", via=s.via) + punct(lang, ")") if s.via else ""
    return parts + via


def host(url: str) -> str:
    """The address's site (www. left off), shown as a link's text so a long address never widens the page."""
    try:
        name = urlsplit(url).hostname or url
    except ValueError:
        return url
    return name.removeprefix("www.")


def stated(sources: list[Source], lang: Lang = Lang.en) -> str:
    """How many sources name their publisher and date, say the page does not, or are not yet established."""
    full = sum(1 for s in sources if s.publisher and s.published)
    said = sum(1 for s in sources if not (s.publisher and s.published) and set(s.not_stated or ()) >= unstated(s))
    rest = len(sources) - full - said
    return t(
        lang,
        "Publisher and date: {full} of {n} sources give both; {said} say what the page does not state; {rest} not yet established.",
        full=full, n=len(sources), said=said, rest=rest,
    )
