"""Where the rollout stands (METHOD.md §7): progress, overdue and must-have tasks, KPIs, burn-up.

Progress = done tasks / all tasks, overall and per phase. A task is overdue when it is not done
and its due date is before "today". Pure functions of the plan (and the audit log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model.schema import PlanKpi, PlanPhase, PlanTask, RolloutFile, text_of
from ._store import KPI_PREFIX, PLAN_FIELD, AuditEntry


@dataclass(frozen=True)
class PhaseProgress:
    id: str
    start: dt.date
    end: dt.date
    tasks: int
    done: int

    @property
    def progress(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class KpiStatus:
    """A KPI's actual against its target; `progress` is the share of the way from baseline to target."""

    kpi: PlanKpi

    @property
    def progress(self) -> float | None:
        k = self.kpi
        if k.baseline is None or k.target is None or k.actual is None or k.target == k.baseline:
            return None
        return (k.actual - k.baseline) / (k.target - k.baseline)

    @property
    def met(self) -> bool | None:
        k = self.kpi
        if k.target is None or k.actual is None:
            return None
        return k.actual >= k.target if k.direction == "up" else k.actual <= k.target


@dataclass(frozen=True)
class RolloutStatus:
    today: dt.date
    vendor: str
    tasks: list[PlanTask]
    phases: list[PhaseProgress]
    overdue: list[str]
    must_not_done: list[str]
    kpis: list[KpiStatus]

    @property
    def done(self) -> int:
        return sum(t.status == "done" for t in self.tasks)

    @property
    def progress(self) -> float:
        return self.done / len(self.tasks) if self.tasks else 0.0

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON of `crm-toolkit status` (the issue's keys, plus today, vendor, must_not_done, kpis)."""
        return {
            "today": self.today.isoformat(),
            "vendor": self.vendor,
            "progress": self.progress,
            "phases": [
                {
                    "id": p.id,
                    "progress": p.progress,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "tasks": p.tasks,
                    "done": p.done,
                }
                for p in self.phases
            ],
            "overdue": list(self.overdue),
            "must_not_done": list(self.must_not_done),
            "tasks": [
                {
                    "id": t.id,
                    "phase": t.phase,
                    "track": t.track,
                    "title": text_of(t.title, lang),
                    "owner": t.owner,
                    "due": t.due.isoformat(),
                    "status": t.status,
                    "capability": t.delivers,
                    "must": t.must,
                    "effort_days": t.effort_days,
                }
                for t in self.tasks
            ],
            "kpis": [
                {
                    "id": k.kpi.id,
                    "name": text_of(k.kpi.name, lang),
                    "unit": k.kpi.unit,
                    "direction": k.kpi.direction,
                    "baseline": k.kpi.baseline,
                    "target": k.kpi.target,
                    "actual": k.kpi.actual,
                    "progress": k.progress,
                    "met": k.met,
                }
                for k in self.kpis
            ],
        }


def is_overdue(task: PlanTask, today: dt.date) -> bool:
    return task.status != "done" and task.due < today


def phase_progress(phase: PlanPhase, tasks: list[PlanTask]) -> PhaseProgress:
    mine = [t for t in tasks if t.phase == phase.id]
    return PhaseProgress(phase.id, phase.start, phase.end, len(mine), sum(t.status == "done" for t in mine))


def rollout_status(rollout: RolloutFile, today: dt.date | None = None) -> RolloutStatus:
    """The plan's state on `today` (default: the real today)."""
    today = today or dt.date.today()
    tasks = list(rollout.tasks)
    return RolloutStatus(
        today=today,
        vendor=rollout.vendor,
        tasks=tasks,
        phases=[phase_progress(p, tasks) for p in rollout.phases],
        overdue=[t.id for t in tasks if is_overdue(t, today)],
        must_not_done=[t.id for t in tasks if t.must and t.status != "done"],
        kpis=[KpiStatus(k) for k in rollout.kpis],
    )


@dataclass(frozen=True)
class BurnupPoint:
    day: dt.date
    done: int  # tasks done at the end of the day
    scope: int  # tasks in the plan at the end of the day


def burnup(rollout: RolloutFile, audit: list[AuditEntry], today: dt.date | None = None) -> list[BurnupPoint]:
    """Done tasks and plan size day by day, replayed from the audit log.

    The log gives the history; the last point (today) is the file as it stands, so the chart
    always ends where `status` says the project is, even if someone edited rollout.yaml by hand.
    """
    today = today or dt.date.today()
    present: set[str] = set()
    done: set[str] = set()
    days: dict[dt.date, tuple[int, int]] = {}
    for entry in sorted(audit, key=lambda e: dt.datetime.fromisoformat(e.at)):
        if entry.task.startswith(KPI_PREFIX):
            continue
        if entry.field == PLAN_FIELD:
            (present.add if entry.new == "added" else present.discard)(entry.task)
            if entry.new != "added":
                done.discard(entry.task)
        elif entry.field == "status":
            present.add(entry.task)
            (done.add if entry.new == "done" else done.discard)(entry.task)
        else:
            continue
        day = dt.datetime.fromisoformat(entry.at).date()
        days[day] = (len(done & present), len(present))
    days[today] = (sum(t.status == "done" for t in rollout.tasks), len(rollout.tasks))
    points = [BurnupPoint(d, *days[d]) for d in sorted(days) if d <= today]
    return points
