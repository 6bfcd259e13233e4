"""Total cost of ownership over the horizon, every component and year (METHOD.md §4, §9).

TCO_v = one-off + Σ_y (subscription_y + admin) / (1 + discount_rate)^(y−1), in the
engagement's currency. The breakdown sums to the total. Where a price is missing, the
function says which figure to add; it never guesses one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model._checks import Loc
from ..model.schema import NOT_PUBLIC, UNKNOWN, EngagementSettings, VendorProfile
from ..model.schema._engagement import Evidence
from ..model.schema._vendor import Edition


class CostProblem(Exception):
    """A figure scoring needs and cannot find: (file, path in that file, message)."""

    def __init__(self, file: str, path: Loc, message: str) -> None:
        super().__init__(message)
        self.file, self.path, self.message = file, path, message


class CostProblems(Exception):
    """Every missing figure of one vendor, so one run lists them all."""

    def __init__(self, problems: list[CostProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class TcoYear:
    year: int
    subscription: float  # nominal, engagement currency
    admin: float
    discount_factor: float  # 1 / (1 + r)^(y-1)

    @property
    def present_value(self) -> float:
        return (self.subscription + self.admin) * self.discount_factor


@dataclass(frozen=True)
class Tco:
    """One vendor's TCO, each component in the engagement's currency."""

    vendor: str
    currency: str
    edition: str
    users: int
    billed_users: int
    implementation: float
    integration: float
    training: float
    data_migration: float
    years: tuple[TcoYear, ...]
    price_basis: str  # list | indicative | quote
    implementation_basis: str  # quote | engagement | profile | none
    indicative: bool  # rests on an indicative figure, not a list price or quote
    integration_by_system: dict[str, float] = field(default_factory=dict)
    # the price as used, in `unit_currency`, per `unit_period` (user_month | year); the report
    # words it in the reader's language with its basis ("68,000 CNY/year (quote)")
    unit_amount: float | None = None
    unit_currency: str = ""
    unit_period: str = ""

    @property
    def one_off(self) -> float:
        return self.implementation + self.integration + self.training + self.data_migration

    @property
    def subscription(self) -> float:
        """Discounted subscription over the horizon."""
        return sum(y.subscription * y.discount_factor for y in self.years)

    @property
    def admin(self) -> float:
        return sum(y.admin * y.discount_factor for y in self.years)

    @property
    def total(self) -> float:
        return self.one_off + sum(y.present_value for y in self.years)

    def breakdown(self) -> dict[str, Any]:
        """Components that sum to `total`, and each year's figures."""
        return {
            "implementation": self.implementation,
            "integration": self.integration,
            "training": self.training,
            "data_migration": self.data_migration,
            "subscription": self.subscription,
            "admin": self.admin,
            "years": [
                {
                    "year": y.year,
                    "subscription": y.subscription,
                    "admin": y.admin,
                    "discount_factor": y.discount_factor,
                    "present_value": y.present_value,
                }
                for y in self.years
            ],
            "indicative": self.indicative,
            "price_basis": self.price_basis,
            "implementation_basis": self.implementation_basis,
        }


def _rate(settings: EngagementSettings, currency: str, file: str, path: Loc) -> float:
    if currency == settings.currency:
        return 1.0
    rate = (settings.fx or {}).get(currency)
    if rate is None:
        raise CostProblem(
            file, path, f"no rate for {currency}: add fx: {{{currency}: <{settings.currency} per 1 {currency}>}}"
        )
    return float(rate)


def _price(edition: Edition, key: str, vendor: str) -> tuple[float, bool]:
    """A list price, or the indicative figure standing in for a `not public` one."""
    value = getattr(edition, key)
    if value != NOT_PUBLIC:
        return float(value or 0.0), False
    ind = edition.indicative
    figure = getattr(ind, key, None) if ind is not None else None
    if figure is None:
        raise CostProblem(
            "engagement.yaml",
            (),
            f"{vendor}: {edition.id} {key} is not public and the profile has no indicative figure: "
            f"add the vendor's quote to evaluations.yaml ({vendor}: {{quote: {{{key}: ..., "
            'evidence: "..."}})',
        )
    return float(figure), True


