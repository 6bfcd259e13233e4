"""Consensus, conflicts and overrides (METHOD.md §2, §9)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from toolkit.model.schema import Requirement, Requirements
from toolkit.requirements_matrix import consensus_grade, grade_item, grading_table, has_conflict

GRADES = st.sampled_from(["must", "could", "wont"])
VOTES = st.dictionaries(st.text(min_size=1, max_size=8), GRADES, max_size=7)


def req(rid="R01", votes=None, grade=None, capability="customer_360"):
    return Requirement(id=rid, capability=capability, votes=votes or {}, grade=grade)


def test_most_votes_wins():
    assert consensus_grade({"a": "could", "b": "could", "c": "must"}) == "could"
    assert consensus_grade({"a": "wont", "b": "wont", "c": "must"}) == "wont"


def test_tie_goes_to_the_higher_grade():
    assert consensus_grade({"a": "must", "b": "could"}) == "must"
    assert consensus_grade({"a": "wont", "b": "could"}) == "could"
    assert consensus_grade({"a": "wont", "b": "must"}) == "must"
    assert consensus_grade({"a": "wont", "b": "must", "c": "could"}) == "must"


def test_no_votes_no_consensus():
    assert consensus_grade({}) is None


def test_conflict_is_must_and_wont_together():
    assert has_conflict({"a": "must", "b": "wont"})
    assert has_conflict({"a": "must", "b": "could", "c": "wont"})
    assert not has_conflict({"a": "must", "b": "could"})
    assert not has_conflict({"a": "could", "b": "wont"})


def test_explicit_grade_wins_and_flags_override():
    item = grade_item(req(votes={"a": "must", "b": "wont"}, grade="could"))
    assert (item.consensus, item.grade, item.conflict, item.overridden) == ("must", "could", True, True)


def test_grade_equal_to_consensus_is_not_an_override():
    item = grade_item(req(votes={"a": "must"}, grade="must"))
    assert not item.overridden


def test_grade_without_votes_is_not_overridden():
    item = grade_item(req(grade="wont"))
    assert (item.grade, item.overridden, item.consensus) == ("wont", False, None)


def test_three_columns_conflicts_and_overrides_in_file_order():
    reqs = Requirements(
        requirements=[
            req("R1", {"a": "must"}),
            req("R2", {"a": "could", "b": "could"}),
            req("R3", {"a": "must", "b": "wont"}, grade="could"),
            req("R4", grade="wont"),
            req("R5", {"a": "wont", "b": "must"}),
        ]
    )
    table = grading_table(reqs)
    data = table.as_dict()
    assert data["must"] == ["R1", "R5"]
    assert data["could"] == ["R2", "R3"]
    assert data["wont"] == ["R4"]
    assert data["conflicts"] == ["R3", "R5"]
    assert data["overridden"] == ["R3"]
    assert table.must_share == 0.5


def test_must_share_warning_above_sixty_percent():
    musts = [req(f"M{i}", grade="must") for i in range(4)]
    coulds = [req(f"C{i}", grade="could") for i in range(2)]
    wonts = [req(f"W{i}", grade="wont") for i in range(10)]  # won'ts do not count
    table = grading_table(Requirements(requirements=musts + coulds + wonts))
    assert round(table.must_share, 4) == 0.6667 and table.too_many_musts
    table = grading_table(Requirements(requirements=musts[:3] + coulds))
    assert table.must_share == 0.6 and not table.too_many_musts  # exactly 60 % is allowed


@given(VOTES)
def test_consensus_is_one_of_the_votes_with_the_most_count(votes):
    grade = consensus_grade(votes)
    if not votes:
        assert grade is None
        return
    counts = {g: list(votes.values()).count(g) for g in set(votes.values())}
    assert counts[grade] == max(counts.values())


@given(VOTES, GRADES)
def test_adding_a_vote_for_the_consensus_keeps_it(votes, _):
    grade = consensus_grade(votes)
    if grade is None:
        return
    assert consensus_grade({**votes, "\x00new": grade}) == grade


@given(VOTES, st.one_of(st.none(), GRADES))
def test_final_grade_is_the_decision_else_the_consensus(votes, decision):
    item = grade_item(req(votes=votes, grade=decision))
    assert item.grade == (decision or consensus_grade(votes))
    assert item.overridden == (decision is not None and bool(votes) and decision != consensus_grade(votes))
