"""sensitivity() on engagements: who takes part, rating uncertainty, plain words (METHOD.md §6, §9)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from toolkit import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.model.schema import Evidence
from toolkit.scoring import score, sensitivity
from toolkit.scoring._words import summary

from .test_properties import CAPS, engagement, vendor

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_card():
    return score(load_engagement(demo_path()))


def test_only_ranked_vendors_take_part(demo_card):
    sens = sensitivity(demo_card, samples=2000)
    assert list(sens.acceptability.index) == demo_card.ranked
    assert "xiaoshouyi" not in sens.acceptability.index  # knocked out in the demo
    assert sens.acceptability.sum(axis=1).to_numpy() == pytest.approx(np.ones(len(demo_card.ranked)))
    assert sens.stability.loc["tco", "leader"] == demo_card.ranked[0]
    # the leader's first-rank share and its central weights are consistent with its win
    assert sens.first_rank[demo_card.ranked[0]] == sens.acceptability[1].max()


def test_a_claimed_zero_on_a_must_is_redrawn_from_zero_or_one():
    v0 = vendor("v0", [0, 3, 3, 3, 3], 100, 3)  # customer_360 0: a vendor claim, on a must
    v1 = vendor("v1", [3, 1, 1, 1, 1], 100, 3)
    eng = engagement([v0, v1], grades=["must", "could", "could", "could", "could"])
    card = score(eng)
    assert card.ranked == ["v1"]
    sens = sensitivity(card, samples=4000, seed=2, uncertainty="ratings", today=TODAY)
    assert list(sens.acceptability.index) == ["v1", "v0"]  # v0 can be ranked in some samples
    # vendor documentation published 2026-01, fresh: spread "medium", a 0 stays 0 with 2/3
    assert sens.acceptability.at["v0", "excluded"] == pytest.approx(2 / 3, abs=0.03)
    assert sens.acceptability.at["v1", "excluded"] == 0.0  # 3 is redrawn from {2, 3}: never 0
    assert sens.unverified_ratings == 10
    assert 0.0 < sens.unverified_share < 1.0


def test_evidence_is_never_redrawn():
    v0 = vendor("v0", [3, 3, 3, 3, 3], 100, 3)
    v1 = vendor("v1", [2, 2, 2, 2, 2], 100, 3)
    evidence = {v: {c: Evidence(rating=r, evidence="demo") for c in CAPS} for v, r in (("v0", 3), ("v1", 2))}
    card = score(engagement([v0, v1], grades=["must"] * 5, evaluations=evidence))
    sens = sensitivity(card, samples=500, uncertainty="ratings")
    assert sens.unverified_ratings == 0
    assert sens.unverified_share == 0.0
    assert sens.acceptability.at["v0", 1] == 1.0


def test_plain_words(demo_card):
    sens = sensitivity(demo_card, samples=2000)
    en = summary(demo_card, sens, "en")
    zh = summary(demo_card, sens, "zh")
    leader = demo_card.name(demo_card.ranked[0], "en")
    share = f"{sens.first_rank.iloc[0]:.0%}"
    assert en[0] == f"{leader} ranks first in {share} of plausible weightings."
    assert any(line.startswith(f"{leader} stays first while TCO weighs between") for line in en)
    assert "排名第一" in zh[0] and demo_card.name(demo_card.ranked[0], "zh") in zh[0]
