"""The room's weights: worked examples (ahpy's published README example, rank-order centroid
weights, three stakeholders by hand in docs/method.md) and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from toolkit.model.schema import RoomWeights
from toolkit.scoring._room import ahp_weights, distance, rank_weights, room_weights

CRITERIA = ("fit", "integration", "tco", "viability")


def test_ahpy_readme_example():
    """ahpy's README: drinks compared pairwise; weights and consistency ratio as published."""
    import ahpy

    drinks = {
        ("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
        ("coffee", "milk"): 1, ("coffee", "water"): 1 / 2, ("wine", "tea"): 1 / 3, ("wine", "beer"): 1 / 9,
        ("wine", "soda"): 1 / 9, ("wine", "milk"): 1 / 9, ("wine", "water"): 1 / 9, ("tea", "beer"): 1 / 3,
        ("tea", "soda"): 1 / 4, ("tea", "milk"): 1 / 3, ("tea", "water"): 1 / 9, ("beer", "soda"): 1 / 2,
        ("beer", "milk"): 1, ("beer", "water"): 1 / 3, ("soda", "milk"): 2, ("soda", "water"): 1 / 2,
        ("milk", "water"): 1 / 3,
    }  # fmt: skip
    compared = ahpy.Compare("Drinks", drinks, precision=3, random_index="saaty")
    assert {k: float(v) for k, v in compared.target_weights.items()} == {
        "water": 0.327, "soda": 0.19, "coffee": 0.177, "milk": 0.129, "beer": 0.116, "tea": 0.042, "wine": 0.019,
    }  # fmt: skip
    assert compared.consistency_ratio == 0.022


def test_rank_order_centroid_for_four_criteria():
    weights = rank_weights(["fit", "integration", "tco", "viability"])
    assert [round(weights[c], 4) for c in CRITERIA] == [0.5208, 0.2708, 0.1458, 0.0625]


def test_ahp_of_consistent_judgements_and_the_most_inconsistent_pair():
    # fit : integration : tco : viability = 4 : 2 : 2 : 1, judged exactly
    exact = {("fit", "integration"): 2, ("fit", "tco"): 2, ("fit", "viability"): 4,
             ("integration", "tco"): 1, ("integration", "viability"): 2, ("tco", "viability"): 2}  # fmt: skip
    weights, ratio, _ = ahp_weights(exact)
    assert [round(weights[c], 4) for c in CRITERIA] == [0.4444, 0.2222, 0.2222, 0.1111] and ratio == 0
    off = {**exact, ("tco", "viability"): 1 / 5}  # tco said to matter far less than viability
    weights, ratio, worst = ahp_weights(off)
    assert worst == ("tco", "viability") and ratio > 0.10


THREE = {
    "combine": "mean",
    "stakeholders": {
        "a": {"weights": {"fit": 50, "integration": 20, "tco": 20, "viability": 10}},
        "b": {"rank": ["tco", "fit", "viability", "integration"]},
        "c": {"swing": {"tco": 100, "fit": 50, "integration": 25, "viability": 25}},
    },
}


def test_three_stakeholders_worked_by_hand():
    """docs/method.md's worked example, to four decimals."""
    room = room_weights(RoomWeights.model_validate(THREE))
    assert {c: round(v, 4) for c, v in room.group.items()} == {
        "fit": 0.3403, "integration": 0.1292, "tco": 0.4069, "viability": 0.1236,
    }  # fmt: skip
    assert {w: round(d, 4) for w, d in room.distances.items()} == {"a": 0.2306, "b": 0.1361, "c": 0.0944}
    assert round(room.consensus, 4) == 0.8463 and room.furthest == "a"
    assert room.spread["tco"] == (0.2, pytest.approx(0.5208, abs=1e-4))


def test_geometric_combination_of_judgements_needs_ahp_everywhere():
    with pytest.raises(ValidationError, match="every stakeholder needs ahp"):
        RoomWeights.model_validate({**THREE, "combine": "geometric"})
    one = {"fit/integration": 2, "fit/tco": 2, "fit/viability": 4, "integration/tco": 1,
           "integration/viability": 2, "tco/viability": 2}  # fmt: skip
    other = {k: 1 / v for k, v in one.items()}
    room = room_weights(
        RoomWeights.model_validate({"combine": "geometric", "stakeholders": {"x": {"ahp": one}, "y": {"ahp": other}}})
    )
    assert all(abs(room.group[c] - 0.25) < 1e-6 for c in CRITERIA)  # opposite judgements cancel


weights4 = st.fixed_dictionaries({c: st.integers(0, 100) for c in CRITERIA}).filter(lambda w: sum(w.values()) > 0)
person = st.one_of(
    weights4.map(lambda w: {"weights": w}),
    weights4.map(lambda w: {"swing": w}),
    st.permutations(CRITERIA).map(lambda order: {"rank": list(order)}),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(person, min_size=1, max_size=8))
def test_properties_of_the_room(people):
    names = {f"s{i}": p for i, p in enumerate(people)}
    room = room_weights(RoomWeights.model_validate({"stakeholders": names}))
    assert abs(sum(room.group.values()) - 1) < 1e-9
    assert all(abs(sum(p.weights.values()) - 1) < 1e-9 for p in room.people)
    # relabelling the stakeholders changes nothing
    relabelled = room_weights(
        RoomWeights.model_validate({"stakeholders": {f"t{len(people) - i}": p for i, p in enumerate(people)}})
    )
    assert all(abs(relabelled.group[c] - room.group[c]) < 1e-9 for c in CRITERIA)
    assert abs(relabelled.consensus - room.consensus) < 1e-9
    # one stakeholder alone: the group is theirs; identical stakeholders: consensus 100 %
    alone = room_weights(RoomWeights.model_validate({"stakeholders": {"only": people[0]}}))
    assert distance(alone.group, alone.people[0].weights) < 1e-9 and abs(alone.consensus - 1) < 1e-9
    same = room_weights(RoomWeights.model_validate({"stakeholders": {f"c{i}": people[0] for i in range(3)}}))
    assert abs(same.consensus - 1) < 1e-9 and 0 <= room.consensus <= 1


def test_the_ranking_across_the_demo_room():
    from toolkit.model._engagement import load_engagement
    from toolkit.model._profiles import demo_path
    from toolkit.scoring import score
    from toolkit.scoring._mcda import rank
    from toolkit.scoring._room_rank import room_ranking, room_words

    engagement = load_engagement(demo_path())
    card = score(engagement)
    room = room_weights(engagement.settings.room_weights)
    ranking = room_ranking(card, room, samples=2_000, seed=3)
    matrix = card.criteria.loc[card.ranked]
    for p in room.people:  # each one's first is the vendor first under their weights
        assert ranking.first_by[p.who] == rank(matrix, p.weights, tie_break="fit").idxmin()
    assert ranking.first_by["sales_director"] == "fxiaoke" and ranking.leader == "jiandaoyun"
    assert abs(ranking.room_first.sum() - 1) < 1e-9 and abs(ranking.uniform_first.sum() - 1) < 1e-9
    assert ranking.room_first["jiandaoyun"] > ranking.uniform_first["jiandaoyun"]
    again = room_ranking(card, room, samples=2_000, seed=3)
    assert again.room_first.equals(ranking.room_first)
    words = room_words(ranking, card, {"sales_director": "Wang Fang"}, "en")
    assert words[0].startswith("Jiandaoyun ranks first under the weights of 5 of 6 stakeholders")
    assert words[1] == "Under the weights of Wang Fang, Fxiaoke (ShareCRM) does."
    # one stakeholder alone: every weighting between "theirs" is theirs
    alone = room_weights(
        RoomWeights.model_validate({"stakeholders": {"x": {"rank": ["tco", "viability", "fit", "integration"]}}})
    )
    solo = room_ranking(card, alone, samples=500)
    assert solo.room_first[solo.first_by["x"]] == 1.0
