"""score() on a two-vendor engagement worked out by hand (METHOD.md §4-§5, §9)."""

from __future__ import annotations

import pytest

from toolkit import load_engagement
from toolkit.files._problems import InvalidInput
from toolkit.scoring import score

from .conftest import HAND_ENGAGEMENT

# Acme: USD 50/user/month, min 5 users (10 billed) at 7.1; customer_360 3, quote_approval 2,
# erp partner; implementation 100,000 CNY; viability market_presence 3, the rest missing (0).
# Beta: flat 5,000/year with 5 users included + 600 per extra user; customer_360 2,
# quote_approval unrated; erp api; implementation 3,000 (engagement override); viability all 4.
ACME_TCO = (100_000 + 1_000 + 10 * 100 + 2_000) + (42_600 + 1_000) + (46_860 + 1_000) / 1.1
BETA_TCO = (3_000 + 5_000 + 10 * 100 + 2_000) + (8_000 + 1_000) + (8_800 + 1_000) / 1.1
HAND = {
    "acme_crm": {"fit": 100 * 11 / 12, "integration": 100 * 2 / 3, "tco": 100 * BETA_TCO / ACME_TCO, "viability": 10},
    "beta_crm": {"fit": 50.0, "integration": 100 / 3, "tco": 100.0, "viability": 80.0},
}
W = {"fit": 0.5, "integration": 0.1, "tco": 0.3, "viability": 0.1}


def total(v):
    return sum(W[c] * HAND[v][c] for c in W)


def test_every_criterion_matches_the_hand_calculation(hand_engagement):
    card = score(load_engagement(hand_engagement()))
    for v, expected in HAND.items():
        for c, x in expected.items():
            assert card.criteria.at[v, c] == pytest.approx(x, rel=1e-12), (v, c)
        assert card.total[v] == pytest.approx(total(v), rel=1e-12)
    assert card.tco["acme_crm"].total == pytest.approx(ACME_TCO)
    assert card.tco["beta_crm"].total == pytest.approx(BETA_TCO)
    assert card.vendors == ["beta_crm", "acme_crm"]
    assert card.rank.tolist() == [1, 2]
    assert dict(card.weights.items()) == pytest.approx(W)


def test_breakdown_components_and_years(hand_engagement):
    card = score(load_engagement(hand_engagement()))
    b = card.tco["acme_crm"].breakdown()
    assert b["implementation"] == 100_000
    assert b["integration"] == 1_000  # erp at partner level
    assert b["training"] == 1_000
    assert b["data_migration"] == 2_000
    assert [y["subscription"] for y in b["years"]] == pytest.approx([42_600, 46_860])
    assert [y["discount_factor"] for y in b["years"]] == pytest.approx([1, 1 / 1.1])
    parts = sum(b[k] for k in ("implementation", "integration", "training", "data_migration", "subscription", "admin"))
    assert parts == pytest.approx(ACME_TCO)
    assert b["implementation_basis"] == "profile" and b["price_basis"] == "list"
    assert card.tco["beta_crm"].implementation_basis == "engagement"


def test_rating_provenance_and_unrated(hand_engagement):
    folder = hand_engagement(evaluations='beta_crm:\n  customer_360: {rating: 3, evidence: "demo 2027-01-10"}\n')
    card = score(load_engagement(folder))
    rows = card.ratings.set_index(["vendor", "id"])
    assert rows.loc[("beta_crm", "R01"), "origin"] == "evidence"
    assert rows.loc[("beta_crm", "R01"), "detail"] == "demo 2027-01-10"
    assert rows.loc[("beta_crm", "R02"), "origin"] == "unrated"
    assert rows.loc[("acme_crm", "R01"), "origin"] == "profile"
    assert card.unrated == {"beta_crm": ["quote_approval"], "acme_crm": []}
    assert card.criteria.at["beta_crm", "fit"] == pytest.approx(100 * 9 / 12)
    assert "R03" not in set(card.ratings["id"])  # wont requirements are not scored


def test_edition_ratings_sit_between_profile_and_evidence(hand_engagement):
    acme_enterprise = "editions: {acme_crm: team}\n"
    folder = hand_engagement(engagement=with_line(acme_enterprise))
    card = score(load_engagement(folder))
    assert card.editions["acme_crm"] == "team"
    # team edition: flat 9,800 CNY incl. 10 users: subscription 9,800 then 10,780
    assert [y.subscription for y in card.tco["acme_crm"].years] == pytest.approx([9_800, 10_780])


