"""A preliminary scorecard: prices or costs missing, TCO left out of every total (docs/method.md,
"A preliminary scorecard"); `strict=True` keeps the refusal."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest

from toolkit import load_engagement
from toolkit.files._problems import InvalidInput
from toolkit.model._profiles import demo_path
from toolkit.model.schema import CRITERIA
from toolkit.requirements_matrix._scaffold import new_engagement
from toolkit.rollout import default_vendor
from toolkit.scoring import rank, rank_acceptability, score, sensitivity
from toolkit.scoring._room import room_weights
from toolkit.scoring._room_rank import room_ranking

from .conftest import HAND_ENGAGEMENT
from .test_scorecard import HAND

NO_BETA_COST = HAND_ENGAGEMENT.replace("  implementation: {beta_crm: 3000}\n", "")
BETA_LINE = (
    "engagement.yaml:10: costs: beta_crm: implementation cost unknown (the profile has no estimate): "
    "add costs: {implementation: {beta_crm: <CNY>}} or a quote in evaluations.yaml"
)
# weights 50/10/30/10 without TCO: 50/70, 10/70, 10/70
W3 = {"fit": 5 / 7, "integration": 1 / 7, "tco": 0.0, "viability": 1 / 7}


def _price(index: int, vendor: str, edition: str, key: str) -> str:
    return (
        f"engagement.yaml:15: shortlist[{index}]: {vendor}: {edition} {key} is not public and the profile has no "
        f"indicative figure: add the vendor's quote to evaluations.yaml ({vendor}: {{quote: {{{key}: ..., "
        'evidence: "..."}})'
    )


def _implementation(vendor: str) -> str:
    return (
        f"engagement.yaml:17: costs: {vendor}: implementation cost unknown (the profile has no estimate): add "
        f"costs: {{implementation: {{{vendor}: <CNY>}}}} or a quote in evaluations.yaml"
    )


#: what a fresh `crm-toolkit new --industry manufacturing` engagement lacks, in file and line order
FRESH_MISSING = [
    _price(1, "huawei_cloud", "marketplace_isv_crm", "price_per_user_month"),
    _price(3, "jiandaoyun", "enterprise", "price_per_year"),
    _price(4, "kingdee", "xingkong", "price_per_user_month"),
    _price(7, "xiaoshouyi", "quote_based", "price_per_user_month"),
    _price(8, "yonyou", "yonsuite", "price_per_user_month"),
    # Zoho's USD list price is not in any stored page (its INR regional price is a note since issue 16)
    _price(9, "zoho", "enterprise", "price_per_user_month"),
    *(
        _implementation(v)
        for v in ("fxiaoke", "huawei_cloud", "jiandaoyun", "kingdee", "salesforce", "tencent_qidian")
        + ("xiaoshouyi", "yonyou", "zoho")
    ),
]


@pytest.fixture
def fresh(tmp_path):
    """A new engagement as `crm-toolkit new` writes it: fit, integration and viability known, few prices."""
    folder = tmp_path / "fresh"
    new_engagement(folder, industry="manufacturing", client="Fresh Co")
    return folder


@pytest.fixture
def demo_without_kingdee_quote(tmp_path):
    """The demo with Kingdee's quote taken out: its list price is not public, so it has no TCO."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "evaluations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "price_per_user_month: 150" not in x), encoding="utf-8")
    return folder


def test_a_missing_cost_leaves_tco_out_of_every_total_worked_by_hand(hand_engagement):
    card = score(load_engagement(hand_engagement(engagement=NO_BETA_COST)))
    assert card.preliminary and card.counted == ("fit", "integration", "viability")
    assert card.missing_lines() == [BETA_LINE]
    assert dict(card.weights.items()) == pytest.approx(W3, rel=1e-15)
    acme = (5 * HAND["acme_crm"]["fit"] + HAND["acme_crm"]["integration"] + HAND["acme_crm"]["viability"]) / 7
    beta = (5 * 50.0 + 100 / 3 + 80.0) / 7
    assert card.total.to_dict() == pytest.approx({"acme_crm": acme, "beta_crm": beta}, rel=1e-12)
    assert acme == pytest.approx(535 / 7) and beta == pytest.approx(1090 / 21)
    assert card.vendors == ["acme_crm", "beta_crm"] and card.rank.tolist() == [1, 2]
    # Acme has a TCO and its TCO score (the cheapest priced vendor: 100), shown but not counted
    assert card.priced == ["acme_crm"] and card.unpriced == ["beta_crm"] and list(card.tco) == ["acme_crm"]
    assert card.criteria.at["acme_crm", "tco"] == 100.0 and math.isnan(card.criteria.at["beta_crm", "tco"])
    assert card.contributions["tco"].tolist() == [0.0, 0.0]
    assert card.contributions.sum(axis=1).to_dict() == pytest.approx(card.total.to_dict(), rel=1e-12)


def test_strict_refuses_with_the_same_lines(hand_engagement):
    engagement = load_engagement(hand_engagement(engagement=NO_BETA_COST))
    with pytest.raises(InvalidInput) as e:
        score(engagement, strict=True)
    folder = engagement.path
    assert [str(p).replace(f"{folder}/", "") for p in e.value.problems] == [BETA_LINE]
    assert score(engagement).missing == tuple(e.value.problems)


