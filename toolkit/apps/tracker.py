"""The rollout tracker: a project lead ticks the week 0-2 / 2-8 / 8+ checklist week by week.

Every edit goes to disk at once through `toolkit.rollout` (locked, atomic, audited under the name
typed at the top), and the page then reads rollout.yaml again, so what it shows is always the
file, including what another tab saved. The page keeps no state of its own besides its choices
(name, date, language, open tab). Charts and downloads are built only when their tab is open and
only when what they show changed; the KPI editors are built when their tab is first opened.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as w

# drawing and export code, imported here so a preheated kernel has it loaded before the request
import matplotlib.figure  # noqa: F401

from ..files._i18n import label
from ..files._problems import InvalidInput, ToolkitError
from ..model._engagement import load_engagement
from ..model.schema import PHASES, RolloutFile, text_of
from ..rollout import (
    RolloutStatus,
    burnup,
    generate_plan,
    read_audit,
    read_rollout,
    rollout_status,
    save_plan,
    update_kpi,
    update_task,
)
from ..rollout._charts import burnup_figure, gantt_figure
from ..rollout._store import default_user
from . import _tracker_html as H
from . import _tracker_words as W
from ._shell import Page, figure_png
from ._tracker_rows import KpiRow, Shared, TaskRow

CHECKLIST, KPIS, CHARTS, DOWNLOADS = range(4)


class TrackerPage(Page):
    """The checklist, progress, KPIs, charts and downloads of one engagement's rollout.yaml."""

    title_key = "app_tracker"

    def __init__(self, folder: Path, lang: str = "en", *, today: dt.date | None = None) -> None:
        super().__init__(lang)
        self.folder = Path(folder)
        self.engagement = load_engagement(self.folder)
        self.rollout: RolloutFile | None = read_rollout(self.folder)
        self._syncing = False  # True while the page writes the file's values into its editors
        self._shared = Shared()
        self._rows: dict[str, TaskRow] = {}
        self._rows_key: tuple = ()
        self._kpi_rows: dict[str, KpiRow] = {}
        self._drawn: dict[str, object] = {}  # what each chart / the downloads were last built from

        self.by_field = w.Text(value=default_user(), continuous_update=False, layout=w.Layout(width="300px"))
        self.by_field.add_class("crm-tr-by")
        self.today_field = w.DatePicker(value=today or dt.date.today(), layout=w.Layout(width="250px"))
        self.today_field.add_class("crm-tr-today")
        self.today_field.observe(self.guard(lambda _: self.refresh()), "value")
        self.vendor_field = w.Dropdown(layout=w.Layout(width="330px"))
        self.vendor_field.add_class("crm-tr-vendor")
        self.generate_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.generate_button.add_class("crm-tr-generate")
        self.generate_button.on_click(self.guard(lambda _: self.generate()))
        self.reload_button = w.Button(icon="refresh", layout=w.Layout(width="auto"))
        self.reload_button.add_class("crm-tr-reload")
        self.reload_button.on_click(self.guard(lambda _: self.reload(announce=True)))
        self.controls = w.HBox(
            [self.by_field, self.today_field, self.vendor_field, self.generate_button, self.reload_button]
        )
        self.controls.add_class("crm-tr-controls")

        self.css = self._shared.html(H.CSS)
        self.no_plan = self._shared.html()
        self.summary = self._shared.html()
        self.summary.add_class("crm-tr-summary-box")
        self.column_head = self._shared.html()
        self.left_out = self._shared.html()
        self.checklist = w.VBox()
        self.checklist.add_class("crm-tr-checklist")
        self.kpi_hint = self._shared.html()
        self.kpi_head = self._shared.html()
        self.kpis = w.VBox()
        self.kpis.add_class("crm-tr-kpis")
        self.chart_note = self._shared.html()
        self.gantt = w.Image(format="png")
        self.gantt.add_class("crm-tr-gantt")
        self.burnup = w.Image(format="png")
        self.burnup.add_class("crm-tr-burnup")
        charts = w.VBox([self.chart_note, self.gantt, self.burnup])
        charts.add_class("crm-tr-charts")
        self.downloads = self._shared.html()
        self.downloads.add_class("crm-tr-downloads")
        self.tabs = w.Tab(children=[self.checklist, self.kpis, charts, self.downloads])
        self.tabs.add_class("crm-tr-tabs")
        self.tabs.observe(self.guard(lambda _: self._show_tab()), "selected_index")
        self._phase_heads: dict[str, w.HTML] = {p: self._shared.html() for p in PHASES}
        self._track_heads: dict[tuple[str, str], w.HTML] = {}

        self._fill_vendors()
        self.show_title()
        self.relabel()

    # --- what the person chose ------------------------------------------------------------

    @property
    def by(self) -> str:
        """Who saves: the name typed at the top, else the server's user."""
        return self.by_field.value.strip() or default_user()

    @property
    def today(self) -> dt.date:
        return self.today_field.value or dt.date.today()

    def vendor_name(self, vendor: str) -> str:
        profile = self.engagement.vendors.get(vendor)
        return text_of(profile.name, self.lang) if profile is not None else vendor

    def _ranking(self) -> tuple[list[str], dict[str, int]]:
        """The shortlist in scorecard order with ranks; shortlist order when it cannot be scored."""
        from ..scoring import score

        try:
            card = score(self.engagement)
        except ToolkitError:
            return list(self.engagement.shortlist), {}
        return list(card.vendors), {v: int(card.rank[v]) for v in card.ranked}

    def _fill_vendors(self) -> None:
        order, ranks = self._ranking()
        self._ranks = ranks
        if self.rollout is not None and self.rollout.vendor not in order:
            order.append(self.rollout.vendor)
        chosen = self.vendor_field.value
        if self.rollout is not None:
            chosen = self.rollout.vendor
        elif chosen not in order:
            chosen = next(iter(ranks), order[0] if order else None)
        self._order = order
        self._set_vendor_options(chosen)

    def _set_vendor_options(self, chosen: str | None) -> None:
        def option(v: str) -> str:
            name = self.vendor_name(v)
            if v in self._ranks:
                return label("tr_vendor_ranked", self.lang, name=name, rank=self._ranks[v])
            return label("tr_vendor_unranked", self.lang, name=name) if self._ranks else name

        self.vendor_field.options = [(option(v), v) for v in self._order]
        if chosen is not None:
            self.vendor_field.value = chosen

    # --- the page -------------------------------------------------------------------------

    def heading(self) -> tuple[str, str]:
        client = self.engagement.settings.client
        if self.rollout is None:
            return label(self.title_key, self.lang), label("tr_subtitle_no_plan", self.lang, client=client)
        vendor = self.vendor_name(self.rollout.vendor)
        start = H.day(self.rollout.start_date, self.lang)
        return label(self.title_key, self.lang), label(
            "tr_subtitle", self.lang, client=client, vendor=vendor, start=start
        )

    def relabel(self) -> None:
        lang = self.lang
        self.by_field.description = label("tr_your_name", lang)
        self.by_field.tooltip = label("tr_your_name_tip", lang)
        self.today_field.description = label("rx_today", lang)
        self.vendor_field.description = label("vendor", lang)
        self._set_vendor_options(self.vendor_field.value)
        self.generate_button.description = label("tr_regenerate" if self.rollout else "tr_generate", lang)
        self.generate_button.tooltip = label("tr_generate_tip", lang)
        self.reload_button.description = label("tr_reload", lang)
        self.reload_button.tooltip = label("tr_reload_tip", lang)
        self.tabs.titles = (
            label("rx_sh_checklist", lang),
            label("ro_kpis", lang),
            label("tr_tab_charts", lang),
            label("tr_tab_downloads", lang),
        )
        self.column_head.value = H.column_head_html(lang)
        self.kpi_hint.value = H.hint(label("tr_kpi_hint", lang))
        self.kpi_head.value = H.kpi_head_html(lang)
        self.no_plan.value = H.hint(label("tr_no_plan", lang), "crm-warning")
        for (_, track), head in self._track_heads.items():
            head.value = H.track_head_html(track, lang)
        self.say("")
        self.refresh()

    def _layout(self) -> None:
        """The body for the plan on disk: the no-plan note, or the summary and the tabs."""
        if self.rollout is None:
            parts = [self.css, self.controls, self.no_plan]
        else:
            parts = [self.css, self.controls, self.summary, self.tabs]
        if list(self.body.children) != parts:
            self.body.children = parts

    def _plan_key(self) -> tuple:
        return tuple((t.id, t.phase, t.track) for t in self.rollout.tasks) if self.rollout else ()

    def _build_rows(self) -> None:
        """One row per task, grouped by phase and track; rebuilt only when the plan's tasks change."""
        for row in self._rows.values():
            row.close()
        self._rows = {}
        children: list[w.Widget] = [self.column_head]
        tasks = self.rollout.tasks if self.rollout else []
        for phase in PHASES:
            mine = [t for t in tasks if t.phase == phase]
            children.append(self._phase_heads[phase])
            for track in ("delivery", "change"):
                in_track = [t for t in mine if t.track == track]
                if track == "change" and in_track:
                    head = self._track_heads.setdefault((phase, track), self._shared.html())
                    head.value = H.track_head_html(track, self.lang)
                    children.append(head)
                for task in in_track:
                    row = self._rows[task.id] = TaskRow(task, self._shared, self.lang, self.guard(self._on_task_edit))
                    children.append(row.box)
        children.append(self.left_out)
        self.checklist.children = children
        self._rows_key = self._plan_key()

    def refresh(self) -> None:
        """Show the plan as last read: rows, progress, and the open tab; sends only what changed."""
        self._layout()
        self.show_title()
        self.generate_button.description = label("tr_regenerate" if self.rollout else "tr_generate", self.lang)
        if self.rollout is None:
            return
        if self._rows_key != self._plan_key():
            self._build_rows()
        status = rollout_status(self.rollout, self.today)
        overdue = set(status.overdue)
        self._syncing = True
        try:
            for task in self.rollout.tasks:
                self._rows[task.id].show(task, self.today, self.lang, task.id in overdue)
            if self._kpi_rows:
                self._show_kpis(status)
        finally:
            self._syncing = False
        for progress in status.phases:
            self._phase_heads[progress.id].value = H.phase_head_html(progress, self.lang)
        self.summary.value = H.summary_html(status, self.lang)
        self.left_out.value = H.left_out_html(self.rollout, self.lang)
        self._show_tab()

    def reload(self, *, announce: bool = False) -> None:
        """Read rollout.yaml again (after every save, so others' changes show up too)."""
        self.rollout = read_rollout(self.folder)
        self.refresh()
        if announce:
            self.say(label("tr_reloaded", self.lang, time=f"{dt.datetime.now():%H:%M:%S}"), "ok")

    # --- tabs built on demand ---------------------------------------------------------------

    def _show_tab(self) -> None:
        rollout = self.rollout
        if rollout is None:
            return
        tab = self.tabs.selected_index
        if tab == KPIS and not self._kpi_rows:
            self._build_kpis(rollout_status(rollout, self.today))
        elif tab == CHARTS:
            self.draw_charts(rollout)
        elif tab == DOWNLOADS:
            self.build_downloads(rollout)

    def _build_kpis(self, status: RolloutStatus) -> None:
        self._kpi_rows = {k.kpi.id: KpiRow(k, self._shared, self.guard(self._on_kpi_edit)) for k in status.kpis}
        self._syncing = True
        try:
            self._show_kpis(status)
        finally:
            self._syncing = False
        self.kpis.children = [self.kpi_hint, self.kpi_head, *(r.box for r in self._kpi_rows.values())]

    def _show_kpis(self, status: RolloutStatus) -> None:
        if [k.kpi.id for k in status.kpis] != list(self._kpi_rows):
            for row in self._kpi_rows.values():
                row.box.close()
            self._kpi_rows = {}
            self._build_kpis(status)
            return
        for k in status.kpis:
            self._kpi_rows[k.kpi.id].show(k, self.lang)

    def draw_charts(self, rollout: RolloutFile) -> None:
        """Redraw the Gantt and the burn-up, each only when what it shows changed."""
        today, lang = self.today, self.lang
        vendor = self.vendor_name(rollout.vendor)
        self.chart_note.value = H.hint(label("tr_charts_note", lang, date=H.day(today, lang)))
        tasks = tuple((t.id, t.phase, t.track, t.status, t.due, t.must, text_of(t.title, lang)) for t in rollout.tasks)
        gantt_key = (tasks, tuple(rollout.phases), today, lang, vendor)
        if self._drawn.get("gantt") != gantt_key:
            fig = gantt_figure(rollout, today=today, lang=lang, vendor_name=vendor)
            self.gantt.value = figure_png(fig, dpi=100)
            self._drawn["gantt"] = gantt_key
        points = burnup(rollout, read_audit(self.folder), today)
        burnup_key = (tuple(points), tuple(rollout.phases), rollout.start_date, today, lang, vendor)
        if self._drawn.get("burnup") != burnup_key:
            fig = burnup_figure(points, rollout=rollout, today=today, lang=lang, vendor_name=vendor)
            self.burnup.value = figure_png(fig, dpi=100)
            self._drawn["burnup"] = burnup_key

    def build_downloads(self, rollout: RolloutFile) -> None:
        """The checklist workbook and the calendar as links, rebuilt only when the plan changed."""
        today, lang = self.today, self.lang
        audit = read_audit(self.folder)
        key = (rollout.model_dump_json(), today, lang, len(audit))
        if self._drawn.get("downloads") == key:
            return
        client = self.engagement.settings.client
        vendor = self.vendor_name(rollout.vendor)
        self.downloads.value = H.downloads_html(
            self.folder, rollout, audit, today=today, lang=lang, client=client, vendor=vendor
        )
        self._drawn["downloads"] = key

    # --- saving -----------------------------------------------------------------------------

    def generate(self) -> None:
        """(Re)generate the plan for the chosen vendor from the engagement as it is on disk now."""
        self.engagement = load_engagement(self.folder)  # the workshop may have changed a grade
        vendor = self.vendor_field.value
        old = read_rollout(self.folder)
        plan = generate_plan(self.engagement, vendor)
        changes = save_plan(self.folder, plan, self.by)
        self.rollout = read_rollout(self.folder)
        self._fill_vendors()
        self.refresh()
        text, kind = W.plan_text(old, plan, changes, self.vendor_name(vendor), self.lang)
        self.say(text, kind)

    def _on_task_edit(self, task_id: str, field: str, value: object) -> None:
        if self._syncing:
            return
        edit: dict[str, Any] = {field: value}  # status, owner or note, as the widget holds it
        self._save(lambda: update_task(self.folder, task_id, **edit, by=self.by))

    def _on_kpi_edit(self, kpi_id: str, field: str, value: object) -> None:
        if self._syncing:
            return
        try:
            figure = W.parse_figure(str(value), kpi_id, field, self.lang)
        except InvalidInput:
            self.reload()  # the box shows the file's figure again
            raise
        self._save(lambda: update_kpi(self.folder, kpi_id, **{field: figure}, by=self.by))

    def _save(self, write) -> None:
        """Write one change, then show the file as it now is (saved or not, so no editor lies)."""
        try:
            entries = write()
        finally:
            self.reload()
        if not entries or self.rollout is None:  # None: the plan was removed meanwhile
            return
        self.say(W.saved_text(entries, self.rollout, f"{dt.datetime.now():%H:%M:%S}", self.lang), "ok")

    # --- under nbval ------------------------------------------------------------------------

    def self_check(self) -> None:
        """The page built from the demo shows the file: the vendor to plan, or one row per task."""
        assert self.vendor_field.value in self.engagement.vendors, self.vendor_field.value
        if self.rollout is None:
            assert self.no_plan in self.body.children and self.tabs not in self.body.children
            assert self.generate_button.description == label("tr_generate", self.lang)
            plan = generate_plan(self.engagement, self.vendor_field.value)  # what the button would save
            assert plan.tasks and all(t.status == "todo" for t in plan.tasks)
            return
        assert set(self._rows) == {t.id for t in self.rollout.tasks}
        for task in self.rollout.tasks:
            assert self._rows[task.id].status.value == task.status
        assert "None" not in self.summary.value and "crm-tr-overall" in self.summary.value
