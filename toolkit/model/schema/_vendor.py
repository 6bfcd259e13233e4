"""The vendor profile (METHOD.md §3, §8): sourced facts, editions, ratings, viability."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .._vocabulary import ViabilityItem
from ._common import (
    NOT_PUBLIC,
    Amount,
    Currency,
    Estimate,
    EvidenceGrade,
    Graded,
    Identifier,
    Model,
    NonNegInt,
    Price,
    Rating,
    Score,
    Source,
    Sourced,
    Support,
    Text,
    Tristate,
)


class Fact(Sourced):
    """A single sourced value."""

    value: Any


class TextFact(Sourced):
    value: Text


class YearFact(Sourced):
    value: int | Literal["unknown"]


class Listing(Sourced):
    status: Literal["listed", "unlisted", "subsidiary", "unknown"]
    exchange: str | None = None
    ticker: str | None = None
    parent: str | None = None


class Deployment(Sourced):
    saas: Tristate = "unknown"
    private_cloud: Tristate = "unknown"
    on_premise: Tristate = "unknown"


class Indicative(Sourced):
    """An estimate standing in for a price that is not public, with what it rests on."""

    price_per_user_month: Amount | None = None
    price_per_year: Amount | None = None
    extra_user_per_year: Amount | None = None
    basis: Text


class Edition(Sourced):
    id: Identifier
    name: Text | None = None
    price_per_user_month: Price | None = None
    min_users: NonNegInt | None = None
    price_per_year: Price | None = None
    included_users: NonNegInt | None = None
    extra_user_per_year: Price | None = None
    currency: Currency | None = None
    billing: str | None = None
    indicative: Indicative | None = None
    ratings: dict[Identifier, Rating] = Field(default_factory=dict)
    grade: EvidenceGrade | None = None  # the grade of the evidence behind `ratings`

    @model_validator(mode="after")
    def _one_price_model(self) -> Edition:
        if self.ratings and self.grade is None:
            raise ValueError(
                "an edition with ratings names the grade of their evidence: "
                "grade: marketing, documentation or independent"
            )
        per_user = self.price_per_user_month is not None
        flat = self.price_per_year is not None
        if per_user == flat:
            raise ValueError(
                "give either price_per_user_month (per-user edition) or price_per_year "
                "(flat edition), not both and not neither"
            )
        if flat and self.min_users is not None:
            raise ValueError("min_users applies to per-user editions; use included_users")
        if per_user and (self.included_users is not None or self.extra_user_per_year is not None):
            raise ValueError("included_users and extra_user_per_year apply to flat editions")
        return self

    @property
    def flat(self) -> bool:
        return self.price_per_year is not None

    @property
    def not_public(self) -> list[str]:
        """The price fields written `not public`."""
        return [
            k
            for k in ("price_per_user_month", "price_per_year", "extra_user_per_year")
            if getattr(self, k) == NOT_PUBLIC
        ]


class Implementation(Sourced):
    estimate: Estimate
    currency: Currency | None = None
    basis: Text | None = None
    estimate_kind: Literal["indicative", "published", "quoted"] = "indicative"


class CapabilityRating(Graded):
    rating: Rating


class IntegrationSupport(Graded):
    support: Support


class ViabilityScore(Graded):
    score: Score
    why: Text


class Certification(Sourced):
    name: str


class PublishedRating(Model):
    """A published opinion (star rating, "recommendation score"): recorded, never scored."""

    # not a Sourced: an opinion may be recorded without a source (its two fields, in their order)
    source: str | None = None
    note: Text | None = None
    value: str | int | float
    by: str


class VendorProfile(Model):
    id: Identifier
    name: Text
    summary: Text | None = None
    sources: dict[Identifier, Source]
    company: TextFact
    founded: YearFact | None = None
    headquarters: TextFact | None = None
    listing: Listing | None = None
    deployment: Deployment | None = None
    currency: Currency
    default_edition: Identifier
    editions: list[Edition] = Field(min_length=1)
    implementation: Implementation | None = None
    capabilities: dict[Identifier, CapabilityRating] = Field(default_factory=dict)
    integrations: dict[Identifier, IntegrationSupport] = Field(default_factory=dict)
    viability: dict[ViabilityItem, ViabilityScore] = Field(default_factory=dict)
    certifications: list[Certification] = Field(default_factory=list)
    published_ratings: list[PublishedRating] = Field(default_factory=list)

    def edition(self, edition_id: str | None = None) -> Edition | None:
        wanted = edition_id or self.default_edition
        return next((e for e in self.editions if e.id == wanted), None)
