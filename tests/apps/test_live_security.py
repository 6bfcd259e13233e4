"""Sharing beyond this machine: the server as `crm-toolkit app --share` runs it (a login token),
on loopback here. Without the token no app page, no wall and no ballot opens; a participant's
token opens its own ballot and nothing else."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest

from tests.apps.live_client import Client, participant
from toolkit.apps._serve import serving
from toolkit.model._profiles import demo_path
from toolkit.requirements_matrix._live_session import ROOM, SPECTATOR, start_session

PEOPLE = ["sales_director", "it_manager"]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    root = tmp_path_factory.mktemp("shared")
    for name in ("demo", "other"):
        shutil.copytree(demo_path(), root / name)
        start_session(root / name, PEOPLE)
    token = secrets.token_urlsafe(32)
    with (
        open(root.parent / "voila-shared.log", "w") as log,
        serving(root, "demo", log=log, token=token, public_url="http://192.0.2.10:8866") as (base, _),
    ):
        yield base, root, token


APP_PAGES = [
    "/",
    "/?engagement=demo",
    "/voila/render/scorecard.ipynb?engagement=demo",
    "/voila/render/workshop.ipynb?engagement=demo",
    "/voila/render/tracker.ipynb?engagement=demo",
    "/live/wall/demo",
]
CONSULTANT_API = ["/live/api/demo/wall", "/live/api/demo/links"]


def opened(answer) -> bool:
    """A page that opened: 200 and not the login form."""
    return answer.status == 200 and b'name="password"' not in answer.body and b"/login" not in answer.body[:2000]


@pytest.mark.parametrize("path", APP_PAGES)
def test_no_token_opens_no_app_page(shared, path):
    base, root, token = shared
    answer = Client(base).request(path)
    assert not opened(answer), (path, answer)
    # nor does a participant's, the room's or a spectator's token, as bearer or in the address
    for who in (*PEOPLE, ROOM, SPECTATOR):
        phone = participant(base, root / "demo", who)
        assert not opened(phone.request(path)), (who, path)
        assert not opened(Client(base).request(path + ("&" if "?" in path else "?") + f"token={phone.token}"))


def test_no_token_opens_no_ballot_and_no_consultant_api(shared):
    base, root, _ = shared
    anyone = Client(base)
    for path in ("/live/ballot/demo", "/live/ballot/demo?k=", "/live/room/demo", "/live/api/demo/ballot"):
        assert anyone.request(path).status == 403, path
    for path in CONSULTANT_API:
        assert anyone.request(path).status == 403, path
        assert participant(base, root / "demo", "it_manager").request(path).status == 403, path
    assert anyone.request("/live/api/demo/control", {"action": "close"}).status == 403


def test_a_participant_token_opens_its_own_ballot_only(shared):
    base, root, _ = shared
    it = participant(base, root / "demo", "it_manager")
    page = Client(base).request(f"/live/ballot/demo?k={it.token}")
    assert page.status == 200
    assert it.request("/live/api/demo/ballot").json["stakeholder"]["id"] == "it_manager"
    # another engagement, with its own session: refused, and no vote lands there
    before = (root / "other" / "requirements.yaml").read_bytes()
    assert it.request("/live/api/other/ballot").status == 403
    assert Client(base).request(f"/live/ballot/other?k={it.token}").status == 403
    assert it.request("/live/api/other/vote", {"key": "R01", "grade": "wont", "n": 1}).status == 403
    assert (root / "other" / "requirements.yaml").read_bytes() == before
    # the spectators' link opens the wall, read-only, and nothing else
    spectator = participant(base, root / "demo", SPECTATOR)
    assert Client(base).request(f"/live/wall/demo?k={spectator.token}").status == 200
    assert spectator.request("/live/api/demo/wall").status == 200
    for path in ("/live/api/demo/links", "/voila/render/scorecard.ipynb?engagement=demo", "/live/api/other/wall"):
        assert not opened(spectator.request(path)), path
    assert spectator.request("/live/api/demo/control", {"action": "close"}).status == 403
    # the room link cannot vote, and cannot open a ballot
    room = participant(base, root / "demo", ROOM)
    assert room.request("/live/api/demo/vote", {"key": "R01", "grade": "wont", "n": 1}).status == 403
    assert Client(base).request(f"/live/ballot/demo?k={room.token}").status == 403


def test_the_login_token_opens_the_wall_and_its_links_name_the_network_address(shared):
    base, _, token = shared
    consultant = Client(base)
    assert consultant.request(f"/live/wall/demo?token={token}").status == 200  # sets the login cookie
    links = consultant.request("/live/api/demo/links").json
    assert links["room"]["url"].startswith("http://192.0.2.10:8866/live/room/demo?k=")
    assert consultant.request("/live/api/demo/control", {"action": "timer", "seconds": 60}).status == 200
    assert Client(base).request(f"/voila/render/scorecard.ipynb?engagement=demo&token={token}").status == 200


def test_the_token_is_not_on_the_command_line(shared):
    base, _, token = shared
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            assert token.encode() not in cmdline.read_bytes()
        except OSError:
            continue
