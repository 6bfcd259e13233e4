"""The executive scorecard app: the ranking an executive decides on, and what it rests on.

Weights, the vendors compared and their editions, users, horizon and discount rate form a what-if
over the engagement on disk (`_scorecard_store.Scenario`); every change rescores with the pure
`toolkit.scoring.score` and redraws the ranking. Nothing is kept that is not on disk: "Save"
writes the changed settings into engagement.yaml, and a rating override goes into
evaluations.yaml with its evidence, both checked first and written atomically.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as w

from ..files._i18n import label
from ..files._problems import ToolkitError
from ..model._engagement import load_engagement
from ..model.schema import Weights, text_of
from ..scoring import score
from ._scorecard_charts import chart_png
from ._scorecard_controls import ScenarioControls, settings_named
from ._scorecard_evidence import EvidenceForm
from ._scorecard_robust import ReportPanel, RobustnessPanel
from ._scorecard_room import room_html
from ._scorecard_store import Scenario, apply, changes, check_settings, save_settings
from ._scorecard_takes import takes_html
from ._scorecard_views import (
    STYLE,
    gaps_html,
    headline,
    preliminary_html,
    ranking_html,
    tco_html,
    value_note_html,
    viability_html,
    weights_line,
)
from ._shell import Page, error_lines, escape, html_widget, in_kernel, problems_html, read_only

DEFER_S = 0.05  # the open tab redraws this long after the last change (its charts take 0.1-0.4 s)
TABS = ("profiles", "gaps", "tco", "viability", "robustness", "takes", "room", "evidence", "report")
_TAB_TITLE = {
    "profiles": "sc_tab_profiles",
    "gaps": "must_gaps",
    "tco": "rpt_tco",
    "viability": "viability",
    "robustness": "rpt_sh_robustness",
    "takes": "takes_title",
    "room": "room_title",
    "evidence": "sc_tab_evidence",
    "report": "sc_tab_report",
}


def _image(cls: str) -> w.Image:
    image = w.Image(format="png")
    image.add_class(cls)
    image.add_class("crm-sc-img")
    return image


class ScorecardPage(Page):
    """Ranking, weights, TCO, viability, robustness, rating overrides and the report download."""

    title_key = "app_scorecard"
    read_only_ok = True  # on a read-only server: no save, no override form

    def __init__(self, folder: Path, lang: str = "en") -> None:
        super().__init__(lang)
        self.folder = folder
        self.disk = load_engagement(folder)
        self.scenario = Scenario.of(self.disk)
        self.engagement = apply(self.disk, self.scenario)
        self.card = score(self.engagement)
        self.last_redraw_ms = 0.0  # value change -> ranking, headline and contribution bars set
        self.last_full_redraw_ms = 0.0  # ... and the open tab's charts and tables
        self._quiet_depth = 0
        self._pending: asyncio.TimerHandle | None = None  # the open tab's redraw, waiting for the kernel to be idle
        self._stale: set[str] = set(TABS)
        self._texts: list[tuple[w.HTML, str, str]] = []  # (widget, message key, css class)
        self._build()
        self.show_title()
        self.relabel()

    # --- building ------------------------------------------------------------------------------

    def _text(self, key: str, cls: str = "crm-section") -> w.HTML:
        """A heading or note that only says `key`'s words (redrawn by `relabel`)."""
        widget = w.HTML()
        self._texts.append((widget, key, cls))
        return widget

    def _build(self) -> None:
        g = self.guard
        self.controls = ScenarioControls(self)
        self.prelim, self.headline, self.ranking, self.ranking_note = (
            html_widget("sc-prelim"),  # the banner of a preliminary scorecard, else empty
            html_widget("sc-headline"),
            html_widget("sc-ranking"),
            html_widget("sc-note"),
        )
        self.contributions = _image("sc-chart-contributions")
        main = w.VBox(
            [self.prelim, self.headline, self.ranking, self.ranking_note, self._text("rpt_contributions")]
            + [self.contributions],
            layout=w.Layout(flex="1 1 auto", margin="0 0 0 24px", min_width="0"),
        )
        top = w.HBox([self.controls.widget, main], layout=w.Layout(align_items="flex-start"))

        self.radar, self.value_chart = _image("sc-chart-radar"), _image("sc-chart-value")
        self.value_note = html_widget("sc-value-note")
        profiles = w.VBox(
            [
                self._text("rpt_profile"),
                self.radar,
                self._text("rpt_profile_note", "crm-note"),
                self._text("rpt_value"),
                self.value_chart,
                self.value_note,
            ]
        )
        self.gaps = html_widget("sc-gaps")

        def box() -> w.Layout:
            return w.Layout(width="230px", margin="0 28px 0 0")

        initial = {"description_width": "initial"}
        self.users = w.BoundedIntText(min=1, max=1_000_000, style=initial, layout=box())
        self.horizon = w.BoundedIntText(min=1, max=10, style=initial, layout=box())
        self.discount = w.BoundedFloatText(min=0, max=50, step=0.5, style=initial, layout=box())
        for widget, name in ((self.users, "users"), (self.horizon, "horizon"), (self.discount, "discount")):
            widget.add_class(f"sc-{name}")
            widget.observe(g(self._on_costs), "value")
        self.tco_chart, self.tco_table = _image("sc-chart-tco"), html_widget("sc-tco")
        tco = w.VBox(
            [
                w.HBox([self.users, self.horizon, self.discount]),
                self._text("sc_tco_help", "crm-note"),
                self._text("rpt_tco_by_component"),
                self.tco_chart,
                self.tco_table,
            ]
        )
        self.viability_pick = w.ToggleButtons(style={"button_width": "auto"})
        self.viability_pick.add_class("sc-viability-pick")
        self.viability_pick.observe(g(lambda _: self._draw_viability()), "value")
        self.viability = html_widget("sc-viability")
        viability = w.VBox([self._text("rpt_viability_note", "crm-note"), self.viability_pick, self.viability])
        self.robustness = RobustnessPanel(self)
        self.takes = html_widget("sc-takes")
        self.room = html_widget("sc-room")
        self.evidence = EvidenceForm(self)
        self.report = ReportPanel(self, self.robustness)
        panels = {
            "profiles": profiles,
            "gaps": self.gaps,
            "tco": tco,
            "viability": viability,
            "robustness": self.robustness.widget,
            "takes": self.takes,
            "room": self.room,
            "evidence": self.evidence.widget,
            "report": self.report.widget,
        }
        self.tabs = w.Tab(children=[panels[t] for t in TABS])
        self.tabs.add_class("crm-sc-tabs")
        self.tabs.observe(g(lambda _: self._draw_tab()), "selected_index")
        self.body.children = [w.HTML(STYLE), top, self.tabs]
        self._show_inputs()

    # --- the frame -----------------------------------------------------------------------------

    def heading(self) -> tuple[str, str]:
        s = self.disk.settings
        return label(self.title_key, self.lang), " · ".join(x for x in (s.client, text_of(s.title, self.lang)) if x)

    def relabel(self) -> None:
        lang = self.lang
        for widget, key, cls in self._texts:
            widget.value = f'<div class="{cls}">{escape(label(key, lang))}</div>'
        self.users.description = label("users", lang)
        self.horizon.description = label("sc_horizon_years", lang)
        self.discount.description = label("sc_discount_pct", lang)
        self.tabs.titles = tuple(label(_TAB_TITLE[t], lang) for t in TABS)
        for part in (self.controls, self.robustness, self.evidence, self.report):
            part.relabel()
        self._draw_scorecard()
        self._stale = set(TABS)
        self._draw_tab()

    def vendor_name(self, vendor: str) -> str:
        return text_of(self.disk.vendors[vendor].name, self.lang) or vendor

    @contextmanager
    def quiet(self):
        """Set widget values without their observers rescoring (the page is moving them)."""
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1

    def _show_inputs(self) -> None:
        sc = self.scenario
        self.controls.show(sc)
        with self.quiet():
            self.users.value = sc.users
            self.horizon.value = sc.horizon_years
            self.discount.value = round(sc.discount_rate * 100, 4)

    # --- redrawing -----------------------------------------------------------------------------

    def _rescore(self) -> None:
        """Score the scenario and redraw: the ranking now, the open tab once the kernel is idle."""
        start = time.perf_counter()
        engagement = apply(self.disk, self.scenario)
        card = score(engagement)
        self.engagement, self.card = engagement, card
        self.robustness.forget()
        self.report.clear()
        self._draw_scorecard()
        self.last_redraw_ms = (time.perf_counter() - start) * 1000
        self._stale = set(TABS)

        def rest() -> None:
            self._draw_tab()
            self.last_full_redraw_ms = (time.perf_counter() - start) * 1000

        self._soon(rest)

    def _soon(self, job) -> None:
        """Run `job` once the kernel is idle again, so the ranking reaches the screen first and a
        burst of changes draws the open tab once; at once outside a kernel (tests, scripts), where
        an event loop that seems to run may be someone else's (Playwright's, in the test suite)."""
        try:
            loop = asyncio.get_running_loop() if in_kernel() else None
        except RuntimeError:
            loop = None
        if loop is None:
            job()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(DEFER_S, self.guard(job))

    def _draw_scorecard(self) -> None:
        card, lang = self.card, self.lang
        self.prelim.value = preliminary_html(card, lang)
        self.headline.value = f'<div class="crm-sc-headline">{headline(card, lang)}</div>'
        self.ranking.value = ranking_html(card, self.engagement, lang)
        self.ranking_note.value = f'<div class="crm-note">{escape(label(f"rpt_ko_note_{card.knockout}", lang))}</div>'
        self.contributions.value = chart_png("contributions", self.engagement, card, lang)
        changed = changes(self.disk, self.scenario)
        can_undo = bool(changed) or self.scenario.compared != tuple(self.disk.shortlist)
        self.controls.show_state(changed, can_undo, weights_line(card, lang))

    def _draw_tab(self) -> None:
        index = self.tabs.selected_index
        tab = TABS[index] if index is not None else None
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        card, lang, engagement = self.card, self.lang, self.engagement
        if tab == "profiles":
            self.radar.value = chart_png("radar", engagement, card, lang)
            self.value_chart.value = chart_png("value", engagement, card, lang)
            self.value_note.value = value_note_html(card, engagement, lang)
        elif tab == "gaps":
            self.gaps.value = gaps_html(card, engagement, lang)
        elif tab == "tco":
            self.tco_chart.value = chart_png("tco", engagement, card, lang)
            self.tco_table.value = tco_html(card, engagement, lang)
        elif tab == "viability":
            with self.quiet():
                current = self.viability_pick.value
                self.viability_pick.options = [(card.name(v, lang), v) for v in card.vendors]
                self.viability_pick.value = current if current in card.vendors else card.vendors[0]
            self._draw_viability()
        elif tab == "robustness":
            self.robustness.draw()
        elif tab == "takes":
            self.takes.value = takes_html(card, lang)
        elif tab == "room":
            self.room.value = room_html(card, engagement, lang)
        elif tab == "evidence":
            self.evidence.refresh()

    def _draw_viability(self) -> None:
        if not self._quiet_depth and self.viability_pick.value is not None:
            self.viability.value = viability_html(self.card, self.engagement, self.viability_pick.value, self.lang)

    def mark_stale(self, tab: str) -> None:
        """Draw `tab` again when it is next opened."""
        self._stale.add(tab)

    # --- what the user changes -----------------------------------------------------------------

    def _change(self, **update) -> None:
        """Rescore with the change; a change the scoring refuses is undone (its problems shown)."""
        self.say("")
        before = self.scenario
        self.scenario = dataclasses.replace(before, **update)
        try:
            self._rescore()
        except Exception:
            self.scenario = before
            self._show_inputs()
            raise

    def on_weight(self, criterion: str, value: int) -> None:
        if self._quiet_depth:
            return
        weights = Weights(**self.scenario.shown_weights(self.disk).rebalanced(criterion, value))
        self.controls.show_weights(weights)
        self._change(weights=weights)

    def on_compare(self, vendor: str, ticked: bool) -> None:
        if self._quiet_depth:
            return
        compared = tuple(v for v in self.disk.shortlist if self.controls.checks[v].value)
        if not compared:
            with self.quiet():
                self.controls.checks[vendor].value = True
            self.say(label("sc_need_one_vendor", self.lang), "warning")
            return
        self._change(compared=compared)

    def on_edition(self, vendor: str, old: str, new: str) -> None:
        if self._quiet_depth:
            return
        editions = {**self.scenario.editions, vendor: new}
        try:  # an edition the engagement's quotes or rates do not fit is refused here, not at save
            check_settings(self.disk, {"editions": editions})
        except ToolkitError:
            with self.quiet():
                self.controls.editions[vendor].value = old
            raise
        self._change(editions=editions)

    def _on_costs(self, _change) -> None:
        if self._quiet_depth:
            return
        self._change(
            users=int(self.users.value),
            horizon_years=int(self.horizon.value),
            discount_rate=round(float(self.discount.value) / 100, 6),
        )

    def on_save(self, _button=None) -> None:
        if read_only():
            raise ToolkitError(label("sc_read_only", self.lang))
        changed = changes(self.disk, self.scenario)
        if not changed:
            self.say(label("sc_nothing_to_save", self.lang))
            return
        path = save_settings(self.disk, changed)
        self.reload()
        self.say(label("sc_saved", self.lang, what=settings_named(changed, self.lang), file=path.name), "ok")

    def on_revert(self, _button=None) -> None:
        self.disk = load_engagement(self.folder)
        self.scenario = Scenario.of(self.disk)
        self._show_inputs()
        self._rescore()
        self.say(label("sc_reverted", self.lang), "ok")

    def reload(self) -> None:
        """Read the engagement again after a write; the unsaved what-ifs stay as they are."""
        self.disk = load_engagement(self.folder)
        self._rescore()

    def show_problems_in(self, target: w.HTML, error: BaseException) -> None:
        """Problems shown next to the form that caused them (the top of the page may be out of view)."""
        target.value = problems_html(error_lines(error), self.lang)

    # --- nbval ---------------------------------------------------------------------------------

    def self_check(self) -> None:
        card = self.card
        assert sum(s.value for s in self.controls.sliders.values()) == 100, "the weights must sum to 100"
        assert list(card.vendors) and set(card.vendors) == set(self.scenario.compared)
        assert self.ranking.value.count('class="sc-row') == len(card.vendors)
        assert self.contributions.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert self.radar.value[:4] == b"\x89PNG" and self.value_chart.value[:4] == b"\x89PNG"
        for widget in (self.headline, self.ranking, self.ranking_note, self.controls.weights_note):
            assert "None" not in widget.value and "nan" not in widget.value, widget.value
        assert self.tabs.titles and all(self.tabs.titles)
