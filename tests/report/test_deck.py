"""The board deck of the demo, en and zh: its slides in order, speaker notes on each, native
charts whose embedded figures are the scorecard's, and the East Asian face on every run."""

from __future__ import annotations

import io
import shutil

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.report._deck import deck_pptx
from toolkit.report._deck_kit import EA_FONT, SLIDE_H, SLIDE_W
from toolkit.scoring import score, sensitivity

from .conftest import TODAY

TITLES = {
    "en": [
        "华东精密机械有限公司",
        "Recommendation",
        "Ranking",
        "What makes up each total",
        "Value for money",
        "How robust is the ranking",
        "What it would take to rank first",
        "Must-have gaps",
        "TCO by year (present value)",
        "The room's weights",
        "Rollout plan for Jiandaoyun, starting 2027-01-04",
        "Assumptions and sources",
    ],
    "zh": [
        "华东精密机械有限公司",
        "推荐结论",
        "排名",
        "总分构成",
        "性价比",
        "排名的稳健性",
        "怎样才能排名第一",
        "必做需求缺口",
        "逐年总拥有成本(现值)",
        "与会各方的权重",
        "简道云上线计划,2027-01-04开始",
        "假设与来源",
    ],
}
VENDORS = ["jiandaoyun", "fxiaoke", "yonyou", "kingdee", "salesforce", "xiaoshouyi"]


@pytest.fixture(scope="module")
def decks(demo):
    return {lang: Presentation(io.BytesIO(deck_pptx(*demo, lang, today=TODAY))) for lang in ("en", "zh")}


def _chart(slide):
    charts = [s for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    return charts[0].chart


def _embedded(chart) -> list[list]:
    """The rows of the workbook embedded in the chart (what PowerPoint's Edit Data opens)."""
    book = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_slides_in_order_16_9_each_with_speaker_notes(decks, lang):
    prs = decks[lang]
    assert (round(prs.slide_width / 914400, 3), round(prs.slide_height / 914400, 3)) == (SLIDE_W, SLIDE_H)
    assert [s.shapes.title.text for s in prs.slides] == TITLES[lang]
    for slide in prs.slides:
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text) > 40
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]  # charts are charts


