"""The live workshop's views: the agreement rule (docs/method.md's worked examples), the order
"most contested first", and who sees what in the ballot's and the wall's data."""

from __future__ import annotations

import json

import pytest

from toolkit.model.schema import Requirements
from toolkit.requirements_matrix._live_session import Link, Session
from toolkit.requirements_matrix._live_views import agreement, ballot_state, contested_first, wall_state


@pytest.mark.parametrize(
    ("votes", "level", "share"),
    [
        ({"a": "must", "b": "must", "c": "wont"}, "contested", 0.6667),
        ({"a": "could", "b": "could", "c": "could", "d": "must"}, "high", 0.75),
        ({"a": "must", "b": "could"}, "medium", 0.5),
        ({"a": "must", "b": "must", "c": "could", "d": "could", "e": "wont"}, "contested", 0.4),
        (
            {"a": "must", "b": "could", "c": "could", "d": "wont", "e": "wont", "f": "must", "g": "could"},
            "contested",
            0.4286,
        ),
        (
            {"a": "could", "b": "wont", "c": "could", "d": "wont", "e": "could", "f": "wont", "g": "must"},
            "contested",
            0.4286,
        ),
        ({"a": "could", "b": "wont", "c": "could", "d": "wont", "e": "wont"}, "medium", 0.6),
        (
            {
                "a": "could",
                "b": "could",
                "c": "wont",
                "d": "wont",
                "e": "wont",
                "f": "could",
                "g": "wont",
                "h": "could",
                "i": "wont",
            },
            "medium",
            0.5556,
        ),
    ],
)
def test_agreement_levels(votes, level, share):
    found = agreement(votes)
    assert (found.level, round(found.share, 4), found.votes) == (level, share, len(votes))


def test_single_votes_and_two_neighbouring_grades():
    # without must meeting won't, two neighbouring grades at most: the commonest holds >= 50 %
    assert agreement({"a": "must"}) is None and agreement({}) is None
    assert agreement({"a": "could", "b": "wont"}).level == "medium"


def test_most_contested_first():
    a = {
        k: agreement(v)
        for k, v in {
            "R1": {"a": "must", "b": "must"},
            "R2": {"a": "must", "b": "wont"},
            "R3": {"a": "must", "b": "could"},
            "R4": {"a": "must", "b": "wont", "c": "wont", "d": "wont"},
            "R5": {"a": "must"},
        }.items()
    }
    assert contested_first(list(a.items())) == ["R2", "R4", "R3", "R1", "R5"]


REQS = Requirements.model_validate(
    {
        "requirements": [
            {"id": "R01", "capability": "customer_360", "votes": {"ann": "must", "bob": "wont", "cy": "could"}},
            {"id": "R02", "capability": "quote_approval", "votes": {"ann": "could"}},
        ]
    }
)


def session(**kw) -> Session:
    link = Link(id="x", salt="s", hash="h")
    return Session(id="s1", started=0, stakeholders=("ann", "bob", "cy"), links={}, room=link, **kw)


@pytest.mark.parametrize("blind", [True, False])
@pytest.mark.parametrize("pace", ["facilitated", "own"])
def test_a_ballot_holds_its_own_votes_only(blind, pace):
    votes = {"R01": dict(REQS.requirements[0].votes), "R02": dict(REQS.requirements[1].votes)}
    s = session(blind=blind, pace=pace, current="R01", revealed=("R01",))
    state = ballot_state(
        s, REQS, votes, {}, "bob", ("Bob", "CFO"), lang="en", now=0, version="v", client="C", engagement="e"
    )
    text = json.dumps(state)
    assert [i["vote"] for i in state["items"]] == (["wont"] if pace == "facilitated" else ["wont", None])
    assert "must" not in text and "could" not in text and "ann" not in text and "cy" not in text


def test_the_wall_before_and_after_a_reveal():
    votes = {"R01": dict(REQS.requirements[0].votes), "R02": dict(REQS.requirements[1].votes)}
    people = {"ann": "Ann · Sales", "bob": "Bob · CFO", "cy": "Cy · IT"}
    hidden = wall_state(session(current="R01"), REQS, votes, people, {}, lang="en", now=0, version="v")
    first = hidden["items"][0]
    assert first["voters"] == ["Ann · Sales", "Bob · CFO", "Cy · IT"] and first["counts"] is None
    assert not any(g in json.dumps(hidden["items"]) for g in ('"must"', '"could"', '"wont"'))
    assert hidden["summary"] == {"must": [], "could": [], "wont": []}
    assert [p["voted_current"] for p in hidden["participants"]] == [True, True, True]
    shown = wall_state(
        session(current="R01", revealed=("R01",)), REQS, votes, people, {}, lang="en", now=0, version="v"
    )
    first = shown["items"][0]
    assert first["counts"] == {"must": 1, "could": 1, "wont": 1} and first["consensus"] == "must"
    assert first["agreement"] == {"level": "contested", "share": 0.3333, "votes": 3}
    assert shown["summary"]["must"] == ["R01"]
    anonymous = wall_state(session(anonymous=True, blind=False), REQS, votes, people, {}, lang="en", now=0, version="v")
    assert anonymous["items"][0]["votes"] is None and anonymous["items"][0]["voters"] == []
    assert anonymous["items"][0]["counts"] == {"must": 1, "could": 1, "wont": 1}
    assert all(p["name"] == "" for p in anonymous["participants"])
