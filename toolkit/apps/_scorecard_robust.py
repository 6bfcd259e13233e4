"""The scorecard's robustness and report tabs: SMAA on a button press with its progress shown,
in the report's own sentences, and the report itself as HTML and xlsx downloads.

Both belong to the scorecard they were computed for: any change on the page forgets them, so an
executive never reads the robustness of other weights, or downloads a report of other settings.
"""

from __future__ import annotations

import io

import ipywidgets as w

from ..files._i18n import label
from ..report import report_html, report_xlsx
from ..report._facts import ReportData, gather
from ..scoring import sensitivity
from ._scorecard_host import ScorecardHost
from ._scorecard_views import robustness_html
from ._shell import XLSX_MIME, download_link, escape

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

SAMPLES = 10_000  # weight samples, as the report's default
SEED = 0


def _note(key: str, lang: str, **fields) -> str:
    return f'<div class="crm-note">{escape(label(key, lang, **fields))}</div>'


class RobustnessPanel:
    """Rank acceptability, stability and what rests on vendor claims, sampled on request."""

    def __init__(self, page: ScorecardHost) -> None:
        self.page = page
        self.data: ReportData | None = None  # the two sampling runs, for the page's scorecard only
        self.help = w.HTML()
        self.button = w.Button(button_style="primary", icon="play", layout=w.Layout(width="auto", align_self="center"))
        self.button.add_class("sc-robust-run")
        self.button.on_click(page.guard(self._on_run))
        self.progress = w.IntProgress(min=0, max=SAMPLES, layout=w.Layout(width="320px", margin="6px 12px"))
        self.progress.add_class("sc-progress")
        self.html = w.HTML()
        self.html.add_class("sc-robustness")
        self.widget = w.VBox([self.help, w.HBox([self.button, self.progress]), self.html])

    def relabel(self) -> None:
        lang = self.page.lang
        self.button.description = label("sc_robust_run", lang)
        self.help.value = _note("sc_robust_help", lang, samples=f"{SAMPLES:,}")

    def forget(self) -> None:
        self.data = None

    def compute(self) -> ReportData:
        """Sample the weights (and, for "what rests on claims", the unverified ratings), feeding the
        progress bar; the same runs as the report's, so the page and the report agree."""
        page = self.page
        card, engagement = page.card, page.engagement
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
        self.data = gather(engagement, card, sens, unverified=unverified)
        return self.data

    def draw(self) -> None:
        lang = self.page.lang
        if self.data is None:
            self.progress.layout.visibility = "hidden"
            self.html.value = f'<div class="sc-robust-empty">{_note("sc_robust_none", lang)}</div>'
        else:
            self.html.value = robustness_html(self.data, lang)

    def _on_run(self, _button=None) -> None:
        self.compute()
        self.draw()


class ReportPanel:
    """The executive report of the page as it stands, as download links (data URIs)."""

    def __init__(self, page: ScorecardHost, robustness: RobustnessPanel) -> None:
        self.page, self.robustness = page, robustness
        self.help = w.HTML()
        button = w.Layout(width="auto", align_self="flex-start")
        self.button = w.Button(button_style="primary", icon="file-text-o", layout=button)
        self.button.add_class("sc-report-make")
        self.button.on_click(page.guard(self._on_make))
        self.links = w.HTML()
        self.links.add_class("sc-report-links")
        self.widget = w.VBox([self.help, self.button, self.links])

    def relabel(self) -> None:
        lang = self.page.lang
        self.button.description = label("sc_report_make", lang)
        self.help.value = _note("sc_report_help", lang)
        self.clear()

    def clear(self) -> None:
        self.links.value = ""

    def _on_make(self, _button=None) -> None:
        page, lang = self.page, self.page.lang
        data = self.robustness.data
        if data is None:
            data = self.robustness.compute()
            page.mark_stale("robustness")
        html = report_html(page.engagement, page.card, data.sens, lang, unverified=data.unverified)
        buf = io.BytesIO()
        report_xlsx(page.engagement, page.card, data.sens, lang, unverified=data.unverified).save(buf)
        name = f"scorecard-{page.folder.name}-{lang}"
        from ..report._deck import deck_pptx  # python-pptx: loaded when a deck is asked for

        deck = deck_pptx(page.engagement, page.card, data.sens, lang, unverified=data.unverified)
        links = [
            download_link(html.encode("utf-8"), f"{name}.html", "text/html", label("sc_report_html", lang)),
            download_link(buf.getvalue(), f"{name}.xlsx", XLSX_MIME, label("sc_report_xlsx", lang)),
            download_link(deck, f"board-deck-{page.folder.name}-{lang}.pptx", PPTX_MIME, label("sc_report_pptx", lang)),
        ]
        self.links.value = f'<div class="crm-download sc-downloads">{"".join(links)}</div>'
