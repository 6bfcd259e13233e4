"""The scorecard's evidence view (apps/_scorecard_grades.py) under the rating overrides: what each
vendor's fit rests on by grade, the evidence on stale sources, and how confirming a rating moves
it; the gaps tab with a minimum grade for must-haves."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import pytest

from toolkit.apps._scorecard_grades import aged_html, grades_html
from toolkit.apps.scorecard import TABS, ScorecardPage
from toolkit.files._i18n import label
from toolkit.model._profiles import demo_path
from toolkit.scoring._grades import fit_shares
from toolkit.scoring._words import pct


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "demo"
    shutil.copytree(demo_path(), target)
    return target


def _open(folder, lang="en") -> ScorecardPage:
    page = ScorecardPage(folder, lang)
    page.tabs.selected_index = TABS.index("evidence")
    return page


def _rows(markup: str, cls: str) -> dict[str, list[str]]:
    """vendor id -> cell texts of the rows of table `cls`."""
    body = re.search(rf'<table class="[^"]*(?<![\w-]){cls}(?![\w-])[^"]*">.*?<tbody>(.*?)</tbody>', markup, re.S).group(
        1
    )
    out = {}
    for vendor, cells in re.findall(r'<tr[^>]*data-vendor="([^"]+)">(.*?)</tr>', body, re.S):
        out[vendor] = [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", cells)
        ]
    return out


def test_the_evidence_tab_shows_what_each_vendors_fit_rests_on(folder):
    page = _open(folder)
    view = page.evidence.grades.value
    rows = _rows(view, "sc-fit-grades")
    assert list(rows) == page.card.vendors
    shares = fit_shares(page.card)
    for v, cells in rows.items():
        assert cells[1] == f"{page.card.criteria.at[v, 'fit']:.1f}"
        assert cells[2:6] == [pct(shares.at[v, g]) for g in ("marketing", "documentation", "independent", "confirmed")]
    assert rows["jiandaoyun"][2:6] == ["46%", "47%", "0%", "7%"]  # 33.33, 34.21, 0, 5.26 of 72.81 points
    # the bar: one segment a grade with a share, widths summing to the whole
    bar = re.search(r'data-vendor="jiandaoyun">.*?<div class="sc-gbar">(.*?)</div>', view, re.S).group(1)
    widths = [float(x) for x in re.findall(r"width:([\d.]+)%", bar)]
    assert len(widths) == 3 and sum(widths) == pytest.approx(100, abs=0.2)


def test_the_evidence_tab_lists_the_stale_evidence(folder):
    page = _open(folder)
    view = page.evidence.grades.value
    assert view.endswith(aged_html(page.card, page.engagement, "en", dt.date.today()))
    counts = _rows(view, "sc-aged")  # the per-vendor counts (not the list)
    assert counts["yonyou"][1].startswith("8 fit") and counts["yonyou"][3] == "35.1"  # 2005, 2019, 2024-09 sources
    listed = re.findall(r'<tr data-vendor="yonyou"><td>Yonyou</td><td>(R\d\d) · ', view)
    assert listed == ["R01", "R02", "R05", "R07", "R08", "R14", "R15", "R16"]
    assert "turbocrm_whitepaper</td><td>2005</td>" in view


def test_confirming_a_rating_moves_its_points_to_confirmed(folder):
    page = _open(folder)
    form = page.evidence
    form.vendor.value, form.capability.value = "jiandaoyun", "customer_360"
    assert "Profile (claim) · marketing" in form.current.value
    form.rating.value = 2
    form.text.value = "demo 2027-01-20: 360 view with contracts and payments"
    form._on_save()
    assert "Evidence · confirmed by the consultant" in form.current.value
    rows = _rows(form.grades.value, "sc-fit-grades")
    # R01 (must, g 3) rated 2: 100 · 3 · 2 / (3 · 38) = 5.26 points leave marketing for confirmed:
    # marketing 28.07 of 72.81 (39 %), confirmed 10.53 (14 %)
    assert rows["jiandaoyun"][1] == "72.8" and rows["jiandaoyun"][2] == "39%" and rows["jiandaoyun"][5] == "14%"


def test_the_view_follows_the_vendors_compared(folder):
    page = _open(folder)
    page.controls.checks["xiaoshouyi"].value = False
    page.tabs.selected_index = TABS.index("gaps")
    page.tabs.selected_index = TABS.index("evidence")
    assert "xiaoshouyi" not in _rows(page.evidence.grades.value, "sc-fit-grades")


def test_the_chinese_view_is_in_chinese(folder):
    page = _open(folder, "zh")
    view = page.evidence.grades.value
    assert label("rpt_fit_grades", "zh") in view and label("rpt_aged", "zh") in view
    assert label("grade_marketing", "zh") in view and label("feeds_fit", "zh") in view
    text = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", view, flags=re.S))
    english = {"marketing", "stale", "Vendor", "Fit", "fit", "viability", "undated", "Evidence", "Published"}
    assert not english & set(re.findall(r"[A-Za-z]+", text))
    assert grades_html(page.card, page.engagement, "zh", dt.date.today()) == view


def test_the_gaps_tab_names_the_musts_below_the_minimum_grade(folder):
    path = folder / "engagement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "uncertainty: none ", "must_min_grade: documentation\nuncertainty: none "
        ),
        encoding="utf-8",
    )
    page = ScorecardPage(folder, "en")
    assert page.card.ranked == ["kingdee", "salesforce"]
    page.tabs.selected_index = TABS.index("gaps")
    gaps = html.unescape(page.gaps.value)
    minimum = label("grade_documentation", "en")
    assert label("rpt_gaps_note_min_grade", "en", minimum=minimum) in gaps
    words = label("gap_below_grade", "en", grade=label("grade_marketing", "en"), minimum=minimum)
    assert gaps.count(words) == sum(
        g.status == "below_grade" for v in page.card.vendors for g in page.card.must_gaps[v]
    )
    assert label("sc_gaps_below_grade", "en", n=5, minimum=minimum) in gaps  # Jiandaoyun's five musts
