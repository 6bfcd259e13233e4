"""Stakeholders' weights written into engagement.yaml's `room_weights` (docs/method.md, "The
room's weights"): from a live ballot or a filled workbook, one stakeholder or many at once.

The file is rewritten round-trip (comments and key order kept) under its lock, the whole folder
checked as it would be after the write, and written atomically only when engagement.yaml would
have no error: one bad value and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from ..files._lock import locked
from ..files._problems import InvalidInput, Problem
from ..files._yaml import dump_yaml, load_yaml, read_yaml, write_atomic
from ..model._engagement import check_replaced
from ..model._files import ENGAGEMENT_FILE
from ..model.schema import CRITERIA, RoomWeights, StakeholderWeighting

#: how a stakeholder gives their weights, in the order forms offer them
METHODS = ("rank", "swing", "ahp", "weights")


def judgement_text(value: float) -> float | str:
    """A pairwise judgement as a person writes it: 3, or "1/3" for a third (1/9..9 in steps a
    person picks), else the number rounded."""
    if value >= 1:
        return int(round(value)) if abs(value - round(value)) < 1e-9 else round(value, 4)
    inverse = 1 / value
    if abs(inverse - round(inverse)) < 1e-9:
        return f"1/{int(round(inverse))}"
    return str(Fraction(value).limit_denominator(9)) if value > 0 else value


def weighting_data(weighting: StakeholderWeighting) -> dict[str, Any]:
    """One stakeholder's weighting as plain YAML-ready data, in the shape a person writes."""
    method = weighting.method
    if method == "rank":
        return {"rank": list(weighting.rank or [])}
    if method == "ahp":
        return {"ahp": {f"{a}/{b}": judgement_text(v) for (a, b), v in weighting.judgements().items()}}
    values = weighting.weights if method == "weights" else weighting.swing
    named = values.named() if values is not None else {}
    return {method: {c: _number(named[c]) for c in CRITERIA if c in named}}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(float(value), 6)


def room_in_file(folder: Path) -> RoomWeights | None:
    """engagement.yaml's room weights as the file holds them now, None when it gives none; a
    stakeholder whose weighting is not valid is left out (the folder's check reports it)."""
    loaded = read_yaml(Path(folder) / ENGAGEMENT_FILE)
    room = loaded.data.get("room_weights") if isinstance(loaded.data, dict) else None
    if not isinstance(room, dict):
        return None
    people = room.get("stakeholders")
    valid: dict[str, StakeholderWeighting] = {}
    for who, given in people.items() if isinstance(people, dict) else ():
        try:
            valid[str(who)] = StakeholderWeighting.model_validate(given)
        except ValidationError:
            continue
    if room.get("combine") == "geometric":
        return RoomWeights.model_construct(combine="geometric", stakeholders=valid)
    return RoomWeights.model_construct(combine="mean", stakeholders=valid)  # as written, even when invalid


def _flow(values: Mapping[str, Any]) -> CommentedMap:
    out = CommentedMap()
    for key, value in values.items():
        if isinstance(value, Mapping):
            inner = CommentedMap(value.items())
            inner.fa.set_flow_style()
            out[key] = inner
        else:
            out[key] = value
    out.fa.set_flow_style()
    return out


def room_weights_yaml(folder: Path, updates: Mapping[str, StakeholderWeighting | None]) -> str:
    """engagement.yaml text with each stakeholder in `updates` given that weighting (None:
    removed), every comment, other stakeholder and other key kept."""
    path = Path(folder) / ENGAGEMENT_FILE
    loaded = load_yaml(path)
    if not loaded.ok or not isinstance(loaded.data, CommentedMap):
        raise InvalidInput(loaded.problems or [Problem(str(path), 0, 0, "", "not a mapping")])
    doc = loaded.data
    room = doc.get("room_weights")
    if not isinstance(room, CommentedMap):
        room = CommentedMap()
        doc["room_weights"] = room
    people = room.get("stakeholders")
    if not isinstance(people, CommentedMap):
        people = CommentedMap()
        room["stakeholders"] = people
    for who, weighting in updates.items():
        if weighting is None:
            people.pop(who, None)
        else:
            people[who] = _flow(weighting_data(weighting))
    if not people:
        del doc["room_weights"]
    return dump_yaml(doc)


def save_room_weights(folder: Path, updates: Mapping[str, StakeholderWeighting | None]) -> Path:
    """Write `updates` into engagement.yaml under its lock; `InvalidInput` with every problem
    engagement.yaml would then have (an unknown stakeholder, say), nothing written."""
    path = Path(folder) / ENGAGEMENT_FILE
    with locked(path):
        text = room_weights_yaml(folder, updates)
        problems = [p for p in check_replaced(folder, {ENGAGEMENT_FILE: text}) if Path(p.file).name == ENGAGEMENT_FILE]
        if problems:
            raise InvalidInput(problems)
        write_atomic(path, text)
    return path
