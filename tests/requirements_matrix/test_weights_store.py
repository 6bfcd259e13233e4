"""Stakeholders' weights written into engagement.yaml: comments and other keys kept, fractions
written as a person writes them, nothing written on a problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.files._problems import InvalidInput
from toolkit.model._engagement import load_engagement
from toolkit.model.schema import StakeholderWeighting
from toolkit.requirements_matrix._weights_store import judgement_text, save_room_weights

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-manufacturer"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


def test_one_stakeholder_replaced_rest_kept(folder: Path) -> None:
    before = (folder / "engagement.yaml").read_text(encoding="utf-8")
    ahp = {
        "fit/integration": 3,
        "fit/tco": "1/3",
        "fit/viability": 1,
        "integration/tco": 0.5,
        "integration/viability": 2,
        "tco/viability": 9,
    }
    save_room_weights(folder, {"sales_director": StakeholderWeighting(ahp=ahp)})
    after = (folder / "engagement.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [
        (
            "    sales_director: {rank: [fit, integration, viability, tco]}",
            "    sales_director: {ahp: {fit/integration: 3, fit/tco: 1/3, fit/viability: 1, integration/tco: 1/2, "
            "integration/viability: 2, tco/viability: 9}}",
        )
    ]
    room = load_engagement(folder).settings.room_weights
    assert room is not None and room.stakeholders["sales_director"].judgements()[("fit", "tco")] == pytest.approx(1 / 3)


def test_new_stakeholder_and_removal(folder: Path) -> None:
    save_room_weights(
        folder,
        {
            "it_manager": None,
            "sales_director": StakeholderWeighting(swing={"fit": 100, "tco": 50, "integration": 0, "viability": 25}),
        },
    )
    room = load_engagement(folder).settings.room_weights
    assert room is not None and "it_manager" not in room.stakeholders
    assert room.stakeholders["sales_director"].method == "swing"


def test_unknown_stakeholder_writes_nothing(folder: Path) -> None:
    before = (folder / "engagement.yaml").read_bytes()
    with pytest.raises(InvalidInput) as e:
        save_room_weights(folder, {"nobody": StakeholderWeighting(rank=["fit", "tco", "integration", "viability"])})
    assert [p.field for p in e.value.problems] == ["room_weights.stakeholders.nobody"]
    assert "unknown stakeholder 'nobody'" in e.value.problems[0].message
    assert (folder / "engagement.yaml").read_bytes() == before


@pytest.mark.parametrize(("value", "text"), [(3.0, 3), (1 / 3, "1/3"), (0.125, "1/8"), (1.0, 1), (2.5, 2.5)])
def test_judgement_text(value: float, text: object) -> None:
    assert judgement_text(value) == text
