"""The report's four charts as PNG bytes for the scorecard page, each drawn again only when what
it shows has changed.

The drawing code is the report's (`toolkit.report._charts`), so the page and the report show the
same charts; only the output differs (PNG for a `widgets.Image` instead of inline SVG). A weight
change redraws the contribution bars (about 0.1 s); the radar only when the order changes, the
value-for-money and TCO charts only when costs or fit change.
"""

from __future__ import annotations

import io
from collections import OrderedDict

import numpy as np

from ..files._sheets import at
from ..model._engagement import Engagement
from ..model.schema import CRITERIA
from ..report import _charts
from ..report._facts import ChartData
from ..scoring import Scorecard

KINDS = ("contributions", "radar", "value", "tco")
_DRAW = {
    "contributions": _charts.contributions_svg,
    "radar": _charts.radar_svg,
    "value": _charts.value_svg,
    "tco": _charts.tco_svg,
}
#: pixels per inch: each chart's natural width matches the column it is shown in (no blur)
DPI = {"contributions": 118, "radar": 150, "value": 140, "tco": 140}


def _png(dpi: int):
    def output(fig, _title: str) -> bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.06)
        return buf.getvalue()

    return output


def _numbers(frame) -> bytes:
    return np.ascontiguousarray(np.round(frame.to_numpy(dtype=float), 9)).tobytes()


def chart_key(kind: str, card: Scorecard, years: int, lang: str) -> tuple:
    """Everything a chart shows, so an equal key means an identical picture."""
    order = tuple(card.vendors)
    names = tuple(card.name(v, lang) for v in order)
    common = (kind, lang, order, names, tuple(str(card.rank[v]) for v in order), card.knockout, card.counted)
    marks = tuple(card.knocked_out[v] for v in order)
    if kind == "contributions":
        return (*common, marks, _numbers(card.contributions), _numbers(card.total.to_frame()))
    if kind == "radar":
        return (*common, marks, _numbers(card.criteria[list(CRITERIA)]))
    if kind == "value":  # the order shows only in the legend's order and in stacked names of equal points
        order = tuple(card.priced)  # a vendor without a TCO has no point
        names = tuple(card.name(v, lang) for v in order)
        points = {v: (round(card.tco[v].total), round(at(card.criteria, v, "fit"), 6)) for v in order}
        front = set(ChartData(card, years).pareto_front())
        kinds = [
            "out" if card.knocked_out[v] and card.knockout == "exclude" else "front" if v in front else "beaten"
            for v in order
        ]
        legend = tuple(dict.fromkeys(kinds))
        stacked = tuple(v for v in order if list(points.values()).count(points[v]) > 1)
        exact = tuple(
            sorted((v, card.tco[v].total, at(card.criteria, v, "fit"), k) for v, k in zip(order, kinds, strict=True))
        )
        return (kind, lang, years, card.currency, legend, stacked, exact, tuple(sorted(names)))
    priced = tuple(card.priced)
    parts = tuple(tuple(round(x, 6) for x in _components(card, v)) for v in priced)
    return (*common, years, card.currency, priced, parts, tuple(card.tco[v].indicative for v in priced))


def _components(card: Scorecard, vendor: str) -> list[float]:
    b = card.tco[vendor].breakdown()
    return [b[c] for c in ("implementation", "integration", "training", "data_migration", "subscription", "admin")]


#: the pictures drawn in this process by key; a key names everything a chart shows, so pages
#: (and the language switch, or a slider moved back) share them
_CACHE: OrderedDict[tuple, bytes] = OrderedDict()
CACHE_SIZE = 64  # about 60 KB a picture


def chart_png(kind: str, engagement: Engagement, card: Scorecard, lang: str) -> bytes:
    """One of the report's charts as PNG bytes, drawn only if this exact picture is not cached."""
    key = chart_key(kind, card, engagement.settings.horizon_years, lang)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    png = _DRAW[kind](chart_data(engagement, card), lang, output=_png(DPI[kind]))
    _CACHE[key] = png
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return png


def chart_data(engagement: Engagement, card: Scorecard) -> ChartData:
    """The report's figures for the charts and the frontier, which need no sensitivity run."""
    return ChartData(card, engagement.settings.horizon_years)
