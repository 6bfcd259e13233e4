"""Properties of the scoring (METHOD.md §4-§6) over generated engagements and matrices."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import industry_profile
from toolkit.model._engagement import Engagement
from toolkit.model.schema import EngagementSettings, Evidence, Requirements, VendorProfile
from toolkit.scoring import rank_acceptability, score, sensitivity, vendor_tco

CAPS = ["customer_360", "lead_opportunity_funnel", "order_contract_payment", "data_import", "quote_approval"]
SRC = {"s": {"url": "https://x.example/", "kind": "vendor_documentation", "published": "2026-01", "read": "2026-01-02"}}


def vendor(
    vid: str, ratings: list[int], price: float, viab: int, *, grade: str = "documentation", published: str = "2026-01"
) -> VendorProfile:
    """A profile rating CAPS in order, every fact from one source of that publication date, and
    every rating, support level and viability item of that evidence grade."""
    doc = {"grade": grade, "source": "s"}
    return VendorProfile.model_validate(
        {
            "id": vid,
            "name": vid,
            "sources": {"s": {**SRC["s"], "published": published}},
            "company": {"value": vid, "source": "s"},
            "currency": "CNY",
            "default_edition": "std",
            "editions": [{"id": "std", "price_per_user_month": price, "min_users": 5, "source": "s"}],
            "implementation": {"estimate": 10000, "source": "s"},
            "capabilities": {c: {"rating": r, **doc} for c, r in zip(CAPS, ratings, strict=True)},
            "integrations": {"erp": {"support": "api", **doc}},
            "viability": {"market_presence": {"score": viab, "why": "x", **doc}},
        }
    )


def engagement(
    vendors: list[VendorProfile], *, grades, weights=None, users=20, evaluations=None, knockout="exclude", **more
):
    s = EngagementSettings.model_validate(
        {
            **more,
            "client": "P",
            "industry": "manufacturing",
            "currency": "CNY",
            "users": users,
            "weights": weights or {"fit": 40, "integration": 20, "tco": 25, "viability": 15},
            "knockout": knockout,
            "costs": {"integration_build": {"api": 5000}, "admin_per_year": 100},
        }
    )
    reqs = Requirements.model_validate(
        {
            "requirements": [
                {"id": f"R{i}", "capability": c, "grade": g} for i, (c, g) in enumerate(zip(CAPS, grades, strict=True))
            ],
            "integrations": [{"system": "erp", "grade": "could"}],
        }
    )
    return Engagement(
        path=Path("/nonexistent"),
        settings=s,
        requirements=reqs,
        evaluations=evaluations or {},
        vendors={v.id: v for v in vendors},
        industry=industry_profile("manufacturing"),
    )


ratings_st = st.lists(st.integers(0, 3), min_size=len(CAPS), max_size=len(CAPS))
grades_st = st.lists(st.sampled_from(["must", "could", "wont"]), min_size=len(CAPS), max_size=len(CAPS)).filter(
    lambda g: any(x != "wont" for x in g)
)
vendors_st = st.lists(st.tuples(ratings_st, st.floats(10, 500), st.integers(0, 5)), min_size=2, max_size=4).map(
    lambda xs: [vendor(f"v{i}", r, p, s) for i, (r, p, s) in enumerate(xs)]
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(vendors_st, grades_st, st.integers(0, len(CAPS) - 1), st.sampled_from(["exclude", "flag", "ignore"]))
def test_raising_one_rating_never_lowers_fit_or_total(vendors, grades, which, knockout):
    eng = engagement(vendors, grades=grades, knockout=knockout)
    before = score(eng)
    v = vendors[0]
    current = v.capabilities[CAPS[which]].rating
    if current == 3:
        return
    raised = {v.id: {CAPS[which]: Evidence(rating=current + 1, evidence="demo")}}
    after = score(engagement(vendors, grades=grades, knockout=knockout, evaluations=raised))
    assert after.criteria.at[v.id, "fit"] >= before.criteria.at[v.id, "fit"] - 1e-9
    assert after.total[v.id] >= before.total[v.id] - 1e-9


@FAST
@given(vendors_st, grades_st, st.floats(0.01, 1000))
def test_scaling_all_weights_changes_nothing(vendors, grades, k):
    w = {"fit": 40, "integration": 20, "tco": 25, "viability": 15}
    a = score(engagement(vendors, grades=grades, weights=w))
    b = score(engagement(vendors, grades=grades, weights={c: x * k for c, x in w.items()}))
    assert a.vendors == b.vendors
    np.testing.assert_allclose(a.total.to_numpy(), b.total.to_numpy(), rtol=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 8), st.integers(2, 5), st.integers(0, 10_000), st.sampled_from(["uniform", "around"]))
def test_a_vendor_best_on_every_criterion_always_ranks_first(n, c, seed, mode):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 90, (n, c))
    x[seed % n] = x.max(axis=0) + rng.uniform(0.5, 10, c)
    m = pd.DataFrame(x, index=[f"v{i}" for i in range(n)], columns=[f"c{j}" for j in range(c)])
    res = rank_acceptability(m, samples=500, seed=seed, mode=mode, weights={f"c{j}": 1 for j in range(c)})
    assert res["first_rank"][f"v{seed % n}"] == 1.0
    assert res["acceptability"].sum(axis=1).to_numpy() == pytest.approx(np.ones(n))


@FAST
@given(vendors_st, st.integers(0, 500), st.integers(1, 500))
def test_tco_grows_with_users_and_the_breakdown_sums_to_the_total(vendors, users, more):
    v = vendors[0]
    small = engagement(vendors, grades=["must"] * 5, users=users).settings
    large = engagement(vendors, grades=["must"] * 5, users=users + more).settings
    a = vendor_tco(small, v, v.edition(), support_levels={"erp": "api"})
    b = vendor_tco(large, v, v.edition(), support_levels={"erp": "api"})
    assert b.total >= a.total
    parts = a.breakdown()
    assert sum(
        parts[k] for k in ("implementation", "integration", "training", "data_migration", "subscription", "admin")
    ) == pytest.approx(a.total)


@FAST
@given(vendors_st, grades_st, st.integers(0, 2**32 - 1), st.sampled_from(["none", "ratings"]))
def test_same_seed_same_smaa_and_rows_sum_to_one(vendors, grades, seed, uncertainty):
    card = score(engagement(vendors, grades=grades, knockout="flag"))
    a = sensitivity(card, samples=300, seed=seed, uncertainty=uncertainty)
    b = sensitivity(card, samples=300, seed=seed, uncertainty=uncertainty)
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)
    pd.testing.assert_frame_equal(a.central_weights, b.central_weights)
    assert a.acceptability.sum(axis=1).to_numpy() == pytest.approx(np.ones(len(a.acceptability)))
