"""The grading grid: one row per requirement or integration, one must / could / won't toggle per
stakeholder, the consultant's final grade, grouped in sections by catalog category.

Hundreds of toggles are slow to render (one model each, plus their layout and style), so: one
`ToggleButtons` per cell sharing one Layout and one Style, sections built only when first
opened, widgets created once and then only their `.value` and labels updated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from ..files._i18n import label
from ..model._stakeholders import stakeholder_label
from ..model.schema import IntegrationRequirement, Requirement, Requirements
from ..requirements_matrix import GradedItem, GradingTable
from ..requirements_matrix._store import INTEGRATION
from ._workshop_view import (
    INTEGRATIONS,
    View,
    divergent,
    final_options,
    header_html,
    item_html,
    section_title,
    sections,
    slug,
    vote_options,
    vote_tooltips,
)

VoteHandler = Callable[[str, str, str | None], None]
FinalHandler = Callable[[str, str | None], None]


class Cells:
    """Layouts and styles shared by every row: one model each, whatever the number of rows."""

    def __init__(self) -> None:
        self.row = w.Layout(width="100%")
        self.info = w.Layout(width="240px", flex="0 0 240px")
        self.vote = w.Layout(width="96px", flex="0 0 96px", justify_content="center")
        self.final = w.Layout(width="128px", flex="0 0 128px", margin="0 0 0 4px")
        self.vote_style = w.ToggleButtonsStyle(button_width="28px")
        self.html_style = HTMLStyle()
        self.final_style = DescriptionStyle(description_width="0px")


class Quiet:
    """Set while the page writes widget values itself, so that observers ignore the echo."""

    def __init__(self) -> None:
        self.depth = 0

    def __bool__(self) -> bool:
        return self.depth > 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1


def _set_choices(widget: w.ToggleButtons | w.Dropdown, options: list[tuple[str, str]], value: str | None) -> None:
    """New labels and value in one message; the caller holds the quiet flag."""
    with widget.hold_sync():
        if list(widget.options) != options:
            widget.options = options
        if widget.value != value:
            widget.value = value


def _toggle_class(widget: w.DOMWidget, name: str, on: bool) -> None:
    if on:
        widget.add_class(name)
    else:
        widget.remove_class(name)


class ItemRow:
    """One requirement or integration of the grid."""

    def __init__(self, key: str, voters: list[str], cells: Cells, quiet: Quiet, on_vote, on_final, lang: str):
        self.key, self.cells, self.quiet = key, cells, quiet
        self.on_vote, self.lang = on_vote, lang
        self.info = w.HTML(layout=cells.info, style=cells.html_style)
        self.votes: dict[str, w.ToggleButtons] = {}
        self.final = w.Dropdown(options=[("", "")], value="", layout=cells.final, style=cells.final_style)
        self.final.add_class("ws-final")
        self.final.add_class(f"ws-final-{slug(key)}")
        self.final.observe(lambda ch: None if quiet else on_final(key, ch["new"] or None), "value")
        for who in voters:
            self.votes[who] = self._cell(who)
        self.widget = w.HBox([self.info, *self.votes.values(), self.final], layout=cells.row)
        self.widget.add_class("ws-row")
        self.widget.add_class(f"ws-row-{slug(key)}")

    def _cell(self, who: str) -> w.ToggleButtons:
        cell = w.ToggleButtons(
            options=vote_options(self.lang),
            value=None,
            tooltips=vote_tooltips(self.lang),
            layout=self.cells.vote,
            style=self.cells.vote_style,
        )
        cell.add_class("crm-vote")
        cell.add_class(f"ws-vote-{slug(self.key)}-{slug(who)}")
        cell.observe(lambda ch: None if self.quiet else self.on_vote(self.key, who, ch["new"]), "value")
        return cell

    def add_voter(self, who: str) -> None:
        self.votes[who] = self._cell(who)
        self.widget.children = [self.info, *self.votes.values(), self.final]

    def show(self, item: Requirement | IntegrationRequirement, graded: GradedItem, view: View) -> None:
        """Put the item as it stands on the row (only what changed is sent)."""
        html = item_html(self.key, item, graded, view)
        if self.info.value != html:
            self.info.value = html
        with self.quiet():
            if view.lang != self.lang:
                self.lang = view.lang
                for cell in self.votes.values():
                    with cell.hold_sync():
                        cell.tooltips = vote_tooltips(view.lang)
                        _set_choices(cell, vote_options(view.lang), cell.value)
            for who, cell in self.votes.items():
                shown = None if view.blind else item.votes.get(who)
                if cell.value != shown:
                    cell.value = shown
                _toggle_class(cell, "ws-voted", view.blind and (self.key, who) in view.cast)
            _set_choices(self.final, final_options(graded, view.lang, view.blind), item.grade or "")
        _toggle_class(self.widget, "ws-divergent", view.revealed and not view.blind and divergent(graded))

    def close(self) -> None:
        for cell in self.votes.values():
            cell.close()
        self.info.close()
        self.final.close()
        self.widget.close()


class Section:
    """One accordion section: a header row and the rows of its items, built when first opened."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.box = w.VBox()
        self.box.add_class("ws-section")
        self.box.add_class(f"ws-section-{slug(name)}")
        self.rows: dict[str, ItemRow] = {}
        self.built = False
        self.head_cells: dict[str | None, w.HTML] = {}  # by voter; "" the item, None the final grade
        self.head: w.HBox | None = None

    def close(self) -> None:
        for row in self.rows.values():
            row.close()
        for cell in self.head_cells.values():
            cell.close()
        if self.head is not None:
            self.head.close()
        self.box.close()


