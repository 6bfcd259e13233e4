"""The board deck's chart slides: native PowerPoint charts, their data embedded and editable.

What makes up each total (stacked bars), value for money (fit against TCO, an XY scatter),
robustness (rank acceptability, 100 % stacked bars) and TCO by year (clustered columns). The
figures are the report's (`ReportData`), the colours the report's charts' own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..files._i18n import label
from ..files._sheets import at
from ..model.schema import CRITERIA
from ..scoring._words import money, pct, summary, unverified_sentence
from ._charts import CRITERION_COLOURS
from ._deck_kit import (
    ALERT,
    BODY_BOTTOM,
    BODY_TOP,
    BODY_W,
    INK,
    MARGIN,
    MUTED,
    NAVY,
    RULE,
    WHITE,
    Para,
    _rgb,
    chart_frame,
    colour_series,
    notes,
    shorten,
    text_box,
    titled_slide,
)
from ._deck_slides import vendor_label
from ._facts import ReportData

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

RANK_COLOURS = ("1F3A5F", "4A7FB0", "9DBFDC", "C8D6E5", "E6D8B8", "C9A66B", "A58A5A", "7D6A48")
YEAR_COLOURS = ("C9A66B", "1F3A5F", "4A7FB0", "9DBFDC", "C8D6E5", "DDE6EF", "EEF2F6")
CHART_NOTE = 0.7  # inches under a chart for its one-line note
NAME_WIDTH = 3.2  # inches a vendor's name may take beside a bar (then it is cut with "…")
DOMINATED = "9DBFDC"  # a vendor off the efficient frontier: light, as the report's open circles


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _legend_top(chart: Any) -> None:
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(12)


def _axes(chart: Any, *, value_format: str, size: float = 12, gridlines: bool = True) -> None:
    from pptx.util import Pt

    va, ca = chart.value_axis, chart.category_axis
    va.has_major_gridlines = gridlines
    if gridlines:
        va.major_gridlines.format.line.color.rgb = _rgb(RULE)
    va.tick_labels.number_format = value_format
    va.tick_labels.number_format_is_linked = False
    va.tick_labels.font.size = Pt(size)
    ca.tick_labels.font.size = Pt(size)
    for axis in (va, ca):
        axis.format.line.color.rgb = _rgb(RULE)


def _level(axis: Any) -> None:
    """Tick labels drawn level: LibreOffice otherwise turns long category names by 45°."""
    from pptx.oxml.ns import qn

    body = axis._element.get_or_add_txPr().find(qn("a:bodyPr"))
    body.set("rot", "0")
    body.set("vert", "horz")


def _note(slide: Slide, text: str) -> None:
    box = (MARGIN, BODY_BOTTOM - CHART_NOTE, BODY_W, CHART_NOTE)
    text_box(slide, box, [Para(text, colour=MUTED)], sizes=(14, 13, 12, 11, 10))


def contributions_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """Stacked bars: each criterion's weighted points (Ŵ_c · criterion), summing to the total."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    card = data.card
    slide = titled_slide(prs, label("rpt_contributions", lang))
    contrib = card.contributions
    chart_data = CategoryChartData(number_format="0.0")
    chart_data.categories = [
        f"{shorten(vendor_label(data, v, lang), NAME_WIDTH, 12)} · {card.total[v]:.1f}" for v in card.vendors
    ]
    for c in CRITERIA:
        chart_data.add_series(label(c, lang), [at(contrib, v, c) for v in card.vendors])
    box = (MARGIN, BODY_TOP, BODY_W, BODY_BOTTOM - BODY_TOP - CHART_NOTE)
    chart = chart_frame(slide, XL_CHART_TYPE.BAR_STACKED, chart_data, box)
    _legend_top(chart)
    _axes(chart, value_format="0")
    chart.value_axis.minimum_scale = 0
    chart.value_axis.maximum_scale = 100
    chart.category_axis.reverse_order = True  # first-ranked on top
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 45, 100
    for series, c in zip(plot.series, CRITERIA, strict=True):
        colour_series(series, _hex(CRITERION_COLOURS[c]))
        labels = series.data_labels
        labels.show_value = True
        labels.number_format, labels.number_format_is_linked = "0.0", False
        labels.position = XL_LABEL_POSITION.CENTER
        labels.font.size = Pt(11)
        labels.font.color.rgb = _rgb(WHITE if c in ("fit", "integration") else INK)
    formula = " + ".join(f"{pct(card.weights[c])} × {label(c, lang)}" for c in CRITERIA)
    note = label("rpt_contributions_note", lang, formula=formula)
    _note(slide, note)
    rows = []
    for v in card.vendors:
        parts = " + ".join(f"{label(c, lang)} {at(contrib, v, c):.1f}" for c in CRITERIA)
        rows.append(
            label("deck_n_contrib_row", lang, vendor=card.name(v, lang), parts=parts, total=f"{card.total[v]:.1f}")
        )
    notes(slide, [note, *rows, label("deck_n_chart", lang)])
    return slide