def test_the_json_says_preliminary_and_lists_the_missing_figures(hand_engagement):
    data = score(load_engagement(hand_engagement(engagement=NO_BETA_COST))).as_dict()
    text = json.dumps(data, allow_nan=False)  # no NaN: a missing score is null
    assert json.loads(text)["preliminary"] is True
    assert data["missing"] == [BETA_LINE]
    assert list(data)[:6] == ["engagement", "client", "currency", "knockout", "preliminary", "missing"]
    assert data["weights"] == pytest.approx(W3, rel=1e-15)
    beta = data["vendors"][1]
    assert beta["vendor"] == "beta_crm" and beta["tco"] is None
    assert beta["tco_total"] is None and beta["tco_indicative"] is None and beta["tco_breakdown"] is None
    assert data["vendors"][0]["tco"] == 100.0


def test_a_complete_engagement_is_not_preliminary():
    card = score(load_engagement(demo_path()))
    assert not card.preliminary and card.missing == () and card.counted == CRITERIA
    assert card.unpriced == [] and card.priced == card.vendors
    assert "preliminary" not in card.as_dict() and "missing" not in card.as_dict()


def test_a_fresh_engagement_scores_as_preliminary_with_every_missing_figure(fresh):
    card = score(load_engagement(fresh))
    assert card.preliminary
    assert card.missing_lines() == FRESH_MISSING
    assert card.priced == ["hubspot"]  # the one vendor whose profile gives every figure
    assert card.criteria[["fit", "integration", "viability"]].notna().all().all()
    assert card.weights.named() == pytest.approx({"fit": 40 / 75, "integration": 20 / 75, "tco": 0, "viability": 0.2})
    with pytest.raises(InvalidInput) as e:
        score(load_engagement(fresh), strict=True)
    assert [str(p).replace(f"{fresh}/", "") for p in e.value.problems] == FRESH_MISSING


def test_when_only_tco_weighs_nothing_can_be_ranked(hand_engagement):
    text = NO_BETA_COST.replace("{fit: 50, integration: 10, tco: 30, viability: 10}", "{tco: 1}")
    with pytest.raises(InvalidInput) as e:
        score(load_engagement(hand_engagement(engagement=text)))
    lines = [str(p).split("/")[-1] for p in e.value.problems]
    assert lines == [
        "engagement.yaml:8: weights: only tco weighs and a price or cost is missing: nothing can be ranked "
        "until every one is in",
        BETA_LINE,
    ]


def test_robustness_runs_on_the_three_criteria_that_count(demo_without_kingdee_quote):
    card = score(load_engagement(demo_without_kingdee_quote))
    assert card.preliminary and card.unpriced == ["kingdee"] and "kingdee" in card.ranked
    sens = sensitivity(card, samples=2000, seed=4)
    assert list(sens.stability.index) == ["fit", "integration", "viability"]
    assert sens.stability["weight"].tolist() == pytest.approx([40 / 75, 20 / 75, 15 / 75])
    # uniform weights over three criteria: the same draws as SMAA on the three-column matrix
    plain = rank_acceptability(card.criteria.loc[card.ranked, list(card.counted)], samples=2000, seed=4)
    assert np.array_equal(sens.acceptability.to_numpy(), plain["acceptability"].to_numpy())
    winners = sens.central_weights.dropna()
    assert len(winners) and (winners["tco"] == 0.0).all()
    assert winners[list(card.counted)].sum(axis=1).tolist() == pytest.approx([1.0] * len(winners))
    ratings = sensitivity(card, samples=500, seed=1, uncertainty="ratings")
    assert not ratings.acceptability.isna().any().any()
    assert ratings.acceptability.sum(axis=1).tolist() == pytest.approx([1.0] * len(ratings.acceptability))
    assert 0.0 <= ratings.unverified_share <= 1.0


def test_the_room_ranks_on_the_criteria_that_count(demo_without_kingdee_quote):
    engagement = load_engagement(demo_without_kingdee_quote)
    card = score(engagement)
    room = room_weights(engagement.settings.room_weights)
    ranking = room_ranking(card, room, samples=500, seed=0)
    matrix = card.criteria.loc[card.ranked, list(card.counted)]
    for p in room.people:  # each stakeholder's weights without TCO, rescaled
        rest = sum(p.weights[c] for c in card.counted)
        expected = rank(matrix, {c: p.weights[c] / rest for c in card.counted})
        assert ranking.ranks_by[p.who].to_dict() == expected.to_dict(), p.who
    assert ranking.room_first.sum() == pytest.approx(1.0)
    assert ranking.uniform_first.sum() == pytest.approx(1.0)


def test_the_rollout_plan_defaults_to_the_first_of_a_preliminary_ranking(demo_without_kingdee_quote):
    engagement = load_engagement(demo_without_kingdee_quote)
    card = score(engagement)
    assert default_vendor(engagement) == card.ranked[0] == "fxiaoke"


def test_what_it_takes_on_a_preliminary_scorecard_offers_no_tco_route(demo_without_kingdee_quote):
    from toolkit.files._i18n import label
    from toolkit.scoring import what_it_takes, what_it_takes_sentences

    card = score(load_engagement(demo_without_kingdee_quote))
    result = what_it_takes(card)
    assert result.preliminary and all(t.tco.value is None for t in result.vendors)
    assert all(t.tco.reason in ("no_tco_weight", "knocked_out") for t in result.vendors)
    words = what_it_takes_sentences(result, "en")
    assert words[0] == label("takes_preliminary", "en") and not any("TCO" in w for w in words[1:])
    # the weight routes move weight between the three criteria that count, never onto TCO
    moved = [t.weights for t in result.vendors if t.weights.weights is not None]
    assert moved and all(w.weights["tco"] == pytest.approx(0.0, abs=1e-9) for w in moved)
    assert what_it_takes_sentences(result, "zh")[0].startswith("当前为初步评分")
