"""The Chinese catalogue: every text cqsc writes itself (see lang.py), its codes and its counted nouns.

The English text is the key of ZH; codes (statuses, milestone kinds, bases, scopes, subsectors) are the
keys of CODES. Labels from the data are not here: they are shown as the data has them. Units follow the
Chinese sources (亿元, the default unit under --lang zh).
"""

# The measure word and noun after a number: "3 个项目".
NOUNS: dict[str, str] = {
    "project": "个项目", "event": "个事件", "task": "项任务", "month": "个月", "planned date": "个计划日期",
    "figure": "个数额", "record": "条记录", "area": "个领域", "group": "个分组", "source": "个来源",
}

CODES: dict[str, str] = {
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

ZH: dict[str, str] = {
    # headers
    "Actual": "实际", "Address": "网址", "Against the plan": "与计划相比", "All": "合计", "Amount": "金额",
    "Amount ({unit})": "金额（{unit}）", "Area": "领域", "As of": "截至", "Basis": "口径", "Batch": "批次", "Batches": "批次",
    "Completed": "已完工", "Date": "日期", "Done ({unit})": "已完成（{unit}）", "Due": "计划日期", "Event": "事件", "Events": "事件",
    "From": "原状态", "Group": "分组", "Identified": "已识别", "Invested": "已投资", "Key tasks (2019 plan)": "重点任务（2019年方案）",
    "Key tasks by area": "各领域重点任务", "Latest fact": "最新事实", "Latest report": "最新报告", "Length": "长度", "Made": "制定",
    "Milestones": "里程碑", "Name": "名称", "New figures": "新增数额", "News": "动态", "Note": "备注", "Of all": "占总额",
    "Of parent": "占上级", "Of the portfolio": "占总额", "Plan ({unit})": "年度计划（{unit}）", "Plan made": "计划制定",
    "Plans made": "新制定的计划", "Project": "项目", "Projects": "项目数", "Publisher": "发布者", "Rate": "完成率", "Scope": "范围",
    "Sector": "领域", "Share started": "开工比例", "Since": "自", "Sources": "来源", "Stage": "阶段", "Started": "已开工",
    "Status": "状态", "Status changes": "状态变化", "Subsector": "子类", "Task": "任务", "Tasks": "任务数", "To": "新状态",
    "Total ({unit})": "总投资（{unit}）", "Unknown": "未知", "What": "内容", "Where": "地点", "Year": "年份",
    # titles
    "Portfolio: 2020 jointly implemented major projects": "2020年共同实施重大项目",
    "Reported investment by sector and subsector": "各领域及子类的报告投资额",
    "Figures (other bases than the 2020 list; never summed)": "数额（口径不同于2020年清单，从不相加）",
    "Plans against actuals (the plan in force: the latest made by then)": "计划与实际（以当时最新制定的计划为准）",
    "Annual lists of co-built projects": "年度共建项目清单",
    "Latest dated fact per project, oldest first": "各项目最新的有日期事实（由旧到新）",
    "Reported progress of the {n} projects": "{n}个项目的报告进展",
    "Status of the {n} projects, from dated milestones up to {day}": "{n}个项目的状态（依据截至{day}的有日期里程碑）",
    "What is not known": "尚不知道的情况",
    "Changes from {span}": "{span}期间的变化", "{start} to {end}": "{start}至{end}",
    # words
    "All projects": "全部项目", "amount not reported": "金额未报告", "at least {amount}": "至少 {amount}",
    "more than ": "超过 ", "none": "无", "none.": "无。", "not found": "未找到", "not reached": "未达到", "not reported": "未报告",
    "undated": "无日期", "unknown": "未知", "yes": "是", "no: no source names this project": "否：没有来源列出该项目名称",
    " (derived, stated by no source)": "（推算，无来源明确说明）", " (from the name only)": "（仅依据项目名称）",
    " of {section}": "（{section}）", ", as of {day}": "，截至{day}", "reported {day}": "{day}报告", "{day} full year": "{day}全年",
    "{n} of {of}": "{n} / {of}", "{count} ({records} records)": "{count}（{records}条记录）",
    "planned: {kind}": "计划：{kind}", "due, per a plan of {made}: {label}": "计划日期（{made}制定的计划）：{label}",
    "due {due} (plan of {made})": "计划于{due}（{made}制定）", "stale: none in {months} months": "陈旧：{months}个月内无动态",
    "{status} since {since} ({label})": "{status}，自{since}（{label}）", "{status}: no dated milestone": "{status}：无有日期的里程碑",
    "{names}: implied, not itemised": "{names}：推算所得，未逐项列出",
    # results
    "No projects match.": "没有符合条件的项目。",
    "{projects}. Total: not reported.": "{projects}。合计：未报告。",
    "{projects}. Total: {amount}.": "{projects}。合计：{amount}。",
    "{projects}. Total: {amount} of {of} ({share} of the portfolio).": "{projects}。合计：{amount}，总额 {of} 的 {share}。",
    "{label}: {projects}, {what} (reported aggregate)": "{label}：{projects}，{what}（报告的汇总数）",
    "{label}: {what} (2020 list figure)": "{label}：{what}（2020年清单数额）",
    "Not a whole reported group, and no 2020-list figure is known for any of them.": "不构成一个完整的报告分组，且均无已知的2020年清单数额。",
    "{k} of the {projects}: outside any whole reported group, no 2020-list figure: amount not reported": "{projects}中有{k}个：不属于任何完整的报告分组，无2020年清单数额：金额未报告",
    "{shown} of {all} projects listed; {more} more not shown (--limit 0 lists all).": "列出{all}个项目中的{shown}个；另有{more}个未列出（--limit 0 列出全部）。",
    "{more} more not shown (--limit 0 lists all).": "另有{more}个未列出（--limit 0 列出全部）。",
    "{n} of {all} tasks in area {roman}: {name}.": "{all}项任务中的{n}项，领域{roman}：{name}。",
    "{n} of {all} tasks.": "{all}项任务中的{n}项。",
    "{tasks} tasks in {areas} areas.": "{areas}个领域共{tasks}项任务。",
    "{events}.": "{events}。",
    "{events} and {planned} (marked planned: a plan's due date, not an event).": "{events}，另有{planned}（标为“计划”：计划日期，并非事件）。",
    "{events} from {span}; by sector: {sectors}.": "{span}期间{events}；按领域：{sectors}。",
    "Perhaps in the range (the date overlaps an end): {events}": "可能在范围内（日期跨越边界）：{events}",
    "Status (from dated milestones): {counts}": "状态（依据有日期的里程碑）：{counts}",
    "no projects yet": "尚无项目",
    "read via {via}": "转载于 {via}",
    "Status as of {day} (from dated milestones): {counts}": "截至{day}的状态（依据有日期的里程碑）：{counts}",
    "{label}: {count}, {amount}; members known: {known}": "{label}：{count}，{amount}；已知成员：{known}",
    "Late as of {day}: past the due date of the plan in force that day (the latest made by then), stage not reached:": "截至{day}逾期：已过当日有效计划（当时最新制定的计划）的日期，尚未达到该阶段：",
    "{n} of {all} unfinished projects have no dated fact in the {months} months up to {day}: their status may be out of date.": "{all}个未完工项目中有{n}个在截至{day}的{months}个月内没有有日期的事实：其状态可能已过时。",
    "{what}: {said}; not reached, {slip} past due": "{what}：{said}；未达到，已逾期{slip}",
    "{what}: {said}; not yet due": "{what}：{said}；尚未到期",
    "{what}: {said}; reached {reached}, about {slip} late": "{what}：{said}；{reached}达到，约延迟{slip}",
    "{what}: {said}; reached {reached}, on time": "{what}：{said}；{reached}按期达到",
    "Figures: none known.": "数额：未知。", "Milestones: none recorded.": "里程碑：无记录。",
    "Reported progress: nothing reported up to this date.": "报告进展：截至该日无报告。",
    "Annual lists: nothing reported up to this date.": "年度清单：截至该日无报告。",
    # what is not known (queries.summary.GAP_TEMPLATES)
    "{n} of {of} projects not yet identified ({sectors}): no source names them": "{of}个项目中有{n}个尚未识别（{sectors}）：没有来源列出其名称",
    "{n} groups with no reported amount: {groups}": "{n}个分组未报告金额：{groups}",
    "{n} of {of} projects have a figure of the 2020 list's own basis; {other} have figures of other bases (whole line, later estimates), which are never summed":
        "{of}个项目中有{n}个有2020年清单口径的数额；{other}个有其他口径的数额（全线、后期估算），从不相加",
    "{n} of {of} projects have no sourced location": "{of}个项目中有{n}个没有有来源的地点",
    "batch membership known for {n} of {of} projects": "{of}个项目中已知批次的有{n}个",
    "{n} of {of} projects have no dated milestone, so their status is unknown": "{of}个项目中有{n}个没有有日期的里程碑，因此状态未知",
    "{n} of {of} tasks have no sourced progress report: status unknown": "{of}项任务中有{n}项没有有来源的进展报告：状态未知",
    "{n} of {of} tasks have no Chinese title in any source": "{of}项任务中有{n}项在任何来源中都没有中文名称",
    "no sourced Chinese name for area {areas}": "领域{areas}没有有来源的中文名称",
    # the timeline chart's legend (output.console.show_gantt)
    "{prep} preparation, {impl} implementation, {done} completed, {plan} a planned date, {line} {day}; from the dated milestones.":
        "{prep} 前期准备，{impl} 实施，{done} 已完工，{plan} 计划日期，{line} {day}；依据有日期的里程碑。",
    # searches that found nothing (last_checked)
    "Last looked for (searches that found no later news)": "最近查找（未找到更新消息的检索）", "Searched": "检索范围",
    "Queries": "检索词", "not stated": "未说明", "not looked for": "未查找过", "not looked for since": "此后未查找过",
    "last looked for on {day} ({n} query)": "最近于{day}查找（{n}个检索词）",
    "last looked for on {day} ({n} queries)": "最近于{day}查找（{n}个检索词）", "{stale}; {looked}": "{stale}；{looked}",
    # notes
    "~ marks amounts reported as approximate (约).": "~ 表示报告为约数（约）的金额。",
    "~ marks amounts reported as approximate (约). Of all: share of the portfolio's reported amount; of parent: an indented group's share of the group above it.": "~ 表示报告为约数（约）的金额。占总额：占全部项目报告金额的比例；占上级：缩进分组占其上一级分组的比例。",
    "An implied row is arithmetic on reported totals, not a reported figure.": "推算行是对报告合计数的算术结果，并非报告的数额。",
    "Status: derived from dated milestones, with the date the stage is certain by; unknown where no milestone is recorded.": "状态：依据有日期的里程碑推定，并注明可确定该阶段的日期；无里程碑记录的为未知。",
    "Status: derived from dated milestones up to {day}, with the date the stage is certain by; unknown where no milestone is recorded.": "状态：依据截至{day}的有日期里程碑推定，并注明可确定该阶段的日期；无里程碑记录的为未知。",
    "{unit} column: the project's own figure (whole line, section, later estimate), of another basis than the total and never summed; where a project has several, cqsc show ID lists them with basis, scope, date and source.": "{unit}列：项目自身的数额（全线、分段、后期估算），口径不同于合计，从不相加；项目有多个数额时，cqsc show ID 列出每个数额的口径、范围、日期和来源。",
    "{n} undated figure(s) are kept: their date is not known, so they may be later than {day}.": "保留了{n}个无日期的数额：其日期未知，可能晚于{day}。",
    "Undated figures are kept: their date is not known, so they may be later than {day}.": "保留了无日期的数额：其日期未知，可能晚于{day}。",
    "Status: no sourced progress report on any of these tasks was found, so each is unknown.": "状态：这些任务均未找到有来源的进展报告，因此均为未知。",
    "No Chinese task titles were found in any source; none is shown.": "任何来源中均未找到任务的中文名称；因此不显示。",
    "No Chinese task titles were found in any source; the English titles are shown, marked (en).": "任何来源中均未找到任务的中文名称；显示英文名称，并标注 (en)。",
    "The two batches the projects were issued in: a grouping of their own, never added to the sectors.": "项目分两批下达：批次是独立的分组，从不与领域相加。",
    "Bars are proportional to the reported amount, as a share of the portfolio's; groups with no reported amount have none.": "条形长度与报告金额占总额的比例成正比；未报告金额的分组没有条形。",
    "Partial dates (2020, 2021-12) sort by their first day; --format json gives the sources.": "不完整的日期（2020、2021-12）按其第一天排序；--format json 给出来源。",
    "A fact counts when its whole date lies in the range (2024 lies within 2024-01-01..2024-12-31, 2024-12 within ..2024-12-31); a partial date that only overlaps an end is listed apart.": "事实的整个日期都在范围内才计入（2024在2024-01-01..2024-12-31之内，2024-12在..2024-12-31之内）；仅与边界重叠的不完整日期另行列出。",
    "Started and completed are derived from dated milestones up to {day}; unknown: no milestone recorded.": "已开工和已完工依据截至{day}的有日期里程碑推定；未知：无里程碑记录。",
    "Reported progress is the joint office's own count and investment for the 31 projects, as a share of the portfolio's reported total.": "报告进展为联合办公室自己统计的31个项目开工数和投资额，比例以报告总额为基数。",
    "Annual lists: the year's list of co-built projects; the completion rate is as reported, against the year's plan.": "年度清单：当年的共建项目清单；完成率按报告，相对于当年计划。",
}
