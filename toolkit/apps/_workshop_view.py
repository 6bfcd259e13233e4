"""What the workshop page shows, as text and HTML: row captions, the three-column summary, the
choices of each toggle. Pure functions of the requirements and the grading, so they are tested
without widgets and the page only puts their results on screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..files._i18n import label
from ..model._catalog import catalog
from ..model._stakeholders import stakeholder_label
from ..model.schema import GRADES, IntegrationRequirement, Requirement, Requirements
from ..requirements_matrix import MUST_SHARE_LIMIT, GradedItem, GradingTable, grading_table
from ..requirements_matrix._render import item_title
from ..requirements_matrix._store import INTEGRATION
from ..scoring._words import pct
from ._shell import escape

INTEGRATIONS = "integrations"  # the section after the catalog's categories


@dataclass
class View:
    """How the grid is shown right now (not saved: it belongs to this screen)."""

    lang: str = "en"
    blind: bool = False  # votes and consensus hidden while the room votes
    revealed: bool = False  # after a reveal: divergent votes highlighted
    cast: set[tuple[str, str]] = field(default_factory=set)  # (key, who) voted in this blind round


def slug(text: str) -> str:
    """A CSS class fragment for an id or a stakeholder name (stable selectors for tests)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text)


def divergent(graded: GradedItem) -> bool:
    """Votes that do not agree: a must/won't conflict, or more than one distinct grade."""
    return graded.conflict or len(set(graded.votes.values())) > 1


def section_of(key: str, requirements: Requirements) -> str:
    """The grid section of a requirement (its capability's catalog category) or integration."""
    if key.startswith(INTEGRATION):
        return INTEGRATIONS
    for r in requirements.requirements:
        if r.id == key:
            return catalog().capabilities[r.capability].category
    return ""


def sections(requirements: Requirements) -> dict[str, list[str]]:
    """Section -> item keys in file order: catalog categories holding requirements, then the
    integrations (always, so that one can be added)."""
    cat = catalog()
    out: dict[str, list[str]] = {c: [] for c in cat.categories}
    for r in requirements.requirements:
        out.setdefault(cat.capabilities[r.capability].category, []).append(r.id)
    out = {c: keys for c, keys in out.items() if keys}
    out[INTEGRATIONS] = [INTEGRATION + i.system for i in requirements.integrations]
    return out


def section_title(section: str, count: int, lang: str) -> str:
    name = label("integrations", lang) if section == INTEGRATIONS else catalog().category_name(section, lang)
    return f"{name} · {count}"


def proposer_options(requirements: Requirements, stakeholders: list[str], lang: str) -> list[tuple[str, str]]:
    """Who proposes a new item: the consultant (it is then graded) or a stakeholder (a vote),
    each shown as `name · role` in the page's language."""
    people = [(stakeholder_label(requirements, who, lang), who) for who in stakeholders]
    return [(label("ws_as_consultant", lang), ""), *people]


def removable_options(requirements: Requirements, lang: str) -> list[tuple[str, str]]:
    """The requirements and integrations a consultant can remove, by caption and key."""
    out = [(f"{r.id} · {item_title(r, lang)}", r.id) for r in requirements.requirements]
    out += [
        (f"{label('integration', lang)} · {item_title(i, lang)}", INTEGRATION + i.system)
        for i in requirements.integrations
    ]
    return out


def vote_options(lang: str) -> list[tuple[str, str]]:
    return [(label(f"ws_{g}_short", lang), g) for g in GRADES]


def vote_tooltips(lang: str) -> list[str]:
    return [label(g, lang) for g in GRADES]


def final_options(graded: GradedItem, lang: str, blind: bool) -> list[tuple[str, str]]:
    """The final-grade choices: follow the votes (showing their consensus unless hidden), or
    the consultant's must / could / won't."""
    if blind:
        follow = label("ws_follow_hidden", lang)
    elif graded.consensus:
        follow = label("ws_follow_votes", lang, grade=label(graded.consensus, lang))
    else:
        follow = label("ws_no_votes", lang)
    return [(follow, ""), *((label(g, lang), g) for g in GRADES)]


