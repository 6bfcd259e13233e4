"""The words of the method (METHOD.md), each named once: grades, support levels, criteria,
viability items, phases, tracks, statuses. Plain tuples with no library behind them, so the
command line can name them in its help without loading the file models."""

from __future__ import annotations

from typing import Literal, get_args

UNKNOWN = "unknown"
NOT_PUBLIC = "not public"
#: a requirement's grade (§2)
GRADES = ("must", "could", "wont")
#: how a vendor supports an integration target (§3)
SUPPORT_LEVELS = ("native", "partner", "api", "none")
#: the four criteria a vendor is scored on (§4)
CRITERIA = ("fit", "integration", "tco", "viability")
#: the items of the viability criterion (§4)
ViabilityItem = Literal[
    "market_presence",
    "financial_strength",
    "customer_base",
    "ecosystem",
    "product_momentum",
    "local_delivery",
]
VIABILITY_ITEMS: tuple[ViabilityItem, ...] = get_args(ViabilityItem)
#: the rollout's phases, tracks and task statuses (§7)
PHASES = ("weeks-0-2", "weeks-2-8", "weeks-8-plus")
TRACKS = ("delivery", "change")
STATUSES = ("todo", "doing", "blocked", "done")
#: where a plan task came from
ORIGINS = ("library", "industry", "requirement", "integration")
#: what kind of page a source is (docs/profiles.md, "Sources"); each has a name in the message
#: catalog, `kind_<value>`, so a reader sees it in their language
SOURCE_KINDS = (
    "seed_marketing",
    "vendor_marketing",
    "vendor_documentation",
    "vendor_pricing",
    "annual_report",
    "press_release",
    "broker_report",
    "registry",
    "third_party_article",
    "content_farm",
    "third_party_documentation",
    "third_party_data",
    "partner_page",
)
#: how good the evidence behind a rating, a support level or a viability item is, weakest first
#: (docs/profiles.md, "Evidence grades"); names in the catalog as `grade_<value>`
EVIDENCE_GRADES = ("marketing", "documentation", "independent", "confirmed")
#: the position of each grade, weakest first (a grade is below another when its rank is lower)
GRADE_RANK = {g: i for i, g in enumerate(EVIDENCE_GRADES)}
#: the grades a profile may give: `confirmed` is the engagement's own check (evaluations.yaml)
PROFILE_GRADES = EVIDENCE_GRADES[:3]
#: what an industry task's `effort_days` rests on (docs/profiles.md, "Industry profile")
EFFORT_BASES = ("estimate", "sourced")
#: a fact published longer ago than this before the report date is stale (docs/method.md)
STALE_AFTER_MONTHS = 18