def value_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """Fit against TCO, one series per vendor (its name is its point's label); the efficient
    frontier filled, the others open, a knocked-out vendor a red cross."""
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
    from pptx.util import Pt

    card = data.card
    slide = titled_slide(prs, label("rpt_value", lang))
    front = data.pareto_front()
    shown = card.priced  # a vendor without a TCO yet (preliminary) has no point
    if not shown:
        return _without_tco(slide, lang)
    chart_data = XyChartData()
    for v in shown:
        series = chart_data.add_series(card.name(v, lang), number_format="0.0")
        series.add_data_point(card.tco[v].total, at(card.criteria, v, "fit"))
    box = (MARGIN, BODY_TOP, BODY_W, BODY_BOTTOM - BODY_TOP - CHART_NOTE)
    chart = chart_frame(slide, XL_CHART_TYPE.XY_SCATTER, chart_data, box)
    chart.has_legend = False
    _axes(chart, value_format="0")
    x_axis, y_axis = chart.category_axis, chart.value_axis
    x_axis.tick_labels.number_format, x_axis.tick_labels.number_format_is_linked = "#,##0", False
    x_axis.has_major_gridlines = True
    x_axis.major_gridlines.format.line.color.rgb = _rgb(RULE)
    costs = [card.tco[v].total for v in shown]
    x_axis.minimum_scale = 0
    x_axis.maximum_scale = _nice_ceiling(max(costs) * 1.25)
    fits = [at(card.criteria, v, "fit") for v in shown]
    y_axis.minimum_scale = max(0, (int(min(fits)) // 10 - 1) * 10)
    y_axis.maximum_scale = 100
    for axis, text in (
        (x_axis, label("tco_total", lang, years=data.years, currency=card.currency)),
        (y_axis, label("rpt_fit_axis", lang)),
    ):
        axis.has_title = True
        axis.axis_title.text_frame.text = text
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    for series, v in zip(chart.plots[0].series, shown, strict=True):
        out = card.knocked_out[v] and card.knockout == "exclude"
        marker = series.marker
        marker.style = XL_MARKER_STYLE.X if out else XL_MARKER_STYLE.CIRCLE
        marker.size = 12
        fill = marker.format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(ALERT if out else NAVY if v in front else DOMINATED)
        marker.format.line.color.rgb = _rgb(ALERT if out else NAVY if v in front else DOMINATED)
        point = series.points[0].data_label
        point.position = XL_LABEL_POSITION.RIGHT
        point.text_frame.text = shorten(card.name(v, lang), 2.6, 12)
        run = point.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(12)
        run.font.color.rgb = _rgb(ALERT if out else INK)
    names = label("rpt_list_sep", lang).join(card.name(v, lang) for v in front)
    note = label("rpt_value_note", lang, names=names, years=data.years)
    _note(slide, note)
    rows = [
        label(
            "deck_n_value_row",
            lang,
            vendor=card.name(v, lang),
            fit=f"{at(card.criteria, v, 'fit'):.1f}",
            years=data.years,
            money=money(card.tco[v].total, card.currency),
        )
        for v in shown
    ]
    notes(slide, [note, *rows, label("deck_n_chart", lang)])
    return slide


def _without_tco(slide: Slide, lang: str) -> Slide:
    """A TCO chart's slide while no vendor has a TCO yet: the reason, on the slide and in its notes."""
    _note(slide, label("prelim_no_tco_chart", lang))
    notes(slide, [label("prelim_no_tco_chart", lang)])
    return slide


def _nice_ceiling(x: float) -> float:
    """x rounded up to 1, 2 or 5 times a power of ten, so the axis ends on a round figure."""
    import math

    if x <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(x))
    return next(m * power for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= x)


def robustness_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """Rank acceptability as 100 % stacked bars beside the robustness findings in words."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    card, sens = data.card, data.sens
    slide = titled_slide(prs, label("rpt_robustness", lang))
    acc = sens.acceptability
    said = summary(card, sens, lang)
    un = unverified_sentence(data.unverified, lang) if data.unverified is not sens else None
    if un and data.unverified.unverified_ratings:
        said.insert(-1, un)
    width = 6.6
    if len(acc.index):
        chart_data = CategoryChartData(number_format="0%")
        first = acc[1] if 1 in acc else None
        names = [shorten(card.name(str(v), lang), NAME_WIDTH - 0.8, 11) for v in acc.index]
        if first is not None:
            shares = [label("deck_first_share", lang, share=pct(float(first[v]))) for v in acc.index]
            names = [f"{n} · {s}" for n, s in zip(names, shares, strict=True)]
        chart_data.categories = names
        for col in acc.columns:
            name = label("excluded", lang) if col == "excluded" else label("deck_rank_n", lang, n=col)
            chart_data.add_series(name, [float(x) for x in acc[col]])
        box = (MARGIN, BODY_TOP + 0.45, width, BODY_BOTTOM - BODY_TOP - 0.45)
        text_box(
            slide,
            (MARGIN, BODY_TOP, width, 0.45),
            [Para(label("deck_robustness_chart", lang), colour=MUTED)],
            sizes=(14, 13, 12, 11),
        )
        chart = chart_frame(slide, XL_CHART_TYPE.BAR_STACKED_100, chart_data, box)
        _legend_top(chart)
        _axes(chart, value_format="0%", size=11)
        chart.value_axis.major_unit = 0.25
        chart.category_axis.reverse_order = True
        plot = chart.plots[0]
        plot.gap_width, plot.overlap = 45, 100
        for i, (series, col) in enumerate(zip(plot.series, acc.columns, strict=True)):
            colour_series(series, "B8BEC6" if col == "excluded" else RANK_COLOURS[i % len(RANK_COLOURS)])
    left = MARGIN + width + 0.3
    text_box(
        slide,
        (left, BODY_TOP, BODY_W - width - 0.3, BODY_BOTTOM - BODY_TOP),
        [Para(s, bullet=True) for s in said],
        sizes=(16, 15, 14, 13, 12, 11, 10),
    )
    intro = label(
        "deck_n_robustness",
        lang,
        samples=f"{sens.samples:,}",
        mode=label(f"mode_{sens.mode}", lang),
        seed=sens.seed,
    )
    notes(slide, [intro, *said, label("deck_n_chart", lang)])
    return slide


def tco_years_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """Clustered columns: each vendor's one-off cost and each year's present value (they sum to the TCO)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    card = data.card
    cur = card.currency
    slide = titled_slide(prs, label("rpt_tco_by_year", lang))
    years = data.tco_years()
    shown = card.priced  # a vendor without a TCO yet (preliminary) has no columns
    if not shown:
        return _without_tco(slide, lang)
    chart_data = CategoryChartData(number_format="#,##0")
    column = (BODY_W - 1.2) / max(1, len(shown))  # a category's width: the name on one line
    chart_data.categories = [f"{shorten(card.name(v, lang), column, 11)} · {money(card.tco[v].total)}" for v in shown]
    per_year = {v: years[years["vendor"] == v].sort_values("year")["present_value"].tolist() for v in shown}
    chart_data.add_series(label("rpt_one_off", lang), [card.tco[v].one_off for v in shown])
    for y in range(1, data.years + 1):
        chart_data.add_series(label("rpt_year", lang, n=y), [per_year[v][y - 1] for v in shown])
    box = (MARGIN, BODY_TOP, BODY_W, BODY_BOTTOM - BODY_TOP - CHART_NOTE)
    chart = chart_frame(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, chart_data, box)
    _legend_top(chart)
    _axes(chart, value_format="#,##0", size=11)
    chart.value_axis.minimum_scale = 0
    _level(chart.category_axis)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 60, 0
    for i, series in enumerate(plot.series):
        colour_series(series, YEAR_COLOURS[min(i, len(YEAR_COLOURS) - 1)])
    rate = pct(float(data.settings.discount_rate or 0.0))
    note = label("rpt_tco_note", lang, currency=cur, rate=rate)
    if card.indicative:
        names = label("rpt_list_sep", lang).join(card.name(v, lang) for v in card.indicative)
        note += " " + label("rpt_exec_indicative", lang, names=names)
    _note(slide, note)
    rows = []
    for v in shown:
        years_list = label("rpt_list_sep", lang).join(
            f"{label('rpt_year', lang, n=y)} {money(x)}" for y, x in enumerate(per_year[v], start=1)
        )
        rows.append(
            label(
                "deck_n_tco_row",
                lang,
                vendor=card.name(v, lang),
                one_off=money(card.tco[v].one_off),
                years_list=years_list,
                total=money(card.tco[v].total, cur),
            )
        )
    notes(slide, [note, *rows, label("deck_n_chart", lang)])
    return slide
