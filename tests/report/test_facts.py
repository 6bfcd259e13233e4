"""The report's own figures: staleness, the efficient frontier, the charts' font fallback."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from toolkit.model._engagement import load_engagement
from toolkit.report import FontWarning, report_html
from toolkit.report import _charts as charts
from toolkit.report._facts import gather, months_before
from toolkit.scoring import score, sensitivity

from ..conftest import write

PROFILE = """\
id: {id}
name: {{en: {name}, zh: {zh}}}
sources:
  pricing: {{url: "https://{id}.example/pricing", title: Pricing, kind: vendor_pricing, published: unknown,
            read: 2026-10-01}}
  old_report: {{url: "seed:old.txt", title: Annual report, kind: annual_report, published: {old}, read: 2026-10-01}}
company: {{value: "{name} Ltd", source: pricing}}
currency: CNY
default_edition: pro
editions:
  - {{id: pro, price_per_user_month: {price}, source: pricing}}
implementation: {{estimate: 100000, source: pricing}}
capabilities:
  customer_360: {{rating: {fit}, grade: documentation, source: pricing}}
viability:
  market_presence: {{score: 3, why: {{en: "regional player", zh: 区域厂商}}, grade: documentation, source: old_report}}
"""

ENGAGEMENT = """\
client: Test client
industry: manufacturing
currency: CNY
users: 10
shortlist: [alpha, beta, gamma]
"""

REQUIREMENTS = """\
requirements:
  - {id: R01, capability: customer_360, grade: must}
"""


@pytest.fixture
def three(tmp_path):
    """alpha: cheap, fit 67; beta: dear, fit 100; gamma: dearer than beta, fit 67 (dominated)."""
    folder = tmp_path / "eng"
    write(folder / "engagement.yaml", ENGAGEMENT)
    write(folder / "requirements.yaml", REQUIREMENTS)
    for vid, name, zh, price, fit, old in (
        ("alpha", "Alpha", "阿尔法", 10, 2, "2026-06-01"),
        ("beta", "Beta", "贝塔", 50, 3, "2025-05-23"),
        ("gamma", "Gamma", "伽马", 60, 2, "2025-05-24"),
    ):
        text = PROFILE.format(id=vid, name=name, zh=zh, price=price, fit=fit, old=old)
        write(folder / "vendor_profiles" / f"{vid}.yaml", text)
    engagement = load_engagement(folder)
    card = score(engagement)
    return engagement, card, sensitivity(card, samples=200)


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(dt.date(2026, 11, 24), 18) == dt.date(2025, 5, 24)
    assert months_before(dt.date(2026, 8, 31), 18) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_a_source_published_more_than_18_months_ago_is_stale_and_marked(three):
    data = gather(*three, today=dt.date(2026, 11, 24))
    stale = {(s.vendor, s.key) for s in data.sources if s.stale}
    assert stale == {("beta", "old_report")}  # published 2025-05-23 is one day past the line; 2025-05-24 is not
    # the pricing pages give no publication date: unknown, never fresh, though they were read in 2026
    assert {(s.vendor, s.key) for s in data.sources if s.undated} == {
        (v, "pricing") for v in ("alpha", "beta", "gamma")
    }
    assert data.months == 18 and data.undated_count == 3
    page = report_html(*three, "en", today=dt.date(2026, 11, 24))
    assert page.count('<span class="badge stale">stale</span>') == 2  # in the sources and beside viability
    assert page.count('<span class="badge undated">publication date unknown</span>') == 3
    assert "1 stale" in page
    zh = report_html(*three, "zh", today=dt.date(2026, 11, 24))
    assert zh.count('<span class="badge undated">发布日期不详</span>') == 3
    assert "区域厂商" in zh and "regional player" not in zh


def test_staleness_is_judged_on_publication_not_on_reading(tmp_path):
    """published 2020, read 2026: stale; a year counts from its first day; the engagement's
    stale_after_months moves the line."""
    folder = tmp_path / "eng"
    write(folder / "engagement.yaml", ENGAGEMENT.replace("[alpha, beta, gamma]", "[alpha]"))
    write(folder / "requirements.yaml", REQUIREMENTS)
    text = PROFILE.format(id="alpha", name="Alpha", zh="阿尔法", price=10, fit=2, old="2020")
    text = text.replace("published: unknown", "published: 2025-06")
    write(folder / "vendor_profiles" / "alpha.yaml", text)
    engagement = load_engagement(folder)
    card = score(engagement)
    sens = sensitivity(card, samples=50)
    status = {s.key: s.status for s in gather(engagement, card, sens, today=dt.date(2026, 11, 24)).sources}
    assert status == {"old_report": "stale", "pricing": "fresh"}  # 2025-06 counts from 2025-06-01
    status = {s.key: s.status for s in gather(engagement, card, sens, today=dt.date(2027, 1, 1)).sources}
    assert status == {"old_report": "stale", "pricing": "stale"}  # 2025-06-01 is before 2025-07-01
    write(
        folder / "engagement.yaml", ENGAGEMENT.replace("[alpha, beta, gamma]", "[alpha]") + "stale_after_months: 24\n"
    )
    engagement = load_engagement(folder)
    data = gather(engagement, card, sens, today=dt.date(2027, 1, 1))
    assert data.months == 24 and data.cutoff == dt.date(2025, 1, 1)
    assert {s.key: s.status for s in data.sources} == {"old_report": "stale", "pricing": "fresh"}


def test_the_frontier_keeps_vendors_not_beaten_on_both_fit_and_cost(three):
    data = gather(*three)
    assert data.pareto_front() == ["alpha", "beta"]
    assert data.cheapest() == "alpha"


def test_unverified_run_reuses_a_ratings_sensitivity(three):
    engagement, card, _ = three
    sens = sensitivity(card, samples=100, uncertainty="ratings")
    assert gather(engagement, card, sens).unverified is sens
    other = gather(engagement, card, sensitivity(card, samples=100)).unverified
    assert other.uncertainty == "ratings" and other.samples == 100


def test_without_a_cjk_font_the_charts_render_and_warn_once(three, monkeypatch):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    monkeypatch.setattr(charts, "_warned", False)
    data = gather(*three)
    with pytest.warns(FontWarning) as caught:
        first = charts.all_charts(data, "zh")
        charts.all_charts(data, "zh")
    assert len(caught) == 1
    assert all("<svg" in svg for svg in first.values())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.all_charts(data, "en")  # nothing Chinese to draw: no warning


def test_an_installed_cjk_font_is_found():
    font = charts.cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    assert "CJK" in font or "Han" in font or "Hei" in font
