"""The report's section and sheet on the room's weights (issue 14): each stakeholder's weights
and who would rank first under them, the group's, the consensus, and how often each vendor ranks
first between the room's weights beside all weightings (docs/method.md, "The room's weights")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..files._i18n import label
from ..files._sheets import sheet
from ..model._stakeholders import stakeholder_label
from ..model.schema import CRITERIA
from ..scoring._room_rank import room_sentences
from ..scoring._words import pct
from ._facts import ReportData
from ._markup import cell, esc, heat_cell, row, section, table, vendor_cell

if TYPE_CHECKING:
    from openpyxl import Workbook


def _names(data: ReportData, lang: str) -> dict[str, str]:
    room = data.room
    people = room.people if room is not None else ()
    return {p.who: stakeholder_label(data.engagement.requirements, p.who, lang) for p in people}


def room_section(data: ReportData, lang: str, number: int) -> str:
    """The HTML section; empty when the engagement gives no stakeholder weights."""
    room, ranking, card = data.room, data.ranking, data.card
    if room is None or ranking is None:
        return ""
    names = _names(data, lang)
    cols = [(label("room_stakeholder", lang), ""), (label("room_method", lang), "")]
    cols += [(label(c, lang), "num") for c in CRITERIA]
    cols += [(label("room_cr", lang), "num"), (label("room_first_under", lang), "")]
    rows = []
    for p in room.people:
        ratio = f"{p.consistency:.3f}" if p.consistency is not None else "–"
        first = card.name(ranking.first_by[p.who], lang)
        rows.append(
            row(
                [
                    cell(names[p.who]),
                    cell(label(f"room_method_{p.method}", lang)),
                    *(cell(pct(p.weights[c]), "num") for c in CRITERIA),
                    cell(ratio, "num"),
                    cell(first),
                ],
                "furthest" if p.who == room.furthest else "",
            )
        )
    group = label("room_group", lang, rule=label(f"room_rule_{room.combine}", lang))
    rows.append(
        row([cell(group, span=2), *(cell(pct(room.group[c]), "num") for c in CRITERIA), cell(""), cell("")], "total")
    )
    words = room_sentences(room, ranking, card, names, lang)
    says = "".join(f"<li>{esc(w)}</li>" for w in words)
    vcols = [
        (label("vendor", lang), ""),
        (label("room_first_share", lang), "num"),
        (label("room_first_uniform", lang), "num"),
    ]
    vrows = [
        row(
            [
                vendor_cell(card, v, lang, marks=False),
                heat_cell(float(ranking.room_first.get(v, 0.0)), pct(float(ranking.room_first.get(v, 0.0)))),
                heat_cell(float(ranking.uniform_first.get(v, 0.0)), pct(float(ranking.uniform_first.get(v, 0.0)))),
            ]
        )
        for v in ranking.ranks_by.index
    ]
    body = (
        f'<ul class="says">{says}</ul><div class="keep">{table(cols, rows, "small")}</div>'
        f'<div class="keep">{table(vcols, vrows, "small")}</div>'
        f'<p class="note">{esc(label("room_note", lang))}</p>'
    )
    return section(number, label("room_title", lang), body, "keep-all")


def room_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    """One row per stakeholder and one for the group: weights at full precision, the consistency
    ratio, the distance to the group and the vendor first under their weights."""
    room, ranking, card = data.room, data.ranking, data.card
    if room is None or ranking is None:
        return
    names = _names(data, lang)
    head = [
        (label("room_stakeholder_id", lang), None),
        (label("room_stakeholder", lang), None),
        (label("room_method", lang), None),
        *((label(c, lang), "0.0%") for c in CRITERIA),
        (label("room_cr", lang), "0.000"),
        (label("room_distance", lang), "0.0%"),
        (label("room_first_under", lang), None),
    ]
    rows: list[list[Any]] = [
        [
            p.who,
            names[p.who],
            label(f"room_method_{p.method}", lang),
            *(p.weights[c] for c in CRITERIA),
            p.consistency,
            room.distances[p.who],
            card.name(ranking.first_by[p.who], lang),
        ]
        for p in room.people
    ]
    group = label("room_group", lang, rule=label(f"room_rule_{room.combine}", lang))
    rows.append(["", group, "", *(room.group[c] for c in CRITERIA), None, None, None])
    sheet(wb, label("rpt_sh_room", lang), head, rows, freeze="C2")
