"""engagement.yaml `must_min_grade` (docs/method.md, "A minimum grade for must-haves"): a must-have
resting on weaker evidence is a must gap `below_grade`, under the knockout rule like a 0."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from toolkit.model.schema import Evidence
from toolkit.scoring import score, sensitivity, what_it_takes, what_it_takes_sentences

from .test_properties import CAPS, engagement, vendor

GRADES = ["must", "must", "could", "could", "wont"]


def _vendors():
    mkt = vendor("mkt", [3, 2, 3, 3, 3], 100, 4, grade="marketing")  # the better vendor, on marketing
    doc = vendor("doc", [2, 0, 2, 2, 2], 100, 3, grade="documentation")  # a documented 0 on a must
    ind = vendor("ind", [2, 2, 1, 1, 1], 100, 3, grade="independent")
    return [mkt, doc, ind]


def test_without_a_minimum_nothing_changes():
    card = score(engagement(_vendors(), grades=GRADES))
    assert card.must_min_grade is None
    assert card.ranked == ["mkt", "ind"]
    assert [g.as_dict() for g in card.must_gaps["doc"]] == [{"id": "R1", "target": CAPS[1], "status": "confirmed"}]
    assert "must_min_grade" not in card.as_dict()


def test_a_must_below_the_minimum_is_a_gap_and_knocks_the_vendor_out():
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="documentation"))
    # mkt: both musts rest on marketing; the coulds do not matter
    assert [g.as_dict() for g in card.must_gaps["mkt"]] == [
        {"id": "R0", "target": CAPS[0], "status": "below_grade", "evidence_grade": "marketing"},
        {"id": "R1", "target": CAPS[1], "status": "below_grade", "evidence_grade": "marketing"},
    ]
    # doc: a 0 stays a rated 0 whatever its grade; its rated 2 is documented: no more gaps
    assert [g.status for g in card.must_gaps["doc"]] == ["confirmed"]
    assert card.must_gaps["ind"] == []
    assert card.ranked == ["ind"] and card.knocked_out["mkt"]
    # fit still counts every rating: the grade decides the knockout, not the score
    assert card.criteria.at["mkt", "fit"] == score(engagement(_vendors(), grades=GRADES)).criteria.at["mkt", "fit"]
    shown = card.as_dict()
    assert shown["must_min_grade"] == "documentation"
    # the long table marks the musts below the minimum, not the coulds (their grade matters nowhere)
    assert card.ratings.query("vendor == 'mkt'")["below_grade"].tolist() == [True, True, False, False]
    assert not card.support["below_grade"].any()  # erp is graded could in the helper


def test_flag_ranks_it_and_marks_it():
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="documentation", knockout="flag"))
    assert card.ranked[0] == "mkt" and card.knocked_out["mkt"]
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="documentation", knockout="ignore"))
    assert not card.knocked_out["mkt"] and [g.status for g in card.must_gaps["mkt"]] == ["below_grade"] * 2


def test_confirming_the_must_lifts_the_gap():
    evidence = {"mkt": {CAPS[0]: Evidence(rating=3, evidence="demo"), CAPS[1]: Evidence(rating=2, evidence="demo")}}
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="confirmed", evaluations=evidence))
    assert card.must_gaps["mkt"] == []
    assert [g.evidence_grade for g in card.must_gaps["ind"]] == ["independent", "independent"]
    assert card.ranked == ["mkt"]


def test_independent_meets_documentation_and_marketing_meets_marketing():
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="independent"))
    assert card.must_gaps["ind"] == [] and len(card.must_gaps["mkt"]) == 2
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="marketing"))
    assert card.must_gaps["mkt"] == []


def test_a_must_integration_below_the_minimum_is_a_gap():
    eng = engagement(_vendors(), grades=GRADES, must_min_grade="independent")
    erp = eng.requirements.integrations[0].model_copy(update={"grade": "must"})
    card = score(dataclasses.replace(eng, requirements=eng.requirements.model_copy(update={"integrations": [erp]})))
    gaps = [g.as_dict() for g in card.must_gaps["doc"]]
    assert gaps[-1] == {
        "id": "integration:erp",
        "target": "erp",
        "status": "below_grade",
        "evidence_grade": "documentation",
    }
    assert card.must_gaps["ind"] == []  # independent support: enough


def test_smaa_never_ranks_a_vendor_below_the_minimum():
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="documentation", knockout="exclude"))
    sens = sensitivity(card, samples=2000, seed=1, uncertainty="ratings", today=dt.date(2026, 11, 24))
    # mkt can be ranked in no sample; doc's documented 0 is a claim, redrawn to 1 in a third of them
    assert list(sens.acceptability.index) == ["ind", "doc"]
    assert sens.acceptability.at["doc", "excluded"] == pytest.approx(2 / 3, abs=0.03)


def test_what_it_takes_says_confirm_first():
    card = score(engagement(_vendors(), grades=GRADES, must_min_grade="documentation"))
    result = what_it_takes(card)
    mkt = next(t for t in result.vendors if t.vendor == "mkt")
    assert mkt.rank is None and mkt.ratings is not None and mkt.ratings.reason == "below_grade"
    assert any("confirming it" in s for s in what_it_takes_sentences(result, "en"))
