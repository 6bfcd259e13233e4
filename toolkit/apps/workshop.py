"""The requirements workshop: projected while the client's leads grade every requirement.

The grid (`_workshop_grid`) takes one must / could / won't vote per stakeholder and the
consultant's final grade; the three-column summary beside it follows every click. Each change is
saved at once (a closed tab kills its kernel), as one cell merged into what requirements.yaml
holds at that moment (`requirements_matrix._store`), so two tabs grading together keep each other's votes.
Blind voting hides the votes and the consensus until the consultant reveals them, then marks the
requirements the room disagrees on.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from ..files._i18n import label
from ..model._catalog import catalog
from ..model._engagement import load_engagement
from ..model._stakeholders import stakeholder_label
from ..model.schema import GRADES, Requirements
from ..requirements_matrix import grading_table
from ..requirements_matrix._store import (
    INTEGRATION,
    Change,
    apply_change,
    export_bytes,
    import_upload,
    is_integration,
    load_requirements,
    save_change,
    voters,
)
from ._shell import XLSX_MIME, Page, download_link, escape
from ._workshop_grid import Grid, Quiet
from ._workshop_live import LivePanel
from ._workshop_view import (
    CSS,
    View,
    check_workshop,
    divergent,
    legend_html,
    proposer_options,
    removable_options,
    section_of,
    summary_html,
)


def _classed(widget: w.DOMWidget, *names: str) -> w.DOMWidget:
    for name in names:
        widget.add_class(name)
    return widget


class WorkshopPage(Page):
    """The grading grid, the live three-column summary, blind voting, and the list's upkeep."""

    title_key = "app_workshop"

    def __init__(self, folder: Path, lang: str = "en") -> None:
        super().__init__(lang)
        self.folder = Path(folder)
        self.engagement = load_engagement(self.folder)
        self.requirements: Requirements = self.engagement.requirements
        self.view = View(lang=lang)
        self.quiet = Quiet()
        self.stakeholders: list[str] = []  # the grid's columns: filled by _render
        self.widget.add_class("crm-workshop")
        self.grid = Grid(self._vote, self._final, self.guard)

        # the toolbar over the grid
        self.blind = _classed(w.ToggleButton(value=False, icon="eye-slash"), "ws-blind-switch")
        self.blind.observe(self.guard(self._blind_changed), "value")
        self.reveal = _classed(w.Button(icon="eye", disabled=True, button_style="warning"), "ws-reveal")
        self.reveal.on_click(self.guard(lambda _: self._reveal()))
        self.legend = w.HTML()
        self.new_stakeholder = _classed(w.Text(layout=w.Layout(width="190px")), "ws-new-stakeholder")
        self.add_stakeholder = _classed(w.Button(icon="user-plus"), "ws-add-stakeholder")
        self.add_stakeholder.on_click(self.guard(lambda _: self._add_stakeholder()))
        toolbar = _classed(
            w.HBox(
                [
                    self.blind,
                    self.reveal,
                    self.legend,
                    w.HTML(layout=w.Layout(flex="1 1 auto")),
                    self.new_stakeholder,
                    self.add_stakeholder,
                ]
            ),
            "ws-toolbar",
        )

        # the upkeep of the list, under the grid
        self.tools_title = w.HTML()
        self.proposer_label, self.add_req_label, self.add_int_label = w.HTML(), w.HTML(), w.HTML()
        self.remove_label, self.sheet_label = w.HTML(), w.HTML()
        for lab in (self.proposer_label, self.add_req_label, self.add_int_label, self.remove_label, self.sheet_label):
            lab.add_class("ws-tool-label")
        self.proposer = _classed(w.Dropdown(layout=w.Layout(width="220px")), "ws-proposer")
        self.proposed_grade = _classed(
            w.ToggleButtons(value="could", options=[(g, g) for g in GRADES], style={"button_width": "72px"}),
            "ws-proposed-grade",
        )
        self.capability = _classed(
            w.Combobox(ensure_option=True, layout=w.Layout(width="380px")), "ws-capability-search"
        )
        self.add_requirement = _classed(w.Button(icon="plus", button_style="primary"), "ws-add-requirement")
        self.add_requirement.on_click(self.guard(lambda _: self._add_requirement()))
        self.integration = _classed(w.Dropdown(layout=w.Layout(width="380px")), "ws-integration-choice")
        self.add_integration = _classed(w.Button(icon="plus"), "ws-add-integration")
        self.add_integration.on_click(self.guard(lambda _: self._add_integration()))
        self.removable = _classed(w.Dropdown(layout=w.Layout(width="380px")), "ws-removable")
        self.removable.observe(self.guard(lambda _: self._arm_remove(False)), "value")
        self.remove = _classed(w.Button(icon="trash", layout=w.Layout(width="auto")), "ws-remove")
        self.remove.on_click(self.guard(lambda _: self._remove()))
        self.export = _classed(w.Button(icon="download"), "ws-export")
        self.export.on_click(self.guard(lambda _: self._export()))
        self.download = _classed(w.HTML(), "crm-download", "ws-download")
        self.upload = _classed(
            w.FileUpload(accept=".xlsx,.csv", multiple=False, layout=w.Layout(width="auto")), "ws-import"
        )
        self.upload.observe(self.guard(self._uploaded), "value")
        self.reload = _classed(w.Button(icon="refresh"), "ws-reload")
        self.reload.on_click(self.guard(lambda _: self._reload()))
        self._remove_armed = False

        def row(*children: w.Widget) -> w.HBox:
            return _classed(w.HBox(list(children)), "ws-tool-row")

        tools = _classed(
            w.VBox(
                [
                    self.tools_title,
                    row(self.proposer_label, self.proposer, self.proposed_grade),
                    row(self.add_req_label, self.capability, self.add_requirement),
                    row(self.add_int_label, self.integration, self.add_integration),
                    row(self.remove_label, self.removable, self.remove),
                    row(self.sheet_label, self.export, self.download, self.upload, self.reload),
                ]
            ),
            "ws-tools",
        )
        self.summary = _classed(w.HTML(), "ws-summary")
        self.live = LivePanel(self.folder, lang, self.guard, self.say, self._saved)
        self.live.watch(lambda: self._reload(quiet=True))  # ballots' votes reach the grid too
        main = _classed(w.VBox([self.live.widget, toolbar, self.grid.accordion, tools]), "ws-main")
        side = _classed(w.VBox([self.summary]), "ws-side")
        self.body.children = [w.HTML(CSS), _classed(w.HBox([main, side]), "ws-layout")]
        self.show_title()
        self.relabel()

    # --- the frame -----------------------------------------------------------------------

    def heading(self) -> tuple[str, str]:
        settings = self.engagement.settings
        return label(self.title_key, self.lang), label("ws_subtitle", self.lang, client=settings.client)

    def relabel(self) -> None:
        lang = self.view.lang = self.lang
        self.live.relabel(lang)
        self.blind.description = label("ws_blind", lang)
        self.blind.tooltip = label("ws_blind_tip", lang)
        self.reveal.description = label("ws_reveal", lang)
        self.legend.value = legend_html(lang)
        self.new_stakeholder.placeholder = label("ws_stakeholder_placeholder", lang)
        self.add_stakeholder.description = label("ws_add_stakeholder", lang)
        self.tools_title.value = f'<div class="crm-section">{escape(label("ws_tools_title", lang))}</div>'
        self.proposer_label.value = escape(label("ws_proposed_by", lang))
        self.add_req_label.value = escape(label("ws_add_requirement_label", lang))
        self.add_int_label.value = escape(label("ws_add_integration_label", lang))
        self.remove_label.value = escape(label("ws_remove_label", lang))
        self.sheet_label.value = escape(label("ws_sheet_label", lang))
        with self.quiet():
            grade = self.proposed_grade.value
            self.proposed_grade.options = [(label(g, lang), g) for g in GRADES]
            self.proposed_grade.value = grade
        self.capability.placeholder = label("ws_search_capability", lang)
        self.add_requirement.description = label("ws_add_requirement", lang)
        self.add_integration.description = label("ws_add_integration", lang)
        self.export.description = label("ws_export", lang)
        self.upload.description = label("ws_import", lang)
        self.reload.description = label("ws_reload", lang)
        self.reload.tooltip = label("ws_reload_tip", lang)
        self.download.value = ""
        self._render()

    # --- showing the state ---------------------------------------------------------------

    def _render(self, requirements: Requirements | None = None) -> None:
        """Everything that follows the requirements: grid, summary, the tools' choices."""
        reqs = self.requirements if requirements is None else requirements
        for who in [*(s.id for s in reqs.stakeholders), *voters(reqs)]:  # the listed ones first
            if who not in self.stakeholders:
                self.stakeholders.append(who)
        table = grading_table(reqs)
        self.summary.value = summary_html(reqs, table, self.view)
        self.grid.show(reqs, table, self.view, self.stakeholders)
        if self.view.blind:
            self.grid.accordion.add_class("ws-blind")
        else:
            self.grid.accordion.remove_class("ws-blind")
        self._tool_choices(reqs)
        self.live.show(reqs)

    def _tool_choices(self, reqs: Requirements) -> None:
        lang, cat = self.lang, catalog()
        with self.quiet():
            who = self.proposer.value
            options = proposer_options(reqs, self.stakeholders, lang)
            if list(self.proposer.options) != options:
                self.proposer.options = options
                self.proposer.value = who if who in dict(options).values() else (self.stakeholders or [""])[0]
            names = sorted(cat.capability_name(c, lang) for c in cat.capabilities)
            if list(self.capability.options) != names:
                self.capability.options = names
            taken = {i.system for i in reqs.integrations}
            integ = [(cat.integration_name(s, lang), s) for s in cat.integrations if s not in taken]
            if list(self.integration.options) != integ:
                current = self.integration.value
                self.integration.options = integ
                if current in taken or current is None:
                    self.integration.value = integ[0][1] if integ else None
                else:
                    self.integration.value = current
            removable = removable_options(reqs, lang)
            if list(self.removable.options) != removable:
                current = self.removable.value
                self.removable.options = removable
                keys = [k for _, k in removable]
                self.removable.value = current if current in keys else (keys[0] if keys else None)
        self.export.disabled = self.view.blind
        self.reveal.layout.display = "" if self.view.blind else "none"
        self.reveal.disabled = not self.view.blind
        self._arm_remove(False)  # any other change cancels a removal waiting for its second click

    # --- changes -------------------------------------------------------------------------

    def _commit(self, change: Change) -> str:
        """Show the change at once, then save it merged into the file as it is now; on any
        problem the page goes back to what the file holds and shows why (nothing written)."""
        try:
            data, _ = apply_change(self.requirements.model_dump(exclude_none=True), change, self.lang)
            self._render(Requirements.model_validate(data))  # the room sees it before the disk write
            self.requirements, key = save_change(self.folder, change, self.lang)
        except Exception:
            try:
                self.requirements = load_requirements(self.folder)
            except Exception:  # noqa: BLE001 - the first error is the one to show; keep the last good state
                pass
            self._render()
            raise
        self.message.value = ""
        self._render()
        return key

    def _vote(self, key: str, who: str, grade: str | None) -> None:
        if self.view.blind:
            self.view.cast.add((key, who))
        self._commit(Change(key, "vote", who=who, grade=grade))
        self.say(label("ws_saved_vote", self.lang, who=self._who(who), item=self._shown_key(key)))

    def _final(self, key: str, grade: str | None) -> None:
        self._commit(Change(key, "grade", grade=grade))
        what = label(grade, self.lang) if grade else label("ws_follow_hidden", self.lang)
        self.say(label("ws_saved_grade", self.lang, item=self._shown_key(key), grade=what))

    def _who(self, who: str) -> str:
        return stakeholder_label(self.requirements, who, self.lang)

    def _shown_key(self, key: str) -> str:
        return catalog().integration_name(key[len(INTEGRATION) :], self.lang) if is_integration(key) else key

    # --- blind voting --------------------------------------------------------------------

    def _blind_changed(self, change) -> None:
        if self.quiet:
            return
        self.view.blind = bool(change["new"])
        self.view.revealed = False
        self.view.cast = set()
        self.download.value = ""
        self._render()
        self.say(label("ws_blind_on" if self.view.blind else "ws_blind_off", self.lang))

    def _reveal(self) -> None:
        self.view.blind, self.view.revealed = False, True
        with self.quiet():
            self.blind.value = False
        self.requirements = load_requirements(self.folder)  # every tab's votes, as saved
        self._render()
        table = grading_table(self.requirements)
        n = sum(1 for g in table.requirements + table.integrations if divergent(g))
        self.say(label("ws_revealed", self.lang, n=n))

    # --- the list ------------------------------------------------------------------------

    def _add_stakeholder(self) -> None:
        name = self.new_stakeholder.value.strip()
        if not name:
            self.say(label("ws_stakeholder_empty", self.lang), "warning")
            return
        if name in self.stakeholders:
            self.say(label("ws_stakeholder_exists", self.lang, name=self._who(name)), "warning")
            return
        self.stakeholders.append(name)
        self.new_stakeholder.value = ""
        self._render()
        self.say(label("ws_stakeholder_added", self.lang, name=self._who(name)))

    def _proposal(self) -> tuple[str, str]:
        return self.proposer.value or "", self.proposed_grade.value

    def _add_requirement(self) -> None:
        cat = catalog()
        by_name = {cat.capability_name(c, self.lang): c for c in cat.capabilities}
        capability = by_name.get(self.capability.value)
        if capability is None:
            self.say(label("ws_pick_capability", self.lang), "warning")
            return
        who, grade = self._proposal()
        key = self._commit(Change("", "add", who=who, grade=grade, capability=capability))
        self.capability.value = ""
        self.grid.open(section_of(key, self.requirements))
        self.say(label("ws_added", self.lang, item=key, name=cat.capability_name(capability, self.lang)))

    def _add_integration(self) -> None:
        system = self.integration.value
        if not system:
            return
        who, grade = self._proposal()
        key = self._commit(Change(INTEGRATION + system, "add", who=who, grade=grade))
        self.grid.open(section_of(key, self.requirements))
        self.say(label("ws_added_integration", self.lang, name=catalog().integration_name(system, self.lang)))

    def _arm_remove(self, armed: bool) -> None:
        """Removing takes two clicks: the first asks to confirm."""
        self._remove_armed = armed
        key = self.removable.value
        shown = self._shown_key(key) if key else ""
        self.remove.description = label("ws_remove_confirm" if armed else "ws_remove", self.lang, item=shown)
        self.remove.button_style = "danger" if armed else ""
        self.remove.disabled = key is None

    def _remove(self) -> None:
        key = self.removable.value
        if key is None:
            return
        if not self._remove_armed:
            self._arm_remove(True)
            return
        self._commit(Change(key, "remove"))
        self.say(label("ws_removed", self.lang, item=self._shown_key(key)))

    # --- spreadsheets --------------------------------------------------------------------

    def _export(self) -> None:
        if self.view.blind:
            return
        name = f"requirements-{self.folder.name}.xlsx"
        data = export_bytes(self.requirements, self.lang, self.folder.name, folder=self.folder)
        self.download.value = download_link(data, name, XLSX_MIME, label("ws_download", self.lang, name=name))

    def _uploaded(self, change) -> None:
        files = change["new"]
        if self.quiet or not files:
            return
        upload = files[0]
        try:
            self.requirements = import_upload(self.folder, upload["name"], bytes(upload["content"]))
        finally:
            with self.quiet():
                self.upload.value = ()
        self.download.value = ""
        self._render()
        reqs = self.requirements
        self.say(
            label("ws_imported", self.lang, name=upload["name"], n=len(reqs.requirements), m=len(reqs.integrations)),
            "ok",
        )

    def _reload(self, quiet: bool = False) -> None:
        self.requirements = load_requirements(self.folder)
        self._render()
        if not quiet:
            self.say(label("ws_reloaded", self.lang))

    def _saved(self, requirements: Requirements) -> None:
        self.requirements = requirements
        self._render()

    # --- nbval ---------------------------------------------------------------------------

    def self_check(self) -> None:
        check_workshop(self.requirements, self.summary.value, self.grid)
