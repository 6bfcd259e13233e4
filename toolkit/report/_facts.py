"""The figures the executive report shows, gathered once from the scorecard and the engagement.

Nothing here formats text for people: the HTML and xlsx writers read the same `ReportData`, so
the two files always show the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..model._engagement import Engagement
from ..model._staleness import Status, months_before, source_status, stale_months
from ..model.schema import EngagementSettings, LocalizedText, text_of
from ..scoring import Scorecard, Sensitivity, sensitivity
from ..scoring._grades import AgedFact, aged_counts, aged_evidence, fit_points, fit_shares
from ..scoring._room import Room, room_weights
from ..scoring._room_rank import RoomRanking, room_ranking

COMPONENTS = ("implementation", "integration", "training", "data_migration", "subscription", "admin")
ORIGINS = ("evidence", "edition", "profile", "unrated")
BUILD_LEVELS = ("native", "partner", "api", "none")


@dataclass(frozen=True)
class SourceRow:
    """One entry of a shortlisted vendor profile's `sources`, with its staleness, judged on its
    publication date (docs/method.md, "Stale evidence")."""

    vendor: str
    key: str
    url: str
    published: str  # as the profile writes it: YYYY-MM-DD, YYYY-MM, YYYY or unknown
    published_on: dt.date | None  # its earliest day; None when unknown
    read: dt.date
    kind: str
    title: str | LocalizedText | None
    publisher: str | None
    note: str | LocalizedText | None
    status: Status  # stale | unknown | fresh

    @property
    def stale(self) -> bool:
        return self.status == "stale"

    @property
    def undated(self) -> bool:
        """Its publication date is unknown: shown as such, never as fresh."""
        return self.status == "unknown"

    @property
    def linkable(self) -> bool:
        return self.url.startswith(("https://", "http://"))


@dataclass(frozen=True)
class ChartData:
    """A scorecard's figures over the horizon: all the charts draw (the apps draw them without a
    sensitivity run); `ReportData` adds the rest of the report."""

    card: Scorecard
    years: int  # the TCO horizon

    @property
    def leader(self) -> str | None:
        ranked = self.card.ranked
        return ranked[0] if ranked else None

    def origin_counts(self) -> pd.DataFrame:
        """Ratings behind each vendor's fit, counted by where they come from (vendors × ORIGINS)."""
        r = self.card.ratings
        counts = pd.crosstab(r["vendor"], r["origin"]) if len(r) else pd.DataFrame()
        return counts.reindex(index=self.card.vendors, columns=list(ORIGINS), fill_value=0).astype(int)

    def fit_points(self) -> pd.DataFrame:
        """vendors × evidence grades: the points of fit resting on each (rows sum to the fit)."""
        return fit_points(self.card)

    def fit_shares(self) -> pd.DataFrame:
        """vendors × evidence grades: the share of the fit resting on each (NaN when the fit is 0)."""
        return fit_shares(self.card)

    def tco_components(self) -> pd.DataFrame:
        """Priced vendors × COMPONENTS in the engagement currency (present value); rows sum to the TCO."""
        rows = {v: [self.card.tco[v].breakdown()[c] for c in COMPONENTS] for v in self.card.priced}
        return pd.DataFrame.from_dict(rows, orient="index", columns=list(COMPONENTS))

    def tco_years(self) -> pd.DataFrame:
        """Long table: vendor, year, subscription, admin (nominal), discount_factor, present_value."""
        rows = [{"vendor": v, **y} for v in self.card.priced for y in self.card.tco[v].breakdown()["years"]]
        return pd.DataFrame(
            rows, columns=["vendor", "year", "subscription", "admin", "discount_factor", "present_value"]
        )

    def pareto_front(self) -> list[str]:
        """Vendors no other candidate beats on both fit (higher) and TCO (lower), by TCO ascending.

        Candidates are the ranked vendors (a vendor excluded by a knockout is no option); when
        none is ranked, every vendor; only those with a TCO (a preliminary scorecard may lack some).
        """
        card = self.card
        candidates = [v for v in card.ranked or card.vendors if v in card.tco]
        fit = card.criteria["fit"]
        cost = {v: card.tco[v].total for v in candidates}
        eps = 1e-9

        def beats(u: str, v: str) -> bool:
            no_worse = fit[u] >= fit[v] - eps and cost[u] <= cost[v] + eps
            better = fit[u] > fit[v] + eps or cost[u] < cost[v] - eps
            return no_worse and better

        front = [v for v in candidates if not any(beats(u, v) for u in candidates if u != v)]
        return sorted(front, key=lambda v: (cost[v], -fit[v], v))

    def cheapest(self) -> str | None:
        """The candidate of `pareto_front` with the lowest TCO."""
        candidates = [v for v in self.card.ranked or self.card.vendors if v in self.card.tco]
        return min(candidates, key=lambda v: (self.card.tco[v].total, v)) if candidates else None


