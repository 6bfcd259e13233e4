"""The report's view of how good the evidence is: what each vendor's fit rests on, by evidence
grade, and the figures the scores read from stale or undated sources (docs/method.md, "What the
fit rests on", "Stale evidence"). Part of section 9, "What rests on unverified vendor claims"."""

from __future__ import annotations

import math

from ..files._i18n import label
from ..files._sheets import at
from ..model._catalog import catalog
from ..model._vocabulary import EVIDENCE_GRADES
from ..model.schema import text_of
from ..scoring._grades import AgedFact
from ..scoring._words import pct
from ._facts import ReportData
from ._markup import cell, esc, pts, row, table, vendor_cell

FEEDS = ("fit", "integration", "tco", "viability")


def grade_bar(shares: dict[str, float]) -> str:
    """A stacked bar of the shares by grade, weakest first (classes `g-<grade>`, in report.css)."""
    parts = "".join(
        f'<span class="g-{g}" style="width:{100 * x:.1f}%"></span>'
        for g, x in shares.items()
        if x > 0 and not math.isnan(x)
    )
    return f'<span class="gbar">{parts}</span>'


def legend(lang: str) -> str:
    items = "".join(f'<span class="sw g-{g}"></span>{esc(label(f"grade_{g}", lang))} ' for g in EVIDENCE_GRADES)
    return f'<p class="note legend">{items}</p>'


def fit_grades_html(data: ReportData, lang: str) -> str:
    """Per vendor: its fit, the share of it on each grade, and the bar."""
    card = data.card
    shares = data.fit_shares()
    cols = [(label("vendor", lang), ""), (label("fit", lang), "num")]
    cols += [(label(f"rpt_grade_col_{g}", lang), "num") for g in EVIDENCE_GRADES] + [("", "")]
    rows = []
    for v in card.vendors:
        s = {g: at(shares, v, g) for g in EVIDENCE_GRADES}
        rows.append(
            row(
                [
                    vendor_cell(card, v, lang, marks=False),
                    cell(pts(at(card.criteria, v, "fit")), "num"),
                    *(cell(pct(s[g]), "num") for g in EVIDENCE_GRADES),
                    cell(grade_bar(s), "gcell", raw=True),
                ]
            )
        )
    return (
        f'<div class="keep"><h3>{esc(label("rpt_fit_grades", lang))}</h3>'
        f'<p class="note intro">{esc(label("rpt_fit_grades_note", lang))}</p>'
        f"{table(cols, rows, 'small grades')}{legend(lang)}</div>"
    )


def item_name(f: AgedFact, lang: str) -> str:
    """What the figure is, in the reader's words: R03 · Order, contract and payment; ERP; ..."""
    cat = catalog()
    if f.feeds == "fit":
        return f"{f.item} · {cat.capability_name(f.target, lang)}"
    if f.feeds == "integration":
        return cat.integration_name(f.target, lang)
    if f.feeds == "viability":
        return label(f"rpt_vi_{f.item}", lang)
    return label(f"rpt_tco_{f.item}", lang)


def value_text(f: AgedFact, lang: str) -> str:
    return label(f"rpt_lv_{f.value}", lang) if f.feeds == "integration" else f.value


def _counts(counts, v: str, status: str, lang: str) -> str:
    parts = [
        label("rpt_aged_count", lang, n=int(counts.at[v, f"{status}_{f}"]), feeds=label(f"feeds_{f}", lang))
        for f in FEEDS
        if counts.at[v, f"{status}_{f}"]
    ]
    return label("rpt_list_sep", lang).join(parts) or "–"


def aged_html(data: ReportData, lang: str) -> str:
    """Per vendor how many figures rest on stale and on undated sources, then every stale one."""
    card = data.card
    facts = data.aged()
    counts = data.aged_counts()
    cols = [
        (label("vendor", lang), ""),
        (label("rpt_aged_stale", lang), ""),
        (label("rpt_aged_undated", lang), ""),
        (label("rpt_aged_points", lang), "num"),
    ]
    rows = [
        row(
            [
                vendor_cell(card, v, lang, marks=False),
                cell(_counts(counts, v, "stale", lang)),
                cell(_counts(counts, v, "unknown", lang)),
                cell(pts(at(counts, v, "stale_points")) if at(counts, v, "stale_points") else "–", "num"),
            ]
        )
        for v in card.vendors
    ]
    note = label(
        "rpt_aged_note", lang, months=data.months, today=data.today.isoformat(), cutoff=data.cutoff.isoformat()
    )
    out = (
        f'<div class="keep"><h3>{esc(label("rpt_aged", lang))}</h3><p class="note intro">{esc(note)}</p>'
        f"{table(cols, rows, 'small aged')}</div>"
    )
    stale = [f for f in facts if f.status == "stale"]
    if not stale:
        return out + f'<p class="note">{esc(label("rpt_aged_none", lang))}</p>'
    titles = {(s.vendor, s.key): s for s in data.sources}
    lcols = [
        (label("vendor", lang), ""),
        (label("rpt_item_col", lang), ""),
        (label("feeds", lang), ""),
        (label("rpt_value_col", lang), "num"),
        (label("evidence_grade", lang), ""),
        (label("rpt_source", lang), ""),
        (label("published", lang), "num"),
    ]
    lrows = []
    for f in stale:
        src = titles.get((f.vendor, f.source))
        title = text_of(src.title, lang) if src is not None and src.title else f.source
        lrows.append(
            row(
                [
                    cell(card.name(f.vendor, lang)),
                    cell(item_name(f, lang)),
                    cell(label(f"feeds_{f.feeds}", lang), "nowrap"),
                    cell(value_text(f, lang), "num"),
                    cell(label(f"grade_{f.grade}", lang) if f.grade else "–", "nowrap"),
                    cell(f"{title} · {f.source}", "src"),
                    cell(f.published, "num"),
                ]
            )
        )
    return out + f"<h3>{esc(label('rpt_aged_list', lang))}</h3>{table(lcols, lrows, 'small aged-list')}"
