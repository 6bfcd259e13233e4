"""Rating uncertainty widened by evidence grade and staleness (scoring/_spread.py; docs/method.md,
"Rating uncertainty by evidence grade"), on hand-made cases whose shares are worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from toolkit.model.schema import Evidence
from toolkit.scoring import score, sensitivity
from toolkit.scoring._spread import DRAWS, REDRAW, distribution, spread_levels

from .test_properties import CAPS, engagement, vendor

TODAY = dt.date(2026, 11, 24)  # 18 months earlier: 2025-05-24
FRESH, STALE, UNDATED = "2026-01", "2024-06", "unknown"
SAMPLES = 20_000


def test_each_level_moves_one_step_with_its_documented_probabilities():
    # P(c−1), P(c), P(c+1) inside the scale: 1/6 2/3 1/6, 1/4 1/2 1/4, 1/3 1/3 1/3, 5/12 1/6 5/12
    assert distribution(0, 2).tolist() == [0, 0, 1, 0]
    assert distribution(1, 2) == pytest.approx([0, 1 / 6, 2 / 3, 1 / 6])
    assert distribution(2, 1) == pytest.approx([1 / 4, 1 / 2, 1 / 4, 0])
    assert distribution(3, 2) == pytest.approx([0, 1 / 3, 1 / 3, 1 / 3])
    assert distribution(4, 1) == pytest.approx([5 / 12, 1 / 6, 5 / 12, 0])
    # off the scale: dropped, the other two keep their proportions (METHOD.md §6's ∩ [0, 3])
    assert distribution(3, 3) == pytest.approx([0, 0, 1 / 2, 1 / 2])  # METHOD.md §6: a 3 becomes 2 or 3
    assert distribution(3, 0) == pytest.approx([1 / 2, 1 / 2, 0, 0])
    assert distribution(4, 3) == pytest.approx([0, 0, 5 / 7, 2 / 7])
    assert distribution(1, 0) == pytest.approx([4 / 5, 1 / 5, 0, 0])
    # the lookup table holds every distribution exactly, in 2520ths
    assert DRAWS == 2520
    for level in range(5):
        for c in range(4):
            counts = np.bincount(REDRAW[level, c], minlength=4)
            assert counts / DRAWS == pytest.approx(distribution(level, c), abs=0)


def _card(lead_grade: str, published: str = FRESH, *, confirmed: bool = False, **more):
    """`lead` rated 3 on three coulds, `alt` 2 (confirmed by a demo); everything else the same, so
    `lead` is first exactly when its fit is above `alt`'s (a tie goes to `alt`, first by id)."""
    lead = vendor("lead", [3, 3, 3, 0, 0], 100, 3, grade=lead_grade, published=published)
    alt = vendor("alt", [2, 2, 2, 0, 0], 100, 3)
    evidence = {"alt": {c: Evidence(rating=2, evidence="demo") for c in CAPS[:3]}}
    if confirmed:
        evidence["lead"] = {c: Evidence(rating=3, evidence="demo") for c in CAPS[:3]}
    return score(engagement([lead, alt], grades=["could"] * 3 + ["wont"] * 2, evaluations=evidence, **more))


def _first(card) -> float:
    sens = sensitivity(card, samples=SAMPLES, seed=3, uncertainty="ratings", today=TODAY)
    return float(sens.acceptability.at["lead", 1])


def test_a_lead_resting_on_marketing_loses_first_place_share_first():
    """`lead` falls to a tie (and so to second) only when all three of its 3s fall to 2:
    P = p³ with p = P(3 → 2) at its level: independent 1/5, documentation 1/3, marketing 1/2,
    stale marketing 5/7; the engagement's own evidence never moves."""
    confirmed = _first(_card("marketing", confirmed=True))
    independent = _first(_card("independent"))
    documentation = _first(_card("documentation"))
    marketing = _first(_card("marketing"))
    stale = _first(_card("marketing", STALE))
    undated = _first(_card("marketing", UNDATED))
    assert confirmed == 1.0
    assert independent == pytest.approx(1 - (1 / 5) ** 3, abs=0.005)  # 0.992
    assert documentation == pytest.approx(1 - (1 / 3) ** 3, abs=0.005)  # 0.963
    assert marketing == pytest.approx(1 - (1 / 2) ** 3, abs=0.006)  # 0.875
    assert stale == pytest.approx(1 - (5 / 7) ** 3, abs=0.008)  # 0.636
    assert undated == stale  # an unknown publication date is never fresh: the same draws
    assert confirmed > independent > documentation > marketing > stale


