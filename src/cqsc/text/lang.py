"""The words cqsc writes itself, in English and Chinese.

Labels from the data (names, titles, group labels) are never translated here: they are shown as the
data has them, in Chinese only where a source gives a Chinese text, else the English
marked "(en)". Everything else cqsc writes (headers, statuses, units, notes) goes through ``t``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from cqsc.model.options import Lang
from cqsc.model.records import PROVINCE_LABELS, SECTOR_LABELS, SUBSECTOR_LABELS, Province, Sector, Subsector

MISSING: set[str] = set()  # English texts asked for in Chinese that have no translation (tests read it)


def t(lang: Lang, english: str, **values: Any) -> str:
    """``english`` (a str.format template) in ``lang``, filled with ``values`` (never interpreted)."""
    template = english
    if lang is Lang.zh:
        template = ZH.get(english, english)
        if english not in ZH:
            MISSING.add(english)
    return template.format(**values) if values else template


def pick(en: str, zh: str | None, lang: Lang) -> str:
    """A label from the data: the Chinese text in zh where there is one, else the English, marked (en)."""
    if lang is Lang.zh:
        return zh if zh else english(en, lang)
    return en


def english(text: str, lang: Lang) -> str:
    """A text from the data that exists only in English (a milestone, a note, a place): marked (en) in Chinese.

    The one place the mark is made. A text with no Latin letter in it (a Chinese search query, a number)
    is not English, and is left unmarked.
    """
    if lang is Lang.zh and any("a" <= c.lower() <= "z" for c in text):
        return f"{text} (en)"
    return text


PUNCT = {
    Lang.en: {":": ": ", ";": "; ", ",": ", ", "(": " (", ")": ")"},
    Lang.zh: {":": "：", ";": "；", ",": "，", "(": "（", ")": "）"},
}


def punct(lang: Lang, mark: str) -> str:
    """A punctuation mark (one of : ; , ( )) as the language writes it, with its spaces: "; " or "；"."""
    return PUNCT[lang][mark]


def join(lang: Lang, items: Iterable[str]) -> str:
    """Items of a list in a sentence: "a, b" in English, "a、b" in Chinese."""
    return ("、" if lang is Lang.zh else ", ").join(items)


def sector_label(sector: Sector, lang: Lang) -> str:
    """A sector in words: the sources' Chinese wording where there is one, else cqsc's own words in the catalogue."""
    en, zh = SECTOR_LABELS[sector]
    return en if lang is Lang.en else zh or CODES_ZH.get(sector.value, en)


def subsector_label(sub: Subsector, lang: Lang) -> str:
    """A subsector in words, as sector_label: cqsc's own vocabulary, so never marked (en)."""
    en, zh = SUBSECTOR_LABELS[sub]
    return en if lang is Lang.en else zh or CODES_ZH.get(sub.value, en)


def province_label(province: Province, lang: Lang) -> str:
    en, zh = PROVINCE_LABELS[province]
    return zh if lang is Lang.zh else en


def locale_lang(environ: Mapping[str, str] = os.environ) -> Lang:
    """The language the locale asks for when neither --lang nor CQSC_LANG says: zh for a zh_* locale.

    POSIX precedence for messages: the first of LC_ALL, LC_MESSAGES and LANG that is set and not empty.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return Lang.zh if value.lower().startswith("zh") else Lang.en
    return Lang.en


def code(lang: Lang, value: str) -> str:
    """A code from a code list (a status, a milestone kind, a basis) as words."""
    if lang is Lang.zh:
        return CODES_ZH.get(value, value.replace("_", " "))
    return CODES_EN.get(value, value.replace("_", " "))


CODES_EN = {"met": "met on time", "met_late": "reached late", "late": "late: not reached", "scheduled": "not yet due"}

NOUNS_ZH = {
    "project": "个项目", "event": "个事件", "task": "项任务", "month": "个月", "planned date": "个计划日期",
    "figure": "个数额", "record": "条记录", "area": "个领域", "group": "个分组", "source": "个来源",
}

CODES_ZH = {
    # project status (OC4IDS projectStatus, plus suspended and unknown)
    "unknown": "未知", "identification": "识别", "preparation": "前期准备", "implementation": "实施",
    "completion": "完工", "maintenance": "运营维护", "decommissioning": "退役中", "decommissioned": "已退役",
    "suspended": "暂停", "cancelled": "取消",
    # task status
    "not_started": "未开始", "in_progress": "推进中", "completed": "已完成",
    # milestone kinds
    "feasibility_approval": "可研批复", "design_approval": "初步设计批复", "preparatory_works": "前期工程",
    "launch_ceremony": "开工仪式", "reported_in_preparation": "报告处于前期", "construction_start": "开工",
    "reported_under_construction": "报告在建", "reported_investment_progress": "报告投资进度",
    "partial_opening": "部分开通", "partial_completion": "部分完工", "full_opening": "全线开通", "resumed": "复工",
    # bases and scopes of figures
    "list_2020": "2020年清单数额", "feasibility_estimate": "可研估算", "design_estimate": "初步设计概算",
    "tender_estimate": "招标估算", "planned_total": "计划总投资", "reported_total": "报道总投资",
    "listed_item": "清单项目", "whole_line": "全线", "section": "分段", "parent_project": "上级项目",
    # subsectors: cqsc's own words where no source gives a Chinese wording (see model.records.SUBSECTOR_LABELS)
    "logistics_centre": "物流园区", "inland_port": "内河港口", "rail_freight_yard": "铁路货场", "industrial_park": "产业园区",
    "cultural_industry_park": "文化产业园区", "tourism_resort": "旅游度假区", "telecom_5g": "5G网络", "ai_platform": "人工智能平台",
    # plan states
    "met": "按期达成", "met_late": "延期达成", "late": "逾期未达成", "scheduled": "未到期",
}

ZH: dict[str, str] = {}  # filled in by cqsc.text.zh, kept apart for its length
from cqsc.text.zh import ZH as _ZH

ZH.update(_ZH)
