"""What each vendor's scores rest on: the share of its fit by evidence grade, and the evidence
whose source is stale or undated, with what it feeds (docs/method.md, "What the fit rests on",
"Stale evidence").

Fit is a sum of points, one per requirement: 100 · g_r · c_vr / (3 · Σ_r g_r). The points of the
ratings of one grade, over the fit, is the share of the fit that rests on that grade ("41 % of
Jiandaoyun's fit rests on marketing"); the four shares sum to 1 (an unrated capability counts 0
and adds no point).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..files._sheets import frame_rows, missing
from ..model._engagement import Engagement
from ..model._vocabulary import EVIDENCE_GRADES
from ._card import Scorecard


def fit_points(card: Scorecard) -> pd.DataFrame:
    """vendors × EVIDENCE_GRADES (weakest first): the points of fit resting on each grade; each
    row sums to the vendor's fit."""
    r = card.ratings
    g_sum = float(np.asarray(card.arrays["g_req"]).sum())
    points = 100.0 * r["g"] * r["rating"] / (3.0 * g_sum)
    table = points.groupby([r["vendor"], r["evidence_grade"]]).sum().unstack().fillna(0.0)
    return table.reindex(index=list(card.vendors), columns=list(EVIDENCE_GRADES), fill_value=0.0).astype(float)


def fit_shares(card: Scorecard) -> pd.DataFrame:
    """`fit_points` over the fit: the share of each vendor's fit resting on each grade (NaN for a
    vendor whose fit is 0: nothing rests on anything)."""
    points = fit_points(card)
    total = points.sum(axis=1)
    return points.div(total.where(total > 0), axis=0)


@dataclass(frozen=True)
class AgedFact:
    """A figure one of the scores reads, whose source is stale or gives no publication date."""

    vendor: str
    feeds: str  # fit | integration | tco | viability
    item: str  # requirement id, integration:SYSTEM, viability item or the TCO figure's name
    target: str  # capability id, integration system, viability item, edition id
    value: str  # the rating, support level, score or figure as scored
    grade: str | None  # its evidence grade (None for a price or cost)
    source: str  # the profile's source key
    published: str  # as written: YYYY-MM-DD, YYYY-MM, YYYY or unknown
    status: str  # stale | unknown
    points: float | None = None  # fit: the points of fit it carries


def _status(published_on: Any, cutoff: dt.date) -> str | None:
    """stale, unknown (no publication date), or None for a fresh source."""
    if not isinstance(published_on, dt.date):
        return "unknown"
    return "stale" if published_on < cutoff else None


def aged_evidence(card: Scorecard, engagement: Engagement, cutoff: dt.date) -> list[AgedFact]:
    """Every figure the scorecard reads from a profile whose source was published before `cutoff`
    (stale) or gives no date (unknown), in the scorecard's vendor order: capability ratings (fit),
    support levels (integration), the price and implementation estimate the TCO uses, and the
    viability items. The engagement's own evidence has no source to age."""
    g_sum = float(np.asarray(card.arrays["g_req"]).sum())
    out: list[AgedFact] = []
    for v in card.vendors:
        for r in frame_rows(card.ratings[card.ratings["vendor"] == v]):
            status = _status(r.published_on, cutoff) if r.origin in ("profile", "edition") else None
            if status:
                pts = 100.0 * r.g * r.rating / (3.0 * g_sum)
                out.append(
                    AgedFact(
                        v,
                        "fit",
                        r.id,
                        r.capability,
                        str(r.rating),
                        r.evidence_grade,
                        r.source,
                        r.published,
                        status,
                        pts,
                    )
                )
        for s in frame_rows(card.support[card.support["vendor"] == v]):
            status = _status(s.published_on, cutoff) if s.origin == "profile" else None
            if status:
                out.append(
                    AgedFact(v, "integration", s.id, s.system, s.level, s.evidence_grade, s.source, s.published, status)
                )
        out += _tco_facts(card, engagement, v, cutoff)
        for x in frame_rows(card.viability[card.viability["vendor"] == v]):
            status = _status(x.published_on, cutoff) if x.source else None
            if status and not missing(x.score):
                score = f"{x.score:g}"
                out.append(
                    AgedFact(v, "viability", x.item, x.item, score, x.evidence_grade, x.source, x.published, status)
                )
    return out


def _tco_facts(card: Scorecard, engagement: Engagement, vendor: str, cutoff: dt.date) -> list[AgedFact]:
    """The list or indicative price and the profile's implementation estimate, when the TCO uses them."""
    tco = card.tco.get(vendor)
    if tco is None:
        return []
    profile = engagement.vendors[vendor]
    edition = engagement.edition_of(vendor)
    used: list[tuple[str, str, str | None]] = []  # (item, value, source key)
    # the price as a number and its currency: words of no language (the report words its period)
    price = "–" if tco.unit_amount is None else f"{tco.unit_amount:,.10g} {tco.unit_currency}"
    if tco.price_basis == "list":
        used.append(("price", price, edition.source))
    elif tco.price_basis == "indicative" and edition.indicative is not None:
        used.append(("price", price, edition.indicative.source))
    if tco.implementation_basis == "profile" and profile.implementation is not None:
        used.append(("implementation", f"{tco.implementation:,.0f} {tco.currency}", profile.implementation.source))
    out = []
    for item, value, key in used:
        source = profile.sources.get(key) if key else None
        status = _status(source.published_on if source else None, cutoff)
        if status and key:
            published = source.published if source else "unknown"
            out.append(AgedFact(vendor, "tco", item, edition.id, value, None, key, published, status))
    return out


def aged_counts(facts: list[AgedFact], vendors: list[str]) -> pd.DataFrame:
    """Per vendor: how many figures rest on stale and on undated sources, by what they feed,
    and the points of fit on stale sources (vendors × stale_fit, unknown_fit, ..., stale_points)."""
    cols = [f"{s}_{f}" for s in ("stale", "unknown") for f in ("fit", "integration", "tco", "viability")]
    counts = {v: dict.fromkeys([*cols, "stale_points"], 0.0) for v in vendors}
    for f in facts:
        counts[f.vendor][f"{f.status}_{f.feeds}"] += 1
        if f.status == "stale" and f.points is not None:
            counts[f.vendor]["stale_points"] += f.points
    return pd.DataFrame.from_dict(counts, orient="index", columns=[*cols, "stale_points"])