def with_line(extra: str) -> str:
    return HAND_ENGAGEMENT + extra


@pytest.mark.parametrize("mode", ["exclude", "flag", "ignore"])
def test_knockout_modes(hand_engagement, mode):
    reqs = """\
requirements:
  - {id: R01, capability: customer_360, grade: must}
  - {id: R02, capability: quote_approval, grade: must}
integrations:
  - {system: erp, grade: must}
"""
    card = score(load_engagement(hand_engagement(engagement=with_line(f"knockout: {mode}\n"), requirements=reqs)))
    gaps = [g.as_dict() for g in card.must_gaps["beta_crm"]]
    assert gaps == [{"id": "R02", "target": "quote_approval", "status": "unrated"}]  # listed in every mode
    assert card.must_gaps["acme_crm"] == []
    if mode == "exclude":
        assert card.vendors == ["acme_crm", "beta_crm"]
        assert card.rank.isna().tolist() == [False, True]
        assert card.knocked_out == {"acme_crm": False, "beta_crm": True}
        assert card.criteria.at["acme_crm", "tco"] == 100.0  # the excluded vendor sets no bar
        assert card.criteria.at["beta_crm", "tco"] == 100.0  # cheaper than the bar: capped
    else:
        assert card.rank.notna().all()
        assert card.knocked_out["beta_crm"] is (mode == "flag")
        assert card.criteria.at["beta_crm", "tco"] == 100.0


def test_confirmed_zero_and_missing_integration(hand_engagement):
    folder = hand_engagement(
        evaluations='acme_crm:\n  customer_360: {rating: 0, evidence: "RFP 1.1: no"}\n'
        '  "integration:erp": {support: none, evidence: "RFP 3.1"}\n'
    )
    card = score(load_engagement(folder))
    assert [g.as_dict() for g in card.must_gaps["acme_crm"]] == [
        {"id": "R01", "target": "customer_360", "status": "confirmed"},
        {"id": "integration:erp", "target": "erp", "status": "confirmed"},
    ]
    # erp at none costs the none build figure
    assert card.tco["acme_crm"].integration == 20_000


def test_json_shape(hand_engagement):
    data = score(load_engagement(hand_engagement())).as_dict()
    assert set(data) >= {"engagement", "currency", "weights", "vendors"}
    assert list(data["weights"]) == ["fit", "integration", "tco", "viability"]
    first = data["vendors"][0]
    for key in (
        "vendor",
        "rank",
        "total",
        "fit",
        "integration",
        "tco",
        "viability",
        "tco_total",
        "tco_breakdown",
        "knocked_out",
        "must_gaps",
        "unrated",
    ):
        assert key in first
    assert first["vendor"] == "beta_crm" and first["rank"] == 1
    assert first["tco_total"] == pytest.approx(BETA_TCO)


def test_missing_figures_are_one_line_each(hand_engagement):
    eng = (
        HAND_ENGAGEMENT.replace("  implementation: {beta_crm: 3000}\n", "").replace("partner: 1000, ", "")
        + "editions: {beta_crm: hidden}\n"
    )
    with pytest.raises(InvalidInput) as e:
        score(load_engagement(hand_engagement(engagement=eng)), strict=True)
    lines = [str(p) for p in e.value.problems]
    assert len(lines) == 3, lines
    assert any("acme_crm connects to erp at level 'partner', which has no build cost" in x for x in lines)
    assert any("beta_crm: hidden price_per_user_month is not public" in x and ":9: shortlist[1]" in x for x in lines)
    assert any("beta_crm: implementation cost unknown" in x for x in lines)


def test_a_quote_replaces_the_list_price(hand_engagement):
    folder = hand_engagement(
        evaluations="acme_crm:\n  quote: {price_per_user_month: 300, currency: CNY, implementation: 50000, "
        'evidence: "RFP pricing"}\n'
    )
    t = score(load_engagement(folder)).tco["acme_crm"]
    assert t.price_basis == "quote" and t.implementation_basis == "quote"
    assert t.years[0].subscription == 10 * 300 * 12
    assert t.implementation == 50_000
