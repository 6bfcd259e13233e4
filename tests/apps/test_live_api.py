"""The live workshop's HTTP API on the real apps' server: votes land in requirements.yaml and the
audit log, who sees what, and every bad request refused with one line and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.apps.conftest import add_engagement
from tests.apps.live_client import Client, consultant, participant
from tests.conftest import until
from toolkit.apps._live_server import HELLO
from toolkit.files._yaml import read_data
from toolkit.requirements_matrix._journal import read_audit
from toolkit.requirements_matrix._live_session import ROOM, SPECTATOR, load_session, start_session

PEOPLE = ["sales_director", "marketing_lead", "it_manager"]


@pytest.fixture
def live(engagements_root: Path, server: str, request):
    """A fresh copy of the demo with a blind session for three stakeholders, facilitated."""
    name = f"live_{len(request.node.name)}_" + "".join(c for c in request.node.name if c.isalnum())[-40:]
    folder = add_engagement(engagements_root, name)
    start_session(folder, PEOPLE, blind=True, pace="facilitated")
    return name, folder


def file_votes(folder: Path, key: str) -> dict:
    data = read_data(folder / "requirements.yaml")
    return next(r.get("votes") or {} for r in data["requirements"] if r["id"] == key)


def test_a_vote_lands_in_the_file_and_the_audit_log(live, server):
    name, folder = live
    wall = consultant(server, name)
    assert wall.request(f"/live/api/{name}/control", {"action": "current", "key": "R09"}).status == 200
    phone = participant(server, folder, "it_manager")
    state = phone.request(f"/live/api/{name}/ballot").json
    assert [i["key"] for i in state["items"]] == ["R09"] and state["items"][0]["vote"] is None
    answer = phone.request(f"/live/api/{name}/vote", {"key": "R09", "grade": "wont", "n": 5})
    assert answer.status == 200 and answer.json["vote"] == "wont"
    until(lambda: file_votes(folder, "R09").get("it_manager") == "wont", "the vote folded into requirements.yaml")
    audit = [v for v in read_audit(folder) if v.key == "R09"]
    assert [(v.who, v.grade, v.n) for v in audit] == [("it_manager", "wont", 5)]
    assert audit[0].link == load_session(folder).links["it_manager"].id
    # an older number (a retry arriving late) never undoes a later vote; a clear is a vote too
    assert phone.request(f"/live/api/{name}/vote", {"key": "R09", "grade": "must", "n": 4}).json["vote"] == "wont"
    assert phone.request(f"/live/api/{name}/vote", {"key": "R09", "grade": None, "n": 6}).json["vote"] is None
    until(lambda: "it_manager" not in file_votes(folder, "R09"), "the cleared vote folded")
    assert [(v.grade, v.n) for v in read_audit(folder) if v.key == "R09"] == [("wont", 5), (None, 6)]


def test_blind_mode_shows_nobody_elses_vote(live, server):
    name, folder = live
    wall = consultant(server, name)
    wall.request(f"/live/api/{name}/control", {"action": "auto_reveal", "on": False})
    wall.request(f"/live/api/{name}/control", {"action": "current", "key": "R10"})
    sales, it = participant(server, folder, "sales_director"), participant(server, folder, "it_manager")
    assert sales.request(f"/live/api/{name}/vote", {"key": "R10", "grade": "must", "n": 1}).status == 200
    # the file already holds it_manager: wont on R10 (the demo); the others' ballots never see it
    for phone in (sales, it):
        body = phone.request(f"/live/api/{name}/ballot").body.decode()
        state = json.loads(body)
        assert len(state["items"]) == 1
        mine = "must" if phone is sales else "wont"
        assert state["items"][0]["vote"] == mine
        other = "wont" if phone is sales else "must"
        assert other not in body.replace('"wont"' if mine == "wont" else '"must"', "")
    shown = next(i for i in wall.request(f"/live/api/{name}/wall").json["items"] if i["key"] == "R10")
    assert shown["revealed"] is False and shown["counts"] is None and shown["votes"] is None
    assert shown["agreement"] is None and "wont" not in json.dumps(shown) and "must" not in json.dumps(shown)
    # who of the session has voted (it manager from the file); service manager takes no part here
    assert sorted(shown["voters"]) == ["Liu Yang · IT manager", "Wang Fang · Sales director"]
    wall.request(f"/live/api/{name}/control", {"action": "reveal", "key": "R10"})
    shown = next(i for i in wall.request(f"/live/api/{name}/wall").json["items"] if i["key"] == "R10")
    assert shown["counts"] == {"must": 2, "could": 0, "wont": 1}
    assert shown["agreement"] == {"level": "contested", "share": 0.6667, "votes": 3}


def test_auto_reveal_when_everyone_has_voted(live, server):
    name, folder = live
    wall = consultant(server, name)
    wall.request(f"/live/api/{name}/control", {"action": "current", "key": "R16"})  # it_manager: could in the file

    def r16() -> dict:
        return next(i for i in wall.request(f"/live/api/{name}/wall").json["items"] if i["key"] == "R16")

    participant(server, folder, "sales_director").request(
        f"/live/api/{name}/vote", {"key": "R16", "grade": "could", "n": 1}
    )
    assert r16()["revealed"] is False and r16()["voters"] == ["Liu Yang · IT manager", "Wang Fang · Sales director"]
    participant(server, folder, "marketing_lead").request(
        f"/live/api/{name}/vote", {"key": "R16", "grade": "must", "n": 1}
    )
    assert r16()["revealed"] is True and r16()["counts"] == {"must": 1, "could": 2, "wont": 0}


def test_the_room_link_picks_a_name_once(live, server):
    name, folder = live
    room = participant(server, folder, ROOM)
    listed = room.request(f"/live/api/{name}/room").json["stakeholders"]
    assert [p["id"] for p in listed] == PEOPLE and not any(p["taken"] for p in listed)
    joined = room.request(f"/live/api/{name}/join", {"stakeholder": "marketing_lead"})
    assert joined.status == 200
    token = joined.json["ballot"].split("k=")[1].split("&")[0]
    assert Client(server, token).request(f"/live/api/{name}/ballot").json["stakeholder"]["id"] == "marketing_lead"
    again = room.request(f"/live/api/{name}/join", {"stakeholder": "marketing_lead"})
    assert again.status == 409 and "error" in again.json
    # the room link itself cannot vote
    refused = room.request(f"/live/api/{name}/vote", {"key": "R01", "grade": "must", "n": 1})
    assert refused.status == 403


def test_a_revoked_link_is_refused_and_replaced(live, server):
    name, folder = live
    wall = consultant(server, name)
    old = participant(server, folder, "sales_director")
    assert old.request(f"/live/api/{name}/ballot").status == 200
    assert (
        wall.request(f"/live/api/{name}/control", {"action": "revoke", "stakeholder": "sales_director"}).status == 200
    )
    assert old.request(f"/live/api/{name}/ballot").status == 403
    assert old.request(f"/live/ballot/{name}?k={old.token}").status == 403
    new = participant(server, folder, "sales_director")
    assert new.token != old.token and new.request(f"/live/api/{name}/ballot").status == 200
    links = wall.request(f"/live/api/{name}/links").json
    assert [p["id"] for p in links["stakeholders"]] == PEOPLE
    assert new.token in links["stakeholders"][0]["url"] and links["stakeholders"][0]["qr"].startswith("<svg")


BAD = [
    ("unknown requirement", {"key": "R99", "grade": "must", "n": 1}, None, 400),
    ("unknown grade", {"key": "R01", "grade": "mustt", "n": 1}, None, 400),
    ("no number", {"key": "R01", "grade": "must"}, None, 400),
    ("negative number", {"key": "R01", "grade": "must", "n": -1}, None, 400),
    ("not json", None, b"key=R01&grade=must", 400),
    ("a list", None, b'["R01", "must"]', 400),
    ("too big", None, json.dumps({"key": "R01", "grade": "must", "n": 1, "pad": "x" * 5000}).encode(), 413),
]


@pytest.mark.parametrize(("what", "body", "raw", "status"), BAD, ids=[b[0] for b in BAD])
def test_bad_votes_get_one_line_and_write_nothing(live, server, what, body, raw, status):
    name, folder = live
    before = {
        p: (folder / p).read_bytes() if (folder / p).exists() else None
        for p in ("requirements.yaml", "workshop-audit.jsonl")
    }
    phone = participant(server, folder, "sales_director")
    answer = phone.request(f"/live/api/{name}/vote", body, raw=raw)
    assert answer.status == status, answer
    assert list(answer.json) == ["error"] and "\n" not in answer.json["error"] and answer.json["error"]
    after = {p: (folder / p).read_bytes() if (folder / p).exists() else None for p in before}
    assert after == before


def test_foreign_closed_and_missing_sessions_are_refused(live, server, engagements_root):
    name, folder = live
    other = add_engagement(engagements_root, name + "_other")
    start_session(other, PEOPLE)
    theirs = participant(server, other, "sales_director")
    before = (folder / "requirements.yaml").read_bytes()
    assert theirs.request(f"/live/api/{name}/vote", {"key": "R01", "grade": "wont", "n": 1}).status == 403
    assert Client(server).request(f"/live/api/{name}/vote", {"key": "R01", "grade": "wont", "n": 1}).status == 403
    assert Client(server, "x" * 43).request(f"/live/api/{name}/ballot").status == 403
    assert Client(server).request(f"/live/ballot/{name}").status == 403
    assert Client(server).request("/live/api/no_such_engagement/ballot").status == 404
    assert Client(server).request("/live/api/..%2F..%2Fetc/ballot").status == 404
    add_engagement(engagements_root, name + "_none")
    assert Client(server).request(f"/live/api/{name}_none/ballot").status == 404
    consultant(server, name).request(f"/live/api/{name}/control", {"action": "close"})
    mine = participant(server, folder, "sales_director")
    closed = mine.request(f"/live/api/{name}/vote", {"key": "R01", "grade": "wont", "n": 1})
    assert closed.status == 409 and mine.request(f"/live/api/{name}/ballot").json["open"] is False
    assert (folder / "requirements.yaml").read_bytes() == before


def test_the_wall_needs_the_consultants_xsrf_cookie(live, server):
    name, _ = live
    bare = Client(server)
    answer = bare.request(f"/live/api/{name}/control", {"action": "close"})
    assert answer.status == 403 and list(answer.json) == ["error"]
    assert consultant(server, name).request(f"/live/api/{name}/wall").json["open"] is True


def test_the_benchmarks_constant_page_needs_nothing(server):
    answer = Client(server).request("/live/static/hello.html")
    assert answer.status == 200 and answer.body.decode() == HELLO


def test_the_spectators_link_watches_the_wall_and_nothing_more(live, server):
    name, folder = live
    wall = consultant(server, name)
    wall.request(f"/live/api/{name}/control", {"action": "current", "key": "R10"})
    spectator = participant(server, folder, SPECTATOR)
    seen = spectator.request(f"/live/api/{name}/wall")
    assert seen.status == 200 and seen.json["current"] == "R10"
    assert seen.json["items"] == wall.request(f"/live/api/{name}/wall").json["items"]
    assert spectator.request(f"/live/wall/{name}?k={spectator.token}").status == 200
    before = (folder / "requirements.yaml").read_bytes()
    assert spectator.request(f"/live/api/{name}/vote", {"key": "R10", "grade": "must", "n": 1}).status == 403
    assert spectator.request(f"/live/api/{name}/ballot").status == 403
    assert spectator.request(f"/live/api/{name}/room").status == 403
    assert Client(server).request(f"/live/ballot/{name}?k={spectator.token}").status == 403
    links = wall.request(f"/live/api/{name}/links").json
    assert links["spectators"]["url"].endswith(f"/live/wall/{name}?k={spectator.token}&lang=en")
    assert wall.request(f"/live/api/{name}/control", {"action": "revoke", "stakeholder": "*"}).status == 200
    assert spectator.request(f"/live/api/{name}/wall").status == 403
    assert (folder / "requirements.yaml").read_bytes() == before
