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
import io
import time
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as w

from .._engagement import load_engagement
from .._i18n import label
from .._problems import ToolkitError
from ..report import report_html, report_xlsx
from ..report._facts import gather
from ..schema import text_of
from ..scoring import CRITERIA, score, sensitivity
from ._scorecard_charts import chart_png, report_data
from ._scorecard_evidence import EvidenceForm
from ._scorecard_store import Scenario, apply, changes, check_settings, rebalance, save_settings
from ._scorecard_views import (
    STYLE,
    gaps_html,
    headline,
    ranking_html,
    robustness_html,
    tco_html,
    viability_html,
    weights_line,
)
from ._shell import Page, download_link, error_lines, escape, problems_html

SAMPLES = 10_000  # weight samples of the robustness analysis (the report's default)
SEED = 0
DEFER_S = 0.05  # the open tab redraws this long after the last change (its charts take 0.1-0.4 s)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABS = ("profiles", "gaps", "tco", "viability", "robustness", "evidence", "report")
_TAB_TITLE = {
    "profiles": "sc_tab_profiles",
    "gaps": "must_gaps",
    "tco": "rpt_tco",
    "viability": "viability",
    "robustness": "rpt_sh_robustness",
    "evidence": "sc_tab_evidence",
    "report": "sc_tab_report",
}
_SETTING_NAME = {
    "weights": "weights_used",
    "editions": "editions",
    "users": "users",
    "horizon_years": "rpt_horizon",
    "discount_rate": "rpt_discount_rate",
}


def _html(cls: str) -> w.HTML:
    widget = w.HTML()
    widget.add_class(cls)
    return widget


