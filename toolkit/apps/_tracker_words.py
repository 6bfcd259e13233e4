"""What the tracker says after a save or a (re)generated plan, and how it reads a typed KPI
figure: pure functions of the toolkit's results, in the page's language."""

from __future__ import annotations

from ..files._i18n import label
from ..files._problems import InvalidInput, Problem
from ..model.schema import RolloutFile, text_of
from ..rollout import ROLLOUT_FILE, AuditEntry, PlanChanges
from ..rollout._library import status_label
from ..rollout._store import KPI_PREFIX
from ._tracker_html import number

FIELD_LABELS = {
    "status": "ro_status",
    "owner": "ro_owner",
    "note": "rx_note",
    "baseline": "ro_baseline",
    "target": "ro_target",
    "actual": "ro_actual",
}


def change_text(entry: AuditEntry, rollout: RolloutFile, lang: str) -> str:
    """One logged change in words: "Core: customer 360° profile: Status To do → Done"."""
    if entry.task.startswith(KPI_PREFIX):
        kpi = next((k for k in rollout.kpis if k.id == entry.task[len(KPI_PREFIX) :]), None)
        item = text_of(kpi.name, lang) if kpi else entry.task
    else:
        task = next((t for t in rollout.tasks if t.id == entry.task), None)
        item = text_of(task.title, lang) if task else entry.task

    def shown(value: object) -> str:
        if value is None or value == "":
            return label("ro_empty", lang)
        if entry.field == "status":
            return status_label(str(value), lang)
        return number(value) if isinstance(value, float) else str(value)

    field = label(FIELD_LABELS.get(entry.field, entry.field), lang)
    return label("ro_changed", lang, task=item, field=field, old=shown(entry.old), new=shown(entry.new))


def saved_text(entries: list[AuditEntry], rollout: RolloutFile, when: str, lang: str) -> str:
    changes = label("rx_list_sep", lang).join(change_text(e, rollout, lang) for e in entries)
    return label("tr_saved", lang, by=entries[0].by, time=when, change=changes)


def plan_text(
    old: RolloutFile | None, plan: RolloutFile, changes: PlanChanges, vendor: str, lang: str
) -> tuple[str, str]:
    """What generating the plan did, and how to show it (`ok`, or `warning` when tracked work left)."""
    if old is None:
        must = sum(t.must for t in plan.tasks)
        return label("tr_generated", lang, vendor=vendor, tasks=len(plan.tasks), must=must), "ok"
    titles = {t.id: text_of(t.title, lang) for t in [*old.tasks, *plan.tasks]}
    sep = label("rx_list_sep", lang)
    lines = [label("tr_regenerated", lang, vendor=vendor)]
    if changes.added:
        lines.append(label("ro_added", lang, tasks=sep.join(titles[t] for t in changes.added)))
    if changes.removed:
        lines.append(label("ro_removed", lang, tasks=sep.join(titles[t] for t in changes.removed)))
    if not changes.added and not changes.removed:
        lines.append(label("tr_same_tasks", lang))
    lines += [label("ro_removed_progress", lang, task=titles[t]) for t in changes.removed_with_progress]
    return " ".join(lines), "warning" if changes.removed_with_progress else "ok"


def parse_figure(text: str, kpi_id: str, field: str, lang: str) -> float | None:
    """A KPI figure as typed: a number, or nothing (clears it); anything else is a problem."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        why = label("tr_not_number", lang, value=text)
        raise InvalidInput([Problem(ROLLOUT_FILE, 0, 0, f"kpis.{kpi_id}.{field}", why)], ROLLOUT_FILE) from None
