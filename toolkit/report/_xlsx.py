"""The report's figures as a workbook a consultant can filter: one table per sheet, full precision.

Every sheet has a bold frozen header row, an autofilter and number formats; numbers are numbers
(the formats round the display, never the value), ids sit beside the translated names so a
filter or a lookup does not depend on the language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..files._i18n import label
from ..files._sheets import DATE, FACTOR, MONEY, SCORE, at, day, frame_rows, num, sheet, vendor_cols
from ..model._catalog import catalog
from ..model.schema import CRITERIA, VIABILITY_ITEMS, text_of
from ..scoring._words import gap_words
from ._appendix import price_as_used
from ._facts import COMPONENTS, ReportData
from ._illustrative import illustrative_sheet
from ._preliminary import preliminary_sheet
from ._room import room_sheet
from ._xlsx_appendix import (
    aged_sheet,
    assumptions_sheet,
    fit_grades_sheet,
    published_text,
    robustness_sheet,
    sources_sheet,
)

if TYPE_CHECKING:
    from openpyxl import Workbook


def _ranking(wb: Workbook, data: ReportData, lang: str) -> None:
    card = data.card
    head = [(label("rank", lang), "0"), *vendor_cols(lang), (label("total", lang), SCORE)]
    head += [(label(c, lang), SCORE) for c in CRITERIA]
    head += [
        (label("tco_total", lang, years=data.years, currency=card.currency), MONEY),
        (label("edition", lang), None),
        (label("knocked_out", lang), None),
        (label("indicative", lang), None),
        (label("must_gaps", lang), None),
    ]
    rows = [
        [
            None if pd.isna(card.rank[v]) else int(card.rank[v]),
            v,
            card.name(v, lang),
            float(card.total[v]),
            *(at(card.criteria, v, c) for c in CRITERIA),
            card.tco[v].total if v in card.tco else None,
            card.editions[v],
            card.knocked_out[v],
            card.tco[v].indicative if v in card.tco else None,
            " ".join(g.id for g in card.must_gaps[v]),
        ]
        for v in card.vendors
    ]
    sheet(wb, label("rpt_sh_ranking", lang), head, rows, freeze="D2")


def _matrix(wb: Workbook, data: ReportData, lang: str, title: str, frame: pd.DataFrame, total: bool) -> None:
    card = data.card
    head = [*vendor_cols(lang), *((label(c, lang), SCORE) for c in CRITERIA)]
    if total:
        head.append((label("total", lang), SCORE))
    rows = [
        [v, card.name(v, lang), *(at(frame, v, c) for c in CRITERIA), *([float(card.total[v])] if total else [])]
        for v in card.vendors
    ]
    sheet(wb, title, head, rows, freeze="C2")


def _tco(wb: Workbook, data: ReportData, lang: str) -> None:
    card = data.card
    comp = data.tco_components()
    head = [*vendor_cols(lang), *((label(f"rpt_c_{c}", lang), MONEY) for c in COMPONENTS)]
    head += [
        (label("rpt_one_off", lang), MONEY),
        (label("total", lang), MONEY),
        (label("currency", lang), None),
        (label("rpt_billed", lang), "#,##0"),
        (label("rpt_unit_price", lang), None),
        (label("rpt_price_basis", lang), None),
        (label("rpt_impl_basis", lang), None),
        (label("indicative", lang), None),
    ]
    rows = []
    for v in card.priced:
        t = card.tco[v]
        rows.append(
            [
                v,
                card.name(v, lang),
                *(at(comp, v, c) for c in COMPONENTS),
                t.one_off,
                t.total,
                t.currency,
                t.billed_users,
                price_as_used(t, lang),
                label(f"rpt_b_{t.price_basis}", lang),
                label(f"rpt_b_{t.implementation_basis}", lang),
                t.indicative,
            ]
        )
    sheet(wb, label("rpt_sh_tco", lang), head, rows, freeze="C2")
    years = data.tco_years()
    head = [
        *vendor_cols(lang),
        (label("rpt_year_col", lang), "0"),
        (label("rpt_subscription_nominal", lang), MONEY),
        (label("rpt_admin_nominal", lang), MONEY),
        (label("rpt_discount_factor", lang), FACTOR),
        (label("rpt_present_value", lang), MONEY),
    ]
    rows = [
        [r.vendor, card.name(r.vendor, lang), int(r.year), r.subscription, r.admin, r.discount_factor, r.present_value]
        for r in frame_rows(years)
    ]
    sheet(wb, label("rpt_sh_tco_years", lang), head, rows, freeze="C2")


def _gaps_and_ratings(wb: Workbook, data: ReportData, lang: str) -> None:
    card = data.card
    cat = catalog()
    head = [
        *vendor_cols(lang),
        (label("rpt_requirement_id", lang), None),
        (label("rpt_target", lang), None),
        (label("rpt_requirement", lang), None),
        (label("rpt_status", lang), None),
    ]
    rows: list[list[Any]] = []
    for v in card.vendors:
        for g in card.must_gaps[v]:
            is_int = g.id.startswith("integration:")
            name = cat.integration_name(g.target, lang) if is_int else cat.capability_name(g.target, lang)
            status = gap_words(g, lang, minimum=card.must_min_grade)
            rows.append([v, card.name(v, lang), g.id, g.target, name, status])
    sheet(wb, label("rpt_sh_gaps", lang), head, rows, freeze="C2")

    head = [
        *vendor_cols(lang),
        (label("kind", lang), None),
        (label("rpt_requirement_id", lang), None),
        (label("rpt_target", lang), None),
        (label("name", lang), None),
        (label("grade", lang), None),
        (label("rpt_grade_weight", lang), "0.##"),
        (label("rpt_rating", lang), "0"),
        (label("rpt_origin", lang), None),
        (label("rpt_detail", lang), None),
        (label("evidence_grade", lang), None),
        (label("rpt_source", lang), None),
        (label("published", lang), None),
        (label("rpt_below_grade", lang), None),
        (label("rpt_evidence_date", lang), DATE),
    ]
    rows = []
    for r in frame_rows(card.ratings):
        rows.append(
            [
                r.vendor,
                card.name(r.vendor, lang),
                "capability",
                r.id,
                r.capability,
                cat.capability_name(r.capability, lang),
                r.grade,
                r.g,
                num(r.rating),
                r.origin,
                text_of(r.detail, lang) or None,
                *_evidence_cells(r, lang),
                r.date,
            ]
        )
    for r in frame_rows(card.support):
        rows.append(
            [
                r.vendor,
                card.name(r.vendor, lang),
                "integration",
                r.id,
                r.system,
                cat.integration_name(r.system, lang),
                r.grade,
                r.g,
                num(r.value),
                r.origin,
                text_of(r.detail, lang) or None,
                *_evidence_cells(r, lang),
                r.date,
            ]
        )
    for r in rows:
        r[-1] = day(r[-1])
    sheet(wb, label("rpt_sh_ratings", lang), head, rows, freeze="C2")


def _evidence_cells(r: Any, lang: str) -> list[Any]:
    """A rating's evidence grade, source key, publication date as written, and below must_min_grade."""
    grade = label(f"grade_{r.evidence_grade}", lang) if isinstance(r.evidence_grade, str) else None
    published = r.published if isinstance(r.published, str) else None
    if published == "unknown":
        published = label("published_unknown", lang)
    return [grade, r.source if isinstance(r.source, str) else None, published, bool(r.below_grade)]


