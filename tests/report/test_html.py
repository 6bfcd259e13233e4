"""The HTML report: the demo's figures in order, self-contained, in both languages."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from toolkit.files._i18n import label
from toolkit.model.schema import CRITERIA
from toolkit.report import report_html
from toolkit.scoring import sensitivity
from toolkit.scoring._words import pct

from .conftest import SAMPLES, TODAY, table_under


@pytest.fixture(scope="module")
def page(demo):
    return report_html(*demo, "en", today=TODAY)


@pytest.fixture(scope="module")
def page_zh(demo):
    return report_html(*demo, "zh", today=TODAY)


def test_the_ranking_table_lists_vendors_in_rank_order_with_their_figures(demo, page):
    _, card, _ = demo
    rows = table_under(page, label("rpt_ranking", "en"))[1:]
    assert [r[1].replace(label("knocked_out", "en"), "").strip() for r in rows] == [card.name(v) for v in card.vendors]
    for r, v in zip(rows, card.vendors, strict=True):
        rank = "–" if pd.isna(card.rank[v]) else str(int(card.rank[v]))
        assert r[0] == rank
        assert r[2] == f"{card.total[v]:.1f}"
        assert r[3:7] == [f"{card.criteria.at[v, c]:.1f}" for c in CRITERIA]
        assert r[7].rstrip(" *") == f"{card.tco[v].total:,.0f}"
    knocked = [r for r, v in zip(rows, card.vendors, strict=True) if card.knocked_out[v]]
    assert knocked and all(label("knocked_out", "en") in r[1] for r in knocked)


def test_the_contributions_table_holds_each_weighted_share(demo, page):
    _, card, _ = demo
    rows = table_under(page, label("rpt_contributions", "en"))[1:]
    contrib = card.contributions
    for r, v in zip(rows, card.vendors, strict=True):
        assert r[0] == card.name(v)
        assert r[1:5] == [f"{contrib.at[v, c]:.1f}" for c in CRITERIA]
        assert r[5] == f"{card.total[v]:.1f}"


def test_the_page_says_how_much_rests_on_unverified_claims(demo, page):
    _, card, _ = demo
    unverified = sensitivity(card, samples=SAMPLES, seed=0, uncertainty="ratings", today=TODAY)
    sentence = label("says_unverified", "en", share=pct(unverified.unverified_share), n=unverified.unverified_ratings)
    assert html.escape(sentence) in page
    assert label("rpt_unverified", "en") in page
    counts = table_under(page, label("rpt_unverified", "en"))[1:]
    jdy = card.ratings[card.ratings["vendor"] == "jiandaoyun"]["origin"].value_counts()
    assert counts[0][:5] == [
        "Jiandaoyun",
        *(str(int(jdy.get(o, 0))) for o in ("evidence", "edition", "profile", "unrated")),
    ]


def test_the_summary_names_the_leader_the_margin_and_the_knockouts(demo, page):
    _, card, sens = demo
    lead, second = card.ranked[:2]
    summary = html.unescape(re.search(r'<section class="summary">.*?<p>(.*?)</p>', page, re.S).group(1))
    assert summary.startswith(
        label(
            "rpt_exec_leader",
            "en",
            leader="Jiandaoyun",
            total=f"{card.total[lead]:.1f}",
            margin=f"{card.total[lead] - card.total[second]:.1f}",
            second=card.name(second),
        )
    )
    assert label("says_first_in", "en", vendor="Jiandaoyun", share=pct(sens.first_rank[lead])) in summary
    assert label("rpt_exec_knockouts", "en", names="XiaoShouYi (Neocrm)") in summary
    assert label("rpt_exec_gaps_unrated", "en", n=4) in summary


def test_must_gaps_that_are_only_unrated_advise_the_rfp(demo, page):
    _, card, _ = demo
    rows = table_under(page, label("must_gaps", "en"))[1:]
    gaps = [(v, g) for v in card.vendors for g in card.must_gaps[v]]
    assert [r[1] for r in rows] == [g.id for _, g in gaps]
    assert all(label("rpt_confirm_rfp", "en") in r[3] for r in rows)


def test_tco_tables_sum_to_the_total(demo, page):
    _, card, _ = demo
    rows = table_under(page, label("rpt_tco", "en"), 0)[1:]
    for r, v in zip(rows, card.vendors, strict=True):
        parts = [float(x.replace(",", "")) for x in r[1:7]]
        assert abs(sum(parts) - card.tco[v].total) <= 6  # each part rounded to a unit
        assert r[7] == f"{card.tco[v].total:,.0f}"
    years = table_under(page, label("rpt_tco", "en"), 1)
    assert years[0][2:5] == ["Year 1", "Year 2", "Year 3"]


def test_the_page_is_self_contained(demo, page):
    engagement, card, _ = demo
    assert "<script" not in page and "<link" not in page and "<img" not in page and "<iframe" not in page
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert not re.search(r"\ssrc\s*=", page)
    assert "<!DOCTYPE svg" not in page and "<?xml" not in page
    sources = page.index(f"<h2>12. {label('rpt_sources', 'en')}</h2>")  # 10: the room's weights (the demo gives them)
    urls = {s.url for v in card.vendors for s in engagement.vendors[v].sources.values()}
    for m in re.finditer(r'(?<![\w:-])href="([^"]*)"', page):
        assert m.start() > sources, m.group(0)
        assert html.unescape(m.group(1)) in urls
    linked = {html.unescape(u) for u in re.findall(r'(?<![\w:-])href="([^"]*)"', page)}
    assert linked == {u for u in urls if u.startswith("http")}
    assert all(h.startswith("#") for h in re.findall(r'xlink:href="([^"]*)"', page))


def test_the_page_prints_on_a4_and_keeps_charts_whole(page):
    assert "@page { size: A4" in page
    assert re.search(r"figure[^{}]*\{[^}]*break-inside: avoid", page)
    assert len(re.findall(r'<svg [^>]*class="chart"', page)) == 4


def test_sources_published_more_than_18_months_ago_are_marked_stale(demo, page):
    engagement, card, _ = demo
    rows = table_under(page, label("rpt_sources", "en"))
    by_key = {}
    vendor = None
    for r in rows[1:]:
        if len(r) == 1:
            vendor = r[0].split(" · ")[0]
        else:
            by_key[(vendor, r[0])] = r[2]
    sf = engagement.vendors["salesforce"].sources
    old = [k for k, s in sf.items() if s.published_on and s.published_on < TODAY.replace(year=TODAY.year - 2)]
    fresh = [k for k, s in sf.items() if s.published_on and s.published_on >= TODAY.replace(month=1, day=1)]
    undated = [k for k, s in sf.items() if s.published_on is None]
    assert old and fresh
    assert all(by_key[("Salesforce", k)].endswith(label("rpt_stale", "en")) for k in old)
    assert not any(by_key[("Salesforce", k)].endswith(label("rpt_stale", "en")) for k in fresh)
    assert undated and all(by_key[("Salesforce", k)] == label("published_unknown", "en") for k in undated)


def test_the_chinese_page_uses_the_chinese_labels(demo, page_zh):
    _, card, _ = demo
    assert '<html lang="zh-CN">' in page_zh
    for text in (
        label("rpt_summary", "zh"),
        label("rpt_ranking", "zh"),
        label("fit", "zh"),
        "简道云",
        "历史客户数据导入与去重",
    ):
        assert text in page_zh
    rows = table_under(page_zh, label("rpt_ranking", "zh"))
    assert rows[0][:3] == [label("rank", "zh"), label("vendor", "zh"), label("total", "zh")]
    assert rows[1][1] == card.name(card.vendors[0], "zh")
    assert "Executive summary" not in page_zh
