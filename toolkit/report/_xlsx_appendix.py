"""The workbook's closing sheets: robustness, what the fit rests on, stale evidence, assumptions
and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..files._i18n import label
from ..files._sheets import DATE, MONEY, SCORE, SHARE, at, num, sheet, vendor_cols
from ..model._vocabulary import EVIDENCE_GRADES
from ..model.schema import CRITERIA, text_of
from ._appendix import min_grade_text
from ._facts import BUILD_LEVELS, ReportData, SourceRow

if TYPE_CHECKING:
    from openpyxl import Workbook


def robustness_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    from openpyxl.styles import Font

    card, sens = data.card, data.sens
    acc, cw = sens.acceptability, sens.central_weights
    head = [*vendor_cols(lang)]
    head += [(f"#{c}" if c != "excluded" else label("excluded", lang), SHARE) for c in acc.columns]
    head += [(f"{label('central_weights', lang)}: {label(c, lang)}", SHARE) for c in CRITERIA]
    rows = [
        [v, card.name(v, lang), *(float(x) for x in acc.loc[v]), *(num(cw.at[v, c]) for c in CRITERIA)]
        for v in acc.index
    ]
    ws = sheet(wb, label("rpt_sh_robustness", lang), head, rows, freeze="C2")
    start = ws.max_row + 2
    stab_head = [
        label("criterion", lang),
        label("rpt_weight_now", lang),
        label("low", lang),
        label("high", lang),
        label("rpt_leader", lang),
        label("rpt_rival_low", lang),
        label("rpt_rival_high", lang),
    ]
    ws.cell(start, 1, label("stability", lang)).font = Font(bold=True)
    for j, h in enumerate(stab_head, start=1):
        ws.cell(start + 1, j, h).font = Font(bold=True)
    for i, (c, r) in enumerate(sens.stability.iterrows(), start=start + 2):
        values = [
            c,
            float(r["weight"]),
            float(r["low"]),
            float(r["high"]),
            r["leader"],
            r["low_rival"] if isinstance(r["low_rival"], str) else None,
            r["high_rival"] if isinstance(r["high_rival"], str) else None,
        ]
        for j, x in enumerate(values, start=1):
            cell = ws.cell(i, j, x)
            if 2 <= j <= 4:
                cell.number_format = SHARE
    row = start + 3 + len(sens.stability)
    un = data.unverified
    notes: list[tuple[str, Any, str | None]] = [
        (label("rpt_samples", lang), sens.samples, "#,##0"),
        (label("rpt_seed", lang), sens.seed, "0"),
        (label("rpt_mode", lang), sens.mode, None),
        (label("rpt_unverified_share", lang), un.unverified_share, SHARE),
        (label("rpt_unverified_ratings", lang), un.unverified_ratings, "0"),
    ]
    for i, (k, x, fmt) in enumerate(notes, start=row):
        ws.cell(i, 1, k).font = Font(bold=True)
        cell = ws.cell(i, 2, x)
        if fmt:
            cell.number_format = fmt


def fit_grades_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    """Per vendor: the fit, its points on each evidence grade (they sum to the fit) and the shares."""
    card = data.card
    points, shares = data.fit_points(), data.fit_shares()
    head = [*vendor_cols(lang), (label("fit", lang), SCORE)]
    head += [(label("rpt_fit_points_of", lang, grade=label(f"grade_{g}", lang)), SCORE) for g in EVIDENCE_GRADES]
    head += [(label("rpt_fit_share_of", lang, grade=label(f"grade_{g}", lang)), SHARE) for g in EVIDENCE_GRADES]
    rows = [
        [
            v,
            card.name(v, lang),
            at(card.criteria, v, "fit"),
            *(at(points, v, g) for g in EVIDENCE_GRADES),
            *(num(at(shares, v, g)) for g in EVIDENCE_GRADES),
        ]
        for v in card.vendors
    ]
    sheet(wb, label("rpt_sh_fit_grades", lang), head, rows, freeze="C2")


def aged_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    """Every figure the scores read from a stale or undated source, with what it feeds."""
    from ._grades import item_name, value_text

    card = data.card
    head = [
        *vendor_cols(lang),
        (label("rpt_status", lang), None),
        (label("feeds", lang), None),
        (label("rpt_item_id", lang), None),
        (label("rpt_item_col", lang), None),
        (label("rpt_value_col", lang), None),
        (label("evidence_grade", lang), None),
        (label("rpt_source", lang), None),
        (label("published", lang), None),
        (label("rpt_aged_points", lang), SCORE),
    ]
    rows = [
        [
            f.vendor,
            card.name(f.vendor, lang),
            label(f"rpt_status_{f.status}", lang),
            label(f"feeds_{f.feeds}", lang),
            f.item,
            item_name(f, lang),
            value_text(f, lang),
            label(f"grade_{f.grade}", lang) if f.grade else None,
            f.source,
            label("published_unknown", lang) if f.status == "unknown" else f.published,
            f.points,
        ]
        for f in sorted(data.aged(), key=lambda f: f.status != "stale")  # stale first, then undated
    ]
    sheet(wb, label("rpt_sh_aged", lang), head, rows, freeze="C2")


def assumptions_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    s, card = data.settings, data.card
    cur = s.currency
    rows: list[list[Any]] = [  # id, assumption, value, number format, unit
        [f"weight_{c}", label("rpt_weight_of", lang, criterion=label(c, lang)), float(card.weights[c]), SHARE, ""]
        for c in CRITERIA
    ]
    rows += [
        ["users", label("users", lang), s.users, "#,##0", ""],
        ["horizon_years", label("rpt_horizon", lang), s.horizon_years, "0", ""],
        ["discount_rate", label("rpt_discount_rate", lang), float(s.discount_rate or 0.0), SHARE, ""],
        ["currency", label("currency", lang), cur, None, ""],
    ]
    rows += [[f"fx_{k}", label("rpt_fx", lang, cur=k), float(v), "0.####", f"{cur}/{k}"] for k, v in data.fx().items()]
    rows.append(
        ["must_min_grade", label("rpt_must_min_grade", lang), min_grade_text(card.must_min_grade, lang), None, ""]
    )
    costs = data.costs()
    rows += [
        [
            f"integration_build_{lvl}",
            label("rpt_build", lang, level=label(f"rpt_lv_{lvl}", lang)),
            costs[f"build_{lvl}"],
            MONEY,
            cur,
        ]
        for lvl in BUILD_LEVELS
    ]
    rows += [
        ["training_per_user", label("rpt_training_per_user", lang), costs["training_per_user"], MONEY, cur],
        ["data_migration", label("rpt_c_data_migration", lang), costs["data_migration"], MONEY, cur],
        ["admin_per_year", label("rpt_admin_per_year", lang), costs["admin_per_year"], MONEY, cur],
        ["annual_uplift", label("rpt_uplift", lang), costs["annual_uplift"], SHARE, ""],
    ]
    impl = s.costs.implementation if s.costs is not None else {}
    rows += [
        [f"implementation_{v}", f"{label('rpt_c_implementation', lang)}: {card.name(v, lang)}", float(x), MONEY, cur]
        for v, x in impl.items()
    ]
    rows += [
        [f"edition_{v}", f"{label('edition', lang)}: {card.name(v, lang)}", card.editions[v], None, ""]
        for v in card.vendors
    ]
    head = [
        (label("id", lang), None),
        (label("rpt_assumption", lang), None),
        (label("rpt_value_col", lang), None),
        (label("rpt_unit", lang), None),
    ]
    ws = sheet(wb, label("rpt_sh_assumptions", lang), head, [[a, b, c, e] for a, b, c, _, e in rows], freeze="B2")
    for i, r in enumerate(rows, start=2):
        if r[3]:
            ws.cell(i, 3).number_format = r[3]


def sources_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    card = data.card
    head = [
        *vendor_cols(lang),
        (label("rpt_source", lang), None),
        (label("title", lang), None),
        (label("rpt_publisher", lang), None),
        (label("rpt_address", lang), None),
        (label("source_kind", lang), None),
        (label("published", lang), None),
        (label("read_on", lang), DATE),
        (label("rpt_stale", lang), None),
        (label("rpt_note", lang), None),
    ]
    rows = [
        [
            s.vendor,
            card.name(s.vendor, lang),
            s.key,
            text_of(s.title, lang) or None,
            s.publisher,
            s.url,
            label(f"kind_{s.kind}", lang),
            published_text(s, lang),
            s.read,
            s.stale,
            text_of(s.note, lang) or None,
        ]
        for s in data.sources
    ]
    ws = sheet(wb, label("rpt_sh_sources", lang), head, rows, freeze="D2")
    for i, s in enumerate(data.sources, start=2):
        if s.linkable:
            ws.cell(i, 6).hyperlink = s.url


def published_text(source: SourceRow, lang: str) -> str:
    """A source's publication date as written, or the words for an unknown one."""
    return label("published_unknown", lang) if source.undated else source.published