class ScorecardPage(Page):
    """Ranking, weights, TCO, viability, robustness, rating overrides and the report download."""

    title_key = "app_scorecard"

    def __init__(self, folder: Path, lang: str = "en") -> None:
        super().__init__(lang)
        self.folder = folder
        self.disk = load_engagement(folder)
        self.scenario = Scenario.of(self.disk)
        self.engagement = apply(self.disk, self.scenario)
        self.card = score(self.engagement)
        self.robust = None  # ReportData with the sensitivity runs, for the current scorecard only
        self.last_redraw_ms = 0.0  # value change -> ranking, headline and contribution bars on the page
        self.last_full_redraw_ms = 0.0  # ... and the open tab's charts and tables
        self._quiet_depth = 0
        self._pending = None  # the open tab's redraw, waiting for the kernel to be idle
        self._stale: set[str] = set(TABS)
        self._headings: list[tuple[w.HTML, str]] = []
        self._build()
        self.show_title()
        self.relabel()

    # --- building ------------------------------------------------------------------------------

    def _heading(self, key: str) -> w.HTML:
        widget = _html("crm-sc-heading")
        self._headings.append((widget, key))
        return widget

    def _build(self) -> None:
        g = self.guard
        self.style = w.HTML(STYLE)
        self.sliders = {}
        for c in CRITERIA:
            slider = w.IntSlider(
                min=0,
                max=100,
                step=1,
                continuous_update=False,
                style={"description_width": "96px"},
                layout=w.Layout(width="100%"),
            )
            slider.add_class(f"sc-weight-{c}")
            slider.criterion = c
            slider.observe(g(self._on_weight), "value")
            self.sliders[c] = slider
        self.weights_note = _html("sc-weights-note")
        self.checks, self.edition_picks, rows = {}, {}, []
        for v in self.disk.shortlist:
            check = w.Checkbox(value=True, indent=False, layout=w.Layout(width="172px"))
            check.add_class(f"sc-compare-{v}")
            check.observe(g(self._on_compare), "value")
            profile = self.disk.vendors[v]
            pick = w.Dropdown(
                options=[(e.id, e.id) for e in profile.editions],
                value=self.scenario.editions[v],
                disabled=len(profile.editions) < 2,
                layout=w.Layout(width="206px"),
            )
            pick.add_class(f"sc-edition-{v}")
            pick.vendor = v
            pick.observe(g(self._on_edition), "value")
            self.checks[v], self.edition_picks[v] = check, pick
            rows.append(w.HBox([check, pick], layout=w.Layout(align_items="center")))
        self.save_button = w.Button(button_style="primary", icon="save", layout=w.Layout(width="auto"))
        self.save_button.add_class("sc-save")
        self.save_button.on_click(g(self._on_save))
        self.revert_button = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.revert_button.add_class("sc-revert")
        self.revert_button.on_click(g(self._on_revert))
        self.unsaved = _html("sc-unsaved")
        controls = w.VBox(
            [
                self._heading("sc_weights"),
                (weights_help := _html("crm-note-box")),
                *self.sliders.values(),
                self.weights_note,
                self._heading("sc_compare"),
                (compare_help := _html("crm-note-box")),
                *rows,
                w.HBox([self.save_button, self.revert_button], layout=w.Layout(margin="12px 0 0 0")),
                self.unsaved,
            ],
            layout=w.Layout(width="420px", flex="0 0 420px"),
        )
        controls.add_class("crm-sc-controls")
        self._helps = [(weights_help, "sc_weights_note"), (compare_help, "sc_compare_note")]

        self.headline = _html("sc-headline")
        self.ranking = _html("sc-ranking")
        self.contributions = w.Image(format="png")
        self.contributions.add_class("sc-chart-contributions")
        self.contributions.add_class("crm-sc-img")
        self.ranking_note = _html("sc-ranking-note")
        main = w.VBox(
            [self.headline, self.ranking, self.ranking_note, self._heading("rpt_contributions"), self.contributions],
            layout=w.Layout(flex="1 1 auto", margin="0 0 0 24px", min_width="0"),
        )
        top = w.HBox([controls, main], layout=w.Layout(align_items="flex-start"))

        # profiles and value for money
        self.radar = w.Image(format="png")
        self.radar.add_class("sc-chart-radar")
        self.value_chart = w.Image(format="png")
        self.value_chart.add_class("sc-chart-value")
        self.radar_note, self.value_note = _html("sc-radar-note"), _html("sc-value-note")
        for image in (self.radar, self.value_chart):
            image.add_class("crm-sc-img")
        profiles = w.VBox(
            [
                self._heading("rpt_profile"),
                self.radar,
                self.radar_note,
                self._heading("rpt_value"),
                self.value_chart,
                self.value_note,
            ]
        )
        # must-have gaps
        self.gaps = _html("sc-gaps")
        # TCO
        desc = {"description_width": "initial"}

        def box() -> w.Layout:
            return w.Layout(width="230px", margin="0 28px 0 0")

        self.users = w.BoundedIntText(min=1, max=1_000_000, style=desc, layout=box())
        self.horizon = w.BoundedIntText(min=1, max=10, style=desc, layout=box())
        self.discount = w.BoundedFloatText(min=0, max=50, step=0.5, style=desc, layout=box())
        for widget, name in ((self.users, "users"), (self.horizon, "horizon"), (self.discount, "discount")):
            widget.add_class(f"sc-{name}")
            widget.observe(g(self._on_costs), "value")
        self.tco_help = _html("sc-tco-help")
        self.tco_chart = w.Image(format="png")
        self.tco_chart.add_class("sc-chart-tco")
        self.tco_chart.add_class("crm-sc-img")
        self.tco_table = _html("sc-tco")
        tco = w.VBox(
            [
                w.HBox([self.users, self.horizon, self.discount]),
                self.tco_help,
                self._heading("rpt_tco_by_component"),
                self.tco_chart,
                self.tco_table,
            ]
        )
        # viability
        self.viability_pick = w.ToggleButtons(style={"button_width": "auto"})
        self.viability_pick.add_class("sc-viability-pick")
        self.viability_pick.observe(g(lambda _: self._draw_viability()), "value")
        self.viability_help = _html("sc-viability-help")
        self.viability = _html("sc-viability")
        viability = w.VBox([self.viability_help, self.viability_pick, self.viability])
        # robustness
        self.robust_button = w.Button(
            button_style="primary", icon="play", layout=w.Layout(width="auto", align_self="center")
        )
        self.robust_button.add_class("sc-robust-run")
        self.robust_button.on_click(g(self._on_robustness))
        self.progress = w.IntProgress(min=0, max=SAMPLES, layout=w.Layout(width="320px", margin="6px 12px"))
        self.progress.add_class("sc-progress")
        self.robust_help = _html("sc-robust-help")
        self.robustness = _html("sc-robustness")
        robustness = w.VBox([self.robust_help, w.HBox([self.robust_button, self.progress]), self.robustness])
        # rating overrides
        self.evidence = EvidenceForm(self)
        # report
        self.report_button = w.Button(
            button_style="primary", icon="file-text-o", layout=w.Layout(width="auto", align_self="flex-start")
        )
        self.report_button.add_class("sc-report-make")
        self.report_button.on_click(g(self._on_report))
        self.report_help = _html("sc-report-help")
        self.report_links = _html("sc-report-links")
        report = w.VBox([self.report_help, self.report_button, self.report_links])

        self.panels = {
            "profiles": profiles,
            "gaps": self.gaps,
            "tco": tco,
            "viability": viability,
            "robustness": robustness,
            "evidence": self.evidence.widget,
            "report": report,
        }
        self.tabs = w.Tab(children=[self.panels[t] for t in TABS])
        self.tabs.add_class("crm-sc-tabs")
        self.tabs.observe(g(lambda _: self._draw_tab()), "selected_index")
        self.body.children = [self.style, top, self.tabs]
        self._sync_inputs()

    # --- the frame -----------------------------------------------------------------------------

    def heading(self) -> tuple[str, str]:
        s = self.disk.settings
        title = text_of(s.title, self.lang)
        return label(self.title_key, self.lang), " · ".join(x for x in (s.client, title) if x)

    def relabel(self) -> None:
        lang = self.lang
        for widget, key in self._headings:
            widget.value = f'<div class="crm-section">{escape(label(key, lang))}</div>'
        for widget, key in self._helps:
            widget.value = f'<div class="crm-note">{escape(label(key, lang))}</div>'
        for c, slider in self.sliders.items():
            slider.description = label(c, lang)
            slider.description_allow_html = False
        with self._quiet():
            for v, check in self.checks.items():
                check.description = self.card_name(v)
                pick = self.edition_picks[v]
                profile = self.disk.vendors[v]
                pick.options = [(text_of(e.name, lang) or e.id, e.id) for e in profile.editions]
                pick.value = self.scenario.editions[v]
        self.save_button.description = label("sc_save", lang)
        self.revert_button.description = label("sc_revert", lang)
        self.users.description = label("users", lang)
        self.horizon.description = label("sc_horizon_years", lang)
        self.discount.description = label("sc_discount_pct", lang)
        self.tco_help.value = f'<div class="crm-note">{escape(label("sc_tco_help", lang))}</div>'
        self.viability_help.value = f'<div class="crm-note">{escape(label("rpt_viability_note", lang))}</div>'
        self.robust_button.description = label("sc_robust_run", lang)
        self.robust_help.value = (
            f'<div class="crm-note">{escape(label("sc_robust_help", lang, samples=f"{SAMPLES:,}"))}</div>'
        )
        self.report_button.description = label("sc_report_make", lang)
        self.report_help.value = f'<div class="crm-note">{escape(label("sc_report_help", lang))}</div>'
        self.tabs.titles = tuple(label(_TAB_TITLE[t], lang) for t in TABS)
        self.evidence.relabel()
        self.report_links.value = ""
        self._redraw()

    def card_name(self, vendor: str) -> str:
        return text_of(self.disk.vendors[vendor].name, self.lang) or vendor

    @contextmanager
    def _quiet(self):
        """Set widget values without their observers rescoring (the page is moving them)."""
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1

    def _sync_inputs(self) -> None:
        """Show the scenario in the inputs (after a load, a save or a revert)."""
        sc = self.scenario
        with self._quiet():
            for c, value in sc.shown_weights(self.disk).items():
                self.sliders[c].value = value
            for v, check in self.checks.items():
                check.value = v in sc.compared
                self.edition_picks[v].value = sc.editions[v]
            self.users.value = sc.users
            self.horizon.value = sc.horizon_years
            self.discount.value = round(sc.discount_rate * 100, 4)

    # --- redrawing -----------------------------------------------------------------------------

    def _rescore(self) -> None:
        """Score the scenario and redraw; the timings are kept for the tests and the report."""
        start = time.perf_counter()
        engagement = apply(self.disk, self.scenario)
        card = score(engagement)
        self.engagement, self.card = engagement, card
        self.robust = None
        self._draw_scorecard()
        self._show_unsaved()
        self.last_redraw_ms = (time.perf_counter() - start) * 1000
        self._stale = set(TABS)

        def rest() -> None:
            self._draw_tab()
            self.last_full_redraw_ms = (time.perf_counter() - start) * 1000

        self._soon(rest)

    def _soon(self, job) -> None:
        """Run `job` once the kernel is idle again, so the ranking reaches the screen first and a
        burst of changes draws the open tab once; at once where no event loop runs (tests, nbval)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            job()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(DEFER_S, self.guard(job))

    def _redraw(self) -> None:
        self._draw_scorecard()
        self._stale = set(TABS)
        self._draw_tab()
        self._show_unsaved()

    def _draw_scorecard(self) -> None:
        card, lang = self.card, self.lang
        self.headline.value = f'<div class="crm-sc-headline">{headline(card, lang)}</div>'
        self.ranking.value = ranking_html(card, self.engagement, lang)
        self.ranking_note.value = f'<div class="crm-note">{escape(label(f"rpt_ko_note_{card.knockout}", lang))}</div>'
        self.weights_note.value = f'<div class="crm-note">{weights_line(card, lang)}</div>'
        self.contributions.value = chart_png("contributions", self.engagement, card, lang)

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
            self.radar_note.value = f'<div class="crm-note">{escape(label("rpt_profile_note", lang))}</div>'
            data = report_data(engagement, card)
            names = label("rpt_list_sep", lang).join(card.name(v, lang) for v in data.pareto_front())
            note = label("rpt_value_note", lang, years=engagement.settings.horizon_years, names=names)
            self.value_note.value = f'<div class="crm-note">{escape(note)}</div>'
        elif tab == "gaps":
            self.gaps.value = gaps_html(card, engagement, lang)
        elif tab == "tco":
            self.tco_chart.value = chart_png("tco", engagement, card, lang)
            self.tco_table.value = tco_html(card, engagement, lang)
        elif tab == "viability":
            with self._quiet():
                current = self.viability_pick.value
                self.viability_pick.options = [(card.name(v, lang), v) for v in card.vendors]
                self.viability_pick.value = current if current in card.vendors else card.vendors[0]
            self._draw_viability()
        elif tab == "robustness":
            self._draw_robustness()
        elif tab == "evidence":
            self.evidence.refresh()

    def _draw_viability(self) -> None:
        if self._quiet_depth:
            return
        vendor = self.viability_pick.value
        if vendor is not None:
            self.viability.value = viability_html(self.card, self.engagement, vendor, self.lang)

    def _draw_robustness(self) -> None:
        if self.robust is None:
            self.progress.layout.visibility = "hidden"
            self.robustness.value = (
                f'<p class="crm-note sc-robust-empty">{escape(label("sc_robust_none", self.lang))}</p>'
            )
            return
        self.robustness.value = robustness_html(self.robust, self.lang)

    def _show_unsaved(self) -> None:
        changed = changes(self.disk, self.scenario)
        lang = self.lang
        if changed:
            what = label("rpt_list_sep", lang).join(label(_SETTING_NAME[k], lang) for k in changed)
            text = label("sc_unsaved", lang, what=what)
            self.unsaved.value = f'<div class="crm-warning">{escape(text)}</div>'
        else:
            self.unsaved.value = f'<div class="crm-note">{escape(label("sc_saved_state", lang))}</div>'
        self.save_button.disabled = not changed
        self.revert_button.disabled = not changed and self.scenario.compared == tuple(self.disk.shortlist)
        self.report_links.value = ""

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
            self._sync_inputs()
            raise

    def _on_weight(self, change) -> None:
        if self._quiet_depth:
            return
        moved = change["owner"].criterion
        weights = rebalance(self.scenario.shown_weights(self.disk), moved, change["new"])
        with self._quiet():
            for c, slider in self.sliders.items():
                slider.value = weights[c]
        self._change(weights=weights)

    def _on_compare(self, change) -> None:
        if self._quiet_depth:
            return
        compared = tuple(v for v in self.disk.shortlist if self.checks[v].value)
        if not compared:
            with self._quiet():
                change["owner"].value = True
            self.say(label("sc_need_one_vendor", self.lang), "warning")
            return
        self._change(compared=compared)

    def _on_edition(self, change) -> None:
        if self._quiet_depth:
            return
        vendor, edition = change["owner"].vendor, change["new"]
        editions = {**self.scenario.editions, vendor: edition}
        try:  # an edition the engagement's quotes or rates do not fit is refused here, not at save
            check_settings(self.disk, {"editions": editions})
        except ToolkitError:
            with self._quiet():
                change["owner"].value = change["old"]
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

    def _on_save(self, _button=None) -> None:
        changed = changes(self.disk, self.scenario)
        if not changed:
            self.say(label("sc_nothing_to_save", self.lang))
            return
        path = save_settings(self.disk, changed)
        self.reload()
        what = label("rpt_list_sep", self.lang).join(label(_SETTING_NAME[k], self.lang) for k in changed)
        self.say(label("sc_saved", self.lang, what=what, file=path.name), "ok")

    def _on_revert(self, _button=None) -> None:
        self.disk = load_engagement(self.folder)
        self.scenario = Scenario.of(self.disk)
        self._sync_inputs()
        self._rescore()
        self.say(label("sc_reverted", self.lang), "ok")

    def reload(self) -> None:
        """Read the engagement again after a write; the unsaved what-ifs stay as they are."""
        self.disk = load_engagement(self.folder)
        self._rescore()

    # --- robustness and the report -------------------------------------------------------------

    def _compute_robustness(self) -> None:
        card, engagement = self.card, self.engagement
        uncertainty = engagement.settings.uncertainty
        runs = 1 if uncertainty == "ratings" else 2
        self.progress.max = SAMPLES * runs
        self.progress.value = 0
        self.progress.layout.visibility = "visible"

        def feed(offset: int):
            return lambda done, _total: setattr(self.progress, "value", offset + done)

        sens = sensitivity(card, samples=SAMPLES, seed=SEED, uncertainty=uncertainty, progress=feed(0))
        unverified = sens
        if uncertainty != "ratings":
            unverified = sensitivity(card, samples=SAMPLES, seed=SEED, uncertainty="ratings", progress=feed(SAMPLES))
        self.robust = gather(engagement, card, sens, unverified=unverified)

    def _on_robustness(self, _button=None) -> None:
        self._compute_robustness()
        self._draw_robustness()

    def _on_report(self, _button=None) -> None:
        if self.robust is None:
            self._compute_robustness()
            self._stale.add("robustness")
        data, lang = self.robust, self.lang
        html = report_html(self.engagement, self.card, data.sens, lang, unverified=data.unverified)
        buf = io.BytesIO()
        report_xlsx(self.engagement, self.card, data.sens, lang, unverified=data.unverified).save(buf)
        name = f"scorecard-{self.folder.name}-{lang}"
        links = [
            download_link(html.encode("utf-8"), f"{name}.html", "text/html", label("sc_report_html", lang)),
            download_link(buf.getvalue(), f"{name}.xlsx", XLSX, label("sc_report_xlsx", lang)),
        ]
        self.report_links.value = f'<div class="crm-download sc-downloads">{"".join(links)}</div>'

    def show_problems_in(self, target: w.HTML, error: BaseException) -> None:
        """Problems shown next to the form that caused them (the top of the page may be out of view)."""
        target.value = problems_html(error_lines(error), self.lang)

    # --- nbval ---------------------------------------------------------------------------------

    def self_check(self) -> None:
        card = self.card
        assert sum(s.value for s in self.sliders.values()) == 100, "the weights must sum to 100"
        assert list(card.vendors) and set(card.vendors) == set(self.scenario.compared)
        assert self.ranking.value.count('class="sc-row') == len(card.vendors)
        assert self.contributions.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert self.radar.value[:4] == b"\x89PNG" and self.value_chart.value[:4] == b"\x89PNG"
        for widget in (self.headline, self.ranking, self.ranking_note, self.weights_note):
            assert "None" not in widget.value and "nan" not in widget.value, widget.value
        assert self.tabs.titles and all(self.tabs.titles)
