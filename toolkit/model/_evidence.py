"""Where each rating comes from (METHOD.md §3, §9): engagement evidence, edition, profile, unrated,
and how good its evidence is (docs/profiles.md, "Evidence grades").

A rating is looked up layer by layer, the first layer with a number winning: the engagement's
evidence, then the chosen edition's `ratings`, then the profile's default. A layer that writes
`unknown` defers to the next; a capability no layer rates is `unrated` and counts 0.

The grade goes with the layer that won: the engagement's own evidence is `confirmed` by
definition (a demo seen, a reference call, an RFP answer with its evidence); an edition's or a
profile's rating carries the grade the profile gives it; an unrated capability has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..files._i18n import LANGS, label
from ._vocabulary import GRADE_RANK
from .schema import SUPPORT_LEVELS, UNKNOWN, Edition, LocalizedText, VendorProfile
from .schema._engagement import Evidence

SupportLevel = Literal["native", "partner", "api", "none"]
#: support level -> s (§3)
SUPPORT_VALUE: dict[str, int] = {"native": 3, "partner": 2, "api": 1, "none": 0}
SUPPORT_OF_VALUE: dict[int, SupportLevel] = {3: "native", 2: "partner", 1: "api", 0: "none"}
ORIGINS = ("unrated", "profile", "edition", "evidence")
#: the grade of the engagement's own evidence (evaluations.yaml)
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Rated:
    """One rating with where it came from and how good its evidence is."""

    value: int  # 0..3; 0 when unrated
    origin: str  # evidence | edition | profile | unrated
    detail: str | LocalizedText | None = None  # the evidence text, or the profile's note/source key
    date: str | None = None
    grade: str | None = None  # marketing | documentation | independent | confirmed; None when unrated
    source: str | None = None  # the profile's source key behind a profile or edition rating

    @property
    def verified(self) -> bool:
        """Seen by the engagement itself; anything else is the vendor's claim (§6)."""
        return self.origin == "evidence"


def below_grade(grade: str | None, minimum: str | None) -> bool:
    """The evidence is weaker than `minimum` (engagement.yaml `must_min_grade`); no minimum, or
    no grade (an unrated capability), is never below."""
    return minimum is not None and grade is not None and GRADE_RANK[grade] < GRADE_RANK[minimum]


def _confirmed(ev: Evidence, value: int) -> Rated:
    return Rated(value, "evidence", ev.evidence, ev.date.isoformat() if ev.date else None, CONFIRMED)


def capability_rating(
    profile: VendorProfile, edition: Edition | None, evidence: dict[str, Evidence] | None, capability: str
) -> Rated:
    ev = (evidence or {}).get(capability)
    if ev is not None and ev.rating is not None:
        return _confirmed(ev, int(ev.rating))
    if edition is not None:
        r = edition.ratings.get(capability)
        if r is not None and r != UNKNOWN:
            words = {lang: label("edition_rating", lang, edition=edition.id, source=edition.source) for lang in LANGS}
            detail = LocalizedText(**words)
            return Rated(int(r), "edition", detail, grade=edition.grade, source=edition.source)
    entry = profile.capabilities.get(capability)
    if entry is not None and entry.rating != UNKNOWN:
        return Rated(int(entry.rating), "profile", entry.note or entry.source, grade=entry.grade, source=entry.source)
    return Rated(0, "unrated")


def integration_support(profile: VendorProfile, evidence: dict[str, Evidence] | None, system: str) -> Rated:
    """Support level as s = 0..3; missing or `unknown` counts as none and is `unrated` (§9)."""
    ev = (evidence or {}).get(f"integration:{system}")
    if ev is not None and ev.support is not None:
        return _confirmed(ev, SUPPORT_VALUE[ev.support])
    entry = profile.integrations.get(system)
    if entry is not None and entry.support in SUPPORT_LEVELS:
        value = SUPPORT_VALUE[entry.support]
        return Rated(value, "profile", entry.note or entry.source, grade=entry.grade, source=entry.source)
    return Rated(0, "unrated")