def test_the_notes_say_what_the_slide_says_and_where_the_numbers_come_from(decks):
    notes = [s.notes_slide.notes_text_frame.text for s in decks["en"].slides]
    assert "crm-toolkit" in notes[0] and "2026-11-24" in notes[0]
    assert "We recommend Jiandaoyun (Enterprise)." in notes[1]
    assert "Jiandaoyun ranks first with 76.5 of 100 points, 6.1 points ahead of Fxiaoke (ShareCRM)." in notes[1]
    assert "1,000 weight samples, seed 0" in notes[1]
    assert "1. Jiandaoyun: 76.5 points (fit 72.8, integration 66.7, TCO 100.0, viability 60.0); " in notes[2]
    assert "3-year TCO 621,806 CNY." in notes[2]
    assert "Jiandaoyun: Fit 29.1 + Integration 13.3 + TCO 25.0 + Viability 9.0 = 76.5 points." in notes[3]
    assert "On the efficient frontier: Jiandaoyun, Fxiaoke (ShareCRM)" in notes[4]
    assert "Jiandaoyun ranks first in 62% of plausible weightings." in notes[5]
    assert "Kingdee would rank first if its 3-year TCO fell from 1,072,247 to about 576,000 CNY (-46%" in notes[6]
    assert "XiaoShouYi (Neocrm): R04 Historical data import and de-duplication, not rated" in notes[7]
    assert "Jiandaoyun: one-off 258,000; Year 1 127,000, Year 2 121,157, Year 3 115,649; total 621,806 CNY." in notes[8]
    assert "Consensus 83%" in notes[9]
    assert "Weeks 0-2: the core: 8 tasks, 6 must-have, 32 person-days." in notes[10]
    assert "Discount rate: 8%" in notes[11]
    sources = [line for line in notes[11].splitlines() if line.rsplit(" ", 1)[-1].startswith(("seed:", "http"))]
    assert len(sources) == 108 and sum("[stale]" in line for line in sources) == 19
    zh = [s.notes_slide.notes_text_frame.text for s in decks["zh"].slides]
    assert "建议选择简道云(企业版)。" in zh[1] and "简道云以76.5分" in zh[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_makes_up_each_total_is_a_native_stacked_bar_chart_of_the_contributions(decks, demo, lang):
    card = demo[1]
    chart = _chart(decks[lang].slides[3])
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    names = {"en": ["Fit", "Integration", "TCO", "Viability"], "zh": ["功能匹配", "集成", "总拥有成本", "厂商生存力"]}
    assert [s.name for s in chart.plots[0].series] == names[lang]
    assert card.vendors == VENDORS
    for series, c in zip(chart.plots[0].series, ("fit", "integration", "tco", "viability"), strict=True):
        assert list(series.values) == pytest.approx(card.contributions[c].tolist(), abs=1e-9)
    first = {"en": "1  Jiandaoyun · 76.5", "zh": "1  简道云 · 76.5"}
    assert list(chart.plots[0].categories)[0] == first[lang]
    rows = _embedded(chart)
    assert rows[0][1:] == names[lang]
    assert [r[1] for r in rows[1:]] == pytest.approx(card.contributions["fit"].tolist(), abs=1e-9)


def test_value_for_money_is_a_native_xy_scatter_of_fit_against_tco(decks, demo):
    card = demo[1]
    chart = _chart(decks["en"].slides[4])
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
    series = list(chart.plots[0].series)
    assert [s.name for s in series] == [card.name(v) for v in VENDORS]
    for s, v in zip(series, VENDORS, strict=True):
        x = float(s._element.find(qn("c:xVal")).find(".//" + qn("c:v")).text)
        assert (x, s.values[0]) == pytest.approx((card.tco[v].total, card.criteria.at[v, "fit"]), abs=1e-6)
    assert card.tco["jiandaoyun"].total == pytest.approx(621_806, abs=1)


def test_robustness_is_a_native_100_percent_bar_chart_of_rank_acceptability(decks, demo):
    card, sens = demo[1], demo[2]
    chart = _chart(decks["en"].slides[5])
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED_100
    acc = sens.acceptability
    assert [s.name for s in chart.plots[0].series] == [f"rank {n}" for n in range(1, 6)]
    for series, col in zip(chart.plots[0].series, acc.columns, strict=True):
        assert list(series.values) == pytest.approx(acc[col].tolist())
    assert list(chart.plots[0].categories)[0] == "Jiandaoyun · 62% first"
    assert acc.at["jiandaoyun", 1] == pytest.approx(0.62)
    assert "xiaoshouyi" not in acc.index and card.knocked_out["xiaoshouyi"]


def test_tco_by_year_is_a_native_clustered_column_chart_summing_to_the_tco(decks, demo):
    card = demo[1]
    chart = _chart(decks["en"].slides[8])
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    series = list(chart.plots[0].series)
    assert [s.name for s in series] == ["One-off", "Year 1", "Year 2", "Year 3"]
    for i, v in enumerate(VENDORS):
        parts = [s.values[i] for s in series]
        assert parts[0] == pytest.approx(card.tco[v].one_off)
        assert sum(parts) == pytest.approx(card.tco[v].total)
    assert [s.values[0] for s in series] == pytest.approx([258_000, 127_000, 121_157.41, 115_648.58], abs=0.01)


def test_the_tables_show_the_scorecard(decks):
    def cells(slide):
        table = next(s for s in slide.shapes if s.has_table).table
        return [[c.text for c in r.cells] for r in table.rows]

    ranking = cells(decks["en"].slides[2])
    assert ranking[0] == ["Rank", "Vendor", "Total", "Fit", "Integration", "TCO", "Viability", "TCO 3 y (CNY)"]
    assert ranking[1] == ["1", "Jiandaoyun", "76.5", "72.8", "66.7", "100.0", "60.0", "621,806"]
    assert ranking[6][:3] == ["–", "XiaoShouYi (Neocrm) (knocked out)", "51.1"]
    gaps = cells(decks["zh"].slides[7])
    assert [r[1] for r in gaps[1:]] == ["R04", "R10", "R15", "R20"]
    assert gaps[1][3] == "未评分:请通过RFP确认"
    room = cells(decks["en"].slides[9])
    assert room[1] == ["Wang Fang · Sales director", "rank (ROC)", "52%", "27%", "6%", "15%", "Fxiaoke (ShareCRM)"]
    assert room[-1][0] == "The group (mean of normalised weights)"
    rollout = cells(decks["en"].slides[10])
    assert [r[:5] for r in rollout[1:]] == [
        ["Weeks 0-2: the core", "2027-01-04 – 2027-01-17", "8", "6", "32"],
        ["Weeks 2-8: expand", "2027-01-18 – 2027-02-28", "13", "4", "52"],
        ["Week 8+: advanced and integration", "2027-03-01 – 2027-05-23", "7", "1", "54"],
    ]


def _runs(prs):
    """Every run's properties: slides (text boxes, tables, titles), charts and speaker notes."""
    for slide in prs.slides:
        parts = [slide.part, slide.notes_slide.part]
        parts += [s.chart.part for s in slide.shapes if s.has_chart]
        for part in parts:
            runs = part._element.iter(qn("a:r"))
            yield from ((r.find(qn("a:rPr")), r.findtext(qn("a:t"))) for r in runs)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_run_carries_the_east_asian_face(decks, lang):
    latin = {"en": "Arial", "zh": EA_FONT}[lang]
    runs = list(_runs(decks[lang]))
    assert len(runs) > 300
    for rpr, text in runs:
        assert rpr is not None, text
        assert rpr.find(qn("a:ea")).get("typeface") == EA_FONT, text
        assert rpr.find(qn("a:latin")).get("typeface") == latin, text
    chart_defaults = [
        d
        for s in decks[lang].slides
        for sh in s.shapes
        if sh.has_chart
        for d in sh.chart._chartSpace.iter(qn("a:defRPr"))
    ]
    assert chart_defaults and all(d.find(qn("a:ea")).get("typeface") == EA_FONT for d in chart_defaults)


@pytest.fixture
def demo_without(tmp_path):
    """A copy of the demo with lines of engagement.yaml taken out (by what they start with)."""

    def make(*starts: str):
        target = tmp_path / "demo"
        shutil.copytree(demo_path(), target)
        path = target / "engagement.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        if "room_weights:" in starts:
            lines = lines[: lines.index("room_weights:")]
        kept = [line for line in lines if not line.startswith(starts)]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
        return load_engagement(target)

    return make


def test_without_room_weights_or_a_start_date_the_deck_says_less(demo_without):
    engagement = demo_without("room_weights:", "start_date:")
    card = score(engagement)
    prs = Presentation(io.BytesIO(deck_pptx(engagement, card, sensitivity(card, samples=200), today=TODAY)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert "The room's weights" not in titles and len(titles) == 11
    assert titles[9] == "Rollout plan for Jiandaoyun"
    text = " ".join(sh.text_frame.text for sh in prs.slides[9].shapes if sh.has_text_frame)
    assert "no start_date" in text
    table = next(s for s in prs.slides[9].shapes if s.has_table).table
    assert [c.text for c in table.rows[0].cells][:2] == ["Phase", "Tasks"]  # no dates


def test_a_preliminary_scorecard_says_so_on_the_title_slide(demo, tmp_path):
    # the demo without Kingdee's quote: its list price is not public, so the scorecard is preliminary
    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "evaluations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "price_per_user_month: 150" not in x), encoding="utf-8")
    engagement = load_engagement(folder)
    card = score(engagement)
    assert card.preliminary and card.unpriced == ["kingdee"]
    sens = sensitivity(card, samples=200, seed=0)
    prs = Presentation(io.BytesIO(deck_pptx(engagement, card, sens, today=TODAY)))
    title = prs.slides[0]
    text = " ".join(sh.text_frame.text for sh in title.shapes if sh.has_text_frame)
    assert text.count("Preliminary: some prices or costs are still missing") == 1
    assert "The scorecard is preliminary" in title.notes_slide.notes_text_frame.text
    # Kingdee has no TCO yet: "–" in the ranking, no point of its own on value for money or TCO by year
    ranking = next(sh.table for sh in prs.slides[2].shapes if sh.has_table)
    row = next([c.text for c in r.cells] for r in ranking.rows if "Kingdee" in r.cells[1].text)
    assert row[-1] == "–" and row[-3] == "–"  # its 3-year TCO and TCO score
    charts = [sh.chart for slide in prs.slides for sh in slide.shapes if sh.has_chart]
    scatter = next(c for c in charts if c.chart_type == XL_CHART_TYPE.XY_SCATTER)
    assert "Kingdee" not in [s.name for s in scatter.plots[0].series] and len(scatter.plots[0].series) == 5
    plain = Presentation(io.BytesIO(deck_pptx(*demo, today=TODAY))).slides[0]
    assert "Preliminary" not in " ".join(sh.text_frame.text for sh in plain.shapes if sh.has_text_frame)


def test_what_it_would_take_speaks_for_every_vendor_in_both_languages(decks):
    def said(lang):
        slide = decks[lang].slides[6]
        return [p.text for sh in slide.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs if p.text]

    en, zh = said("en"), said("zh")
    assert en[1].startswith("Jiandaoyun stays first until its 3-year TCO rises from 621,806 to about 889,000 CNY (+43%")
    assert "XiaoShouYi (Neocrm) is knocked out; even meeting every requirement natively would not make it first." in en
    assert "Each route on its own, everything else unchanged; computed exactly from the scorecard." in en
    assert zh[1].startswith("简道云保持第一,直到其3年总拥有成本从621,806升至约889,000 CNY")
    assert "每条路径单独成立,其余条件不变;由评分卡精确计算。" in zh
