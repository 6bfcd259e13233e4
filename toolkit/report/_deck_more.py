"""The board deck's closing slides: the room's weights, the rollout phases for the recommended
vendor, and the assumptions and sources behind every figure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from ..files._i18n import label
from ..model._stakeholders import stakeholder_label
from ..model.schema import CRITERIA, RolloutFile, text_of
from ..rollout import generate_plan
from ..rollout._library import phase_names
from ..scoring._room_rank import room_sentences
from ..scoring._words import pct
from ._appendix import cost_pairs, general_pairs, price_as_used
from ._deck_kit import BODY_BOTTOM, BODY_TOP, BODY_W, MARGIN, MUTED, Column, Para, notes, table, text_box, titled_slide
from ._facts import ReportData

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

MAX_TASKS = 4  # must-have task titles named per phase; the rest counted


def room_slide(prs: Presentation, data: ReportData, lang: str) -> Slide | None:
    """Each stakeholder's weights and the vendor first under them; none when nobody gave theirs."""
    room, ranking, card = data.room, data.ranking, data.card
    if room is None or ranking is None:
        return None
    slide = titled_slide(prs, label("room_title", lang))
    names = {p.who: stakeholder_label(data.engagement.requirements, p.who, lang) for p in room.people}
    words = room_sentences(room, ranking, card, names, lang)
    text_box(
        slide, (MARGIN, BODY_TOP, BODY_W, 1.3), [Para(w, bullet=True) for w in words], sizes=(16, 15, 14, 13, 12, 11)
    )
    columns = [
        Column(label("room_stakeholder", lang), 3.3),
        Column(label("room_method", lang), 1.6),
        *(Column(label(c, lang), 1.2, "right") for c in CRITERIA),
        Column(label("room_first_under", lang), 2.6),
    ]
    rows = [
        [
            names[p.who],
            label(f"room_method_{p.method}", lang),
            *(pct(p.weights[c]) for c in CRITERIA),
            card.name(ranking.first_by[p.who], lang),
        ]
        for p in room.people
    ]
    group = label("room_group", lang, rule=label(f"room_rule_{room.combine}", lang))
    rows.append([group, "", *(pct(room.group[c]) for c in CRITERIA), ""])
    bold = [False] * len(room.people) + [True]
    table(slide, MARGIN, BODY_TOP + 1.4, columns, rows, height=BODY_BOTTOM - BODY_TOP - 1.4, bold_rows=bold)
    notes(slide, [label("deck_n_room", lang), *words, label("room_note", lang)])
    return slide


def what_it_takes_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """What each vendor would need to rank first (the leader: what would cost it first place), in
    the words of `scoring.what_it_takes_sentences`, the leader first."""
    from ..scoring import what_it_takes, what_it_takes_sentences

    slide = titled_slide(prs, label("takes_title", lang))
    said = what_it_takes_sentences(what_it_takes(data.card), lang) if data.card.ranked else []
    shown = [Para(t, bullet=True) for t in said] or [Para(label("rpt_exec_none", lang))]
    box = (MARGIN, BODY_TOP, BODY_W, BODY_BOTTOM - BODY_TOP - 0.55)
    text_box(slide, box, shown, sizes=(18, 16, 15, 14, 13, 12, 11, 10))
    foot = label("deck_takes_note", lang)
    text_box(slide, (MARGIN, BODY_BOTTOM - 0.5, BODY_W, 0.5), [Para(foot, colour=MUTED)], sizes=(14, 13, 12, 11))
    note = label("takes_note", lang)  # its figures' definitions: the notes name the figures
    notes(slide, [label("deck_n_takes", lang), *said, note])
    return slide


def _plan(data: ReportData, vendor: str) -> RolloutFile:
    """The plan for `vendor`; without a start date, counted from the report date (the slide then
    shows weeks, not dates)."""
    engagement = data.engagement
    if engagement.settings.start_date is None:
        settings = engagement.settings.model_copy(update={"start_date": data.today})
        engagement = dataclasses.replace(engagement, settings=settings)
    return generate_plan(engagement, vendor)


