"""The workshop's three-column table as text, for the command line (the apps render their own)."""

from __future__ import annotations

from ..files._i18n import label
from ..files._table import clip, render
from ..model._catalog import catalog
from ..model._engagement import Engagement
from ..model.schema import IntegrationRequirement, Requirement, text_of


def item_title(item: Requirement | IntegrationRequirement, lang: str) -> str:
    """A requirement's title (its capability's name when it has none); an integration's name."""
    cat = catalog()
    if isinstance(item, IntegrationRequirement):
        return cat.integration_name(item.system, lang)
    return text_of(item.title, lang) or cat.capability_name(item.capability, lang)


def render_requirements(engagement: Engagement, lang: str = "en") -> str:
    """The three-column table with conflicts, overrides and integrations, as plain text."""

    table = engagement.grading()
    titles = {r.id: item_title(r, lang) for r in engagement.requirements.requirements}
    marks = {}
    for item in table.requirements:
        mark = (" !" if item.conflict else "") + (" *" if item.overridden else "")
        marks[item.id] = mark
    cols = [table.columns[g] for g in ("must", "could", "wont")]
    rows = []
    for i in range(max(len(c) for c in cols) if any(cols) else 0):
        row = []
        for c in cols:
            if i < len(c):
                rid = c[i]
                row.append(clip(f"{rid} {titles[rid]}", 40) + marks[rid])
            else:
                row.append("")
        rows.append(row)
    heads = [f"{label(g, lang)} ({len(table.columns[g])})" for g in ("must", "could", "wont")]
    out = [render(heads, rows, max_width=44)]
    out.append("")
    out.append(
        f"{label('must_share', lang)}: {table.must_share:.0%}   "
        f"! {label('conflict', lang)}   * {label('overridden', lang)}"
    )
    detail = {i.id: i for i in table.requirements}
    if table.conflicts:
        out += ["", label("conflicts", lang) + ":"]
        for rid in table.conflicts:
            votes = ", ".join(f"{w}={g}" for w, g in detail[rid].votes.items())
            out.append(f"  {rid} {titles[rid]}: {votes} -> {detail[rid].grade}")
    if table.overridden:
        out += ["", label("overrides", lang) + ":"]
        for rid in table.overridden:
            it = detail[rid]
            out.append(
                f"  {rid} {titles[rid]}: {label('consensus', lang)} {it.consensus} -> {label('final', lang)} {it.grade}"
            )
    if table.integrations:
        out += ["", label("integrations", lang) + ":"]
        for it in table.integrations:
            flags = (" !" if it.conflict else "") + (" *" if it.overridden else "")
            grade = label(it.grade, lang) if it.grade else "-"  # ungraded: only before validation
            out.append(f"  {grade:6} {catalog().integration_name(it.target, lang)}{flags}")
    return "\n".join(out)
