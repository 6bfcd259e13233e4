"""The scorecard's "The room" tab: each stakeholder's weights, the group's, and who would pick
what (issue 14); the same figures as `crm-toolkit weights` and the report's section."""

from __future__ import annotations

from ..files._i18n import label
from ..model._engagement import Engagement
from ..model._stakeholders import stakeholder_label
from ..model.schema import CRITERIA
from ..scoring import Scorecard
from ..scoring._room import room_weights
from ..scoring._room_rank import room_ranking, room_sentences
from ..scoring._words import pct
from ._shell import escape

#: weightings drawn between the room's (the report and the command line take 10,000 too)
SAMPLES = 10_000


def room_html(card: Scorecard, engagement: Engagement, lang: str) -> str:
    """The tab's HTML; a note when the engagement gives no stakeholder weights."""
    given = engagement.settings.room_weights
    if given is None or not given.stakeholders or not card.ranked:
        return f'<div class="crm-note">{escape(label("room_none", lang))}</div>'
    room = room_weights(given)
    ranking = room_ranking(card, room, samples=SAMPLES, seed=0)
    names = {p.who: stakeholder_label(engagement.requirements, p.who, lang) for p in room.people}
    words = room_sentences(room, ranking, card, names, lang)
    heads = [label("room_stakeholder", lang), label("room_method", lang), *(label(c, lang) for c in CRITERIA)]
    heads += [label("room_cr", lang), label("room_first_under", lang)]
    th = "".join(f"<th>{escape(h)}</th>" for h in heads)
    rows = []
    for p in room.people:
        cr = f"{p.consistency:.3f}" if p.consistency is not None else "–"
        cells = [names[p.who], label(f"room_method_{p.method}", lang), *(pct(p.weights[c]) for c in CRITERIA), cr]
        cells.append(card.name(ranking.first_by[p.who], lang))
        mark = ' class="sc-room-furthest"' if p.who == room.furthest else ""
        rows.append(f"<tr{mark}>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    group = label("room_group", lang, rule=label(f"room_rule_{room.combine}", lang))
    cells = [group, "", *(pct(room.group[c]) for c in CRITERIA), "", ""]
    rows.append('<tr class="sc-room-group">' + "".join(f"<td><b>{escape(c)}</b></td>" for c in cells) + "</tr>")
    vheads = [label("vendor", lang), label("room_first_share", lang), label("room_first_uniform", lang)]
    vrows = "".join(
        f"<tr><td>{escape(card.name(str(v), lang))}</td><td>{pct(float(ranking.room_first.get(v, 0.0)))}</td>"
        f"<td>{pct(float(ranking.uniform_first.get(v, 0.0)))}</td></tr>"
        for v in ranking.ranks_by.index
    )
    says = "".join(f"<li>{escape(w)}</li>" for w in words)
    return (
        f'<ul class="sc-room-says">{says}</ul>'
        f'<table class="crm-table sc-room-people"><thead><tr>{th}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<table class="crm-table sc-room-vendors" style="margin-top:12px;max-width:720px"><thead><tr>'
        f"{''.join(f'<th>{escape(h)}</th>' for h in vheads)}</tr></thead><tbody>{vrows}</tbody></table>"
        f'<div class="crm-note">{escape(label("room_note", lang))}</div>'
    )
