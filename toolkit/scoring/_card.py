"""The result of `score()`: a `Scorecard` and its `MustGap`s (METHOD.md §4-§5; docs/method.md,
"A preliminary scorecard").

A Scorecard keeps the matrix, the weights used, each criterion's weighted contribution and
where every rating came from, so the CLI, the report and the apps all read the same object.
When a figure a TCO needs is missing, it is preliminary: `missing` lists those figures and TCO
counts in no vendor's total.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..files._problems import Problem
from ..files._sheets import at
from ..model.schema import CRITERIA, STALE_AFTER_MONTHS, LocalizedText, Weights, text_of
from ._tco import Tco

#: the criteria that count while the scorecard is preliminary: every one but TCO
WITHOUT_TCO = tuple(c for c in CRITERIA if c != "tco")


@dataclass(frozen=True)
class MustGap:
    """A must requirement (or `integration:SYSTEM`) the vendor does not meet, or meets only on
    evidence weaker than the engagement's `must_min_grade` (docs/method.md, "A minimum grade")."""

    id: str
    target: str  # capability id or integration system
    status: str  # confirmed (a rating of 0 written somewhere) | unrated | below_grade
    evidence_grade: str | None = None  # below_grade: the grade the rating rests on

    def as_dict(self) -> dict[str, str]:
        out = {"id": self.id, "target": self.target, "status": self.status}
        if self.evidence_grade is not None:
            out["evidence_grade"] = self.evidence_grade
        return out


@dataclass(frozen=True)
class Scorecard:
    """Everything behind the ranking of one engagement; see METHOD.md §4-§5 for each formula."""

    engagement: str
    client: str
    currency: str
    knockout: str  # exclude | flag | ignore
    vendors: list[str]  # in rank order: ranked first, then unranked
    criteria: pd.DataFrame  # vendors × fit, integration, tco, viability (0..100); tco NaN: no TCO
    weights: Weights  # the criterion weights used, normalised (they sum to 1); tco 0 when preliminary
    total: pd.Series
    rank: pd.Series  # 1.. or <NA> for a vendor excluded by a knockout
    must_gaps: dict[str, list[MustGap]]
    knocked_out: dict[str, bool]  # marked (exclude or flag) for a knockout
    unrated: dict[str, list[str]]
    tco: dict[str, Tco]  # the vendors whose every cost figure is known (all of them unless preliminary)
    # long tables; `grade` is the requirement's (must | could), `evidence_grade` how good the
    # rating's evidence is (marketing | documentation | independent | confirmed; None unrated);
    # `source` the profile's source key behind it, `published` that source's publication date as
    # written (None for the engagement's evidence and unrated), `published_on` its first day (None
    # when unknown); `below_grade` a rating weaker than `must_min_grade` (only musts matter)
    ratings: pd.DataFrame  # vendor, id, capability, grade, g, rating, origin, evidence_grade, detail, date, ...
    support: pd.DataFrame  # vendor, id, system, grade, g, level, value, origin, evidence_grade, detail, date, ...
    viability: pd.DataFrame  # vendor, item, weight, score, why, source, evidence_grade, published, published_on
    editions: dict[str, str]
    names: dict[str, str | LocalizedText] = field(default_factory=dict)  # vendor id -> name (text or {en, zh})
    warnings: tuple[Problem, ...] = ()
    arrays: dict[str, Any] = field(default_factory=dict, repr=False)  # inputs of the robustness analysis
    missing: tuple[Problem, ...] = ()  # the figures a TCO lacks, as `score(strict=True)` refuses them
    must_min_grade: str | None = None  # engagement.yaml: a must-have on weaker evidence is a must gap
    stale_after_months: int = STALE_AFTER_MONTHS  # a source published longer ago is stale

    @property
    def preliminary(self) -> bool:
        """Some price or cost is missing: TCO counts in no total (docs/method.md)."""
        return bool(self.missing)

    @property
    def counted(self) -> tuple[str, ...]:
        """The criteria every total adds up: all four, or all but TCO while preliminary."""
        return WITHOUT_TCO if self.missing else CRITERIA

    @property
    def contributions(self) -> pd.DataFrame:
        """Each criterion's weighted share of the total (Ŵ_c · criterion_c,v); rows sum to total.

        A criterion that counts in no total contributes 0 (a missing TCO score too)."""
        return self.criteria.fillna(0.0).mul(pd.Series(dict(self.weights.items())), axis=1)

    def name(self, vendor: str, lang: str = "en") -> str:
        return text_of(self.names.get(vendor), lang) or vendor

    @property
    def ranked(self) -> list[str]:
        return [v for v in self.vendors if not pd.isna(self.rank[v])]

    @property
    def priced(self) -> list[str]:
        """The vendors with a TCO, in rank order."""
        return [v for v in self.vendors if v in self.tco]

    @property
    def unpriced(self) -> list[str]:
        """The vendors a missing figure leaves without a TCO, in rank order."""
        return [v for v in self.vendors if v not in self.tco]

    @property
    def indicative(self) -> list[str]:
        return [v for v in self.priced if self.tco[v].indicative]

    def missing_lines(self) -> list[str]:
        """The missing figures as `FILE:LINE: field: message`, each file named inside the
        engagement folder (the texts `score --strict` prints)."""
        return [str(_inside(p, self.engagement)) for p in self.missing]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `crm-toolkit score --format json`, full precision.

        A preliminary scorecard adds `preliminary: true` and `missing` (the figures to add);
        a vendor without a TCO has null TCO fields."""
        head: dict[str, Any] = {
            "engagement": self.engagement,
            "client": self.client,
            "currency": self.currency,
            "knockout": self.knockout,
        }
        if self.preliminary:
            head |= {"preliminary": True, "missing": self.missing_lines()}
        if self.must_min_grade is not None:
            head["must_min_grade"] = self.must_min_grade
        return {
            **head,
            "weights": {c: float(self.weights[c]) for c in CRITERIA},
            "vendors": [
                {
                    "vendor": v,
                    "rank": None if pd.isna(self.rank[v]) else int(self.rank[v]),
                    "total": float(self.total[v]),
                    **{c: _number(at(self.criteria, v, c)) for c in CRITERIA},
                    "edition": self.editions[v],
                    "tco_total": self.tco[v].total if v in self.tco else None,
                    "tco_indicative": self.tco[v].indicative if v in self.tco else None,
                    "tco_breakdown": self.tco[v].breakdown() if v in self.tco else None,
                    "knocked_out": self.knocked_out[v],
                    "must_gaps": [g.as_dict() for g in self.must_gaps[v]],
                    "unrated": list(self.unrated[v]),
                }
                for v in self.vendors
            ],
            "warnings": [str(p) for p in self.warnings],
        }


def _number(x: float) -> float | None:
    """A score, or None for one that is not known (JSON has no NaN)."""
    return None if math.isnan(x) else x


def _inside(problem: Problem, folder: str) -> Problem:
    try:
        name = Path(problem.file).relative_to(folder)
    except ValueError:
        return problem
    return dataclasses.replace(problem, file=name.as_posix())
