"""The board deck's slides of words and tables: title, recommendation, ranking, must-have gaps.

Each function adds one slide to the presentation, with its speaker notes, from the report's
gathered figures (`ReportData`) and the report's own words; the chart slides are in
`_deck_charts`, the room, rollout and appendix slides in `_deck_more`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..files._i18n import label
from ..files._sheets import at
from ..files._version import VERSION
from ..model._catalog import catalog
from ..model.schema import CRITERIA, text_of
from ..scoring._words import gap_words, gaps_note, money, pct
from ._deck_kit import (
    ALERT,
    BAND,
    BODY_BOTTOM,
    BODY_TOP,
    BODY_W,
    MARGIN,
    MUTED,
    NAVY,
    Column,
    Para,
    notes,
    table,
    text_box,
    titled_slide,
)
from ._facts import ReportData
from ._summary import kpis, summary_sentences

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide


def rank_of(data: ReportData, vendor: str) -> str:
    r = data.card.rank[vendor]
    return "–" if pd.isna(r) else str(int(r))


def vendor_label(data: ReportData, vendor: str, lang: str) -> str:
    """`1  Jiandaoyun`, or `–  XiaoShouYi (knocked out)` for a vendor the knockout rule marks."""
    card = data.card
    mark = ""
    if card.knocked_out[vendor]:
        mark = f" ({label('knocked_out' if card.knockout == 'exclude' else 'flagged', lang)})"
    return f"{rank_of(data, vendor)}  {card.name(vendor, lang)}{mark}"


def is_preliminary(data: ReportData) -> bool:
    """A scorecard that says it is preliminary (some prices or costs missing); older ones never do."""
    return bool(getattr(data.card, "preliminary", None))


def title_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    from ._deck_kit import SLIDE_H, _frame, _rgb, fit_size, rectangle

    s = data.settings
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    rectangle(slide, (0, 0, 0.3, SLIDE_H), NAVY)
    text_box(slide, (1.0, 1.5, 11.3, 0.6), [Para(label("deck_kicker", lang), colour=MUTED)], sizes=(20,))
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    assert title is not None
    for shape, text, box, sizes in (
        (title, s.client, (1.0, 2.1, 11.3, 1.3), (44, 40, 36, 32, 28, 24, 20, 18)),
        (subtitle, text_of(s.title, lang) or "", (1.0, 3.45, 11.3, 0.8), (28, 24, 20, 18)),
    ):
        shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)
        _frame(shape.text_frame, "top")
        shape.text_frame.text = text
        paragraph = shape.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        size = fit_size([text], box[2], box[3], sizes, bold=shape is title)
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), shape is title
            run.font.color.rgb = _rgb(NAVY if shape is title else "1D2733")
    meta = [
        f"{label('rpt_date', lang)}: {data.today.isoformat()}",
        f"{label('rpt_consultant', lang)}: {s.consultant or '–'}",
        f"{label('industry', lang)}: {text_of(data.engagement.industry.name, lang)}",
    ]
    text_box(slide, (1.0, 4.5, 11.3, 1.2), [Para(m, colour=MUTED) for m in meta], sizes=(16, 14), space=2)
    said = [
        label(
            "deck_n_title",
            lang,
            client=s.client,
            title=text_of(s.title, lang) or s.client,
            date=data.today.isoformat(),
            folder=data.engagement.path.name,
            version=VERSION,
        )
    ]
    if is_preliminary(data):
        text_box(slide, (1.0, 5.8, 11.3, 0.8), [Para(label("deck_preliminary", lang), bold=True, colour=ALERT)])
        said.append(label("deck_n_preliminary", lang))
    notes(slide, said)
    return slide


def _tiles(slide: Slide, data: ReportData, lang: str, top: float) -> None:
    from ._deck_kit import rectangle

    tiles = kpis(data, lang)
    gap = 0.2
    width = (BODY_W - gap * (len(tiles) - 1)) / len(tiles)
    for i, (caption, figure, foot) in enumerate(tiles):
        left = MARGIN + i * (width + gap)
        rectangle(slide, (left, top, width, 1.25), BAND)
        text_box(slide, (left + 0.1, top + 0.05, width - 0.2, 0.35), [Para(caption, colour=MUTED)], sizes=(12, 11, 10))
        text_box(
            slide,
            (left + 0.1, top + 0.38, width - 0.2, 0.5),
            [Para(figure, bold=True, colour=NAVY)],
            sizes=(24, 22, 20, 18, 16, 14, 12, 11, 10, 9),
        )
        text_box(slide, (left + 0.1, top + 0.88, width - 0.2, 0.35), [Para(foot, colour=MUTED)], sizes=(11, 10, 9))


def recommendation_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    slide = titled_slide(prs, label("deck_recommendation", lang))
    lead = data.leader
    card = data.card
    if lead is None:
        headline = label("rpt_exec_none", lang)
    else:
        headline = label("deck_recommend", lang, vendor=card.name(lead, lang), edition=data.edition_name(lead, lang))
    text_box(slide, (MARGIN, BODY_TOP, BODY_W, 0.7), [Para(headline, bold=True, colour=NAVY)], sizes=(26, 24, 22, 20))
    top = BODY_TOP + 0.8
    if lead is not None:
        _tiles(slide, data, lang, top)
        top += 1.45
    sentences = summary_sentences(data, lang)
    text_box(
        slide,
        (MARGIN, top, BODY_W, BODY_BOTTOM - top),
        [Para(t, bullet=True) for t in sentences],
        sizes=(18, 16, 15, 14, 13, 12, 11, 10),
    )
    samples = f"{data.sens.samples:,}"
    notes(slide, [headline, *sentences, label("deck_n_recommendation", lang, samples=samples, seed=data.sens.seed)])
    return slide


def ranking_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    card = data.card
    slide = titled_slide(prs, label("rpt_ranking", lang))
    columns = [
        Column(label("rank", lang), 0.8, "center"),
        Column(label("vendor", lang), 3.35),
        Column(label("total", lang), 1.15, "right"),
        *(Column(label(c, lang), 1.4, "right") for c in CRITERIA),
        Column(label("tco_total", lang, years=data.years, currency=card.currency), 1.9, "right"),
    ]
    rows, colours, bold = [], [], []
    said = [label("deck_n_ranking", lang)]
    for v in card.vendors:
        priced = card.tco.get(v)  # None: no TCO yet (a preliminary scorecard)
        tco = "–" if priced is None else money(priced.total) + (" *" if priced.indicative else "")
        name = card.name(v, lang)
        if card.knocked_out[v]:
            name += f" ({label('knocked_out' if card.knockout == 'exclude' else 'flagged', lang)})"
        figures = {c: _figure(at(card.criteria, v, c)) for c in CRITERIA}
        rows.append([rank_of(data, v), name, f"{card.total[v]:.1f}", *figures.values(), tco])
        colours.append(ALERT if card.knocked_out[v] and card.knockout == "exclude" else None)
        bold.append(v == data.leader)
        said.append(
            label(
                "deck_n_rank_row",
                lang,
                rank=rank_of(data, v),
                vendor=card.name(v, lang),
                total=f"{card.total[v]:.1f}",
                years=data.years,
                money="–" if priced is None else money(priced.total, card.currency),
                **figures,
            )
        )
    height, _ = table(slide, MARGIN, BODY_TOP + 0.1, columns, rows, height=4.3, row_colours=colours, bold_rows=bold)
    weights = ", ".join(f"{label(c, lang)} {pct(card.weights[c])}" for c in CRITERIA)
    foot = [label("rpt_weights_line", lang, weights=weights)]
    if any(card.knocked_out.values()):
        foot.append(label(f"rpt_ko_note_{card.knockout}", lang))
    if card.indicative:
        foot.append("* " + label("tco_indicative_note", lang))
    top = BODY_TOP + 0.3 + height
    text_box(
        slide,
        (MARGIN, top, BODY_W, BODY_BOTTOM - top),
        [Para(f, colour=MUTED) for f in foot],
        sizes=(14, 13, 12, 11, 10),
    )
    notes(slide, [*said, *foot])
    return slide


def gaps_slide(prs: Presentation, data: ReportData, lang: str, *, most: int = 12) -> Slide:
    card = data.card
    cat = catalog()
    slide = titled_slide(prs, label("must_gaps", lang))
    intro = gaps_note(card, lang)
    text_box(slide, (MARGIN, BODY_TOP, BODY_W, 0.75), [Para(intro, colour=MUTED)], sizes=(16, 15, 14, 13, 12))
    rows, said = [], [intro]
    for v in card.vendors:
        for g in card.must_gaps[v]:
            is_int = g.id.startswith("integration:")
            what = cat.integration_name(g.target, lang) if is_int else cat.capability_name(g.target, lang)
            status = gap_words(g, lang, minimum=card.must_min_grade)
            rows.append([card.name(v, lang), g.id, what, status])
            said.append(label("deck_n_gap_row", lang, vendor=card.name(v, lang), id=g.id, what=what, status=status))
    if not rows:
        none = label("rpt_gaps_none", lang)
        text_box(slide, (MARGIN, BODY_TOP + 1.0, BODY_W, 1.0), [Para(none, bold=True, colour=NAVY)])
        notes(slide, [intro, none])
        return slide
    shown = rows[:most]
    if len(rows) > most:
        shown.append(["", "", label("deck_more_gaps", lang, n=len(rows) - most), ""])
    columns = [
        Column(label("vendor", lang), 3.2),
        Column(label("id", lang), 2.2),
        Column(label("rpt_requirement", lang), 3.6),
        Column(label("rpt_status", lang), 3.3),
    ]
    table(slide, MARGIN, BODY_TOP + 0.9, columns, shown, height=BODY_BOTTOM - BODY_TOP - 0.9)
    notes(slide, said)
    return slide


def add_footers(prs: Presentation, data: ReportData, lang: str) -> None:
    """Client, date and slide number at the foot of every slide but the title."""
    from ._deck_kit import footer

    for n, slide in enumerate(prs.slides, start=1):
        if n > 1:
            footer(slide, label("deck_footer", lang, client=data.settings.client, date=data.today.isoformat(), n=n))


def _figure(value: float) -> str:
    """A criterion's score as the table shows it; "–" for none (TCO while preliminary)."""
    return "–" if value != value else f"{value:.1f}"  # NaN is the only value not equal to itself
