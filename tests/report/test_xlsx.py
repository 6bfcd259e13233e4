"""The workbook: every sheet a filterable table, numbers as numbers equal to the scorecard's."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import load_workbook

from toolkit.files._i18n import label
from toolkit.model._vocabulary import EVIDENCE_GRADES
from toolkit.model.schema import CRITERIA, SOURCE_KINDS
from toolkit.report import report_xlsx
from toolkit.report._facts import COMPONENTS

from .conftest import TODAY

SHEETS = [
    "ranking",
    "criteria",
    "contributions",
    "tco",
    "tco_years",
    "gaps",
    "ratings",
    "viability",
    "robustness",
    "fit_grades",
    "aged",
    "room",  # the demo gives its stakeholders' weights
    "assumptions",
    "sources",
]


@pytest.fixture(scope="module")
def book(demo, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    report_xlsx(*demo, "en", today=TODAY).save(path)
    return load_workbook(path)


def _full(x):
    """A figure as the file keeps it: openpyxl writes 16 significant digits (Excel shows 15)."""
    return pytest.approx(float(x), rel=1e-15, abs=0)


def _rows(ws) -> dict[str, dict]:
    """Rows keyed by the vendor id in column A (for a sheet with one row per vendor)."""
    head = [c.value for c in ws[1]]
    return {r[0]: dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}


def test_the_sheets_are_there_with_frozen_headers_and_filters(book):
    illustrative = label("ill_sheet", "en")  # the demo is illustrative: that sheet comes first
    assert book.sheetnames == [illustrative, *(label(f"rpt_sh_{s}", "en") for s in SHEETS)]
    for ws in book.worksheets[1:]:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws["A1"].font.bold


def test_ranking_holds_the_scorecard_figures_at_full_precision(demo, book):
    _, card, _ = demo
    ws = book[label("rpt_sh_ranking", "en")]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    assert [r[1] for r in rows] == card.vendors
    for r, v in zip(rows, card.vendors, strict=True):
        assert r[0] == (None if pd.isna(card.rank[v]) else int(card.rank[v]))
        assert isinstance(r[3], float) and r[3] == _full(card.total[v])
        assert list(r[4:8]) == [_full(card.criteria.at[v, c]) for c in CRITERIA]
        assert r[8] == _full(card.tco[v].total)
        assert r[10] is card.knocked_out[v]
    assert ws["D2"].number_format == "0.0" and ws["I2"].number_format == "#,##0"


def test_contributions_and_tco_components_match(demo, book):
    _, card, _ = demo
    contrib = _rows(book[label("rpt_sh_contributions", "en")])
    for v in card.vendors:
        assert [contrib[v][label(c, "en")] for c in CRITERIA] == [_full(card.contributions.at[v, c]) for c in CRITERIA]
    tco = _rows(book[label("rpt_sh_tco", "en")])
    for v in card.vendors:
        b = card.tco[v].breakdown()
        assert [tco[v][label(f"rpt_c_{c}", "en")] for c in COMPONENTS] == [_full(b[c]) for c in COMPONENTS]
        assert tco[v][label("total", "en")] == _full(card.tco[v].total)
    years = list(book[label("rpt_sh_tco_years", "en")].iter_rows(min_row=2, values_only=True))
    assert len(years) == len(card.vendors) * 3
    pv = sum(r[6] for r in years if r[0] == "jiandaoyun")
    assert pv == pytest.approx(card.tco["jiandaoyun"].total - card.tco["jiandaoyun"].one_off)


def test_ratings_gaps_and_viability_are_long_tables(demo, book):
    _, card, _ = demo
    ratings = list(book[label("rpt_sh_ratings", "en")].iter_rows(min_row=2, values_only=True))
    assert len(ratings) == len(card.ratings) + len(card.support)
    first = card.ratings.iloc[0]
    assert ratings[0][:4] == (first["vendor"], card.name(first["vendor"]), "capability", first["id"])
    assert ratings[0][8] == float(first["rating"]) and ratings[0][9] == first["origin"]
    gaps = list(book[label("rpt_sh_gaps", "en")].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in gaps] == [(v, g.id) for v in card.vendors for g in card.must_gaps[v]]
    vi = list(book[label("rpt_sh_viability", "en")].iter_rows(min_row=2, values_only=True))
    assert len(vi) == len(card.viability)
    scores = {(r[0], r[2]): r[5] for r in vi}
    assert scores[("jiandaoyun", "market_presence")] == 3 and scores[("jiandaoyun", "financial_strength")] is None


def test_the_ratings_sheet_says_each_ratings_grade_source_and_date(demo, book):
    _, card, _ = demo
    ws = book[label("rpt_sh_ratings", "en")]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    r01 = next(r for r in rows if r[label("id", "en")] == "yonyou" and r[label("rpt_requirement_id", "en")] == "R01")
    assert r01[label("evidence_grade", "en")] == label("grade_marketing", "en")
    assert r01[label("rpt_source", "en")] == "turbocrm_whitepaper" and r01[label("published", "en")] == "2005"
    assert r01[label("rpt_below_grade", "en")] is False  # the demo sets no must_min_grade


def test_fit_by_evidence_sums_to_the_fit_and_stale_evidence_lists_every_figure(demo, book):
    _, card, _ = demo
    rows = _rows(book[label("rpt_sh_fit_grades", "en")])
    jdy = rows["jiandaoyun"]
    points = [jdy[label("rpt_fit_points_of", "en", grade=label(f"grade_{g}", "en"))] for g in EVIDENCE_GRADES]
    assert sum(points) == pytest.approx(card.criteria.at["jiandaoyun", "fit"], abs=1e-12)
    # Jiandaoyun: 33.33 of its 72.81 points rest on marketing (R01 to R03 and more: 9 seed ratings)
    assert jdy[label("rpt_fit_share_of", "en", grade=label("grade_marketing", "en"))] == pytest.approx(0.4578, abs=1e-4)
    aged = list(book[label("rpt_sh_aged", "en")].iter_rows(min_row=2, values_only=True))
    stale = [r for r in aged if r[2] == label("rpt_status_stale", "en")]
    assert [(r[0], r[4]) for r in stale if r[0] == "yonyou" and r[3] == label("feeds_fit", "en")] == [
        ("yonyou", rid) for rid in ("R01", "R02", "R05", "R07", "R08", "R14", "R15", "R16")
    ]
    assert sum(r[-1] for r in stale if r[0] == "yonyou" and r[-1]) == pytest.approx(35.0877, abs=1e-4)


def test_robustness_holds_acceptability_and_stability(demo, book):
    _, card, sens = demo
    rows = _rows(book[label("rpt_sh_robustness", "en")])
    for v in sens.acceptability.index:
        assert rows[v]["#1"] == _full(sens.acceptability.at[v, 1])
    ws = book[label("rpt_sh_robustness", "en")]
    col_a = [c.value for c in ws["A"]]
    start = col_a.index(label("stability", "en")) + 3  # heading, header, then the rows
    assert [ws.cell(start + i, 1).value for i in range(4)] == list(CRITERIA)
    assert ws.cell(start + 2, 3).value == _full(sens.stability.at["tco", "low"])


def test_assumptions_and_sources(demo, book):
    engagement, card, _ = demo
    assumptions = {r[0]: r[2] for r in book[label("rpt_sh_assumptions", "en")].iter_rows(min_row=2, values_only=True)}
    assert assumptions["weight_fit"] == pytest.approx(0.4)
    assert assumptions["fx_USD"] == 7.1 and assumptions["users"] == 60 and assumptions["discount_rate"] == 0.08
    assert assumptions["integration_build_partner"] == 20000
    sources = list(book[label("rpt_sh_sources", "en")].iter_rows(min_row=2, values_only=True))
    assert len(sources) == sum(len(engagement.vendors[v].sources) for v in card.vendors)
    assert all(isinstance(r[8], dt.datetime | dt.date) for r in sources)  # read: a date cell
    assert {r[6] for r in sources} <= {label(f"kind_{k}", "en") for k in SOURCE_KINDS}
    # published: as precise as the page gives it; stale when before 2025-05-24 (2005 counts as 2005-01-01)
    known = [r for r in sources if r[7] != label("published_unknown", "en")]
    old = [r for r in known if dt.date.fromisoformat((r[7] + "-01-01")[:10]) < dt.date(2025, 5, 24)]
    assert old and all(r[9] is True for r in old)
    assert not any(r[9] for r in sources if r not in old)
    assert [r for r in sources if r[2] == "turbocrm_whitepaper"][0][7] == "2005"
