"""Fixtures for the rollout tests: the demo engagement copied into a temporary folder."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.model.schema import RolloutFile
from toolkit.rollout import generate_plan, phase_dates, save_plan
from toolkit.rollout._store import _write


@pytest.fixture(scope="session")
def demo_plan():
    """The demo's plan, generated once (a pure function of the folder)."""
    return generate_plan(load_engagement(demo_path()))


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    return folder


@pytest.fixture
def planned_dir(demo_dir: Path, demo_plan) -> Path:
    """The demo folder with its plan saved (every task todo)."""
    save_plan(demo_dir, demo_plan, by="alice")
    return demo_dir


def synthetic_plan(folder: Path, n_tasks: int) -> list[str]:
    """A bare plan of `n_tasks` short tasks written to `folder`; returns the task ids."""
    phases = phase_dates(dt.date(2027, 1, 4))
    ids = [f"t{i:03d}" for i in range(n_tasks)]
    tasks = [
        {"id": t, "phase": "weeks-2-8", "title": t, "category": "configuration", "effort_days": 1, "due": phases[1].end}
        for t in ids
    ]
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, RolloutFile(vendor="acme", start_date=dt.date(2027, 1, 4), phases=phases, tasks=tasks))
    return ids