def test_widening_a_claimed_one_on_a_must_knocks_the_vendor_out_more_often():
    """A claimed 1 on a must is redrawn to 0 (a knockout in that sample) with P(c−1) of its level."""

    def excluded(grade: str, published: str = FRESH) -> float:
        v0 = vendor("v0", [1, 3, 3, 3, 3], 100, 3, grade=grade, published=published)
        v1 = vendor("v1", [3, 3, 3, 3, 3], 100, 3, grade="documentation")
        card = score(engagement([v0, v1], grades=["must"] + ["could"] * 4))
        sens = sensitivity(card, samples=SAMPLES, seed=5, uncertainty="ratings", today=TODAY)
        return float(sens.acceptability.at["v0", "excluded"])

    assert excluded("independent") == pytest.approx(1 / 6, abs=0.008)
    assert excluded("documentation") == pytest.approx(1 / 4, abs=0.008)
    assert excluded("marketing") == pytest.approx(1 / 3, abs=0.008)
    assert excluded("marketing", STALE) == pytest.approx(5 / 12, abs=0.008)
    assert excluded("independent", STALE) == pytest.approx(1 / 4, abs=0.008)  # one level wider


def test_levels_follow_the_grade_and_the_age_of_the_source():
    lead = vendor("lead", [3, 2, 0, 1, 3], 100, 3, grade="marketing", published=STALE)
    alt = vendor("alt", [2, 2, 2, 2, 2], 100, 3, grade="independent", published=FRESH)
    evidence = {"alt": {"customer_360": Evidence(rating=2, evidence="demo")}}
    card = score(engagement([lead, alt], grades=["must", "could", "could", "could", "wont"], evaluations=evidence))
    levels = dict(zip(card.arrays["vendors"], spread_levels(card, TODAY).tolist(), strict=True))
    assert levels["lead"] == [4, 4, 4, 4]  # marketing (3), stale: one wider
    assert levels["alt"] == [0, 1, 1, 1]  # the demo never moves; independent and fresh: narrow
    # a year on, alt's source (2026-01) is stale too: narrow becomes medium
    later = dict(zip(card.arrays["vendors"], spread_levels(card, dt.date(2027, 8, 1)).tolist(), strict=True))
    assert later["alt"] == [0, 2, 2, 2]
    # stale_after_months moves the line: 30 months keep 2024-06 fresh on TODAY
    relaxed = score(
        engagement(
            [lead, alt], grades=["must", "could", "could", "could", "wont"], evaluations=evidence, stale_after_months=30
        )
    )
    assert dict(zip(relaxed.arrays["vendors"], spread_levels(relaxed, TODAY).tolist(), strict=True))["lead"] == [3] * 4


def test_the_run_says_what_it_drew_by_grade():
    card = _card("marketing", STALE)
    sens = sensitivity(card, samples=100, seed=0, uncertainty="ratings", today=TODAY)
    assert sens.unverified_ratings == 3
    assert sens.drawn_by_grade == {"marketing": 3}
    assert sens.widened_for_age == 3
    assert sens.as_of == TODAY
    shown = sens.as_dict()
    assert shown["drawn_by_grade"] == {"marketing": 3} and shown["as_of"] == "2026-11-24"
    assert "drawn_by_grade" not in sensitivity(card, samples=100).as_dict()  # weights only: unchanged JSON


def test_the_same_seed_gives_the_same_figures():
    card = _card("documentation", STALE)
    a = sensitivity(card, samples=3000, seed=9, uncertainty="ratings", today=TODAY)
    b = sensitivity(card, samples=3000, seed=9, uncertainty="ratings", today=TODAY)
    assert a.acceptability.equals(b.acceptability) and a.unverified_share == b.unverified_share
