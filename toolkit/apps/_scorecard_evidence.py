"""The scorecard's rating override: the engagement's own evidence for one vendor and capability.

A demo or an RFP answer replaces the vendor's claim: the form shows what the scorecard uses now,
where it comes from and how good its evidence is, takes a rating 0-3 with the evidence
(required), saves it into evaluations.yaml (checked first, atomic: the rating is then
`confirmed`) and rescores the page. Under it, what each vendor's fit rests on by evidence grade
and the evidence on stale sources (`_scorecard_grades`).
"""

from __future__ import annotations

import ipywidgets as w

from ..files._i18n import label
from ..files._problems import ToolkitError
from ..model._catalog import catalog
from ..model._evidence import capability_rating
from ..scoring import Scorecard
from ._scorecard_grades import grades_html
from ._scorecard_host import ScorecardHost
from ._scorecard_store import save_rating
from ._scorecard_views import current_rating_html
from ._shell import escape, read_only


def _with_class(widget: w.DOMWidget, cls: str) -> w.DOMWidget:
    widget.add_class(cls)
    return widget


class EvidenceForm:
    """Pick a vendor and a capability, set 0-3 with evidence, save into evaluations.yaml."""

    def __init__(self, page: ScorecardHost) -> None:
        self.page = page
        g = page.guard
        desc = {"description_width": "120px"}
        self.help = w.HTML()
        self.vendor = _with_class(w.Dropdown(style=desc, layout=w.Layout(width="420px")), "sc-ov-vendor")
        self.capability = _with_class(w.Dropdown(style=desc, layout=w.Layout(width="720px")), "sc-ov-capability")
        self.current = _with_class(w.HTML(), "sc-ov-current")
        self.rating_label = w.HTML()
        self.rating = _with_class(
            w.ToggleButtons(options=[(str(n), n) for n in range(4)], style={"button_width": "52px"}), "sc-ov-rating"
        )
        self.meaning = _with_class(w.HTML(), "sc-ov-meaning")
        self.text = _with_class(w.Textarea(style=desc, layout=w.Layout(width="720px", height="76px")), "sc-ov-evidence")
        button = w.Layout(width="auto", align_self="flex-start", margin="8px 0 0 128px")
        self.save = _with_class(w.Button(button_style="primary", icon="save", layout=button), "sc-ov-save")
        self.message = _with_class(w.HTML(), "sc-ov-message")
        self.grades = _with_class(w.HTML(), "sc-grades")  # what the fit rests on; stale evidence
        self._graded: tuple[Scorecard, str] | None = None  # the scorecard and language it was drawn for
        for widget in (self.vendor, self.capability):
            widget.observe(g(lambda _: self.refresh()), "value")
        self.rating.observe(g(lambda _: self._show_meaning()), "value")
        self.save.on_click(g(self._on_save))
        rating_row = w.HBox([self.rating_label, self.rating, self.meaning], layout=w.Layout(align_items="center"))
        editing = () if read_only() else (rating_row, self.text, self.save)  # an executive's server: reading only
        parts = [self.help, self.vendor, self.capability, self.current, *editing, self.message, self.grades]
        self.widget = w.VBox(parts)
        self._busy = False

    def _capabilities(self, lang: str) -> list[tuple[str, str]]:
        """The capabilities the requirements graded must or could ask for, in requirement order."""
        ids: dict[str, list[str]] = {}
        grade: dict[str, str] = {}
        for item in self.page.disk.grading().requirements:
            if item.grade in ("must", "could"):
                ids.setdefault(item.target, []).append(item.id)
                grade[item.target] = "must" if "must" in (grade.get(item.target), item.grade) else "could"
        sep = label("rpt_list_sep", lang)
        return [
            (f"{catalog().capability_name(c, lang)} · {sep.join(r)} ({label(grade[c], lang)})", c)
            for c, r in ids.items()
        ]

    def relabel(self) -> None:
        page, lang = self.page, self.page.lang
        self.help.value = f'<div class="crm-note">{escape(label("sc_ov_help", lang))}</div>'
        self._busy = True
        try:
            vendor, capability = self.vendor.value, self.capability.value
            self.vendor.options = [(page.vendor_name(v), v) for v in page.disk.shortlist]
            self.vendor.value = vendor if vendor in page.disk.shortlist else page.disk.shortlist[0]
            options = self._capabilities(lang)
            self.capability.options = options
            ids = [c for _, c in options]
            self.capability.value = capability if capability in ids else (ids[0] if ids else None)
        finally:
            self._busy = False
        self.vendor.description = label("vendor", lang)
        self.capability.description = label("capability", lang)
        self.rating_label.value = f'<div class="crm-sc-label">{escape(label("sc_new_rating", lang))}</div>'
        self.text.description = label("sc_evidence", lang)
        self.text.placeholder = label("sc_evidence_hint", lang)
        self.save.description = label("sc_ov_save", lang)
        self.message.value = ""

    def refresh(self) -> None:
        """Show the rating the scorecard uses now, and start the new rating from it; the grades
        view again when the page has rescored or changed language."""
        if self._busy or self.vendor.value is None or self.capability.value is None:
            return
        page = self.page
        if self._graded is None or self._graded[0] is not page.card or self._graded[1] != page.lang:
            self.grades.value = grades_html(page.card, page.engagement, page.lang)
            self._graded = (page.card, page.lang)
        rated = self.current_rating()
        self.current.value = current_rating_html(rated, self.page.lang)
        self.rating.value = rated.value
        self._show_meaning()

    def current_rating(self):
        page, vendor = self.page, self.vendor.value
        evidence = page.disk.evaluations.get(vendor, {})
        profile = page.disk.vendors[vendor]
        return capability_rating(profile, page.engagement.edition_of(vendor), evidence, self.capability.value)

    def _show_meaning(self) -> None:
        value = self.rating.value
        text = label(f"rfp_rating_{value}", self.page.lang) if value is not None else ""
        self.meaning.value = f'<span class="crm-note">{escape(text)}</span>'

    def _on_save(self, _button=None) -> None:
        page, lang = self.page, self.page.lang
        if read_only():
            raise ToolkitError(label("sc_read_only", lang))
        vendor, capability, rating = self.vendor.value, self.capability.value, self.rating.value
        try:
            path = save_rating(page.folder, vendor, capability, rating, self.text.value, lang=lang)
        except ToolkitError as error:  # shown by the form: the page's top may be out of view
            page.show_problems_in(self.message, error)
            return
        page.reload()
        self.text.value = ""
        saved = label(
            "sc_rating_saved",
            lang,
            vendor=page.vendor_name(vendor),
            capability=catalog().capability_name(capability, lang),
            rating=rating,
            file=path.name,
        )
        self.message.value = f'<div class="crm-ok sc-ov-saved">{escape(saved)}</div>'
        self.refresh()
