"""rollout.yaml, the tracked plan: checked like every other file of an engagement folder, with a
FILE:LINE problem per fault (the rollout package reads and writes it)."""

from __future__ import annotations

from pathlib import Path

from ..files._problems import Problem, errors
from ..files._yaml import Loaded, read_yaml
from ._checks import Loc, check_model, duplicate_ids
from ._files import ROLLOUT_FILE
from .schema import PHASES, RolloutFile


def rollout_problems(rollout: RolloutFile) -> list[tuple[Loc, str]]:
    """(path, message) of what the schema cannot see: duplicate ids, phases out of order."""
    out: list[tuple[Loc, str]] = []
    for key, items in (("tasks", rollout.tasks), ("kpis", rollout.kpis)):
        out += duplicate_ids([item.id for item in items], key)
    if [p.id for p in rollout.phases] != list(PHASES):
        out.append((("phases",), f"must list {', '.join(PHASES[:-1])} and {PHASES[-1]}, in that order"))
    return out


def _cross_check(loaded: Loaded, rollout: RolloutFile) -> list[Problem]:
    return [loaded.problem(path, message) for path, message in rollout_problems(rollout)]


def check_rollout(folder: str | Path) -> tuple[RolloutFile | None, list[Problem]]:
    """rollout.yaml validated with a FILE:LINE problem per fault; (None, []) when there is none."""
    path = Path(folder) / ROLLOUT_FILE
    if not path.exists():
        return None, []
    loaded = read_yaml(path)
    rollout, problems = check_model(loaded, RolloutFile)
    if rollout is not None:
        problems += _cross_check(loaded, rollout)
    return (rollout if not errors(problems) else None), problems
