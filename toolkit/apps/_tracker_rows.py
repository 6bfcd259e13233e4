"""The tracker's editable rows: one per task (status, owner, note) and one per KPI (baseline,
target, actual).

A row is five or six widgets at most: its read-only cells are one `HTML`, its editors share one
`Layout` and one style per kind (every widget would otherwise bring its own two models), and the
texts save on Enter or on leaving the box (`continuous_update=False`), not on every key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import ipywidgets as w

from ..files._i18n import label
from ..model.schema import STATUSES, PlanTask
from ..rollout import KpiStatus
from ..rollout._library import status_label
from . import _tracker_html as H

#: called with (item id, field, new value) when a person edits a field
OnEdit = Callable[[str, str, object], None]


def _layout(**kw) -> w.Layout:
    return w.Layout(**kw)


@dataclass
class Shared:
    """The layouts and styles every row reuses."""

    row: w.Layout = field(default_factory=lambda: _layout(width="100%"))
    info: w.Layout = field(default_factory=lambda: _layout(flex="0 0 auto", width=f"{H.TASK_W + H.DUE_W + 8}px"))
    status: w.Layout = field(default_factory=lambda: _layout(width=f"{H.STATUS_W}px", margin="0"))
    owner: w.Layout = field(default_factory=lambda: _layout(width=f"{H.OWNER_W}px", margin="0"))
    note: w.Layout = field(default_factory=lambda: _layout(flex="1 1 auto", width="auto", margin="0"))
    kpi_name: w.Layout = field(default_factory=lambda: _layout(flex="0 0 auto", width=f"{H.KPI_NAME_W}px"))
    kpi_num: w.Layout = field(default_factory=lambda: _layout(width=f"{H.KPI_NUM_W}px", margin="0"))
    kpi_prog: w.Layout = field(default_factory=lambda: _layout(flex="1 1 auto", min_width="160px"))
    plain: w.Layout = field(default_factory=w.Layout)
    choice_style: w.DescriptionStyle = field(default_factory=lambda: w.Dropdown().style.__class__())
    text_style: object = field(default_factory=lambda: w.Text().style.__class__())
    html_style: object = field(default_factory=lambda: w.HTML().style.__class__())

    def html(self, value: str = "", layout: w.Layout | None = None) -> w.HTML:
        """An HTML widget on the shared style (and the shared plain layout unless given one)."""
        return w.HTML(value, layout=layout or self.plain, style=self.html_style)


def status_options(lang: str) -> list[tuple[str, str]]:
    return [(status_label(s, lang), s) for s in STATUSES]


def set_classes(widget: w.DOMWidget, classes: list[str]) -> None:
    """Replace a widget's CSS classes, sending nothing when they are the same."""
    wanted = tuple(classes)
    if tuple(widget._dom_classes) != wanted:
        widget._dom_classes = wanted


class TaskRow:
    """One task: its cells (title, badges, role, vendor support, due date) and its three editors."""

    def __init__(self, task: PlanTask, shared: Shared, lang: str, on_edit: OnEdit) -> None:
        self.id = task.id
        self.info = shared.html(layout=shared.info)
        self.status = w.Dropdown(
            options=status_options(lang), value=task.status, layout=shared.status, style=shared.choice_style
        )
        self.owner = w.Text(
            value=task.owner or "", continuous_update=False, layout=shared.owner, style=shared.text_style
        )
        self.note = w.Text(value=task.note or "", continuous_update=False, layout=shared.note, style=shared.text_style)
        self.status.add_class("crm-tr-status")
        self.owner.add_class("crm-tr-owner")
        self.note.add_class("crm-tr-note")
        self.box = w.HBox([self.info, self.status, self.owner, self.note], layout=shared.row)
        for name in ("status", "owner", "note"):
            getattr(self, name).observe(lambda change, f=name: on_edit(self.id, f, change["new"]), "value")
        self.lang = ""

    def show(self, task: PlanTask, today, lang: str, overdue: bool) -> None:
        """Make the row show `task` as the file has it (the caller silences the editors' saves)."""
        if lang != self.lang:
            self.status.options = status_options(lang)
            self.owner.placeholder = label("tr_owner_ph", lang)
            self.note.placeholder = label("tr_note_ph", lang)
            self.lang = lang
        self.info.value = H.task_html(task, today, lang)
        self.status.value = task.status
        self.owner.value = task.owner or ""
        self.note.value = task.note or ""
        classes = ["crm-tr-row", f"crm-tr-task-{task.id}", f"crm-tr-{task.status}"]
        set_classes(self.box, classes + (["crm-tr-overdue"] if overdue else []))

    def close(self) -> None:
        for widget in (self.info, self.status, self.owner, self.note, self.box):
            widget.close()


KPI_FIELDS = ("baseline", "target", "actual")


class KpiRow:
    """One KPI: its name, unit and direction, three figures to edit, and progress to target."""

    def __init__(self, kpi: KpiStatus, shared: Shared, on_edit: OnEdit) -> None:
        self.id = kpi.kpi.id
        self.name = shared.html(layout=shared.kpi_name)
        self.fields = {
            f: w.Text(continuous_update=False, layout=shared.kpi_num, style=shared.text_style) for f in KPI_FIELDS
        }
        self.progress = shared.html(layout=shared.kpi_prog)
        for f, widget in self.fields.items():
            widget.add_class(f"crm-tr-kpi-{f}")
            widget.observe(lambda change, f=f: on_edit(self.id, f, change["new"]), "value")
        self.box = w.HBox([self.name, *self.fields.values(), self.progress], layout=shared.row)
        self.box.add_class("crm-tr-kpi")
        self.box.add_class(f"crm-tr-kpi-{self.id}")

    def show(self, kpi: KpiStatus, lang: str) -> None:
        self.name.value = H.kpi_name_html(kpi, lang)
        for f, widget in self.fields.items():
            widget.value = H.number(getattr(kpi.kpi, f))
        self.progress.value = H.kpi_progress_html(kpi, lang)
