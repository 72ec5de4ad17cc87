"""The Chinese catalogue: every text cqsc writes itself (see lang.py), its codes and its counted nouns.

The English text is the key of ZH; codes (statuses, milestone kinds, bases, scopes, subsectors) are the
keys of CODES. Labels from the data are not here: they are shown as the data has them. Units follow the
Chinese sources (亿元, the default unit under --lang zh).
"""

# The measure word and noun after a number: "3 个项目".
NOUNS: dict[str, str] = {
    "project": "个项目", "event": "个事件", "task": "项任务", "month": "个月", "planned date": "个计划日期",
    "figure": "个数额", "record": "条记录", "area": "个领域", "group": "个分组", "source": "个来源",
    "error": "个错误", "warning": "个警告", "accepted warning": "个已接受的警告",
    "milestone": "个里程碑", "reported group": "个报告分组", "annual list": "份年度清单", "progress report": "份进展报告",
    "project record": "条项目记录",
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
    # the kinds of fact `cqsc record` writes
    "milestone": "里程碑", "figure": "数额", "plan": "计划", "task": "任务进展", "project": "项目", "source": "来源", "last-checked": "查找记录",
    # the severity of a problem `cqsc check` finds
    "error": "错误", "warning": "警告",
    # plan states
    "met": "按期达成", "met_late": "延期达成", "late": "逾期未达成", "scheduled": "未到期",
}