def item_html(key: str, item: Requirement | IntegrationRequirement, graded: GradedItem, view: View) -> str:
    """The caption of one grid row: id, title, capability (or product) and its flags."""
    lang = view.lang
    cat = catalog()
    title = item_title(item, lang)
    if isinstance(item, Requirement):
        ident = item.id
        cap = cat.capability_name(item.capability, lang)
        detail = cap if cap != title else ""
    else:
        ident = ""
        detail = item.product if item.product and item.product != title else ""
    badges = []
    if not view.blind:
        if graded.conflict:
            badges.append(f'<span class="ws-badge ws-badge-conflict">{escape(label("conflict", lang))}</span>')
        if graded.overridden:
            badges.append(f'<span class="ws-badge ws-badge-overridden">{escape(label("overridden", lang))}</span>')
        if view.revealed and divergent(graded) and not graded.conflict:
            badges.append(
                f'<span class="ws-badge ws-badge-divergent">{escape(label("ws_divergent_badge", lang))}</span>'
            )
    head = f'<span class="ws-id">{escape(ident)}</span>' if ident else ""
    indent = " ws-detail-indent" if ident else ""
    sub = f'<div class="ws-detail{indent}">{escape(detail)}{"".join(badges)}</div>' if detail or badges else ""
    return (
        f'<div class="ws-info" title="{escape(title)}">{head}<span class="ws-title">{escape(title)}</span>{sub}</div>'
    )


def header_html(text: str, tooltip: str = "", *, left: bool = False) -> str:
    tip = f' title="{escape(tooltip)}"' if tooltip else ""
    side = " ws-head-left" if left else ""
    return f'<div class="ws-head{side}"{tip}>{escape(text)}</div>'


def legend_html(lang: str) -> str:
    """What M / C / W (必 / 可 / 不) stand for, beside the toolbar."""
    parts = [
        f'<span class="ws-key ws-key-{g}">{escape(label(f"ws_{g}_short", lang))}</span> {escape(label(g, lang))}'
        for g in GRADES
    ]
    return f'<div class="ws-legend">{" ".join(parts)}</div>'


def _chip(key: str, titles: dict[str, str], graded: GradedItem | None) -> str:
    flags = ""
    if graded is not None and graded.conflict:
        flags = " ws-chip-conflict"
    ident = key[len(INTEGRATION) :] if key.startswith(INTEGRATION) else key
    text = titles.get(key, "")
    shown = f"<b>{escape(ident)}</b> {escape(text)}" if not key.startswith(INTEGRATION) else escape(text)
    return (
        f'<div class="ws-chip{flags}" data-id="{escape(key)}" title="{escape(text)}">'
        f'<span class="ws-chip-text">{shown}</span></div>'
    )


def summary_html(requirements: Requirements, table: GradingTable, view: View) -> str:
    """The three-column must / could / won't table with the must share and, after a reveal, the
    requirements whose votes diverge; in blind mode only how many votes were cast."""
    lang = view.lang
    head = f'<div class="ws-summary-title">{escape(label("ws_summary_title", lang))}</div>'
    if view.blind:
        note = label("ws_blind_note", lang, n=len(view.cast))
        return f'{head}<div class="ws-blind-note">{escape(note)}</div>'
    titles = {r.id: item_title(r, lang) for r in requirements.requirements}
    titles.update({INTEGRATION + i.system: item_title(i, lang) for i in requirements.integrations})
    graded = {g.id: g for g in table.requirements + table.integrations}
    must, could = len(table.columns["must"]), len(table.columns["could"])
    detail = label("ws_share_detail", lang, must=must, graded=must + could, limit=pct(MUST_SHARE_LIMIT))
    share = (
        f'<div class="ws-share"><span class="ws-share-label">{escape(label("must_share", lang))}</span>'
        f'<span class="ws-share-value">{escape(pct(table.must_share))}</span>'
        f'<div class="ws-share-detail">{escape(detail)}</div>'
        f'<div class="ws-meter"><div class="ws-meter-fill{" ws-meter-over" if table.too_many_musts else ""}" '
        f'style="width:{table.must_share * 100:.1f}%"></div><div class="ws-meter-limit" '
        f'style="left:{MUST_SHARE_LIMIT * 100:.0f}%"></div></div></div>'
    )
    warning = (
        f'<div class="crm-warning ws-too-many-musts">{escape(label("must_share_warning", lang))}</div>'
        if table.too_many_musts
        else ""
    )
    cols = []
    for g in GRADES:
        ids = table.columns[g]
        chips = "".join(_chip(k, titles, graded.get(k)) for k in ids)
        cols.append(
            f'<div class="ws-col ws-col-{g}"><div class="ws-col-head">{escape(label(g, lang))}'
            f'<span class="ws-count">{len(ids)}</span></div>{chips}</div>'
        )
    columns = f'<div class="ws-columns">{"".join(cols)}</div>'
    integ = ""
    if table.integrations:
        rows = []
        for g in GRADES:
            keys = [i.id for i in table.integrations if i.grade == g]
            if keys:
                names = ", ".join(titles[k] for k in keys)
                rows.append(f'<div class="ws-int-row ws-int-{g}"><b>{escape(label(g, lang))}</b> {escape(names)}</div>')
        title = f'<div class="ws-int-title">{escape(label("integrations", lang))}</div>'
        integ = f'<div class="ws-int">{title}{"".join(rows)}</div>'
    diverging = ""
    if view.revealed:
        keys = [g.id for g in table.requirements + table.integrations if divergent(g)]
        body = (
            "".join(_chip(k, titles, graded.get(k)) for k in keys)
            if keys
            else f'<div class="ws-none">{escape(label("ws_no_divergence", lang))}</div>'
        )
        diverging = (
            f'<div class="ws-diverging"><div class="ws-int-title">'
            f"{escape(label('ws_divergent_title', lang, n=len(keys)))}</div>{body}</div>"
        )
    return head + share + warning + diverging + columns + integ