class Grid:
    """Every section of the grid and the accordion that shows them."""

    def __init__(self, on_vote: VoteHandler, on_final: FinalHandler, guard: Callable[[Callable], Callable]) -> None:
        self.cells = Cells()
        self.quiet = Quiet()
        self.on_vote, self.on_final = guard(on_vote), guard(on_final)
        self.sections: dict[str, Section] = {}
        self.voters: list[str] = []
        self.accordion = w.Accordion()
        self.accordion.add_class("ws-accordion")
        self.accordion.observe(guard(self._opened), "selected_index")
        self.state: tuple[Requirements, GradingTable, View] | None = None
        self._first = True  # the first section opens on the first show; later the user decides

    # --- building ------------------------------------------------------------------------

    def _opened(self, change) -> None:
        if self.quiet or change["new"] is None or self.state is None:
            return
        name = list(self.sections)[change["new"]]
        self._build(self.sections[name])
        self._show_section(self.sections[name], *self.state)

    def open(self, name: str) -> None:
        """Open the section `name` (building it if needed)."""
        if name in self.sections:
            self.accordion.selected_index = list(self.sections).index(name)

    @property
    def open_section(self) -> str | None:
        index = self.accordion.selected_index
        return list(self.sections)[index] if index is not None and index < len(self.sections) else None

    def _header(self, section: Section, requirements: Requirements, lang: str) -> None:
        first = label("ws_integration_col" if section.name == INTEGRATIONS else "ws_requirement_col", lang)
        cells: dict[str | None, str] = {"": header_html(first, left=True)}
        for who in self.voters:  # name · role in the page's language; the vote key on hover
            cells[who] = header_html(stakeholder_label(requirements, who, lang), who)
        cells[None] = header_html(label("ws_final_col", lang))
        if section.head is None:
            section.head_cells = {
                who: w.HTML(
                    value=html,
                    layout=self.cells.info if who == "" else self.cells.final if who is None else self.cells.vote,
                    style=self.cells.html_style,
                )
                for who, html in cells.items()
            }
            section.head = w.HBox(list(section.head_cells.values()), layout=self.cells.row)
            section.head.add_class("ws-headrow")
            return
        for col, html in cells.items():
            if col not in section.head_cells:
                section.head_cells[col] = w.HTML(value=html, layout=self.cells.vote, style=self.cells.html_style)
            elif section.head_cells[col].value != html:
                section.head_cells[col].value = html
        order = ["", *self.voters, None]
        section.head.children = [section.head_cells[k] for k in order]

    def _build(self, section: Section) -> None:
        section.built = True

    def _show_section(self, section: Section, requirements: Requirements, table: GradingTable, view: View) -> None:
        if not section.built:
            return
        keys = sections(requirements).get(section.name, [])
        items: dict[str, Requirement | IntegrationRequirement] = {r.id: r for r in requirements.requirements}
        items.update({INTEGRATION + i.system: i for i in requirements.integrations})
        graded = {g.id: g for g in table.requirements + table.integrations}
        for gone in [k for k in section.rows if k not in keys]:
            section.rows.pop(gone).close()
        for key in keys:
            row = section.rows.get(key)
            if row is None:
                row = ItemRow(key, self.voters, self.cells, self.quiet, self.on_vote, self.on_final, view.lang)
                section.rows[key] = row
            for who in self.voters:
                if who not in row.votes:
                    row.add_voter(who)
            row.show(items[key], graded[key], view)
        self._header(section, requirements, view.lang)
        children = [section.head, *(section.rows[k].widget for k in keys)]
        if list(section.box.children) != children:
            section.box.children = children

    # --- showing -------------------------------------------------------------------------

    def show(self, requirements: Requirements, table: GradingTable, view: View, voters: list[str]) -> None:
        """Put the whole state on screen: sections, titles, built rows."""
        self.state = (requirements, table, view)
        self.voters = list(voters)
        groups = sections(requirements)
        opened = self.open_section
        for name in groups:
            if name not in self.sections:
                self.sections[name] = Section(name)
        gone = [self.sections.pop(n) for n in list(self.sections) if n not in groups]
        order = list(groups)
        self.sections = {n: self.sections[n] for n in order}
        titles = tuple(section_title(n, len(groups[n]), view.lang) for n in order)
        boxes = [self.sections[n].box for n in order]
        with self.quiet():
            if list(self.accordion.children) != boxes:
                self.accordion.children = boxes
            if self.accordion.titles != titles:
                self.accordion.titles = titles
            if self._first and order:
                opened, self._first = order[0], False
            index = order.index(opened) if opened in order else None
            if self.accordion.selected_index != index:
                self.accordion.selected_index = index
        for section in gone:  # after the accordion let go of them
            section.close()
        if opened in self.sections:
            self._build(self.sections[opened])
        for section in self.sections.values():
            self._show_section(section, requirements, table, view)

    def rows(self) -> dict[str, ItemRow]:
        """Every built row by key."""
        return {k: r for s in self.sections.values() for k, r in s.rows.items()}