ZH: dict[str, str] = {
    # headers
    "Actual": "实际", "Address": "网址", "Against the plan": "与计划相比", "All": "合计", "Amount": "金额", "Amount listed": "列表所示金额",
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
    "Newest first; --sort date lists the oldest first, --from and --to pick a period.": "由近及远列出；--sort date 由远及近列出，--from 和 --to 选取时段。",
    "{n} of {all} tasks in area {roman}: {name}.": "{all}项任务中的{n}项，领域{roman}：{name}。",
    "{n} of {all} tasks.": "{all}项任务中的{n}项。",
    "{tasks} in {areas}.": "{areas}，共{tasks}。",
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
    "{unit} column: one of the project's own figures, never summed (its basis differs from the total's): the listed item's, else the whole line's, a section's, a parent project's; the latest of them. cqsc show ID lists every figure with its basis, date and source.": "{unit}列：项目自身的一个数额，从不相加（其口径不同于合计）：优先取清单项目的数额，其次为全线、分段、上级项目的数额；取其中最新的一个。cqsc show ID 列出每个数额及其口径、日期和来源。",
    "{unit} column, what the figure covers: {marks}; unmarked: the listed item.": "{unit}列，数额的范围：{marks}；无标记：清单项目。",
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
    # the site and the report (whole documents)
    "Sichuan–Chongqing jointly implemented major projects": "川渝共建重大项目", "Overview": "概览", "Timeline": "时间线",
    "Key tasks": "重点任务", "Methodology": "方法说明", "Downloads": "下载", "Pages": "页面", "Skip to the content": "跳到正文",
    "Filter the projects": "筛选项目", "Province": "省市", "Search (id or name)": "搜索（编号或名称）", "any": "全部",
    "{n} of {all} projects shown.": "显示 {n} / {all} 个项目。", "Projects: {filters}": "项目：{filters}",
    "This selection is not a reported group, so no total is shown here; cqsc works it out from what is reported: {command}": "所选项目不是一个公布的分组，此处不显示合计；可用命令行根据公布的数据计算：{command}",
    "Without JavaScript every project is listed and the total is the portfolio's.": "未启用 JavaScript 时列出全部项目，合计为整个项目组合。",
    "Published by": "发布者：", "Licence of the data": "数据许可", "Report an error": "报告错误", "Report an error to {publisher}": "报告错误：{publisher}",
    "Data as of {latest} (the latest dated fact); built by cqsc {version} on {day}.": "数据截至 {latest}（最新的有日期事实）；由 cqsc {version} 于 {day} 生成。",
    "How the figures are worked out": "数字如何得出",
    "{title}: status, amounts and sources of the Sichuan–Chongqing jointly implemented major projects.": "{title}：川渝共建重大项目的状态、金额与来源。",
    "(in English: not available in Chinese)": "（仅有英文）", "Sources of the reported totals": "公布合计的来源",
    "Stages and plans, 2018 to 2028": "阶段与计划，2018—2028年", "{label} ({unit})": "{label}（{unit}）", "{label} ({n})": "{label}（{n}）",
    ", signed {day}": "，{day}签署", ", since {day}": "，自{day}", "Planned completion": "计划完工", "{state}, {months}": "{state}，{months}",
    "{due} (plan of {made}): {slip}": "{due}（{made}制定的计划）：{slip}", "{amount}, {basis}, {scope}, {day}": "{amount}，{basis}，{scope}，{day}",
    "{n} projects, amount not reported": "{n} 个项目，金额未报告",
    "preparation": "前期准备", "implementation": "实施", "completed": "已完工", "completed {day}": "{day}完工", "planned date": "计划日期",
    "after the latest sourced fact: not known": "最新有来源事实之后：未知", "as of {day}": "截至{day}", "no sourced fact after {day}": "{day}之后无有来源的事实",
    "{stage} from {since}": "{stage}（{since}起）", "{kind} planned by {due} (plan of {made})": "{kind}：计划{due}前（{made}制定）",
    "Gantt chart: each project's stages and planned dates, 2018 to 2028, with a line at {day}": "甘特图：各项目的阶段与计划日期，2018—2028年，竖线标示{day}",
    "Bars: preparation (thin) and implementation (thick), from the first dated milestone of each stage; hatched: after the project's latest sourced fact, so not known; a dot marks completion, a diamond a planned date (the end of its period; superseded plans too), the dashed line the day of the build. Projects with no dated milestone have no bar. Sorted by sector.": "条形：前期准备（细）与实施（粗），自各阶段第一个有日期的里程碑起；斜线：项目最新有来源事实之后，情况未知；圆点表示完工，菱形表示计划日期（该期间的末日；含已被取代的计划），虚线为生成之日。无有日期里程碑的项目没有条形。按领域排序。",
    "The projects behind each gap": "各项空缺涉及的项目", "Not known for {projects}:": "情况不明：{projects}",
    "How totals are worked out": "合计如何得出", "What a basis is": "什么是口径", "Why a source address can be a repost": "为什么来源网址可能是转载", 
    "Almost no per-project figure of the 2020 list is public. What is public is a tree of reported aggregates: the portfolio, each sector and some subsectors, each with a count of projects and an amount, each from a dated source.": "2020年清单中几乎没有公开的单个项目数额。公开的是一组分层的报告汇总数：全部项目、各领域和部分子类，各有项目数和金额，均来自有日期的来源。",
    "A total shown here comes from the best source that covers the question: the reported aggregate of that group where one exists, otherwise the sum of the projects' own 2020-list figures; the page says which it used and what is not covered.": "此处显示的合计来自最能回答该问题的来源：该分组有报告汇总数的用汇总数，否则用各项目自身2020年清单数额之和；页面注明所用的依据和未涵盖的部分。",
    "Where a group reports a count but no amount, its amount is not reported and is never estimated. Where a parent's amount exceeds the sum of its children that report one, the rest is shown as implied (arithmetic on reported totals), not itemised.": "分组只报告项目数而未报告金额的，金额为“未报告”，从不估算。上级分组金额超过已报告金额的下级分组之和时，差额显示为推算所得（对报告合计数的算术），并非逐项列出。",
    "~ marks an amount the source reports as approximate (约). Amounts are kept exactly in the unit of the source (亿元, 10^8 CNY) and converted only for display: 1 bn CNY = 10 亿元.": "~ 表示来源报告为约数（约）的金额。金额按来源的单位（亿元）精确保存，仅在显示时换算：10 亿元 = 1 bn CNY。",
    "A figure's basis says what kind of figure it is: the 2020 list's own figure, a feasibility estimate, a design estimate, a planned or reported total. Its scope says what it covers: the listed item, the whole line, a section.": "数额的口径说明其性质：2020年清单数额、可研估算、初步设计概算、计划或报道总投资。范围说明其涵盖的内容：清单项目、全线或分段。",
    "Figures of different bases or scopes do not add up (a whole-line estimate can exceed the list's subtotal), so cqsc never adds a figure of one basis into a total of another; a project page lists each figure with its basis, scope, date and source.": "口径或范围不同的数额不能相加（全线估算可能超过清单的小计），因此 cqsc 从不把一种口径的数额计入另一种口径的合计；项目页面列出每个数额的口径、范围、日期和来源。",
    "Many official pages of 2020 are no longer online; the same story was often read on a site that copied it. The source then names the publisher whose story it is, and says which site it was read on (read via ...).": "2020年的许多官方网页已无法访问，同一报道常在转载的网站上读到。此时来源注明报道的原发布者，并说明在哪个网站读到（转载于……）。",
    "A project's status is derived from its dated milestones (approvals, construction start, openings), up to the day of the build; a project with no dated milestone is unknown. Data as of: the date of the latest dated fact in the data.": "项目状态依据截至生成之日的有日期里程碑（批复、开工、开通）推定；无有日期里程碑的项目为未知。数据截至：数据中最新的有日期事实的日期。",
    "Every record as JSON, each table as CSV, the SQLite export, the OC4IDS package and the data's YAML:": "全部记录（JSON）、各表（CSV）、SQLite 导出、OC4IDS 数据包和数据文件（YAML）：",
    "Files": "文件", "File": "文件", "What it holds": "内容", "Format": "格式", "Size": "大小", "Licence": "许可", "Data as of": "数据截至",
    "Columns of projects.csv": "projects.csv 的列", "Column": "列",
    "Every record (projects, aggregates, tasks, annual lists, sources) as cqsc's JSON": "全部记录（项目、汇总数、任务、年度清单、来源），cqsc 的 JSON 格式",
    "One row per project: names, sector, status and since when, provinces, places, batch, latest fact": "每个项目一行：名称、领域、状态及起始日期、省市、地点、批次、最新事实",
    "One row per key task: number, area, title, status": "每项重点任务一行：编号、领域、标题、状态",
    "Every dated event and planned date, oldest first": "全部有日期的事件和计划日期，由旧到新",
    "Every record as SQLite tables, sources and citations included": "全部记录的 SQLite 表，含来源和引用",
    "The projects as an OC4IDS 0.9 project package (Open Contracting for Infrastructure Data Standard)": "项目的 OC4IDS 0.9 数据包（基础设施开放合同数据标准）",
    "The data file itself: projects, aggregates, sources": "数据文件本身：项目、汇总数、来源", "The data file itself: the 2019 plan's areas and tasks": "数据文件本身：2019年方案的领域和任务",
    "The data file itself: the annual lists of co-built projects": "数据文件本身：年度共建项目清单",
    "JSON (UTF-8)": "JSON（UTF-8）", "CSV (UTF-8 with byte-order mark)": "CSV（UTF-8，带字节顺序标记）", "SQLite 3": "SQLite 3", "JSON (OC4IDS)": "JSON（OC4IDS）", "YAML": "YAML",
    "the project's id (also its page's name)": "项目编号（也是其页面的文件名）", "English name": "英文名称", "Chinese name, where a source gives one": "中文名称（来源有的才列出）",
    "true where a source names the project": "有来源列出该项目名称时为 true", "sector code": "领域代码", "subsector code": "子类代码",
    "derived from dated milestones (OC4IDS project status codes, plus unknown)": "依据有日期的里程碑推定（OC4IDS 项目状态代码，另加 unknown）",
    "the date the status is certain by": "可确定该状态的日期", "province codes, ;-separated": "省市代码，以 ; 分隔", "places, ;-separated": "地点，以 ; 分隔",
    "batch number, where a source says": "批次编号（来源有说明的）", "how many figures the project has (each with its basis: see data.json)": "项目的数额个数（各自的口径见 data.json）",
    "the date of the latest dated fact": "最新的有日期事实的日期",
    "Sichuan–Chongqing jointly implemented major projects: status report": "川渝共建重大项目：进展报告", "Headline": "要点",
    "As of {day}. Generated by cqsc {version} from the data files; every figure is sourced ({how}).": "截至{day}。由 cqsc {version} 根据数据文件生成；每个数字都注明来源（{how}）。",
    "numbers in brackets": "方括号内为来源编号", "superscripts refer to the numbered sources": "上标为来源编号", "Dated events": "有日期的事件",
    "Key tasks by area (2019 plan)": "各领域重点任务（2019年方案）", "Share": "占比", "Since {day}": "{day}以来", "in {place}": "于{place}",
    "Sources of the reported groups:": "公布分组的来源：", "Status from dated milestones: {counts}.": "依据有日期里程碑的状态：{counts}。",
    "Publisher and date: {full} of {n} sources give both; {said} say what the page does not state; {rest} not yet established.": "发布者与日期：{n}个来源中{full}个两者俱全；{said}个说明网页未载明；{rest}个尚未查明。",
    "The {count} projects of {groups} account for the remaining {amount} by arithmetic on the reported totals; no source itemises it.": "{groups}的{count}个项目占其余的{amount}（由报告合计数算出）；没有来源逐项列出。",
    "{amount} of {of} ({share} of the portfolio)": "{amount}，占总额 {of} 的 {share}", "{count} projects, {amount} ({yi} 亿元), announced {day}.": "{count}个项目，{amount}，{day}公布。",
    "{events} events, {plans} plans made and {figures} figures dated in the range; a partial date counts when it lies wholly inside it.": "范围内有{events}个事件、{plans}个新制定的计划和{figures}个有日期的数额；不完整的日期完全落在范围内才计入。",
    "{label}: {projects}, {what}.": "{label}：{projects}，{what}。",
    "~ reported as approximate (约). Amounts in {unit} (1 bn CNY = 10 亿元). Groups without a reported amount have no bar.": "~ 表示报告为约数（约）。金额单位为{unit}（10 亿元 = 1 bn CNY）。未报告金额的分组没有条形。",
    "~ reported as approximate (约). Amounts in {unit} (1 bn CNY = 10 亿元); bar length is proportional to the reported amount. Dashed boxes: groups with a count but no reported amount.": "~ 表示报告为约数（约）。金额单位为{unit}（10 亿元 = 1 bn CNY）；条形长度与报告金额成正比。虚线框：有项目数但未报告金额的分组。",
    "Chinese name not found": "未找到中文名称", "(Chinese name not found)": "（未找到中文名称）", "No project changed status.": "没有项目改变状态。", "No dated event.": "没有有日期的事件。",
    "No projects are listed yet.": "尚未列出任何项目。",
    "{amount} ({scope})": "{amount}（{scope}）",
    # the terminal's tables
    "Not shown at this width: {columns} (a wider terminal or --columns shows them).": "此宽度下未显示：{columns}（终端更宽或用 --columns 可显示）。",
}

