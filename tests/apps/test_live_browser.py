"""The live workshop in a real browser against the real server: six participants, each in a
browser context of their own at a phone's 360 x 640, join through the links on the wall, vote
blind; the wall shows who has voted and nothing else, then reveals. Screenshots of the ballot
(en, zh) and of the wall with its QR codes and agreement levels go to build/screenshots."""

from __future__ import annotations

import pytest

from tests.apps.conftest import add_engagement, shoot
from tests.conftest import until
from toolkit.files._yaml import read_data
from toolkit.requirements_matrix._live_session import load_session, start_session

PHONE = {"width": 360, "height": 640}
SIX = ["sales_director", "marketing_lead", "service_manager", "it_manager", "finance_controller", "general_manager"]
GRADES = ["must", "must", "could", "wont", "must", "could"]  # must meets won't: contested


@pytest.fixture
def wall_tab(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.errors = errors
    yield tab
    context.close()


def test_six_phones_join_from_the_wall_vote_blind_and_the_wall_reveals(browser, wall_tab, server, engagements_root):
    folder = add_engagement(engagements_root, "live_room")
    in_file = set(read_data(folder / "requirements.yaml")["requirements"][0].get("votes") or {})
    start_session(folder, SIX, blind=True, pace="facilitated", auto_reveal=False)
    wall = wall_tab
    wall.goto(f"{server}/live/wall/live_room?lang=en")
    wall.locator(".wall-next").click()  # to the first requirement
    wall.wait_for_function(
        "() => ((document.querySelector('.wall-current-key') || {}).textContent || '').startsWith('R01')"
    )
    if wall.locator(".wall-join-toggle").get_attribute("aria-expanded") != "true":
        wall.locator(".wall-join-toggle").click()
    wall.locator(".wall-card-url").nth(5).wait_for()
    assert wall.locator(".wall-card-qr svg").count() == 6 and wall.locator(".wall-room-qr svg").count() == 1
    links = [wall.locator(".wall-card-url").nth(i).get_attribute("href") for i in range(6)]
    assert all("/live/ballot/live_room?k=" in link for link in links)

    phones = []
    try:
        for i, link in enumerate(links):
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            phone = context.new_page()
            phone.goto(link.replace("lang=en", "lang=zh") if i == 1 else link)
            phone.locator(".live-item[data-key='R01']").wait_for()
            phones.append((context, phone))
        shoot(phones[0][1], "live-ballot-en-360", full_page=False)
        shoot(phones[1][1], "live-ballot-zh-360", full_page=False)
        for n, ((_, phone), grade) in enumerate(zip(phones, GRADES, strict=True)):
            phone.locator(f".live-grade-{grade}").click()
            phone.wait_for_function(
                f"() => document.querySelector('.live-grade-{grade}').getAttribute('aria-pressed') === 'true'"
            )
            done = len(in_file & set(SIX) | set(SIX[: n + 1]))  # R01 holds some of their votes already
            wall.wait_for_function(f"() => document.querySelectorAll('.wall-voter-done').length === {done}")
            # blind: the wall shows who has voted, never how
            assert wall.locator(".wall-bars").count() == 0
        # no phone's page holds anyone else's vote
        for i, (_, phone) in enumerate(phones):
            pressed = phone.locator(".live-grade[aria-pressed='true']")
            assert pressed.count() == 1 and GRADES[i] in (pressed.get_attribute("class") or "")
        wall.locator(".wall-reveal").click()
        wall.wait_for_function("() => document.querySelectorAll('.wall-bar-count').length === 3")
        counts = [wall.locator(".wall-bar-count").nth(i).inner_text() for i in range(3)]
        assert counts == ["3", "2", "1"]
        assert wall.locator(".live-badge-contested").count() >= 1
        shoot(wall, "live-wall-en-1366", full_page=True)
        assert wall.errors == []
    finally:
        for context, _ in phones:
            context.close()
    votes = {}

    def folded() -> bool:
        r01 = read_data(folder / "requirements.yaml")["requirements"][0]
        votes.update(r01.get("votes") or {})
        return all(votes.get(w) == g for w, g in zip(SIX, GRADES, strict=True))

    until(folded, "the six votes in requirements.yaml")


def test_the_workshop_page_starts_a_session_and_shows_the_wall(page, server, engagements_root):
    from tests.apps.conftest import open_app

    folder = add_engagement(engagements_root, "live_panel")
    open_app(page, server, "workshop", "live_panel", lang="zh")
    page.locator(".ws-live-start button, button.ws-live-start").first.click()
    page.locator("iframe.ws-live-frame").wait_for()
    frame = page.frame_locator("iframe.ws-live-frame")
    frame.locator(".wall-card-url").first.wait_for(timeout=60_000)
    assert frame.locator(".wall-card-qr svg").count() == 6
    assert frame.locator(".wall-card-name").first.inner_text() == "王芳 · 销售总监"
    assert len(load_session(folder).stakeholders) == 6
    shoot(page, "live-workshop-panel-zh")


def test_the_spectators_wall_is_read_only(wall_tab, server, engagements_root):
    folder = add_engagement(engagements_root, "live_watch")
    session = start_session(folder, SIX[:3], blind=False)
    from toolkit.requirements_matrix._live_session import SPECTATOR, token_of

    wall_tab.goto(f"{server}/live/wall/live_watch?k={token_of(session, SPECTATOR)}&lang=zh")
    wall_tab.locator(".wall-table").wait_for()
    assert wall_tab.locator(".wall-final-text").count() > 0 and wall_tab.locator("select.wall-final").count() == 0
    for hidden in (".wall-next", ".wall-close", ".wall-join-toggle", ".wall-timer-start"):
        assert not wall_tab.locator(hidden).first.is_visible(), hidden
    assert wall_tab.errors == []
    shoot(wall_tab, "live-wall-spectators-zh", full_page=False)
