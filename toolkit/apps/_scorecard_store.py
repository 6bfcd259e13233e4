"""What the scorecard page changes: a what-if scenario over the engagement on disk, and the two
writes it offers (settings into engagement.yaml, a rating with evidence into evaluations.yaml).

The scenario is applied in memory with `model_copy` so a slider rescores in milliseconds; a save
rewrites the file round-trip (comments and key order kept), checks the whole folder as it would
be after the write, and writes atomically only when that check finds no error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..files._i18n import label
from ..files._problems import InvalidInput, Problem
from ..files._yaml import dump_yaml, load_yaml, write_atomic
from ..model._engagement import Engagement, check_replaced
from ..model._files import ENGAGEMENT_FILE, EVALUATIONS_FILE
from ..model.schema import CRITERIA, Weights
from ..rfp._merge import merged_evaluations_yaml
from ..scoring._room import engagement_weights

#: the settings a save may write, in the order the page names them
SETTINGS = ("weights", "editions", "users", "horizon_years", "discount_rate")


@dataclass(frozen=True)
class Scenario:
    """The page's what-if over the engagement on disk. `weights` None: as engagement.yaml says."""

    compared: tuple[str, ...]
    editions: dict[str, str]
    users: int
    horizon_years: int
    discount_rate: float
    weights: Weights | None = None  # whole percentages, as the sliders show them

    @classmethod
    def of(cls, engagement: Engagement) -> Scenario:
        s = engagement.settings
        vendors = engagement.shortlist
        return cls(
            compared=tuple(vendors),
            editions={v: engagement.edition_of(v).id for v in vendors},
            users=s.users,
            horizon_years=s.horizon_years,
            discount_rate=float(s.discount_rate or 0.0),
        )

    def shown_weights(self, engagement: Engagement) -> Weights:
        """The weights as the sliders show them: the scenario's, else engagement.yaml's in percent."""
        if self.weights is not None:
            return self.weights
        return Weights(**engagement_weights(engagement.settings).percentages())


def apply(engagement: Engagement, scenario: Scenario) -> Engagement:
    """The engagement as the scenario sees it (in memory; validated fields only move in range)."""
    s = engagement.settings
    update: dict = {
        "shortlist": list(scenario.compared),
        "editions": {**s.editions, **scenario.editions},
        "users": scenario.users,
        "horizon_years": scenario.horizon_years,
        "discount_rate": scenario.discount_rate,
    }
    if scenario.weights is not None:
        update["weights"] = scenario.weights
    return dataclasses.replace(engagement, settings=s.model_copy(update=update))


def changes(engagement: Engagement, scenario: Scenario) -> dict:
    """The settings in which the scenario differs from engagement.yaml (what a save writes)."""
    s = engagement.settings
    out: dict = {}
    shown = scenario.weights.percentages() if scenario.weights is not None else None
    if shown is not None and shown != engagement_weights(s).percentages():
        out["weights"] = shown
    editions = {v: e for v, e in scenario.editions.items() if e != engagement.edition_of(v).id}
    if editions:
        out["editions"] = editions
    if scenario.users != s.users:
        out["users"] = scenario.users
    if scenario.horizon_years != s.horizon_years:
        out["horizon_years"] = scenario.horizon_years
    if not math.isclose(scenario.discount_rate, float(s.discount_rate or 0.0), abs_tol=1e-12):
        out["discount_rate"] = scenario.discount_rate
    return out


def settings_yaml(engagement: Engagement, changed: Mapping) -> str:
    """engagement.yaml text with `changed` written in, every comment and other key kept."""
    loaded = load_yaml(engagement.path / ENGAGEMENT_FILE)
    if not loaded.ok or not isinstance(loaded.data, CommentedMap):
        raise InvalidInput(loaded.problems or [Problem(str(loaded.path), 0, 0, "", "not a mapping")])
    doc = loaded.data
    for key, value in changed.items():
        if key == "weights":
            _set_map(doc, "weights", {c: int(value[c]) for c in CRITERIA})
        elif key == "editions":
            profiles = engagement.vendors
            current = dict(doc.get("editions") or {})
            for vendor, edition in value.items():
                if edition == profiles[vendor].default_edition:
                    current.pop(vendor, None)
                else:
                    current[vendor] = edition
            _set_map(doc, "editions", current)
        elif key == "discount_rate":
            doc[key] = round(float(value), 6)
        else:
            doc[key] = value
    return dump_yaml(doc)


def _set_map(doc: CommentedMap, key: str, values: dict) -> None:
    """Replace a mapping's values in place (its comments stay), or add it as a flow mapping."""
    target = doc.get(key)
    if isinstance(target, CommentedMap):
        for k in [k for k in target if k not in values]:
            del target[k]
        for k, v in values.items():
            target[k] = v
        return
    new = CommentedMap(values.items())
    new.fa.set_flow_style()
    doc[key] = new


def problems_with(folder: Path, replaced: Mapping[str, str]) -> list[Problem]:
    """The folder's errors if its files `replaced` (name -> text) held that text; nothing written."""
    return check_replaced(folder, replaced)


def check_settings(engagement: Engagement, changed: Mapping) -> str:
    """The new engagement.yaml text; raises InvalidInput with every problem it would cause."""
    text = settings_yaml(engagement, changed)
    problems = problems_with(engagement.path, {ENGAGEMENT_FILE: text})
    if problems:
        raise InvalidInput(problems)
    return text


def save_settings(engagement: Engagement, changed: Mapping) -> Path:
    """Write `changed` into engagement.yaml (checked first, atomic); nothing written on a problem."""
    text = check_settings(engagement, changed)
    path = engagement.path / ENGAGEMENT_FILE
    write_atomic(path, text)
    return path


def save_rating(
    folder: Path,
    vendor: str,
    capability: str,
    rating: int,
    evidence: str,
    *,
    lang: str = "en",
    today: dt.date | None = None,
) -> Path:
    """Record the engagement's own rating of one vendor's capability, with its evidence, in
    evaluations.yaml (an earlier entry for the same pair is replaced in place).

    Evidence is required: a rating nobody can trace back is a vendor claim again.
    """
    path = folder / EVALUATIONS_FILE
    where = f"{vendor}.{capability}"
    if not evidence.strip():
        raise InvalidInput([Problem(str(path), 0, 0, f"{where}.evidence", label("sc_evidence_required", lang))])
    if rating not in (0, 1, 2, 3):
        raise InvalidInput([Problem(str(path), 0, 0, f"{where}.rating", label("sc_rating_range", lang))])
    entry = {"rating": int(rating), "evidence": " ".join(evidence.split()), "date": today or dt.date.today()}
    text = merged_evaluations_yaml(path, {vendor: {capability: entry}})
    problems = problems_with(folder, {EVALUATIONS_FILE: text})
    if problems:
        raise InvalidInput(problems)
    write_atomic(path, text)
    return path
