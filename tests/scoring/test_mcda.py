"""The plain decision-matrix functions against worked examples computed by hand (METHOD.md §5-§6)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.scoring import rank, rank_acceptability, weight_stability, weighted_sum


def test_weighted_sum_normalises_weights():
    m = pd.DataFrame({"a": [80, 50], "b": [40, 70]}, index=["A", "B"])
    assert weighted_sum(m, {"a": 6, "b": 4}).tolist() == pytest.approx([64.0, 58.0])
    assert weighted_sum(m, {"a": 0.6, "b": 0.4}).tolist() == pytest.approx([64.0, 58.0])
    assert weighted_sum(m, {"a": 1}).tolist() == pytest.approx([80.0, 50.0])  # b not named: weighs 0


def test_weights_summing_to_zero_are_refused():
    m = pd.DataFrame({"a": [1.0]}, index=["A"])
    with pytest.raises(ValueError, match="sum to 0"):
        weighted_sum(m, {"a": 0})


def test_ties_go_to_fit_then_label():
    m = pd.DataFrame({"fit": [60, 80, 80], "tco": [100, 80, 80]}, index=["c", "b", "a"])
    # totals under 50/50: 80, 80, 80; fit breaks c's tie; label breaks a vs b
    assert rank(m, {"fit": 1, "tco": 1}).to_dict() == {"c": 3, "b": 2, "a": 1}


def test_two_by_two_stability_interval():
    # A = 40 + 40t, B = 70 - 20t along the weight t of criterion a: A leads while t >= 1/2
    m = pd.DataFrame({"a": [80, 50], "b": [40, 70]}, index=["A", "B"])
    st = weight_stability(m, {"a": 0.6, "b": 0.4})
    assert st.loc["a", ["low", "high"]].tolist() == pytest.approx([0.5, 1.0])
    assert st.loc["b", ["low", "high"]].tolist() == pytest.approx([0.0, 0.5])
    assert st.loc["a", "leader"] == "A" and st.loc["a", "low_rival"] == "B"
    assert st.loc["b", "high_rival"] == "B"


def test_three_criteria_stability_rescales_the_others_in_proportion():
    # C leads at W = (.5, .3, .2). Along w1 = t the others are .6(1-t) and .4(1-t):
    # A = 50 + 40t, B = 72 - 12t, C = 72 - 2t, so C stays first while t <= 22/42.
    m = pd.DataFrame([[90, 50, 50], [60, 80, 60], [70, 60, 90]], index=["A", "B", "C"], columns=["x", "y", "z"])
    st = weight_stability(m, {"x": 0.5, "y": 0.3, "z": 0.2})
    assert st.loc["x", "leader"] == "C"
    assert st.loc["x", "low"] == pytest.approx(0.0)
    assert st.loc["x", "high"] == pytest.approx(11 / 21)
    assert st.loc["x", "high_rival"] == "A"
    # every interval holds the current weight
    for _, row in st.iterrows():
        assert row["low"] - 1e-12 <= row["weight"] <= row["high"] + 1e-12


def test_stability_when_one_criterion_holds_all_the_weight():
    # W = (1, 0): at t < 1 the rest goes to b. A = 50 + 30t... A=(80,50), B=(60,70):
    # A(t) = 50 + 30t, B(t) = 70 - 10t: A first while t >= 1/2
    m = pd.DataFrame({"a": [80, 60], "b": [50, 70]}, index=["A", "B"])
    st = weight_stability(m, {"a": 1, "b": 0})
    assert st.loc["a", ["low", "high"]].tolist() == pytest.approx([0.5, 1.0])


def test_a_rival_whose_difference_does_not_move_sets_no_end():
    m = pd.DataFrame({"a": [80, 70], "b": [80, 70]}, index=["A", "B"])
    st = weight_stability(m, {"a": 1, "b": 1})
    assert st.loc["a", ["low", "high"]].tolist() == [0.0, 1.0]
    assert st.loc["a", "low_rival"] is None and st.loc["a", "high_rival"] is None


def test_smaa_two_alternatives_three_criteria_exact_fractions():
    # A wins when w1 > 1/2: P = (1 - 1/2)^2 = 1/4 for w uniform on the simplex (w1 ~ Beta(1, 2)).
    # Central weights: E[w1 | w1 > 1/2] = 2/3; E[w1 | w1 < 1/2] = 2/9.
    m = pd.DataFrame([[1.0, 0, 0], [0, 1.0, 1.0]], index=["A", "B"], columns=["x", "y", "z"])
    res = rank_acceptability(m, samples=40_000, seed=1, mode="uniform")
    acc = res["acceptability"]
    assert acc.loc["A", 1] == pytest.approx(0.25, abs=0.01)
    assert acc.loc["B", 1] == pytest.approx(0.75, abs=0.01)
    assert acc.loc["A", 2] == pytest.approx(0.75, abs=0.01)
    cw = res["central_weights"]
    assert cw.loc["A"].tolist() == pytest.approx([2 / 3, 1 / 6, 1 / 6], abs=0.01)
    assert cw.loc["B"].tolist() == pytest.approx([2 / 9, 7 / 18, 7 / 18], abs=0.01)
    assert res["first_rank"].to_dict() == acc[1].to_dict()


def test_smaa_is_reproducible_and_rows_sum_to_one():
    rng = np.random.default_rng(3)
    m = pd.DataFrame(rng.uniform(0, 100, (6, 4)), index=list("abcdef"), columns=["w", "x", "y", "z"])
    one = rank_acceptability(m, samples=2000, seed=7)
    two = rank_acceptability(m, samples=2000, seed=7)
    pd.testing.assert_frame_equal(one["acceptability"], two["acceptability"])
    assert one["acceptability"].sum(axis=1).tolist() == pytest.approx([1.0] * 6)
    assert one["acceptability"].sum(axis=0).tolist() == pytest.approx([1.0] * 6)  # each rank taken once
    other = rank_acceptability(m, samples=2000, seed=8)
    assert not one["acceptability"].equals(other["acceptability"])


def test_around_mode_keeps_a_zero_weight_at_zero():
    m = pd.DataFrame({"x": [90, 10], "y": [10, 90], "z": [0, 100]}, index=["A", "B"])
    res = rank_acceptability(m, samples=1000, seed=0, mode="around", weights={"x": 0.7, "y": 0.3}, kappa=50)
    cw = res["central_weights"]
    assert cw.loc["A", "z"] == 0.0
    assert res["acceptability"].loc["A", 1] > 0.9  # around (0.7, 0.3, 0): A = 66 vs B = 34


def test_smaa_mode_errors_are_clear():
    m = pd.DataFrame({"x": [1.0, 2.0]}, index=["A", "B"])
    with pytest.raises(ValueError, match="needs weights"):
        rank_acceptability(m, mode="around")
    with pytest.raises(ValueError, match="uniform"):
        rank_acceptability(m, mode="sideways")
