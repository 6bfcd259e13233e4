"""How old each vendor fact is, judged on its source's publication date (docs/method.md, "Stale
evidence"), and what it feeds: capability ratings feed fit, support levels integration, prices and
implementation estimates TCO, viability items viability; the other facts feed no score.

A source published before the cutoff (the report date less `stale_after_months`, default 18) is
stale; one whose publication date is unknown is `unknown`, never fresh. A year or a month counts
from its first day, so a fact is never made to look newer than its page says.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ._vocabulary import STALE_AFTER_MONTHS, UNKNOWN
from .schema import EngagementSettings, LocalizedText, Source, VendorProfile

Status = Literal["stale", "unknown", "fresh"]
#: what a fact feeds, in the order a reader meets the criteria; None: no score
FEEDS = ("fit", "integration", "tco", "viability")


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_months(settings: EngagementSettings | None) -> int:
    """The engagement's `stale_after_months`, else the default (18)."""
    given = settings.stale_after_months if settings is not None else None
    return given if given is not None else STALE_AFTER_MONTHS


def source_status(source: Source, cutoff: dt.date) -> Status:
    day = source.published_on
    if day is None:
        return "unknown"
    return "stale" if day < cutoff else "fresh"


@dataclass(frozen=True)
class DatedFact:
    """One sourced fact of a vendor profile with the age of its source."""

    vendor: str
    fact: str  # where in the profile: capabilities.customer_360, editions.pro.price, ...
    value: str | LocalizedText  # the rating, support level, score, price or value as written
    feeds: str | None  # fit | integration | tco | viability; None: no score reads it
    source: str  # the key in the profile's sources
    published: str  # as written: YYYY-MM-DD, YYYY-MM, YYYY or unknown
    status: Status
    grade: str | None = None  # the evidence grade of a rating, support level or viability item


def _value(v: object) -> str | LocalizedText:
    if isinstance(v, LocalizedText):
        return v
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


Row = tuple[str, str | LocalizedText, str | None, str, str | None]


def _facts(profile: VendorProfile) -> list[Row]:
    """(fact, value, feeds, source key, grade) for every sourced fact of a profile, in file order."""
    out: list[Row] = []
    for name in ("company", "founded", "headquarters", "listing", "deployment"):
        fact = getattr(profile, name)
        if fact is not None:
            value = getattr(fact, "value", None) or getattr(fact, "status", None) or ""
            out.append((name, _value(value), None, fact.source, None))
    for e in profile.editions:
        for key in ("price_per_user_month", "price_per_year", "extra_user_per_year"):
            price = getattr(e, key)
            if price is not None:
                out.append((f"editions.{e.id}.{key}", _value(price), "tco", e.source, None))
        if e.indicative is not None:
            figure = e.indicative.price_per_user_month or e.indicative.price_per_year
            out.append((f"editions.{e.id}.indicative", _value(figure), "tco", e.indicative.source, None))
        for cap, rating in e.ratings.items():
            out.append((f"editions.{e.id}.ratings.{cap}", _value(rating), "fit", e.source, e.grade))
    if profile.implementation is not None:
        imp = profile.implementation
        out.append(("implementation", _value(imp.estimate), "tco", imp.source, None))
    for cap, r in profile.capabilities.items():
        out.append((f"capabilities.{cap}", _value(r.rating), "fit", r.source, r.grade))
    for system, s in profile.integrations.items():
        out.append((f"integrations.{system}", s.support, "integration", s.source, s.grade))
    for item, v in profile.viability.items():
        out.append((f"viability.{item}", _value(v.score), "viability", v.source, v.grade))
    for i, c in enumerate(profile.certifications):
        out.append((f"certifications[{i}]", c.name, None, c.source, None))
    return out


def dated_facts(profile: VendorProfile, cutoff: dt.date) -> list[DatedFact]:
    """Every sourced fact of `profile` with its source's publication date and status at `cutoff`."""
    out = []
    for fact, value, feeds, key, grade in _facts(profile):
        source = profile.sources.get(key)
        published = source.published if source is not None else UNKNOWN
        status: Status = source_status(source, cutoff) if source is not None else "unknown"
        out.append(DatedFact(profile.id, fact, value, feeds, key, published, status, grade))
    return out