# `cqsc check`: its summary and notes, the words of a problem line (views/check.py)
CHECK: dict[str, str] = {
    "{rules} rules checked {records} records{where}: {errors}, {warnings}": "{rules}条规则检查了{records}条记录{where}：{errors}，{warnings}",
    " in {folder}": "（{folder}）",
    " (strict: warnings count as errors)": "（严格模式：警告按错误计）",
    "; {accepted} accepted in {baseline}, not listed": "；{baseline}中已接受{accepted}个，未列出",
    "{n} rules that compare records across a file did not run, since some records did not load; fix the errors above and run again":
        "有{n}条跨记录比较的规则未运行，因为部分记录未能读取；请修正上面的错误后再运行",
    "{unused} in {baseline} no longer occur; --update-baseline drops them": "{baseline}中有{unused}已不再出现；--update-baseline 会将其删除",
    "wrote {path}": "已写入 {path}",
    "error: {why}": "错误：{why}",
    "note: no accepted warnings used: {why}": "注意：未使用已接受的警告：{why}",
    "note: accepted warnings from {baseline} (--no-baseline lists them all)": "注意：已接受的警告来自 {baseline}（--no-baseline 列出全部）",
    "the data has errors; {baseline} is unchanged: fix them, then update the baseline": "数据有错误；{baseline} 未改动：请先修正错误，再更新基线",
}

