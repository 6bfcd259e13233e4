"""The scorecard's view of how good the evidence is, under the rating overrides (the "Rating
overrides" tab, where a consultant upgrades a grade by confirming a rating): what each vendor's
fit rests on by evidence grade, as a stacked bar and the shares, and the evidence on stale or
undated sources, counted per vendor with the stale listed (docs/method.md, "What the fit rests
on", "Stale evidence"). The figures are the report's (`scoring._grades`), for the page's scenario.
"""

from __future__ import annotations

import datetime as dt
import math

from ..files._i18n import label
from ..files._sheets import at
from ..model._engagement import Engagement
from ..model._staleness import months_before
from ..model._vocabulary import EVIDENCE_GRADES
from ..model.schema import text_of
from ..report._grades import item_name, value_text
from ..scoring import Scorecard
from ..scoring._grades import aged_counts, aged_evidence, fit_shares
from ..scoring._words import pct
from ._shell import escape

FEEDS = ("fit", "integration", "tco", "viability")
COLOURS = {"marketing": "#c8684f", "documentation": "#d9b56f", "independent": "#6f9cc7", "confirmed": "#2f6b4f"}
STYLE = """<style>
.sc-gbar { display: flex; width: 220px; height: 14px; background: #eef2f6; border-radius: 2px; overflow: hidden; }
.sc-gbar span { display: block; height: 100%; }
.sc-legend { font-size: 13px; color: #4a5a6e; margin: 4px 0 12px; }
.sc-legend i { display: inline-block; width: 11px; height: 11px; margin: 0 5px 0 14px; vertical-align: -1px; }
.sc-legend i:first-child { margin-left: 0; }
.crm-page .sc-aged-list td { font-size: 13px; }
</style>"""


def _bar(shares: dict[str, float]) -> str:
    parts = "".join(
        f'<span class="sc-g-{g}" style="width:{100 * x:.1f}%;background:{COLOURS[g]}" title="{escape(pct(x))}"></span>'
        for g, x in shares.items()
        if x > 0 and not math.isnan(x)
    )
    return f'<div class="sc-gbar">{parts}</div>'


def _legend(lang: str) -> str:
    items = "".join(f'<i style="background:{COLOURS[g]}"></i>{escape(label(f"grade_{g}", lang))}' for g in COLOURS)
    return f'<div class="sc-legend">{items}</div>'


def fit_grades_html(card: Scorecard, lang: str) -> str:
    """One row per vendor: its fit, the share of it on each grade, and the stacked bar."""
    shares = fit_shares(card)
    heads = [(label("vendor", lang), ""), (label("fit", lang), "num")]
    heads += [(label(f"rpt_grade_col_{g}", lang), "num") for g in EVIDENCE_GRADES] + [("", "")]
    head = "".join(f'<th class="{c}">{escape(t)}</th>' for t, c in heads)
    rows = []
    for v in card.vendors:
        s = {g: at(shares, v, g) for g in EVIDENCE_GRADES}
        cells = [
            f'<td class="lead">{escape(card.name(v, lang))}</td>',
            f'<td class="num">{at(card.criteria, v, "fit"):.1f}</td>',
            *(f'<td class="num sc-share-{g}">{escape(pct(s[g]))}</td>' for g in EVIDENCE_GRADES),
            f"<td>{_bar(s)}</td>",
        ]
        rows.append(f'<tr class="sc-row" data-vendor="{escape(v)}">{"".join(cells)}</tr>')
    return (
        f'<div class="crm-section">{escape(label("rpt_fit_grades", lang))}</div>'
        f'<p class="crm-note">{escape(label("rpt_fit_grades_note", lang))}</p>'
        f'<table class="crm-table crm-sc-table sc-fit-grades"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{_legend(lang)}"
    )


def _counted(counts, v: str, status: str, lang: str) -> str:
    parts = [
        label("rpt_aged_count", lang, n=int(at(counts, v, f"{status}_{f}")), feeds=label(f"feeds_{f}", lang))
        for f in FEEDS
        if at(counts, v, f"{status}_{f}")
    ]
    return label("rpt_list_sep", lang).join(parts) or "–"


def aged_html(card: Scorecard, engagement: Engagement, lang: str, today: dt.date) -> str:
    """Per vendor, the figures on stale and on undated sources; then every stale one."""
    months = card.stale_after_months
    cutoff = months_before(today, months)
    facts = aged_evidence(card, engagement, cutoff)
    counts = aged_counts(facts, list(card.vendors))
    heads = [label(k, lang) for k in ("vendor", "rpt_aged_stale", "rpt_aged_undated", "rpt_aged_points")]
    head = "".join(f'<th class="{"num" if i == 3 else ""}">{escape(h)}</th>' for i, h in enumerate(heads))
    rows = []
    for v in card.vendors:
        points = at(counts, v, "stale_points")
        rows.append(
            f'<tr class="sc-row" data-vendor="{escape(v)}"><td class="lead">{escape(card.name(v, lang))}</td>'
            f"<td>{escape(_counted(counts, v, 'stale', lang))}</td><td>{escape(_counted(counts, v, 'unknown', lang))}"
            f'</td><td class="num">{f"{points:.1f}" if points else "–"}</td></tr>'
        )
    note = label("rpt_aged_note", lang, months=months, today=today.isoformat(), cutoff=cutoff.isoformat())
    out = (
        f'<div class="crm-section">{escape(label("rpt_aged", lang))}</div><p class="crm-note">{escape(note)}</p>'
        f'<table class="crm-table crm-sc-table sc-aged"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table>"
    )
    stale = [f for f in facts if f.status == "stale"]
    if not stale:
        return out + f'<p class="crm-note">{escape(label("rpt_aged_none", lang))}</p>'
    keys = ("vendor", "rpt_item_col", "feeds", "rpt_value_col", "evidence_grade", "rpt_source", "published")
    head = "".join(f"<th>{escape(label(k, lang))}</th>" for k in keys)
    items = []
    for f in stale:
        source = engagement.vendors[f.vendor].sources.get(f.source)
        title = text_of(source.title, lang) if source is not None and source.title else f.source
        cells = [
            card.name(f.vendor, lang),
            item_name(f, lang),
            label(f"feeds_{f.feeds}", lang),
            value_text(f, lang),
            label(f"grade_{f.grade}", lang) if f.grade else "–",
            f"{title} · {f.source}",
            f.published,
        ]
        items.append(
            f'<tr data-vendor="{escape(f.vendor)}">' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
        )
    return (
        out + f'<div class="crm-section">{escape(label("rpt_aged_list", lang))}</div>'
        f'<table class="crm-table crm-sc-table sc-aged-list"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(items)}</tbody></table>"
    )


def grades_html(card: Scorecard, engagement: Engagement, lang: str, today: dt.date | None = None) -> str:
    """The whole view: the fit by grade, then the evidence on stale or undated sources."""
    return STYLE + fit_grades_html(card, lang) + aged_html(card, engagement, lang, today or dt.date.today())
