"""The criterion weights, one typed shape from engagement.yaml to the chart (model.schema.Weights)."""

from __future__ import annotations

import pytest

from toolkit.model.schema import CRITERIA, DEFAULT_WEIGHTS, EngagementSettings, Weights


def test_rebalance_keeps_the_sum_at_100_and_the_others_in_proportion():
    assert Weights(fit=40, integration=20, tco=25, viability=15).rebalanced("fit", 70) == {
        "fit": 70,
        "integration": 10,
        "tco": 13,  # 25 · 30/60 = 12.5 and 15 · 30/60 = 7.5: equal remainders, the first criterion rounds up
        "viability": 7,
    }
    assert Weights(fit=100, integration=0, tco=0, viability=0).rebalanced("fit", 40) == {
        "fit": 40,
        "integration": 20,
        "tco": 20,
        "viability": 20,
    }
    assert Weights(fit=1, integration=1, tco=1).percentages() == {
        "fit": 34,
        "integration": 33,
        "tco": 33,
        "viability": 0,
    }


def test_shares_sum_to_one_and_a_left_out_criterion_weighs_zero():
    shares = Weights(fit=3, tco=1).shares()
    assert dict(shares.items()) == {"fit": 0.75, "integration": 0.0, "tco": 0.25, "viability": 0.0}
    with pytest.raises(ValueError, match="sum to 0"):
        Weights(fit=0).shares()


def test_the_default_applies_in_one_place():
    settings = EngagementSettings(client="c", industry="retail", currency="CNY", users=10)
    assert settings.criterion_weights is DEFAULT_WEIGHTS
    assert DEFAULT_WEIGHTS.percentages() == {"fit": 40, "integration": 20, "tco": 25, "viability": 15}
    assert tuple(c for c, _ in DEFAULT_WEIGHTS.items()) == CRITERIA