def rollout_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """The three phases of the recommended vendor's plan: dates, tasks, must-haves, effort."""
    lead, card = data.leader, data.card
    if lead is None:
        slide = titled_slide(prs, label("deck_rollout", lang, vendor="–"))
        none = label("rpt_exec_none", lang)
        text_box(slide, (MARGIN, BODY_TOP, BODY_W, 1.0), [Para(none, bold=True)])
        notes(slide, [none])
        return slide
    plan = _plan(data, lead)
    dated = data.settings.start_date is not None
    name = card.name(lead, lang)
    title = label("ro_plan_title", lang, vendor=name, start=plan.start_date.isoformat()) if dated else None
    slide = titled_slide(prs, title or label("deck_rollout", lang, vendor=name))
    phase_name = phase_names(lang)
    columns = [
        Column(label("deck_phase", lang), 2.2),
        *([Column(label("deck_dates", lang), 2.7)] if dated else []),
        Column(label("deck_tasks", lang), 0.9, "right"),
        Column(label("deck_must_tasks", lang), 1.3, "right"),
        Column(label("ro_effort", lang), 1.6, "right"),
        Column(label("deck_main_tasks", lang), 3.6 if dated else 6.3),
    ]
    rows, said = [], [label("deck_n_rollout", lang, vendor=name)]
    for phase in plan.phases:
        tasks = [t for t in plan.tasks if t.phase == phase.id]
        musts = [text_of(t.title, lang) for t in tasks if t.must]
        shown = label("rpt_list_sep", lang).join(musts[:MAX_TASKS])
        if len(musts) > MAX_TASKS:
            shown += f" (+{len(musts) - MAX_TASKS})"
        effort = f"{round(sum(t.effort_days for t in tasks), 1):g}"
        dates = [f"{phase.start.isoformat()} – {phase.end.isoformat()}"] if dated else []
        must = str(len(musts))
        rows.append([phase_name[phase.id], *dates, str(len(tasks)), must, effort, shown or "–"])
        said.append(
            label("deck_n_phase_row", lang, phase=phase_name[phase.id], tasks=len(tasks), must=must, effort=effort)
        )
    height, _ = table(slide, MARGIN, BODY_TOP + 0.1, columns, rows, height=4.4)
    effort = f"{round(sum(t.effort_days for t in plan.tasks), 1):g}"
    foot = [label("ro_plan_summary", lang, tasks=len(plan.tasks), must=sum(t.must for t in plan.tasks), effort=effort)]
    if not dated:
        foot.append(label("deck_no_start", lang))
    top = BODY_TOP + 0.3 + height
    text_box(
        slide,
        (MARGIN, top, BODY_W, BODY_BOTTOM - top),
        [Para(f, colour=MUTED) for f in foot],
        sizes=(14, 13, 12, 11, 10),
    )
    notes(slide, [*said, *foot])
    return slide


def assumptions_slide(prs: Presentation, data: ReportData, lang: str) -> Slide:
    """The scoring and cost assumptions side by side; under them each vendor's edition, price as
    used and sources (how many, oldest and newest, how many stale); every source in the notes."""
    card = data.card
    slide = titled_slide(prs, label("deck_assumptions_sources", lang))
    half = (BODY_W - 0.3) / 2
    pair_cols = [Column(label("rpt_assumption", lang), half - 2.0), Column(label("rpt_value_col", lang), 2.0, "right")]
    general, costs = general_pairs(data, lang), cost_pairs(data, lang)
    top_h = 3.1
    rows_of = sorted(([list(p) for p in general], [list(p) for p in costs]), key=len, reverse=True)
    longer, size = table(
        slide, MARGIN, BODY_TOP, pair_cols, rows_of[0], height=top_h, width=half, sizes=(12, 11, 10, 9)
    )
    shorter, _ = table(
        slide, MARGIN + half + 0.3, BODY_TOP, pair_cols, rows_of[1], height=top_h, width=half, sizes=(size,)
    )
    columns = [
        Column(label("vendor", lang), 2.3),
        Column(label("edition", lang), 2.7),
        Column(label("rpt_unit_price", lang), 2.6),
        Column(label("deck_sources_head", lang), 1.1, "right"),
        Column(label("deck_oldest_newest", lang), 2.5),
        Column(label("deck_stale_head", lang), 1.13, "right"),
    ]
    rows = []
    for v in card.vendors:
        mine = [s for s in data.sources if s.vendor == v]
        dated = sorted((s.published_on, s.published) for s in mine if s.published_on is not None)
        span = f"{dated[0][1]} – {dated[-1][1]}" if dated else label("published_unknown", lang)
        undated = sum(s.published_on is None for s in mine)
        if dated and undated:
            span += " " + label("deck_undated", lang, n=undated)
        rows.append(
            [
                card.name(v, lang),
                data.edition_name(v, lang),
                price_as_used(card.tco[v], lang) if v in card.tco else "–",
                str(len(mine)),
                span,
                str(sum(s.stale for s in mine)),
            ]
        )
    top = BODY_TOP + max(longer, shorter) + 0.25
    table(slide, MARGIN, top, columns, rows, height=BODY_BOTTOM - top, sizes=(12, 11, 10, 9, 8))
    said = [label("deck_n_assumptions", lang)]
    said += [f"{k}: {v}" for k, v in general + costs]
    for v in card.vendors:
        mine = [s for s in data.sources if s.vendor == v]
        for s in sorted(mine, key=lambda s: (s.published_on or dt.date.min, s.key)):
            said.append(
                label(
                    "deck_n_source_row",
                    lang,
                    vendor=card.name(v, lang),
                    id=s.key,
                    title=text_of(s.title, lang) or s.key,
                    published=label("deck_published", lang, date=s.published)
                    if s.published_on
                    else label("published_unknown", lang),
                    read=s.read.isoformat(),
                    stale=f" [{label('rpt_stale', lang)}]" if s.stale else "",
                    url=s.url,
                )
            )
    notes(slide, said)
    return slide
