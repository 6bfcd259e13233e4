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
