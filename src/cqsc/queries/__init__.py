"""Questions asked of a loaded data set: selection, status, the amount shown, totals, summary, timeline, plans, changes, progress.

Pure functions over records, one module per family; no I/O, no output. ``from cqsc import queries`` gives
every family's public names (``queries.select_projects``); a module names the family it needs.
"""

from __future__ import annotations

from cqsc.queries.amounts import SCOPE_ORDER as SCOPE_ORDER
from cqsc.queries.amounts import Shown as Shown
from cqsc.queries.amounts import shown_amount as shown_amount
from cqsc.queries.changed import Changes as Changes
from cqsc.queries.changed import Transition as Transition
from cqsc.queries.changed import changes as changes
from cqsc.queries.events import GANTT_END as GANTT_END
from cqsc.queries.events import GANTT_START as GANTT_START
from cqsc.queries.events import Bar as Bar
from cqsc.queries.events import Event as Event
from cqsc.queries.events import GanttRow as GanttRow
from cqsc.queries.events import PlannedEvent as PlannedEvent
from cqsc.queries.events import TimelineFilter as TimelineFilter
from cqsc.queries.events import gantt as gantt
from cqsc.queries.events import planned_events as planned_events
from cqsc.queries.events import timeline as timeline
from cqsc.queries.plans import PlanCheck as PlanCheck
from cqsc.queries.plans import late_projects as late_projects
from cqsc.queries.plans import plan_checks as plan_checks
from cqsc.queries.plans import reaching as reaching
from cqsc.queries.ranges import RangeError as RangeError
from cqsc.queries.ranges import day_range as day_range
from cqsc.queries.selection import ProjectFilter as ProjectFilter
from cqsc.queries.selection import fold as fold
from cqsc.queries.selection import select_projects as select_projects
from cqsc.queries.snapshots import AnnualRow as AnnualRow
from cqsc.queries.snapshots import Progress as Progress
from cqsc.queries.snapshots import SectorProgress as SectorProgress
from cqsc.queries.snapshots import progress as progress
from cqsc.queries.snapshots import sector_progress as sector_progress
from cqsc.queries.status import StatusInfo as StatusInfo
from cqsc.queries.status import happened_by as happened_by
from cqsc.queries.status import latest_fact as latest_fact
from cqsc.queries.status import parse_day as parse_day
from cqsc.queries.status import project_status as project_status
from cqsc.queries.summary import AreaRow as AreaRow
from cqsc.queries.summary import BatchRow as BatchRow
from cqsc.queries.summary import Gap as Gap
from cqsc.queries.summary import GroupRow as GroupRow
from cqsc.queries.summary import Residual as Residual
from cqsc.queries.summary import Summary as Summary
from cqsc.queries.summary import gaps as gaps
from cqsc.queries.summary import residuals as residuals
from cqsc.queries.summary import summarise as summarise
from cqsc.queries.summary import unknown_text as unknown_text
from cqsc.queries.summary import unknowns as unknowns
from cqsc.queries.tasks import TaskFilter as TaskFilter
from cqsc.queries.tasks import parse_area as parse_area
from cqsc.queries.tasks import select_tasks as select_tasks
from cqsc.queries.tasks import task_status as task_status
from cqsc.queries.totals import GroupIndex as GroupIndex
from cqsc.queries.totals import Part as Part
from cqsc.queries.totals import Total as Total
from cqsc.queries.totals import children as children
from cqsc.queries.totals import group_ids as group_ids
from cqsc.queries.totals import group_index as group_index
from cqsc.queries.totals import ids_of as ids_of
from cqsc.queries.totals import level as level
from cqsc.queries.totals import list_figure as list_figure
from cqsc.queries.totals import members as members
from cqsc.queries.totals import parent as parent
from cqsc.queries.totals import portfolio_aggregate as portfolio_aggregate
from cqsc.queries.totals import total_for as total_for
from cqsc.queries.totals import tree_order as tree_order