@dataclass(frozen=True)
class ReportData(ChartData):
    """Everything both report formats show; built by `gather`."""

    engagement: Engagement
    sens: Sensitivity
    unverified: Sensitivity  # the same sampling with uncertainty="ratings"
    today: dt.date
    cutoff: dt.date  # sources published before this are stale
    months: int  # the report's staleness threshold (engagement stale_after_months, default 18)
    sources: list[SourceRow] = field(default_factory=list)
    room: Room | None = None  # each stakeholder's weights, when engagement.yaml gives them
    ranking: RoomRanking | None = None  # who ranks first under whose weights

    @property
    def settings(self) -> EngagementSettings:
        return self.engagement.settings

    @property
    def stale_count(self) -> int:
        return sum(s.stale for s in self.sources)

    @property
    def undated_count(self) -> int:
        return sum(s.undated for s in self.sources)

    def aged(self) -> list[AgedFact]:
        """Every figure the scores read whose source is stale or undated at the report date."""
        return aged_evidence(self.card, self.engagement, self.cutoff)

    def aged_counts(self) -> pd.DataFrame:
        return aged_counts(self.aged(), list(self.card.vendors))

    def edition_name(self, vendor: str, lang: str) -> str:
        edition = self.engagement.edition_of(vendor)
        return text_of(edition.name, lang) or edition.id

    def fx(self) -> dict[str, float]:
        return dict(sorted((self.settings.fx or {}).items()))

    def costs(self) -> dict[str, float | None]:
        """The engagement's cost assumptions (None: not given, counts 0)."""
        c = self.settings.costs
        build = c.integration_build if c is not None else None
        out: dict[str, float | None] = {
            f"build_{lvl}": (getattr(build, lvl, None) if build is not None else None) for lvl in BUILD_LEVELS
        }
        for key in ("training_per_user", "data_migration", "admin_per_year", "annual_uplift"):
            out[key] = getattr(c, key, None) if c is not None else None
        return out


def _sources(engagement: Engagement, vendors: list[str], cutoff: dt.date) -> list[SourceRow]:
    rows = []
    for v in vendors:
        for key, s in engagement.vendors[v].sources.items():
            status = source_status(s, cutoff)
            rows.append(
                SourceRow(
                    v, key, s.url, s.published, s.published_on, s.read, s.kind, s.title, s.publisher, s.note, status
                )
            )
    return rows


def gather(
    engagement: Engagement,
    card: Scorecard,
    sens: Sensitivity,
    *,
    unverified: Sensitivity | None = None,
    today: dt.date | None = None,
) -> ReportData:
    """The report's figures. Without `unverified`, the ratings-uncertainty run is `sens` when it
    already is one (its sources aged at the report date), else the same sampling (samples, seed,
    mode, kappa) redone with uncertainty="ratings" at the report date (METHOD.md §6)."""
    today = today or dt.date.today()
    if unverified is None:
        if sens.uncertainty == "ratings" and sens.as_of in (None, today):  # its sources aged at the report date
            unverified = sens
        else:
            unverified = sensitivity(
                card,
                samples=sens.samples,
                seed=sens.seed,
                mode=sens.mode,
                kappa=sens.kappa,
                uncertainty="ratings",
                today=today,
            )
    months = stale_months(engagement.settings)
    cutoff = months_before(today, months)
    room = ranking = None
    given = engagement.settings.room_weights
    if given is not None and given.stakeholders and card.ranked:
        room = room_weights(given)
        ranking = room_ranking(card, room, samples=sens.samples, seed=sens.seed)
    return ReportData(
        card=card,
        years=engagement.settings.horizon_years,
        engagement=engagement,
        sens=sens,
        unverified=unverified,
        today=today,
        cutoff=cutoff,
        months=months,
        sources=_sources(engagement, list(card.vendors), cutoff),
        room=room,
        ranking=ranking,
    )