# The rules' messages and summaries (rules/*.py): the English template is the key, as everywhere here.
RULES_RECORDS: dict[str, str] = {
    # integrity (rules/integrity.py)
    "Ids of aggregates and projects and numbers of areas and tasks are unique; each source id and address is listed once across the files.":
        "汇总数和项目的编号、领域和任务的序号均不重复；每个来源的编号和网址在所有文件中只列出一次。",
    "Every source a record cites is listed in the sources of one of the data files (one register).": "记录引用的每个来源都列在某个数据文件的来源列表中（统一登记）。",
    "A project's or aggregate's subsector belongs to its sector.": "项目或汇总数的子类属于其所在领域。",
    "Every task is in an existing area; an area's roman numeral matches its number.": "每项任务都属于已列出的领域；领域的罗马数字与其序号相符。",
    "aggregate id {value!r} is used twice (first in entry {entry})": "汇总数编号 {value!r} 重复使用（首次出现在第 {entry} 项）",
    "project id {value!r} is used twice (first in entry {entry})": "项目编号 {value!r} 重复使用（首次出现在第 {entry} 项）",
    "area number {value!r} is used twice (first in entry {entry})": "领域序号 {value!r} 重复使用（首次出现在第 {entry} 项）",
    "task number {value!r} is used twice (first in entry {entry})": "任务序号 {value!r} 重复使用（首次出现在第 {entry} 项）",
    "list year {value!r} is used twice (first in entry {entry})": "清单年份 {value!r} 重复使用（首次出现在第 {entry} 项）",
    "source id {id!r} is listed twice (first in {file}.yaml); cite the one record": "来源编号 {id!r} 列出了两次（首次在 {file}.yaml）；请引用同一条记录",
    "the address of {id!r} is listed already as {first!r} ({file}.yaml); one record per address": "{id!r} 的网址已作为 {first!r} 列出（{file}.yaml）；每个网址只用一条记录",
    "source {id!r} is in no file's sources list": "来源 {id!r} 不在任何文件的来源列表中",
    "subsector {subsector!r} belongs to sector {parent!r}, not {sector}": "子类 {subsector!r} 属于领域 {parent!r}，而非 {sector}",
    "area {number} is numbered {expected}, not {roman}": "领域 {number} 的编号应为 {expected}，而非 {roman}",
    "task {number} is in area {area}, which is not in the areas list": "任务 {number} 属于领域 {area}，但该领域不在领域列表中",
    # figures (rules/figures.py)
    "A reported count equals the number of project records in its group, and the subgroups' counts add up.": "报告的项目数等于其分组中的项目记录数，且下级分组的项目数加总相符。",
    "Subgroups' reported amounts add up to their parent's, within the rounding its 'about' flags allow.": "下级分组的报告金额之和等于上级分组的金额，误差不超过约数标记所允许的舍入范围。",
    "Projects' own 2020-list figures never add up to more than their group's reported amount.": "各项目自身的2020年清单数额之和不超过其分组的报告金额。",
    "A project has at most one figure of the 2020 list's own basis for the listed item, so nothing is counted twice.": "一个项目的清单项目至多有一个2020年清单口径的数额，以免重复计算。",
    "aggregate {id!r} reports {count}, but {records} fall in its group": "汇总数 {id!r} 报告 {count}，但其分组中有 {records}",
    "subgroups of {id!r} count {listed} = {total}, more than its {count}": "{id!r} 的下级分组项目数为 {listed} = {total}，多于其 {count}",
    "subgroups of {id!r} add up to {terms} = {total}, but it reports about {amount} (allowed difference {tol})":
        "{id!r} 的下级分组合计 {terms} = {total}，但其报告约 {amount}（允许差额 {tol}）",
    "subgroups of {id!r} add up to {terms} = {total}, but it reports {amount} (allowed difference {tol})":
        "{id!r} 的下级分组合计 {terms} = {total}，但其报告 {amount}（允许差额 {tol}）",
    "the subgroups of {id!r} that report an amount already add up to {total}, more than its {amount}": "{id!r} 中已报告金额的下级分组合计已达 {total}，超过其 {amount}",
    "2020-list figures of projects in {id!r} add up to {total}, more than the group's reported {amount}": "{id!r} 中各项目的2020年清单数额合计 {total}，超过该分组报告的 {amount}",
    "project {id!r} has a second 2020-list figure for the listed item; keep one": "项目 {id!r} 的清单项目有第二个2020年清单数额；只保留一个",
    # dates (rules/dates.py)
    "No date lies in the future.": "任何日期都不晚于今天。",
    "A figure has no as-of date (the page does not give one).": "数额没有截至日期（网页未给出）。",
    "date {value} is in the future (today is {today})": "日期 {value} 晚于今天（今天是 {today}）",
    "figure {amount} of {id!r} has no as-of date": "{id!r} 的数额 {amount} 没有截至日期",
    # tasks (rules/tasks.py)
    "Tasks are numbered 1 to the plan's stated count without gaps, in area order; the plan's area count matches.":
        "任务按领域顺序从 1 连续编号至方案所述的任务数，没有缺号；方案所述的领域数与列出的相符。",
    "Each area holds as many tasks as the plan lists for it.": "每个领域的任务数与方案为其列出的数目相同。",
    "task {numbers} is missing; the plan has tasks 1-{total}": "缺少任务 {numbers}；方案的任务为 1-{total}",
    "tasks {numbers} are missing; the plan has tasks 1-{total}": "缺少任务 {numbers}；方案的任务为 1-{total}",
    "task {number} is beyond the plan's {total} tasks": "任务 {number} 超出了方案的 {total} 项任务",
    "task {number} (area {area}) follows task {previous} (area {previous_area}); areas run in order":
        "任务 {number}（领域 {area}）排在任务 {previous}（领域 {previous_area}）之后；领域应按顺序排列",
    "the plan states {stated} areas, but {listed} are listed": "方案说明有 {stated} 个领域，但列出了 {listed} 个",
    "area {roman} lists {tasks}, but {n} is in it": "领域 {roman} 应有 {tasks}，但实际有 {n} 项",
    "area {roman} lists {tasks}, but {n} are in it": "领域 {roman} 应有 {tasks}，但实际有 {n} 项",
    # text (rules/text.py)
    "A name, title, label or note holds control, bidirectional or zero-width characters (shown escaped).": "名称、标题、标签或备注中含有控制字符、双向文本字符或零宽字符（转义显示）。",
    "{field} holds {found}, which change how the text shows without being seen": "{field} 含有 {found}，这些字符会在看不见的情况下改变文本的显示",
    # what is not known (rules/unknowns.py)
    "A project no source names (kept as an explicit unidentified record).": "没有来源列出其名称的项目（作为明确的未识别记录保留）。",
    "A reported group has a count but no amount.": "报告的分组有项目数但没有金额。",
    "A listed source is cited by nothing.": "列出的来源未被任何记录引用。",
    "project {id!r} ({sector}) is not yet identified": "项目 {id!r}（{sector}）尚未识别",
    "aggregate {id!r} ({projects}) has no reported amount": "汇总数 {id!r}（{projects}）未报告金额",
    "source {id!r} is not cited": "来源 {id!r} 未被引用",
}
RULES_PROGRESS: dict[str, str] = {
    # summaries (check --list-rules)
    "A project's approval comes before its construction start, and that before its opening or completion (per section).":
        "项目的批复早于开工，开工早于开通或完工（按分段）。",
    "Portfolio snapshots: started within the portfolio's count, and started and investment never decreasing over time.":
        "项目组合的进展快照：已开工数不超过项目总数，已开工数和投资额不随时间减少。",
    "Annual-list progress: started within the list's count, figures never decreasing within a year, every point's year listed.":
        "年度清单进展：已开工数不超过清单的项目数，同一年内的数字不减少，每个进展点的年份都有清单。",
    "A project not yet complete with no dated fact for a long time (--stale-months, default 24).":
        "未完工的项目长期没有有日期的事实（--stale-months，默认24个月）。",
    "A plan commits to a stage a milestone can reach (a start, an opening, a completion), due no earlier than it was made's year.":
        "计划针对里程碑可以达到的阶段（开工、开通、完工），计划日期不早于制定当年。",
    "Batches: numbers unique, counts adding up to the portfolio's, at least the members known, amounts within the portfolio's; every project's batch listed.":
        "批次：编号不重复，项目数之和等于项目组合的总数且不少于已知成员数，金额不超过项目组合的金额；每个项目的批次都已列出。",
    # CQ150
    "{id!r}: {kind} on {day} comes before {other} on {other_day}": "{id!r}：{kind}（{day}）早于{other}（{other_day}）",
    # CQ151
    "{started} projects started, more than the portfolio's {count}": "已开工{started}个项目，超过项目组合的{count}个",
    "aggregate {id!r} is not in the aggregates list": "汇总数列表中没有 {id!r}",
    "{started} started in {id!r}, more than its {count} projects": "{id!r}已开工{started}个，超过其{count}个项目",
    "the groups' investment adds up to {sum}, more than the total {total}": "各分组的投资额合计{sum}，超过总额{total}",
    "started went down from {before} (as of {day}) to {after}": "已开工数从{before}（截至{day}）降至{after}",
    "invested went down from {before} (as of {day}) to {after}": "投资额从{before}（截至{day}）降至{after}",
    # CQ152
    "no list for year {year}": "没有{year}年的清单",
    "{started} started, more than the {projects} projects on the {year} list": "已开工{started}个，超过{year}年清单的{projects}个项目",
    "started of the {year} list went down from {before} (as of {day}) to {after}": "{year}年清单的已开工数从{before}（截至{day}）降至{after}",
    "cumulative of the {year} list went down from {before} (as of {day}) to {after}": "{year}年清单的累计完成投资从{before}（截至{day}）降至{after}",
    "year_to_date of the {year} list went down from {before} (as of {day}) to {after}": "{year}年清单的本年完成投资从{before}（截至{day}）降至{after}",
    # CQ153 (the words of the last search as "last looked for on {day} ({n} query)" above)
    "{id!r} has no dated fact at all; not looked for": "{id!r}没有任何有日期的事实；未查找过",
    "{id!r} has no dated fact at all; last looked for on {day} ({n} query)": "{id!r}没有任何有日期的事实；最近于{day}查找（{n}个检索词）",
    "{id!r} has no dated fact at all; last looked for on {day} ({n} queries)": "{id!r}没有任何有日期的事实；最近于{day}查找（{n}个检索词）",
    "{id!r} has no dated fact up to {up_to}; not looked for": "{id!r}截至{up_to}没有有日期的事实；未查找过",
    "{id!r} has no dated fact up to {up_to}; last looked for on {day} ({n} query)": "{id!r}截至{up_to}没有有日期的事实；最近于{day}查找（{n}个检索词）",
    "{id!r} has no dated fact up to {up_to}; last looked for on {day} ({n} queries)": "{id!r}截至{up_to}没有有日期的事实；最近于{day}查找（{n}个检索词）",
    "{id!r}: no dated fact since {latest} ({months} months); not looked for since": "{id!r}：自{latest}以来没有有日期的事实（{months}个月）；此后未查找过",
    "{id!r}: no dated fact since {latest} ({months} months); last looked for on {day} ({n} query)":
        "{id!r}：自{latest}以来没有有日期的事实（{months}个月）；最近于{day}查找（{n}个检索词）",
    "{id!r}: no dated fact since {latest} ({months} months); last looked for on {day} ({n} queries)":
        "{id!r}：自{latest}以来没有有日期的事实（{months}个月）；最近于{day}查找（{n}个检索词）",
    # CQ160
    "{id!r}: a plan for {kind} is not a stage; use one of {stages}": "{id!r}：{kind}的计划不是一个阶段；请使用以下之一：{stages}",
    "{id!r}: the plan made {made} is due {due}, before the year it was made": "{id!r}：{made}制定的计划日期为{due}，早于制定当年",
    # CQ161
    "batch {batch} is listed twice": "批次{batch}列出了两次",
    "batch {batch} counts {count}, but {records} records name it": "批次{batch}共 {count}，但有{records}条记录属于该批次",
    "batch {batch}'s amount {amount} is more than the portfolio's {total}": "批次{batch}的金额{amount}超过项目组合的金额{total}",
    "the batches count {counts} = {total}, but the portfolio has {count}": "各批次的项目数为 {counts} = {total}，但项目组合共有{count}个",
    "{id!r} is in batch {batch}, which the batches list does not have": "{id!r}属于批次{batch}，但批次列表中没有该批次",
}
# Problems met while loading a file (loading/*.py), and the loading rules' summaries (rules/codes.py).
# Words from a library (PyYAML's, pydantic's) and the operating system's come in as values marked (en).
LOADING: dict[str, str] = {
    # the loading rules (rules/codes.py)
    "A data file is missing, is a directory, a FIFO, a device or a broken link, or is too large.":
        "数据文件缺失，或是目录、命名管道、设备、失效的链接，或者过大。",
    "A data file cannot be read: the operating system refused (permissions, an I/O error); exit code 3.":
        "无法读取数据文件：操作系统拒绝（权限、I/O 错误）；退出码 3。",
    "A number is not written as a plain decimal in ASCII digits (no leading zeros, 0x, 0o, 1_000, +5, 1e3 or 1:30).":
        "数字没有用 ASCII 数字写成普通的十进制数（不可有前导零，不可写 0x、0o、1_000、+5、1e3 或 1:30）。",
    "A data file is not valid UTF-8.": "数据文件不是有效的 UTF-8。",
    "A data file is not valid YAML (including tabs used for indentation).": "数据文件不是有效的 YAML（包括用制表符缩进）。",
    "Duplicate keys, anchors, aliases, tags, several documents or too deep nesting.": "重复的键、锚点、别名、标签、多个文档或嵌套过深。",
    "A value has the wrong type, a required key is missing or a key is unknown.": "值的类型不对、缺少必需的键或有未知的键。",
    "A line break YAML reads but editors do not (a lone CR, NEL, U+2028, U+2029) or a byte order mark past the start: write it escaped.":
        "YAML 读作换行而编辑器不读作换行的字符（单独的 CR、U+0085、U+2028、U+2029），或不在文件开头的字节顺序标记：请写成转义形式。",
    # the folder and the file (loading/wholefile.py, model/dataset.read_raw)
    "data folder does not exist": "数据文件夹不存在", "data folder is not a directory": "数据文件夹不是目录",
    "data folder cannot be used: {why}": "数据文件夹无法使用：{why}",
    "file not found": "找不到文件", "is a symbolic link to {target}, which does not exist": "是指向 {target} 的符号链接，而该目标不存在",
    "is a directory; expected a YAML data file": "是目录；应为 YAML 数据文件",
    "is a FIFO (named pipe); expected a YAML data file": "是命名管道（FIFO）；应为 YAML 数据文件",
    "is a character device; expected a YAML data file": "是字符设备；应为 YAML 数据文件",
    "is a block device; expected a YAML data file": "是块设备；应为 YAML 数据文件",
    "is a socket; expected a YAML data file": "是套接字；应为 YAML 数据文件",
    "is not a regular file; expected a YAML data file": "不是普通文件；应为 YAML 数据文件",
    "is {size} bytes; files larger than {limit} bytes are refused": "大小为 {size} 字节；超过 {limit} 字节的文件不予读取",
    "is more than {limit} bytes; files that large are refused": "超过 {limit} 字节；这么大的文件不予读取",
    "cannot be read: {why}": "无法读取：{why}",
    "is not valid UTF-8 (byte 0x{byte}); save the file as UTF-8": "不是有效的 UTF-8（字节 0x{byte}）；请将文件存为 UTF-8",
    "{message}": "{message}",
    # the file's shape and its values (loading/wholefile.py; the validators' words are model/records.py's and model/dates.py's)
    "the file is empty; expected a mapping with keys: {keys}": "文件为空；应为含以下键的映射：{keys}",
    "expected a mapping with keys {keys} at the top level, got a list": "顶层应为含键 {keys} 的映射，实际为列表",
    "expected a mapping with keys {keys} at the top level, got text": "顶层应为含键 {keys} 的映射，实际为文本",
    "expected a mapping with keys {keys} at the top level, got true/false": "顶层应为含键 {keys} 的映射，实际为布尔值",
    "expected a mapping with keys {keys} at the top level, got a whole number": "顶层应为含键 {keys} 的映射，实际为整数",
    "expected a mapping with keys {keys} at the top level, got a number": "顶层应为含键 {keys} 的映射，实际为数字",
    "expected a mapping with keys {keys} at the top level, got nothing (null)": "顶层应为含键 {keys} 的映射，实际为空值",
    "missing required key {key}": "缺少必需的键 {key}",
    "unknown key {key}; did you mean {close}? (allowed: {allowed})": "未知的键 {key}；是否应为 {close}？（允许的键：{allowed}）",
    "unknown key {key} (allowed: {allowed})": "未知的键 {key}（允许的键：{allowed}）",
    "{field}: {msg}": "{field}：{msg}",
    "{field}: expected one of {choices} or {last}": "{field}：应为 {choices} 或 {last} 之一",
    "{field}: expected one of {choices}": "{field}：应为 {choices}",
    "{field}: expected a date as YYYY-MM-DD, YYYY-MM or YYYY": "{field}：日期应写作 YYYY-MM-DD、YYYY-MM 或 YYYY",
    "{field}: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}": "{field}：日期应写作 YYYY-MM-DD、YYYY-MM 或 YYYY，实际为 {value!r}",
    "{field}: year {year} is out of range": "{field}：年份 {year} 超出范围",
    "{field}: {value!r} is not a real date: month {month}": "{field}：{value!r} 不是真实的日期：没有{month}月",
    "{field}: {value!r} is not a real date: {month_name} {year} has no day {day}": "{field}：{value!r} 不是真实的日期：{year}年{month}月没有{day}日",
    "{field}: expected a full date as YYYY-MM-DD, got {value!r}": "{field}：应为 YYYY-MM-DD 形式的完整日期，实际为 {value!r}",
    "{field}: expected a number, written unquoted as plain digits (e.g. 3495.5)": "{field}：应为数字，不加引号，只写数位（如 3495.5）",
    "{field}: expected a finite number, got {value}": "{field}：应为有限的数，实际为 {value}",
    "{field}: expected a positive amount, got {value}": "{field}：金额应为正数，实际为 {value}",
    "{field}: {value} is implausibly large (more than {limit} 亿元); check the unit": "{field}：{value} 大得不合常理（超过 {limit} 亿元）；请检查单位",
    "{field}: {value} has more than {places} decimal places; no source reports 亿元 that finely": "{field}：{value} 的小数超过{places}位；没有来源把亿元报告得如此精细",
    "{field}: expected a length in km, written unquoted as plain digits (e.g. 486.4)": "{field}：应为以 km 计的长度，不加引号，只写数位（如 486.4）",
    "{field}: expected a length between 0 and 100000 km, got {value}": "{field}：长度应在 0 至 100000 km 之间，实际为 {value}",
    "{field}: not_stated lists publisher, published or both, each once": "{field}：not_stated 应列出 publisher、published 或两者，各一次",
    "{field}: not_stated lists {what}, but the source gives one; drop one or the other": "{field}：not_stated 列出了 {what}，但该来源给出了它；请删去其一",
    "{field}: a source with not_stated needs a note saying what the page shows instead": "{field}：带 not_stated 的来源需要一条 note，说明网页上显示的是什么",
    "{field}: a snapshot needs as_of or, failing that, reported": "{field}：快照需要 as_of，没有时则需要 reported",
    # reading the YAML (loading/yamlsafe.py)
    "YAML syntax error: {detail}": "YAML 语法错误：{detail}",
    "YAML syntax error: a tab character; indent with spaces": "YAML 语法错误：制表符；请用空格缩进",
    "YAML syntax error: a NUL byte is not allowed in a YAML file; remove it": "YAML 语法错误：YAML 文件中不允许有空字节（U+0000）；请删除",
    "YAML syntax error: the control character {char} is not allowed in a YAML file; remove it": "YAML 语法错误：YAML 文件中不允许有控制字符 {char}；请删除",
    "YAML error: {error}": "YAML 错误：{error}",
    "a mapping key must be a plain value, not a list or mapping": "映射的键必须是普通值，不能是列表或映射",
    "the key {key} is not text (it reads as a number); quote it: '{key}'": "键 {key} 不是文本（会被读作数字）；请加引号：'{key}'",
    "the key {key} is not text (it reads as true/false); quote it: '{key}'": "键 {key} 不是文本（会被读作布尔值）；请加引号：'{key}'",
    "the key {key} is not text (it reads as null); quote it: '{key}'": "键 {key} 不是文本（会被读作空值）；请加引号：'{key}'",
    "duplicate key {key} (first at line {line}): each key may appear once": "重复的键 {key}（首次出现在第{line}行）：每个键只能出现一次",
    "nesting deeper than {depth} levels": "嵌套超过{depth}层",
    "anchors (&{anchor}) are not allowed in data files": "数据文件中不允许使用锚点（&{anchor}）",
    "aliases (*{anchor}) are not allowed in data files": "数据文件中不允许使用别名（*{anchor}）",
    "tags ({tag}) are not allowed in data files; write plain values": "数据文件中不允许使用标签（{tag}）；请写普通值",
    "only one YAML document is allowed per file": "每个文件只允许一个 YAML 文档",
    "{text} has a leading zero (YAML would read it as octal); write it without": "{text} 以 0 开头（YAML 会把它读作八进制）；请去掉前导零",
    "{text} has too many digits; write at most 18 digits before the point and 12 after": "{text} 位数过多；小数点前最多写 18 位，小数点后最多 12 位",
    "{text} has too many digits or decimal places; write at most 18 digits before the point and 12 after":
        "{text} 位数或小数位数过多；小数点前最多写 18 位，小数点后最多 12 位",
    "{text} uses _ as a digit separator; write the number without it": "{text} 用 _ 作数字分隔符；请去掉它",
    "{text} has a + sign; write it without": "{text} 带有 + 号；请去掉",
    "{text} is hexadecimal, octal or binary; write the number in decimal": "{text} 是十六进制、八进制或二进制；请写成十进制数",
    "{text} would be read as a base-60 number; quote it if it is text, or write the number in decimal": "{text} 会被读作六十进制数；若是文本请加引号，否则请写成十进制数",
    "{text} is in exponent notation; write the number out in decimal": "{text} 用了指数记数法；请写成完整的十进制数",
    "{text} is not a plain decimal number; write digits with at most one decimal point": "{text} 不是普通的十进制数；请只写数位，最多一个小数点",
    # line breaks YAML reads but editors do not (text/linebreaks.py)
    "U+000D CARRIAGE RETURN without a line feed: YAML reads it as a line break; end lines with LF or CRLF, or write it escaped as {escape} inside a double-quoted string":
        "U+000D 回车符（其后没有换行符）：YAML 会把它读作换行；行尾请用 LF 或 CRLF，或在双引号字符串中写成转义 {escape}",
    "U+0085 NEXT LINE (NEL): YAML reads it as a line break; write it escaped as {escape} inside a double-quoted string":
        "U+0085 下一行符：YAML 会把它读作换行；请在双引号字符串中写成转义 {escape}",
    "U+2028 LINE SEPARATOR: YAML reads it as a line break; write it escaped as {escape} inside a double-quoted string":
        "U+2028 行分隔符：YAML 会把它读作换行；请在双引号字符串中写成转义 {escape}",
    "U+2029 PARAGRAPH SEPARATOR: YAML reads it as a line break; write it escaped as {escape} inside a double-quoted string":
        "U+2029 段落分隔符：YAML 会把它读作换行；请在双引号字符串中写成转义 {escape}",
    "U+FEFF BYTE ORDER MARK (zero width no-break space): a byte order mark belongs only at the start of a file; remove it or write it escaped as {escape} inside a double-quoted string":
        "U+FEFF 字节顺序标记（零宽不换行空格）：字节顺序标记只能位于文件开头；请删除，或在双引号字符串中写成转义 {escape}",
}
# A message with more words after it is said from one entry for the two templates together (loading/*.py
# join the templates); these entries are made from the pieces.
_GOT = {", got {got}": "，实际为 {got}", ", got a mapping": "，实际为映射", ", got a list": "，实际为列表"}
LOADING |= {base + en: LOADING[base] + zh for base in ("{field}: {msg}", "{field}: expected one of {choices} or {last}", "{field}: expected one of {choices}") for en, zh in _GOT.items()}
_FOUND = {
    " (found at line {line}: the file's top level was read as one text value beginning here)": "（在第{line}行发现：文件的顶层被读作从此处开始的一个文本值）",
    " (found at line {line}, inside a [ or {{ opened here that is not closed where expected)": "（在第{line}行发现，位于此处打开、却未在应有位置关闭的 [ 或 {{ 之内）",
    " (found at line {line}, right after a quoted text that runs from here to line {end}: is a quote missing or extra?)":
        "（在第{line}行发现，紧接在从此处到第{end}行的带引号文本之后：是否少了或多了一个引号？）",
    " (found at line {line}, a few lines after a ! here, which YAML reads as a tag)": "（在第{line}行发现，在此处的 ! 之后几行；YAML 把 ! 读作标签）",
    " (found at line {line}; the file's top level was read as a list beginning here, but data files are mappings: is a key missing above it?)":
        "（在第{line}行发现；文件的顶层被读作从此处开始的列表，但数据文件应为映射：上方是否缺了一个键？）",
}
LOADING |= {base + en: LOADING[base] + zh for base in ("YAML syntax error: {detail}", "YAML syntax error: a tab character; indent with spaces") for en, zh in _FOUND.items()}
LOADING |= {
    base + " ({more} more in this file)": zh + "（本文件中另有{more}处）"
    for base, zh in list(LOADING.items())
    if base.startswith(("U+", "anchors (", "aliases (", "tags ("))
}

