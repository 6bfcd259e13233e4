"""The scorecard's left column: the criterion weights, the vendors and editions compared, and
the buttons that save the what-if into engagement.yaml or undo it.

Widgets only: each input calls one of the page's handlers, which rescore; `show` puts a scenario
back into the inputs without firing them.
"""

from __future__ import annotations

import ipywidgets as w

from ..files._i18n import label
from ..model.schema import CRITERIA, Weights, text_of
from ._scorecard_host import ScorecardHost
from ._scorecard_store import Scenario
from ._shell import escape, html_widget, read_only

#: the settings a save writes, by the catalog word that names them
SETTING_NAME = {
    "weights": "weights_used",
    "editions": "editions",
    "users": "users",
    "horizon_years": "rpt_horizon",
    "discount_rate": "rpt_discount_rate",
}


def settings_named(changed, lang: str) -> str:
    return label("rpt_list_sep", lang).join(label(SETTING_NAME[k], lang) for k in changed)


class ScenarioControls:
    """Sliders that always sum to 100, a tick and an edition per shortlisted vendor, save and undo."""

    def __init__(self, page: ScorecardHost) -> None:
        self.page = page
        g = page.guard
        self.sliders: dict[str, w.IntSlider] = {}
        for c in CRITERIA:
            slider = w.IntSlider(
                min=0,
                max=100,
                continuous_update=False,  # one rescore when the handle is let go, not one per pixel
                style={"description_width": "96px"},
                layout=w.Layout(width="100%"),
            )
            slider.add_class(f"sc-weight-{c}")
            slider.observe(g(lambda change, c=c: page.on_weight(c, change["new"])), "value")
            self.sliders[c] = slider
        self.weights_note = html_widget("sc-weights-note")
        self.checks: dict[str, w.Checkbox] = {}
        self.editions: dict[str, w.Dropdown] = {}
        rows = []
        for v in page.disk.shortlist:
            check = w.Checkbox(value=True, indent=False, layout=w.Layout(width="172px"))
            check.add_class(f"sc-compare-{v}")
            check.observe(g(lambda change, v=v: page.on_compare(v, change["new"])), "value")
            editions = page.disk.vendors[v].editions
            pick = w.Dropdown(
                options=[(e.id, e.id) for e in editions],
                disabled=len(editions) < 2,
                layout=w.Layout(width="206px"),
            )
            pick.add_class(f"sc-edition-{v}")
            pick.observe(g(lambda change, v=v: page.on_edition(v, change["old"], change["new"])), "value")
            self.checks[v], self.editions[v] = check, pick
            rows.append(w.HBox([check, pick], layout=w.Layout(align_items="center")))
        self.save = w.Button(button_style="primary", icon="save", layout=w.Layout(width="auto"))
        self.save.add_class("sc-save")
        self.save.on_click(g(page.on_save))
        self.undo = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.undo.add_class("sc-revert")
        self.undo.on_click(g(page.on_revert))
        self.unsaved = html_widget("sc-unsaved")
        self.texts = {key: w.HTML() for key in ("sc_weights", "sc_weights_note", "sc_compare", "sc_compare_note")}
        t = self.texts
        self.widget = w.VBox(
            [
                t["sc_weights"],
                t["sc_weights_note"],
                *self.sliders.values(),
                self.weights_note,
                t["sc_compare"],
                t["sc_compare_note"],
                *rows,
                *(() if read_only() else (w.HBox([self.save, self.undo], layout=w.Layout(margin="12px 0 0 0")),)),
                self.unsaved,
            ],
            layout=w.Layout(width="420px", flex="0 0 420px"),
        )
        self.widget.add_class("crm-sc-controls")

    def relabel(self) -> None:
        page, lang = self.page, self.page.lang
        for key, widget in self.texts.items():
            cls = "crm-note" if key.endswith("_note") else "crm-section"
            widget.value = f'<div class="{cls}">{escape(label(key, lang))}</div>'
        for c, slider in self.sliders.items():
            slider.description = label(c, lang)
        with page.quiet():
            for v, check in self.checks.items():
                check.description = page.vendor_name(v)
                pick = self.editions[v]
                pick.options = [(text_of(e.name, lang) or e.id, e.id) for e in page.disk.vendors[v].editions]
                pick.value = page.scenario.editions[v]
        self.save.description = label("sc_save", lang)
        self.undo.description = label("sc_revert", lang)

    def show(self, scenario: Scenario) -> None:
        """The scenario in the inputs (after a load, a refused change, a save or an undo)."""
        with self.page.quiet():
            for c, value in scenario.shown_weights(self.page.disk).items():
                self.sliders[c].value = value
            for v, check in self.checks.items():
                check.value = v in scenario.compared
                self.editions[v].value = scenario.editions[v]

    def show_weights(self, weights: Weights) -> None:
        with self.page.quiet():
            for c, slider in self.sliders.items():
                slider.value = int(weights[c])

    def show_state(self, changed: dict, can_undo: bool, weights_line: str) -> None:
        """What a save would write (or that the page shows the files), and the normalised weights."""
        lang = self.page.lang
        self.weights_note.value = f'<div class="crm-note">{weights_line}</div>'
        if read_only():  # an executive's server: a what-if, never saved
            self.unsaved.value = f'<div class="crm-note sc-read-only">{escape(label("sc_read_only", lang))}</div>'
        elif changed:
            text = label("sc_unsaved", lang, what=settings_named(changed, lang))
            self.unsaved.value = f'<div class="crm-warning">{escape(text)}</div>'
        else:
            self.unsaved.value = f'<div class="crm-note">{escape(label("sc_saved_state", lang))}</div>'
        self.save.disabled = not changed
        self.undo.disabled = not can_undo
