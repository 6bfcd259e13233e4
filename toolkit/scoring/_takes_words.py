"""What it would take, in plain words (en / zh, from the message catalog) and as a text table,
for the command line; the report, the app and the deck read the same sentences.

"About" figures are rounded down to three significant digits, so the statement stays true: a
vendor that must get below a TCO gets below the rounded one too, and the leader stays first up
to it.
"""

from __future__ import annotations

import math

from ..files._i18n import label
from ..files._table import render
from ._what_it_takes import RatingChange, RatingRoute, TcoBreakEven, VendorTakes, WhatItTakes
from ._words import money, pct

#: a sentence lists this many requirement ids, then "and n more"
MAX_IDS = 5
_LEVELS = (3, 2, 1)


def about(x: float) -> str:
    """`x` rounded down to three significant digits, with thousands separators (802,123 -> 802,000)."""
    if x <= 0:
        return money(0.0)
    step = 10.0 ** max(0, math.floor(math.log10(x)) - 2)
    return money(math.floor(x / step) * step)


def signed(change: float | None) -> str:
    return "–" if change is None else f"{change:+.0%}"


def _listed(ids: list[str], lang: str, *, joiner: str = "takes_list_and") -> str:
    if len(ids) == 1:
        return ids[0]
    return label("takes_list_sep", lang).join(ids[:-1]) + label(joiner, lang) + ids[-1]


def rating_items(changes: tuple[RatingChange, ...], lang: str = "en") -> str:
    """'R08 and R12 natively and R03 through configuration': the requirements by the rating they
    would reach, each in requirement order; a long list names the first ids and counts the rest."""
    groups = []
    shown = 0
    for level in _LEVELS:
        ids = sorted((r for c in changes if c.after == level for r in c.requirements), key=_id_key)
        if not ids:
            continue
        room = max(1, MAX_IDS - shown)
        text = _listed(ids, lang) if len(ids) <= room else _more(ids, room, lang)
        groups.append(label(f"takes_level_{level}", lang, ids=text))
        shown += min(len(ids), room)
    return label("takes_and", lang).join(groups)


def _more(ids: list[str], room: int, lang: str) -> str:
    return label(
        "takes_ids_more", lang, ids=label("takes_list_sep", lang).join(ids[:room]), n=len(ids) - room, total=len(ids)
    )


def _id_key(rid: str) -> tuple[int, str]:
    digits = "".join(ch for ch in rid if ch.isdigit())
    return (int(digits) if digits else 0, rid)


def _moves(moves: dict[str, float], weights: dict[str, float], lang: str) -> str:
    # largest move first; equal moves (one criterion's loss, another's gain) in criteria order
    order = list(weights)
    big = [c for c in moves if abs(moves[c]) >= 0.005]
    shown = sorted(big, key=lambda c: (-round(abs(moves[c]), 6), order.index(c)))
    parts = [
        label("takes_move", lang, criterion=label(c, lang), before=pct(weights[c]), after=pct(weights[c] + moves[c]))
        for c in shown
    ]
    return label("takes_list_sep", lang).join(parts)


def _tco_route(be: TcoBreakEven, result: WhatItTakes, lang: str, *, leader: bool) -> str | None:
    if be.value is None:
        return None
    key = "takes_leader_tco" if leader else "takes_route_tco"
    fields: dict[str, object] = {
        "years": result.horizon_years,
        "now": money(be.now),
        "target": about(be.value),
        "currency": result.currency,
        "change": signed(be.change),
    }
    if be.price is not None and be.price_now is not None:
        key += "_price"
        fields.update(price=about(be.price), price_now=money(be.price_now))
    elif be.price_now is not None and not leader:  # below what a free subscription would cost
        key += "_free"
    return label(key, lang, **fields)


def _ratings_route(route: RatingRoute | None, lang: str) -> str | None:
    if route is None or not route.changes:
        return None
    return label("takes_route_ratings", lang, items=rating_items(route.changes, lang))


def vendor_sentences(t: VendorTakes, result: WhatItTakes, lang: str = "en") -> list[str]:
    """The sentences about one vendor: its routes to first place (the leader: what would cost it
    first place), then why the weights cannot, where they cannot."""
    name = result.name(t.vendor, lang)
    if t.rank is None:
        return _knocked_out(t, name, lang)
    if t.leader:
        return _leader(t, result, name, lang)
    routes = [_tco_route(t.tco, result, lang, leader=False), _ratings_route(t.ratings, lang)]
    w = t.weights
    if w.distance is not None:
        moves = _moves(w.moves, result.weights, lang)
        routes.append(label("takes_route_weights", lang, points=f"{100 * w.distance:.1f}", moves=moves))
    found = [r for r in routes if r]
    out = [label("takes_first_if", lang, vendor=name, routes=label("takes_or", lang).join(found))] if found else []
    if not found:
        out.append(label("takes_none", lang, vendor=name))
    blocked = _blocked(t, result, name, lang)
    return out + blocked