def _viability(wb: Workbook, data: ReportData, lang: str) -> None:
    card = data.card
    sources = {(s.vendor, s.key): s for s in data.sources}
    head = [
        *vendor_cols(lang),
        (label("rpt_item_id", lang), None),
        (label("rpt_item", lang), None),
        (label("weight", lang), "0.##"),
        (label("rpt_score", lang), "0"),
        (label("rpt_why", lang), None),
        (label("rpt_source", lang), None),
        (label("title", lang), None),
        (label("published", lang), None),
    ]
    rows: list[list[Any]] = []
    order = {item: i for i, item in enumerate(VIABILITY_ITEMS)}
    vi = card.viability.assign(_o=card.viability["item"].map(order))
    for v in card.vendors:
        for r in frame_rows(vi[vi["vendor"] == v].sort_values("_o")):
            s = sources.get((v, r.source))
            rows.append(
                [
                    v,
                    card.name(v, lang),
                    r.item,
                    label(f"rpt_vi_{r.item}", lang),
                    r.weight,
                    num(r.score),
                    text_of(r.why, lang) or None,
                    r.source,
                    text_of(s.title, lang) if s else None,
                    published_text(s, lang) if s else None,
                ]
            )
    sheet(wb, label("rpt_sh_viability", lang), head, rows, freeze="C2")


def render_xlsx(data: ReportData, lang: str = "en") -> Workbook:
    """The workbook (an openpyxl Workbook, not yet saved)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the one sheet a new workbook has
    card = data.card
    _ranking(wb, data, lang)
    _matrix(wb, data, lang, label("rpt_sh_criteria", lang), card.criteria, total=False)
    _matrix(wb, data, lang, label("rpt_sh_contributions", lang), card.contributions, total=True)
    _tco(wb, data, lang)
    _gaps_and_ratings(wb, data, lang)
    _viability(wb, data, lang)
    robustness_sheet(wb, data, lang)
    fit_grades_sheet(wb, data, lang)
    aged_sheet(wb, data, lang)
    room_sheet(wb, data, lang)
    assumptions_sheet(wb, data, lang)
    sources_sheet(wb, data, lang)
    preliminary_sheet(wb, data, lang)  # first, when the scorecard is preliminary
    illustrative_sheet(wb, data, lang)  # before it, when the engagement is illustrative
    wb.properties.title = f"{label('rpt_title', lang)} · {data.settings.client}"
    wb.properties.creator = "crm-toolkit"
    return wb
