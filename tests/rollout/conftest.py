"""Fixtures for the rollout tests: the demo engagement copied into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks._synthetic import synthetic_plan  # noqa: F401 - the rollout tests' big plans
from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.rollout import generate_plan, save_plan


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