def _blocked(t: VendorTakes, result: WhatItTakes, name: str, lang: str) -> list[str]:
    w = t.weights
    rivals = [result.name(b, lang) for b in w.blockers]
    if w.reason == "dominated" and rivals:
        return [label("takes_dominated", lang, vendor=name, rival=rivals[0])]
    if w.reason == "mixed" and rivals:
        return [label("takes_mixed", lang, vendor=name, rivals=_listed(rivals, lang, joiner="takes_list_or"))]
    return []


def _leader(t: VendorTakes, result: WhatItTakes, name: str, lang: str) -> list[str]:
    routes = [_tco_route(t.tco, result, lang, leader=True)]
    w = t.weights
    if w.distance is not None and w.rival is not None:
        moves = _moves(w.moves, result.weights, lang)
        rival = result.name(w.rival, lang)
        routes.append(label("takes_leader_weights", lang, points=f"{100 * w.distance:.1f}", moves=moves, rival=rival))
    found = [r for r in routes if r]
    out = [label("takes_leader", lang, vendor=name, routes=label("takes_leader_or", lang).join(found))] if found else []
    if t.tco.value is None and not result.preliminary:
        out.append(label("takes_leader_any_tco", lang, vendor=name))
    if w.distance is None:
        out.append(label("takes_leader_any_weights", lang, vendor=name))
    return out


def _knocked_out(t: VendorTakes, name: str, lang: str) -> list[str]:
    route = t.ratings
    if route is not None and route.changes is not None:
        return [label("takes_knocked_out_if", lang, vendor=name, items=rating_items(route.changes, lang))]
    if route is not None and route.reason == "integration_knockout":
        return [label("takes_knocked_out_integration", lang, vendor=name)]
    if route is not None and route.reason == "below_grade":
        return [label("takes_knocked_out_below_grade", lang, vendor=name)]
    return [label("takes_knocked_out_none", lang, vendor=name)]


def what_it_takes_sentences(result: WhatItTakes, lang: str = "en") -> list[str]:
    """Every vendor's sentences, the leader first, in the scorecard's order (a preliminary
    scorecard's first says why no TCO route is offered)."""
    first = [label("takes_preliminary", lang)] if result.preliminary else []
    return first + [s for t in result.vendors for s in vendor_sentences(t, result, lang)]


def _tco_cell(be: TcoBreakEven) -> str:
    if be.value is not None:
        return money(be.value)
    return "takes_cell_any" if be.reason in ("unbeatable", "alone") else "takes_cell_none"


def takes_table(result: WhatItTakes, lang: str = "en") -> tuple[list[str], list[list[str | int]]]:
    """The headings and one row per vendor: the TCO, ratings and weights routes, figures rounded
    (the command's table and the scorecard app's)."""
    heads = [
        label("rank", lang),
        label("vendor", lang),
        label("takes_gap", lang),
        label("takes_tco_now", lang),
        label("takes_tco_break_even", lang),
        label("takes_change", lang),
        label("takes_price", lang),
        label("takes_ratings", lang),
        label("takes_weights", lang),
    ]
    rows: list[list[str | int]] = []
    for t in result.vendors:
        cell = _tco_cell(t.tco)
        price = "–"
        if t.tco.price_now is not None:
            after = money(t.tco.price) if t.tco.price is not None else label("takes_cell_free", lang)
            price = f"{money(t.tco.price_now)} → {after}" if t.tco.value is not None else money(t.tco.price_now)
        rows.append(
            [
                "–" if t.rank is None else t.rank,
                result.name(t.vendor, lang),
                f"{t.gap:.1f}",
                money(t.tco.now),
                label(cell, lang) if cell.startswith("takes_") else cell,
                signed(t.tco.change),
                price,
                _ratings_cell(t, lang),
                "–" if t.weights.distance is None else f"{100 * t.weights.distance:.1f}",
            ]
        )
    return heads, rows


def render_what_it_takes(result: WhatItTakes, lang: str = "en") -> str:
    """One row per vendor (the TCO, ratings and weights routes, figures rounded), then the words."""
    heads, rows = takes_table(result, lang)
    out = [label("takes_title", lang), render(heads, rows, max_width=40), "", label("takes_note", lang), ""]
    return "\n".join(out + what_it_takes_sentences(result, lang))


def _ratings_cell(t: VendorTakes, lang: str) -> str:
    if t.leader:
        return label("takes_cell_first", lang)
    if t.ratings is None or t.ratings.changes is None:
        return label("takes_cell_none", lang)
    moves = [f"{'/'.join(c.requirements)} {c.before}→{c.after}" for c in t.ratings.changes]
    return f"{len(moves)}: " + ", ".join(moves)
