"""The checklist: the one table of the plan that the CSV, the workbook and the tracker share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..files._i18n import label, messages
from ..model._task_library import task_library
from ..model.schema import PlanTask, RolloutFile, text_of
from ._library import level_label, phase_names, role_name, status_label, target_name
from ._progress import is_overdue

#: the checklist's columns; each title is the message `rx_<key>` unless named here
SHARED_TITLES = {
    "id": "id",
    "title": "ro_task",
    "category": "category",
    "owner_role": "ro_owner_role",
    "owner": "ro_owner",
    "status": "ro_status",
    "must": "must",
}
COLUMNS = (
    "phase",
    "track",
    "id",
    "title",
    "category",
    "owner_role",
    "owner",
    "due",
    "status",
    "overdue",
    "must",
    "effort",
    "level",
    "delivers",
    "requirements",
    "acceptance",
    "note",
)


@dataclass(frozen=True)
class Checklist:
    """The one table the CSV and the workbook share: column keys, titles in a language, rows.

    Cells are text, dates, floats or None; `tasks[i]` is the task behind `rows[i]`, so the
    workbook can style a row (overdue, done) without parsing its labels back.
    """

    keys: tuple[str, ...]
    head: list[str]
    rows: list[list[str | float | dt.date | None]]
    tasks: list[PlanTask]

    def column(self, key: str) -> int:
        return self.keys.index(key)


def label_or(key: str, lang: str, fallback: str, **fields: object) -> str:
    """A catalog label when the catalog has one (units, levels), else the value as written."""
    return label(key, lang, **fields) if key in messages() else fallback


def yes_no(flag: bool, lang: str) -> str:
    return label("rx_yes" if flag else "rx_no", lang)


def ordered_tasks(rollout: RolloutFile) -> list[PlanTask]:
    """Tasks grouped by phase in the plan's phase order, plan order within a phase."""
    order = {p.id: i for i, p in enumerate(rollout.phases)}
    return sorted(rollout.tasks, key=lambda t: order.get(t.phase, len(order)))


def checklist_rows(rollout: RolloutFile, *, today: dt.date, lang: str) -> Checklist:
    """Per task, every column of the checklist, with names and labels in `lang`."""
    library = task_library()
    phases = phase_names(lang)
    sep = label("rx_list_sep", lang)
    tasks = ordered_tasks(rollout)
    rows = []
    for t in tasks:
        category = library.categories.get(t.category)
        rows.append(
            [
                phases.get(t.phase, t.phase),
                label(f"track_{t.track}", lang),
                t.id,
                text_of(t.title, lang),
                text_of(category, lang) or t.category,
                role_name(t.owner_role, lang),
                t.owner,
                t.due,
                status_label(t.status, lang),
                yes_no(is_overdue(t, today), lang),
                yes_no(t.must, lang),
                float(t.effort_days),
                level_label(t, lang),
                target_name(t.delivers, lang),
                sep.join(t.requirements),
                text_of(t.acceptance, lang),
                t.note,
            ]
        )
    return Checklist(COLUMNS, [label(SHARED_TITLES.get(k, f"rx_{k}"), lang) for k in COLUMNS], rows, tasks)
