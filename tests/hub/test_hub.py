"""The apps on a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py as shipped): the hub,
configurable-http-proxy and NativeAuthenticator on loopback, two consultants and an executive,
through HTTP and headless Chromium; the README's team section describes exactly this.

- alice and bob are in team `north`, whose shared folder holds `acme`; alice also has her own
  `alice-private`; erin is an executive with a read-only copy of `north/acme`;
- without a login every page is the hub's login page, never an app;
- alice logs in and lands on her landing page, then opens her scorecard;
- bob can open neither alice's server nor her engagement (his own server does not have it);
- erin reads the shared scorecard, has no save button, and her server refuses every write;
- a participant's ballot link works with no account, the wall does not;
- after the hub stops, none of its processes is left.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import time
from pathlib import Path

import pytest

from tests.apps.conftest import VIEWPORT, shoot
from tests.conftest import until
from toolkit.apps._serve import LANDING_READY_JS, READY_JS
from toolkit.files._i18n import label
from toolkit.model._profiles import demo_path
from toolkit.requirements_matrix._live_session import start_session, token_of

from .hub import START_S, Hub, cards, missing, options

pytestmark = pytest.mark.hub

TEAM, SHARED, OWN = "north", "acme", "alice-private"
PEOPLE = ("alice", "bob", "erin")
TIMEOUT_MS = int(START_S * 1000)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    reason = missing()
    if reason:
        if os.environ.get("CRM_TOOLKIT_HUB_REQUIRED") == "1":  # CI installs everything: never skip there
            pytest.fail(reason)
        pytest.skip(reason)
    teams = {"teams": {TEAM: ["alice", "bob"]}, "executives": {"erin": f"{TEAM}/{SHARED}"}}
    hub = Hub(tmp_path_factory.mktemp("hub"), teams)
    # what an admin puts in place: the team's engagement in its shared folder, alice's own one
    shutil.copytree(demo_path(), hub.data / "teams" / TEAM / SHARED)
    shutil.copytree(demo_path(), hub.data / "home" / "alice" / "engagements" / OWN)
    hub.timings = {}
    start = time.monotonic()
    hub.start()
    hub.timings["hub_up_s"] = time.monotonic() - start
    try:
        hub.sessions = hub.people(*PEOPLE)
        yield hub
    finally:
        hub.stop()
        print(f"\nhub timings: {json.dumps({k: round(v, 2) for k, v in hub.timings.items()})}")


def _ready(hub: Hub, name: str, query: str = "") -> str:
    hub.spawn(hub.sessions[name], name)
    return hub.landing(hub.sessions[name], name, query)


def _context(browser):
    return browser.new_context(viewport=VIEWPORT)


def _log_in(tab, hub: Hub, name: str) -> None:
    tab.locator("#username_input").fill(name)
    tab.locator("#password_input").fill(hub.password)
    tab.locator("#login_submit").click()


def test_without_a_login_every_page_is_the_hub_login_page(hub, browser):
    scorecard = f"/user/alice/voila/render/scorecard.ipynb?engagement={SHARED}"
    for path in ("/user/alice/", scorecard, "/user/erin/", "/hub/home"):
        page = hub.session().get(hub.url + path, timeout=30)
        assert (page.status_code, page.url.split("?")[0]) == (200, hub.url + "/hub/login"), path
        assert 'id="username_input"' in page.text and "crm-page" not in page.text, path
    context = _context(browser)
    try:
        tab = context.new_page()
        tab.goto(hub.url + "/user/alice/")
        tab.locator("#username_input").wait_for()
        assert tab.url.startswith(hub.url + "/hub/login") and tab.locator(".crm-page").count() == 0
    finally:
        context.close()


def test_alice_logs_in_to_her_landing_page_and_opens_her_scorecard(hub, browser):
    context = _context(browser)
    try:
        tab = context.new_page()
        tab.goto(hub.url + "/hub/login")
        start = time.monotonic()
        _log_in(tab, hub, "alice")  # the hub starts her server and takes her to it
        tab.wait_for_function(LANDING_READY_JS, timeout=TIMEOUT_MS)
        hub.timings["alice_login_to_landing_s"] = time.monotonic() - start
        assert tab.url.startswith(hub.url + "/user/alice/")
        assert [o.get_attribute("value") for o in tab.locator("select[name=engagement] option").all()] == [SHARED, OWN]
        assert [a.get_attribute("class") for a in tab.locator("a.crm-card").all()] == [
            f"crm-card crm-card-{app}" for app in ("workshop", "scorecard", "tracker")
        ]
        tab.locator("select[name=engagement]").select_option(OWN)
        tab.wait_for_url(f"**/user/alice/?engagement={OWN}*")
        tab.wait_for_function(LANDING_READY_JS)
        start = time.monotonic()
        tab.locator("a.crm-card-scorecard").click()
        tab.wait_for_function(READY_JS, timeout=TIMEOUT_MS)
        hub.timings["alice_scorecard_s"] = time.monotonic() - start
        assert tab.url.startswith(f"{hub.url}/user/alice/voila/render/scorecard.ipynb?engagement={OWN}")
        assert tab.locator(".sc-ranking .sc-row").count() >= 2 and tab.locator(".sc-save").count() == 1
        shoot(tab, "hub-alice-scorecard", full_page=False)
    finally:
        context.close()


def test_bob_opens_neither_alices_server_nor_her_engagement(hub):
    _ready(hub, "alice")  # her server running: the proxy routes bob to it, and it refuses him
    bob = hub.sessions["bob"]
    for path in ("/user/alice/", f"/user/alice/voila/render/scorecard.ipynb?engagement={OWN}"):
        page = bob.get(hub.url + path, timeout=30)
        assert page.status_code == 403 and "crm-page" not in page.text, path
    landing = _ready(hub, "bob")
    assert options(landing) == [SHARED, "demo-manufacturer"]  # the team's, and the demo of his first start
    refused = _ready(hub, "bob", f"?engagement={OWN}")
    assert label("app_not_found", "en", name=OWN).replace("'", "&#x27;") in refused


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_executive_reads_the_shared_scorecard_and_cannot_save(hub, browser):
    erin = hub.sessions["erin"]
    shared = hub.data / "teams" / TEAM / SHARED
    before = _files(shared)
    landing = _ready(hub, "erin")
    assert (options(landing), cards(landing)) == ([SHARED], ["scorecard"])
    copy = hub.data / "readonly" / "erin" / SHARED
    assert _files(copy).keys() <= before.keys() and not copy.stat().st_mode & stat.S_IWUSR
    assert not (copy / "engagement.yaml").stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)

    context = _context(browser)
    try:
        tab = context.new_page()
        tab.goto(f"{hub.url}/user/erin/voila/render/scorecard.ipynb?engagement={SHARED}")
        _log_in(tab, hub, "erin")
        tab.wait_for_function(READY_JS, timeout=TIMEOUT_MS)
        assert tab.locator(".sc-ranking .sc-row").count() >= 2
        assert tab.locator(".sc-save, .sc-revert, .sc-ov-save, .sc-ov-evidence").count() == 0
        assert tab.locator(".sc-read-only").inner_text() == label("sc_read_only", "en")
        shoot(tab, "hub-executive-scorecard", full_page=False)
    finally:
        context.close()

    # every write refused: the live workshop's, the other apps, and there is no file API at all
    base = f"{hub.url}/user/erin"
    control = erin.post(f"{base}/live/api/{SHARED}/control", json={"action": "close"}, timeout=30)
    assert (control.status_code, control.json()) == (403, {"error": label("live_api_read_only", "en")})
    for app in ("workshop", "tracker"):
        assert erin.get(f"{base}/voila/render/{app}.ipynb?engagement={SHARED}", timeout=30).status_code == 403
    assert erin.put(f"{base}/api/contents/{SHARED}/engagement.yaml", json={}, timeout=30).status_code in (403, 404, 405)
    assert _files(shared) == before


def test_a_ballot_link_works_without_an_account_and_nothing_else_does(hub, browser):
    _ready(hub, "alice")
    folder = hub.data / "home" / "alice" / "engagements" / OWN
    session = start_session(folder, ["sales_director"], pace="own")
    token = token_of(session, "sales_director")
    ballot = f"{hub.url}/user/alice/live/ballot/{OWN}?k={token}&lang=en"
    anyone = hub.session()  # no hub account, no cookie
    page = anyone.get(ballot, timeout=30)
    assert page.status_code == 200 and page.url == ballot and "<script>" in page.text
    api = f"{hub.url}/user/alice/live/api/{OWN}"
    state = anyone.get(f"{api}/ballot", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert state.status_code == 200 and state.json()["stakeholder"]["id"] == "sales_director"
    assert anyone.get(f"{api}/ballot", headers={"Authorization": "Bearer nope"}, timeout=30).status_code == 403
    wall = anyone.get(f"{hub.url}/user/alice/live/wall/{OWN}", timeout=30)
    assert (wall.status_code, wall.text.strip()) == (403, label("live_api_login", "en"))  # the consultant's only
    assert anyone.get(f"{hub.url}/user/alice/?engagement={OWN}", timeout=30).url.startswith(hub.url + "/hub/login")

    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        phone = context.new_page()
        phone.goto(ballot)
        phone.locator(".live-item[data-key='R01']").wait_for(timeout=TIMEOUT_MS)
        phone.locator(".live-item[data-key='R01'] .live-grade-must").click()
        phone.wait_for_function(
            "() => document.querySelector(\".live-item[data-key='R01'] .live-grade-must\")"
            ".getAttribute('aria-pressed') === 'true'"
        )
        assert not [c for c in context.cookies() if c["name"].startswith("jupyterhub")]
    finally:
        context.close()
    audit = folder / "workshop-audit.jsonl"
    votes = until(lambda: audit.is_file() and [json.loads(line) for line in audit.read_text().splitlines()], "the vote")
    assert [(v["who"], v["key"], v["grade"]) for v in votes] == [("sales_director", "R01", "must")]


def test_after_the_hub_stops_no_process_is_left(hub):
    for name in PEOPLE:
        _ready(hub, name)
    started = hub.descendants()
    commands = " ".join(" ".join(p.cmdline()) for p in started)
    assert "configurable-http-proxy" in commands and commands.count("toolkit.apps._voila") == len(PEOPLE)
    hub.timings["hub_stop_s"] = hub.stop()
    # it stopped on SIGTERM, not killed after stop()'s generous bound
    assert hub.proc.returncode is not None and hub.proc.returncode != -signal.SIGKILL
    left = until(lambda: not hub.left_behind(started) and ["none"], "every process of the hub gone", 30)
    assert left == ["none"]
