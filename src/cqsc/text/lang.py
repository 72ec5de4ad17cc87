"""The words cqsc writes itself, in English and Chinese.

Labels from the data (names, titles, group labels) are never translated here: they are shown as the
data has them, in Chinese only where a source gives a Chinese text, else the English
marked "(en)". Everything else cqsc writes (headers, statuses, units, notes) goes through ``t``.
"""

from __future__ import annotations

from typing import Any

from cqsc.model.options import Lang

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
        return zh if zh else f"{en} (en)"
    return en


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
    # plan states
    "met": "按期达成", "met_late": "延期达成", "late": "逾期未达成", "scheduled": "未到期",
}

ZH: dict[str, str] = {}  # filled in by cqsc.text.zh, kept apart for its length
from cqsc.text.zh import ZH as _ZH

ZH.update(_ZH)