def _subscription(
    settings: EngagementSettings, profile: VendorProfile, edition: Edition, quote: Evidence | None, uplift: float
) -> tuple[list[float], int, str, bool, tuple[float, str, str]]:
    users = settings.users
    vendor = profile.id
    # a quote's per-user price, else its yearly price (each branch sees its price is not None)
    if quote is not None and quote.price_per_user_month is not None:
        cur = quote.currency or settings.currency
        rate = _rate(settings, cur, "evaluations.yaml", (vendor, "quote", "currency"))
        billed = max(users, quote.min_users or 0)
        base = billed * quote.price_per_user_month * 12 * rate
        unit = (float(quote.price_per_user_month), cur, "user_month")
        return _grow(base, settings, uplift), billed, "quote", False, unit
    if quote is not None and quote.price_per_year is not None:
        cur = quote.currency or settings.currency
        rate = _rate(settings, cur, "evaluations.yaml", (vendor, "quote", "currency"))
        extra = max(0, users - (quote.included_users or 0)) * (quote.extra_user_per_year or 0.0)
        base = (quote.price_per_year + extra) * rate
        unit = (float(quote.price_per_year), cur, "year")
        return _grow(base, settings, uplift), users, "quote", False, unit
    cur = edition.currency or profile.currency
    rate = _rate(settings, cur, "engagement.yaml", ("fx",))
    if not edition.flat:
        price, indicative = _price(edition, "price_per_user_month", vendor)
        billed = max(users, edition.min_users or 0)
        base = billed * price * 12 * rate
        unit = (price, cur, "user_month")
    else:
        price, ind1 = _price(edition, "price_per_year", vendor)
        extra_users = max(0, users - (edition.included_users or 0))
        extra, ind2 = _price(edition, "extra_user_per_year", vendor) if extra_users else (0.0, False)
        indicative = ind1 or ind2
        billed = users
        base = (price + extra_users * extra) * rate
        unit = (price, cur, "year")
    return _grow(base, settings, uplift), billed, "indicative" if indicative else "list", indicative, unit


def _grow(base: float, settings: EngagementSettings, uplift: float) -> list[float]:
    return [base * (1 + uplift) ** (y - 1) for y in range(1, settings.horizon_years + 1)]


def _implementation(
    settings: EngagementSettings, profile: VendorProfile, quote: Evidence | None
) -> tuple[float, str, bool]:
    """Quote in evaluations.yaml, else the engagement's override, else the profile's estimate."""
    vendor = profile.id
    if quote is not None and quote.implementation is not None:
        cur = quote.currency or settings.currency
        return (
            quote.implementation * _rate(settings, cur, "evaluations.yaml", (vendor, "quote", "currency")),
            "quote",
            False,
        )
    costs = settings.costs
    if costs is not None and vendor in costs.implementation:
        return float(costs.implementation[vendor]), "engagement", False
    impl = profile.implementation
    if impl is None or impl.estimate == UNKNOWN:
        raise CostProblem(
            "engagement.yaml",
            ("costs",) if costs is not None else (),
            f"{vendor}: implementation cost unknown (the profile has no estimate): add "
            f"costs: {{implementation: {{{vendor}: <{settings.currency}>}}}} or a quote in evaluations.yaml",
        )
    rate = _rate(settings, impl.currency or profile.currency, "engagement.yaml", ("fx",))
    return float(impl.estimate) * rate, "profile", impl.estimate_kind == "indicative"


def vendor_tco(
    settings: EngagementSettings,
    profile: VendorProfile,
    edition: Edition,
    *,
    quote: Evidence | None = None,
    support_levels: Mapping[str, str] | None = None,
) -> Tco:
    """The TCO of one vendor (METHOD.md §4). `support_levels`: required integration -> level.

    Raises `CostProblems` naming every figure to add when a price, rate or build cost is missing.
    """
    costs = settings.costs
    uplift = float(costs.annual_uplift or 0.0) if costs else 0.0
    found: list[CostProblem] = []
    try:
        years_sub, billed, basis, indicative, unit = _subscription(settings, profile, edition, quote, uplift)
    except CostProblem as e:
        found.append(e)
    try:
        implementation, impl_basis, impl_indicative = _implementation(settings, profile, quote)
    except CostProblem as e:
        found.append(e)
    build = costs.integration_build if costs else None
    by_system: dict[str, float] = {}
    for system, level in (support_levels or {}).items():
        cost = getattr(build, level, None) if build is not None else None
        if cost is None:
            if level == "native":
                cost = 0.0
            else:
                found.append(
                    CostProblem(
                        "engagement.yaml",
                        ("costs", "integration_build") if build is not None else ("costs",) if costs else (),
                        f"{profile.id} connects to {system} at level {level!r}, which has no build cost: "
                        f"add costs: {{integration_build: {{{level}: <{settings.currency}>}}}}",
                    )
                )
                continue
        by_system[system] = float(cost)
    if found:
        raise CostProblems(found)
    admin = float(costs.admin_per_year or 0.0) if costs else 0.0
    r = float(settings.discount_rate or 0.0)
    years = tuple(TcoYear(y, sub, admin, 1.0 / (1.0 + r) ** (y - 1)) for y, sub in enumerate(years_sub, start=1))
    return Tco(
        vendor=profile.id,
        currency=settings.currency,
        edition=edition.id,
        users=settings.users,
        billed_users=billed,
        implementation=implementation,
        integration=sum(by_system.values()),
        training=settings.users * float(costs.training_per_user or 0.0) if costs else 0.0,
        data_migration=float(costs.data_migration or 0.0) if costs else 0.0,
        years=years,
        price_basis=basis,
        implementation_basis=impl_basis,
        indicative=indicative or impl_indicative,
        integration_by_system=by_system,
        unit_amount=unit[0],
        unit_currency=unit[1],
        unit_period=unit[2],
    )