CSS = """<style>
.crm-page.crm-workshop { max-width: 1366px; padding: 4px 14px 24px; }
.crm-workshop .crm-message { min-height: 24px; }
/* the summary stays in view while the grid scrolls: sticky needs every box between it and the
   page's scroller to let it overflow (widget boxes and output areas scroll by default) */
.jp-OutputArea:has(.crm-workshop), .jp-OutputArea-child:has(.crm-workshop),
.jp-OutputArea-output:has(.crm-workshop), .crm-workshop, .crm-workshop .widget-box:has(.ws-side) { overflow: visible; }
.ws-layout { gap: 16px; align-items: flex-start; }
.ws-main { flex: 1 1 auto; min-width: 0; overflow-x: auto; }
.ws-side { flex: 0 0 314px; width: 314px; position: sticky; top: 6px; align-self: flex-start;
  border: 1px solid #d9dee4; border-top: 4px solid #1f3a5f; border-radius: 6px; background: #fff;
  padding: 8px 12px 12px; max-height: calc(100vh - 16px); overflow-x: hidden; overflow-y: auto;
  box-sizing: border-box; scrollbar-gutter: stable; }
.ws-side .ws-summary { width: 100%; min-width: 0; margin: 0; }
.ws-side .ws-summary .widget-html-content { min-width: 0; overflow: hidden; }
.ws-blind-switch.mod-active { background: #1f3a5f; color: #fff; }
.ws-toolbar { align-items: center; gap: 8px; margin: 2px 0 8px; flex-wrap: wrap; }
.ws-legend { font-size: 13px; color: #4a5563; white-space: nowrap; margin: 0 6px; }
.ws-key { display: inline-block; min-width: 20px; text-align: center; border-radius: 3px; color: #fff;
  font-weight: 700; margin-left: 8px; padding: 0 3px; }
.ws-key-must { background: #a23b3b; } .ws-key-could { background: #b7801f; } .ws-key-wont { background: #6b7785; }
.ws-row { align-items: center; border-bottom: 1px solid #e3e7ec; padding: 3px 0; min-height: 40px; }
.ws-row.ws-divergent { background: #fff1cf; box-shadow: inset 5px 0 0 #d08c00; }
.ws-headrow { align-items: flex-end; border-bottom: 2px solid #1f3a5f; padding-bottom: 2px; }
.ws-head { font-size: 12px; font-weight: 700; color: #1f3a5f; line-height: 1.15; text-align: center;
  overflow: hidden; text-overflow: ellipsis; word-break: keep-all; overflow-wrap: anywhere; }
.ws-head-left { text-align: left; padding-left: 6px; }
.ws-info { font-size: 14px; line-height: 1.25; padding: 2px 8px 2px 6px; }
.ws-id { display: inline-block; min-width: 32px; font-weight: 700; color: #1f3a5f; font-variant-numeric: tabular-nums; }
.ws-title { color: #1d2733; }
.ws-detail { font-size: 12px; color: #6b7785; }
.ws-detail-indent { margin-left: 32px; }
.ws-badge { display: inline-block; font-size: 11px; font-weight: 700; border-radius: 3px; padding: 0 5px;
  margin-left: 6px; }
.ws-badge-conflict { background: #a23b3b; color: #fff; }
.ws-badge-overridden { background: #dde7f0; color: #1f3a5f; }
.ws-badge-divergent { background: #d08c00; color: #fff; }
.crm-vote .widget-toggle-button { margin: 0 1px; padding: 0; font-weight: 700; border-radius: 3px;
  background: #f1f3f5; color: #4a5563; border: 1px solid #d3d8de; }
.crm-vote .widget-toggle-button.mod-active:nth-of-type(1) { background: #a23b3b; color: #fff; border-color: #a23b3b; }
.crm-vote .widget-toggle-button.mod-active:nth-of-type(2) { background: #b7801f; color: #fff; border-color: #b7801f; }
.crm-vote .widget-toggle-button.mod-active:nth-of-type(3) { background: #6b7785; color: #fff; border-color: #6b7785; }
.ws-blind .crm-vote .widget-toggle-button.mod-active { background: #f1f3f5 !important; color: #4a5563 !important;
  border-color: #d3d8de !important; box-shadow: none; }
.crm-vote.ws-voted { border-radius: 4px; box-shadow: 0 0 0 2px #1d6b3a; }
.ws-final select { font-size: 13px; }
.ws-side .widget-html-content { line-height: 1.35; }
.ws-side .ws-summary-title { font-size: 17px; font-weight: 700; color: #1f3a5f; margin: 2px 0 6px; }
.ws-share { font-size: 13px; color: #4a5563; margin-bottom: 6px; }
.ws-share-value { float: right; font-size: 20px; font-weight: 700; color: #1f3a5f; line-height: 1; }
.ws-share-detail { font-size: 12px; color: #6b7785; }
.ws-meter { position: relative; height: 8px; background: #e8ecf0; border-radius: 4px; margin-top: 4px; }
.ws-meter-fill { height: 8px; background: #1f3a5f; border-radius: 4px; }
.ws-meter-fill.ws-meter-over { background: #a23b3b; }
.ws-meter-limit { position: absolute; top: -3px; width: 2px; height: 14px; background: #c9a66b; }
.ws-columns { display: flex; gap: 6px; margin-top: 8px; }
.ws-col { flex: 1 1 0; min-width: 0; }
.ws-col-head { font-size: 13px; font-weight: 700; color: #fff; padding: 3px 6px; border-radius: 3px 3px 0 0;
  display: flex; justify-content: space-between; }
.ws-col-must .ws-col-head { background: #a23b3b; } .ws-col-could .ws-col-head { background: #b7801f; }
.ws-col-wont .ws-col-head { background: #6b7785; }
.ws-count { font-variant-numeric: tabular-nums; }
.ws-chip { font-size: 12px; line-height: 1.25; padding: 3px 5px; border-bottom: 1px solid #e8ecf0; }
.ws-chip-text { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  overflow-wrap: anywhere; }
.ws-chip b { color: #1f3a5f; }
.ws-chip-conflict { box-shadow: inset 3px 0 0 #a23b3b; }
.ws-int, .ws-diverging { margin-top: 10px; font-size: 13px; }
.ws-int-title { font-weight: 700; color: #1f3a5f; margin-bottom: 2px; }
.ws-int-row { padding: 1px 0; }
.ws-diverging { background: #fff1cf; border-left: 4px solid #d08c00; padding: 4px 8px; }
.ws-diverging .ws-chip { border-bottom-color: #f1dfb5; }
.ws-blind-note { font-size: 15px; padding: 10px; background: #eef2f6; border-radius: 4px; color: #1f3a5f; }
.ws-none { color: #6b7785; }
.ws-tools { margin-top: 14px; border-top: 1px solid #d9dee4; padding-top: 4px; }
.ws-tools .crm-section { font-size: 16px; margin: 8px 0 4px; }
.ws-tool-row { align-items: center; gap: 6px; margin: 3px 0; flex-wrap: wrap; }
.ws-tool-label { font-size: 13px; color: #4a5563; min-width: 110px; }
.ws-accordion .jupyter-widget-Collapse-header { font-size: 15px; font-weight: 600; color: #1f3a5f;
  background: #f4f6f8; padding: 6px 10px; }
.ws-accordion .jupyter-widget-Collapse-contents { padding: 4px 6px 8px; }
.ws-section { overflow-x: auto; }
</style>"""


def check_workshop(requirements: Requirements, html: str, grid: Any) -> None:
    """The page built from the demo (nbval): every requirement in one section, the summary's three
    columns holding the grading table's, nothing shown as a Python value."""
    table = grading_table(requirements)
    for g in GRADES:
        assert f'ws-col-{g}"' in html, g
        for rid in table.columns[g]:
            assert f'data-id="{rid}"' in html, rid
    placed = [k for keys in sections(requirements).values() for k in keys]
    assert sorted(placed) == sorted(g.id for g in table.requirements + table.integrations)
    opened = grid.open_section
    assert opened is not None and grid.sections[opened].rows, "the first section is not built"
    for text in (html, *(r.info.value for r in grid.rows().values())):
        assert "None" not in text and "<Figure" not in text and "['" not in text, text
