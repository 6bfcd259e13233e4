"""Requirement grading (METHOD.md §2, §9): consensus, conflicts, overrides, the three columns.

Pure functions over the requirements file: no I/O, so the CLI, the workshop app and the
scoring engine all grade the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .schema import GRADES, IntegrationRequirement, Requirement, Requirements

#: above this share of musts the plan has no room to absorb risk (DSDM's guidance)
MUST_SHARE_LIMIT = 0.60
_RANK = {"must": 2, "could": 1, "wont": 0}


def consensus_grade(votes: Mapping[str, str]) -> str | None:
    """The grade with the most votes; a tie goes to the higher grade (must > could > wont)."""
    if not votes:
        return None
    counts = Counter(votes.values())
    return max(counts, key=lambda g: (counts[g], _RANK[g]))


def has_conflict(votes: Mapping[str, str]) -> bool:
    """Votes that contain both must and wont: the room disagrees about the need itself."""
    grades = set(votes.values())
    return "must" in grades and "wont" in grades


@dataclass(frozen=True)
class GradedItem:
    """A requirement or integration with its votes read (METHOD.md §2)."""

    id: str
    kind: str  # requirement | integration
    target: str  # capability id, or integration system
    votes: dict[str, str]
    consensus: str | None
    grade: str | None  # the final grade: the consultant's decision, else the consensus
    conflict: bool
    overridden: bool


def grade_item(item: Requirement | IntegrationRequirement) -> GradedItem:
    votes = dict(item.votes)
    agreed = consensus_grade(votes)
    final = item.grade or agreed
    if isinstance(item, Requirement):
        ident, kind, target = item.id, "requirement", item.capability
    else:
        ident, kind, target = f"integration:{item.system}", "integration", item.system
    return GradedItem(
        id=ident,
        kind=kind,
        target=target,
        votes=votes,
        consensus=agreed,
        grade=final,
        conflict=has_conflict(votes),
        overridden=item.grade is not None and agreed is not None and item.grade != agreed,
    )


@dataclass(frozen=True)
class GradingTable:
    """The workshop's main output: the must / could / wont columns and what needs a look."""

    requirements: list[GradedItem]
    integrations: list[GradedItem]
    columns: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)
    ungraded: list[str] = field(default_factory=list)

    @property
    def must_share(self) -> float:
        """Musts among the requirements graded must or could (METHOD.md §9)."""
        n_must = len(self.columns.get("must", []))
        graded = n_must + len(self.columns.get("could", []))
        return n_must / graded if graded else 0.0

    @property
    def too_many_musts(self) -> bool:
        return self.must_share > MUST_SHARE_LIMIT

    def grade_of(self, item_id: str) -> str | None:
        for item in self.requirements + self.integrations:
            if item.id == item_id:
                return item.grade
        return None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `crm-toolkit requirements --format json`."""
        integ = {g: [i.id for i in self.integrations if i.grade == g] for g in GRADES}
        return {
            "must": list(self.columns["must"]),
            "could": list(self.columns["could"]),
            "wont": list(self.columns["wont"]),
            "conflicts": list(self.conflicts),
            "overridden": list(self.overridden),
            "must_share": self.must_share,
            "integrations": {
                **integ,
                "conflicts": [i.id for i in self.integrations if i.conflict],
                "overridden": [i.id for i in self.integrations if i.overridden],
            },
        }


def grading_table(requirements: Requirements) -> GradingTable:
    """Grade every requirement and integration, in file order."""
    reqs = [grade_item(r) for r in requirements.requirements]
    integ = [grade_item(i) for i in requirements.integrations]
    columns = {g: [r.id for r in reqs if r.grade == g] for g in GRADES}
    return GradingTable(
        requirements=reqs,
        integrations=integ,
        columns=columns,
        conflicts=[r.id for r in reqs if r.conflict],
        overridden=[r.id for r in reqs if r.overridden],
        ungraded=[r.id for r in reqs + integ if r.grade is None],
    )
