"""The plan and its status as plain-text tables for the command line, in English or Chinese."""

from __future__ import annotations

from ..files._i18n import label
from ..files._table import render
from ..model.schema import RolloutFile, text_of
from ..scoring._words import pct
from ._library import level_label, phase_names, role_name, status_label
from ._plan import PlanChanges
from ._progress import RolloutStatus, is_overdue


def _days(x: float) -> str:
    return f"{x:g}"


def render_plan(plan: RolloutFile, vendor_name: str, lang: str = "en", changes: PlanChanges | None = None) -> str:
    """Phase by phase: each task with its owner role, effort and the vendor's support for it."""
    out = [label("ro_plan_title", lang, vendor=vendor_name, start=plan.start_date.isoformat()), ""]
    heads = [
        label("id", lang),
        label("ro_task", lang),
        label("ro_owner_role", lang),
        label("ro_effort", lang),
        label("ro_level", lang),
        "",
    ]
    for phase in plan.phases:
        out.append(
            label(
                "ro_phase_line",
                lang,
                name=phase_names(lang)[phase.id],
                start=phase.start.isoformat(),
                end=phase.end.isoformat(),
            )
        )
        rows = []
        for t in (t for t in plan.tasks if t.phase == phase.id):
            origin = label(f"rpt_o_{t.level_origin}", lang) if t.level_origin not in (None, "unrated") else ""
            level = level_label(t, lang) + (f" · {origin}" if origin else "")
            marks = [label("ro_must", lang)] if t.must else []
            if t.track == "change":
                marks.append(label("track_change", lang))
            rows.append(
                [
                    t.id,
                    text_of(t.title, lang),
                    role_name(t.owner_role, lang),
                    _days(t.effort_days),
                    level,
                    ", ".join(marks),
                ]
            )
        out += [render(heads, rows), ""]
    effort = sum(t.effort_days for t in plan.tasks)
    out.append(
        label(
            "ro_plan_summary",
            lang,
            tasks=len(plan.tasks),
            must=sum(t.must for t in plan.tasks),
            effort=_days(round(effort, 1)),
        )
    )
    if plan.left_out:
        out.append(label("ro_left_out", lang, tasks=", ".join(f"{x.id} ({x.delivers})" for x in plan.left_out)))
    if changes is not None and changes.kept:
        out.append(label("ro_kept", lang, n=len(changes.kept)))
        if changes.added:
            out.append(label("ro_added", lang, tasks=", ".join(changes.added)))
        if changes.removed:
            out.append(label("ro_removed", lang, tasks=", ".join(changes.removed)))
    return "\n".join(out)


def _bar(share: float, size: int = 20) -> str:
    filled = round(share * size)
    return "█" * filled + "░" * (size - filled)


def _value(x: float | None) -> str:
    return "–" if x is None else f"{x:g}"


def render_status(status: RolloutStatus, lang: str = "en") -> str:
    """Progress per phase, overdue and must-have tasks, every task, and the KPIs."""
    out = [
        label(
            "ro_status_title",
            lang,
            today=status.today.isoformat(),
            done=status.done,
            tasks=len(status.tasks),
            progress=pct(status.progress),
        ),
        "",
    ]
    for p in status.phases:
        out.append(
            f"{_bar(p.progress)} {pct(p.progress):>5}  {p.done}/{p.tasks}  "
            + label(
                "ro_phase_line", lang, name=phase_names(lang)[p.id], start=p.start.isoformat(), end=p.end.isoformat()
            )
        )
    none = label("ro_none", lang)
    out += [
        "",
        f"{label('ro_overdue_list', lang)}: {', '.join(status.overdue) or none}",
        f"{label('ro_must_not_done', lang)}: {', '.join(status.must_not_done) or none}",
        "",
    ]
    heads = [
        label("id", lang),
        label("ro_task", lang),
        label("ro_owner", lang),
        label("ro_due", lang),
        label("ro_status", lang),
        "",
    ]
    rows = []
    for t in status.tasks:
        marks = [label("ro_must", lang)] if t.must else []
        if is_overdue(t, status.today):
            marks.append(label("ro_overdue", lang))
        rows.append(
            [
                t.id,
                text_of(t.title, lang),
                t.owner or role_name(t.owner_role, lang),
                t.due.isoformat(),
                status_label(t.status, lang),
                ", ".join(marks),
            ]
        )
    out.append(render(heads, rows))
    if status.kpis:
        heads = [
            label("ro_kpi", lang),
            label("ro_unit", lang),
            label("ro_baseline", lang),
            label("ro_target", lang),
            label("ro_actual", lang),
            label("ro_progress", lang),
            "",
        ]
        rows = []
        for k in status.kpis:
            met = "" if k.met is None else label("ro_met" if k.met else "ro_not_met", lang)
            progress = "–" if k.progress is None else pct(k.progress)
            rows.append(
                [
                    text_of(k.kpi.name, lang),
                    k.kpi.unit,
                    _value(k.kpi.baseline),
                    _value(k.kpi.target),
                    _value(k.kpi.actual),
                    progress,
                    met,
                ]
            )
        out += ["", label("ro_kpis", lang), render(heads, rows)]
    return "\n".join(out)
