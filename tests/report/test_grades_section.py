"""The report's evidence view (report/_grades.py): what each vendor's fit rests on, by grade, the
evidence on stale or undated sources, and a minimum grade for must-haves (docs/method.md)."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from openpyxl import load_workbook

from toolkit.files._i18n import label
from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.model._vocabulary import EVIDENCE_GRADES
from toolkit.report import report_html, report_xlsx
from toolkit.scoring import score, sensitivity
from toolkit.scoring._grades import fit_points
from toolkit.scoring._words import pct

from .conftest import SAMPLES, TODAY, table_under


@pytest.fixture(scope="module")
def page(demo):
    return report_html(*demo, "en", today=TODAY)


def _summary(page: str) -> str:
    return html.unescape(re.search(r'<section class="summary">.*?<p>(.*?)</p>', page, re.S).group(1))


def test_the_fit_by_grade_table_gives_each_vendors_shares(demo, page):
    _, card, _ = demo
    rows = table_under(page, label("rpt_unverified", "en"), 1)
    assert rows[0][:6] == [
        label("vendor", "en"),
        label("fit", "en"),
        *(label(f"rpt_grade_col_{g}", "en") for g in EVIDENCE_GRADES),
    ]
    points = fit_points(card)
    by_vendor = {r[0]: r for r in rows[1:]}
    for v in card.vendors:
        shares = points.loc[v] / points.loc[v].sum()
        assert by_vendor[card.name(v)][1] == f"{card.criteria.at[v, 'fit']:.1f}"
        assert by_vendor[card.name(v)][2:6] == [pct(float(shares[g])) for g in EVIDENCE_GRADES]
    # worked by hand: Jiandaoyun's nine seed ratings carry 3·(2+2+2) + ... = 38 of 114 grade-weighted
    # points (Σ g = 38, × 3): 33.33 fit points of 72.81, 46 %; its one demo 5.26 (7 %)
    assert by_vendor["Jiandaoyun"][2:6] == ["46%", "47%", "0%", "7%"]
    assert by_vendor["XiaoShouYi (Neocrm)"][2:6] == ["100%", "0%", "0%", "0%"]


def test_the_summary_says_what_the_leaders_fit_rests_on(page):
    assert label("rpt_exec_fit_grades", "en", vendor="Jiandaoyun", share="46%", confirmed="7%") in _summary(page)


def test_stale_and_undated_evidence_is_counted_per_vendor_and_the_stale_listed(demo, page):
    counts = {r[0]: r[1:] for r in table_under(page, label("rpt_unverified", "en"), 2)[1:]}
    # Yonyou: eight ratings on the 2005 TurboCRM papers, the 2019 manual and a 2024-09 page; two
    # viability items on a 2025-04-01 broker report (the cutoff is 2025-05-24)
    assert counts["Yonyou"] == ["8 fit, 2 viability", "7 fit, 2 integration, 4 viability", "35.1"]
    assert counts["Jiandaoyun"][0] == "–" and counts["Jiandaoyun"][2] == "–"
    listed = table_under(page, label("rpt_unverified", "en"), 3)[1:]
    yonyou_fit = [r[1].split(" · ")[0] for r in listed if r[0] == "Yonyou" and r[2] == "fit"]
    assert yonyou_fit == ["R01", "R02", "R05", "R07", "R08", "R14", "R15", "R16"]
    r01 = next(r for r in listed if r[0] == "Yonyou" and r[1].startswith("R01"))
    assert r01[3:] == ["3", label("grade_marketing", "en"), r01[5], "2005"] and r01[5].endswith("turbocrm_whitepaper")
    salesforce = [r[1].split(" · ")[0] for r in listed if r[0] == "Salesforce"]
    assert salesforce == ["R08", "R11", label("rpt_vi_local_delivery", "en")]  # 2021, 2012, 2022


def test_the_chinese_page_says_it_in_chinese(demo):
    page = report_html(*demo, "zh", today=TODAY)
    assert label("rpt_fit_grades", "zh") in page and label("rpt_aged", "zh") in page
    assert label("rpt_exec_fit_grades", "zh", vendor="简道云", share="46%", confirmed="7%") in _summary(page)
    body = page.split("</style>", 1)[1]
    assert "rests on" not in body and label("rpt_aged_stale", "en") not in body


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The demo requiring vendor documentation or better behind every must-have."""
    folder = tmp_path_factory.mktemp("graded") / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "uncertainty: none ", "must_min_grade: documentation\nuncertainty: none "
        ),
        encoding="utf-8",
    )
    engagement = load_engagement(folder)
    card = score(engagement)
    return engagement, card, sensitivity(card, samples=SAMPLES, seed=0)


def test_a_minimum_grade_shows_in_the_gaps_the_summary_and_the_assumptions(graded):
    engagement, card, _ = graded
    assert card.ranked == ["kingdee", "salesforce"]
    page = report_html(*graded, "en", today=TODAY)
    gaps = table_under(page, label("must_gaps", "en"))[1:]
    below = [r for r in gaps if label("rpt_gap_below_grade_short", "en") in r[3]]
    assert [r[1] for r in below if r[0].startswith("Jiandaoyun")] == ["R01", "R02", "R03", "R06", "R20"]
    words = label(
        "gap_below_grade", "en", grade=label("grade_marketing", "en"), minimum=label("grade_documentation", "en")
    )
    assert all(words in r[3] for r in below)
    n = sum(g.status == "below_grade" for v in card.vendors for g in card.must_gaps[v])
    minimum = label("grade_documentation", "en")
    assert label("rpt_exec_gaps_below_grade", "en", n=n, minimum=minimum) in _summary(page)
    assert label("rpt_gaps_note_min_grade", "en", minimum=minimum) in html.unescape(page)
    general = dict(r for r in table_under(page, label("rpt_assumptions", "en"))[1:])
    assert general[label("rpt_must_min_grade", "en")] == minimum


def test_a_minimum_grade_shows_in_the_workbook(graded, tmp_path):
    path = tmp_path / "report.xlsx"
    report_xlsx(*graded, "en", today=TODAY).save(path)
    book = load_workbook(path)
    gaps = list(book[label("rpt_sh_gaps", "en")].iter_rows(min_row=2, values_only=True))
    jdy = [r for r in gaps if r[0] == "jiandaoyun"]
    assert [r[2] for r in jdy] == ["R01", "R02", "R03", "R06", "R20"]
    assert jdy[0][5].startswith("rests on marketing, below the minimum grade (vendor documentation)")
    assumptions = {r[0]: r[2] for r in book[label("rpt_sh_assumptions", "en")].iter_rows(min_row=2, values_only=True)}
    assert assumptions["must_min_grade"] == label("grade_documentation", "en")
    ratings = book[label("rpt_sh_ratings", "en")]
    head = [c.value for c in ratings[1]]
    below = [r for r in ratings.iter_rows(min_row=2, values_only=True) if r[head.index(label("rpt_below_grade", "en"))]]
    _, card, _ = graded
    expected = [(v, g.id) for v in card.vendors for g in card.must_gaps[v] if g.status == "below_grade"]
    assert sorted((r[0], r[3]) for r in below) == sorted(expected)  # only musts are below a must's minimum