# The other commands' own lines: info, schema, init, export, site, record.
COMMANDS: dict[str, str] = {
    # record
    "dry run: nothing written to {file}": "试运行：未写入 {file}",
    "recorded the {kind} in {file}": "已在 {file} 中记录{kind}",
    "recorded the {kind} in {file} (id: {source})": "已在 {file} 中记录{kind}（编号：{source}）",
    "recorded the {kind} in {file} (new source: {source})": "已在 {file} 中记录{kind}（新来源：{source}）",
    "recorded the {kind} in {file} (source already listed: {source})": "已在 {file} 中记录{kind}（来源已列出：{source}）",
    # init, schema, export, site
    "next: add sources and projects, then run `cqsc check --data-dir {folder}`": "下一步：添加来源和项目，然后运行 `cqsc check --data-dir {folder}`",
    "{path}: differs from the models; run 'cqsc schema -o {folder}'": "{path}：与模型不一致；请运行 'cqsc schema -o {folder}'",
    "{folder}: up to date": "{folder}：已是最新",
    "wrote {folder}: {pages} pages and {files} other files": "已写入 {folder}：{pages}个页面和{files}个其他文件",
    "note: no --issues-url (or CQSC_ISSUES_URL): the pages ask readers to report errors to the publisher, without a link":
        "注意：未给出 --issues-url（或 CQSC_ISSUES_URL）：页面请读者向发布者报告错误，但不附链接",
    "Building the site for {n} projects…": "正在为{n}个项目生成网站……",
    "warning: --out-dir is deprecated and will be removed in 0.3; use -o DIR (as site does).": "警告：--out-dir 已弃用，将在 0.3 版删除；请用 -o DIR（与 site 相同）。",
    "warning: --sqlite is deprecated and will be removed in 0.3; use -o FILE (the format follows its extension: .db is SQLite).": "警告：--sqlite 已弃用，将在 0.3 版删除；请用 -o FILE（格式由扩展名决定：.db 为 SQLite）。",
    "warning: --as-of is deprecated here; use --dated (the date the figure is of)": "警告：此处的 --as-of 已弃用；请用 --dated（数额所属的日期）",
    "warning: the project-id prefix {prefix!r} is not registered (oc4ids-xxxxxx): the package will not conform to OC4IDS until `publication.id_prefix` is one (see the README)":
        "警告：项目编号前缀 {prefix!r} 未注册（应为 oc4ids-xxxxxx）：在 `publication.id_prefix` 改为已注册的前缀之前，数据包不符合 OC4IDS（见 README）",
    # info
    "data: {folder}": "数据：{folder}", "  found by: {how}": "  查找方式：{how}", "  {name}: present": "  {name}：存在", "  {name}: absent": "  {name}：不存在",
    "  holds: {what}": "  内容：{what}", "  latest fact: {day}": "  最新事实：{day}", "  licence: {licence}": "  许可：{licence}",
    "not read: the data has problems (`cqsc check` lists them)": "未读取：数据有问题（`cqsc check` 列出）", "nothing (no projects.yaml)": "无（没有 projects.yaml）",
    "not stated in the data folder": "数据文件夹中未说明",
    "  git: {commit}, uncommitted edits in the data folder": "  git：{commit}，数据文件夹有未提交的修改",
    "  git: {commit}, no uncommitted edits": "  git：{commit}，没有未提交的修改",
    "  git: {commit}, edits unknown": "  git：{commit}，修改情况未知",
    "  git: unknown ({why})": "  git：未知（{why}）",
    "--data-dir": "--data-dir", "CQSC_DATA_DIR": "CQSC_DATA_DIR", "nearest data/ folder": "最近的 data/ 文件夹", "bundled with cqsc": "cqsc 自带的数据",
    "not in a git repository (or one with no commit)": "不在 git 仓库中（或仓库没有提交）", "git is not installed": "未安装 git",
    "cache: {folder}": "缓存：{folder}", "cache: {folder} (disabled by CQSC_NO_CACHE)": "缓存：{folder}（已由 CQSC_NO_CACHE 停用）",
}

ZH |= CHECK | RULES_RECORDS | RULES_PROGRESS | LOADING | COMMANDS
