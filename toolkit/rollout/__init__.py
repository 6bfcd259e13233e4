"""Rollout planning and tracking (METHOD.md §7): the plan, its tracker state and its progress.

`generate_plan(engagement, vendor)` builds the plan; `save_plan` writes it into the engagement
folder keeping what was tracked; `update_task` and `update_kpi` change one item under the
folder's lock; `rollout_status` and `burnup` say where the project stands.
"""

from ..model._files import ROLLOUT_FILE
from ..model._rollout_file import check_rollout
from ..model._task_library import task_library
from ._plan import CORE_CAPABILITIES, PlanChanges, default_vendor, generate_plan, merge_plan, phase_dates
from ._progress import BurnupPoint, KpiStatus, PhaseProgress, RolloutStatus, burnup, is_overdue, rollout_status
from ._store import (
    AUDIT_FILE,
    LOCK_FILE,
    AuditEntry,
    read_audit,
    read_rollout,
    save_plan,
    update_kpi,
    update_task,
)

__all__ = [
    "AUDIT_FILE",
    "CORE_CAPABILITIES",
    "LOCK_FILE",
    "ROLLOUT_FILE",
    "AuditEntry",
    "BurnupPoint",
    "KpiStatus",
    "PhaseProgress",
    "PlanChanges",
    "RolloutStatus",
    "burnup",
    "check_rollout",
    "default_vendor",
    "generate_plan",
    "is_overdue",
    "merge_plan",
    "phase_dates",
    "read_audit",
    "read_rollout",
    "rollout_status",
    "save_plan",
    "task_library",
    "update_kpi",
    "update_task",
]
