"""The live workshop's pages: the catalog's texts in both languages, no text in the scripts, and in
Chromium against a fake of the HTTP API (tests/apps/live_fake.py): a vote POSTs {key, grade, n},
a lost server shows "Reconnecting…" and the queued vote is sent when it is back, the room page
joins, the wall shows the QR codes and the agreement."""

from __future__ import annotations

import json
import re

import pytest

from toolkit.apps._live_pages import ASSETS, KINDS, SHARED_KEYS, ballot_html, room_html, texts, wall_html
from toolkit.files._i18n import LANGS, label, messages

from .conftest import shoot
from .live_fake import ROOM_TOKEN, Fake

PHONE = {"width": 360, "height": 640}
WALL = {"width": 1366, "height": 768}
PAGES = {"ballot": ballot_html, "room": room_html, "wall": wall_html}


def _config(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="live-config">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_carries_the_catalog_texts(kind, lang):
    page = PAGES[kind]("demo", lang)
    config = _config(page)
    assert config == {"kind": kind, "engagement": "demo", "lang": lang, "readonly": False, "t": texts(lang)}
    assert f"<title>{label(f'live_{kind}_title', lang)}</title>" in page
    assert label("live_reconnecting", lang) in page and label("live_loading", lang) in page
    assert 'data-lang="en"' in page and 'data-lang="zh"' in page


def test_the_texts_are_the_catalog_s():
    zh, en = texts("zh"), texts("en")
    assert (zh["must"], zh["could"], zh["wont"]) == ("必做", "可做", "不做")
    assert (en["must"], en["could"], en["wont"]) == ("Must", "Could", "Won't")
    assert zh["live_reconnecting"] == "正在重新连接…" and en["live_reconnecting"] == "Reconnecting…"
    assert zh["live_level_contested"] == "冲突" and en["live_clear"] == "Clear my vote"
    assert set(en) == {k for k in messages() if k.startswith("live_") and not k.startswith("live_api_")} | set(
        SHARED_KEYS
    )


def test_markup_in_the_engagement_name_stays_data():
    page = wall_html("</script><b>x", "en")
    assert "</script><b>x" not in page
    assert _config(page)["engagement"] == "</script><b>x"


def test_the_scripts_hold_no_text_and_use_only_catalog_keys():
    scripts = {p.name: p.read_text(encoding="utf-8") for p in ASSETS.glob("*.js")}
    assert set(scripts) == {"common.js", *(f"{k}.js" for k in KINDS)}
    used: set[str] = set()
    for name, text in scripts.items():
        assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", text), name  # no Chinese
        used |= set(re.findall(r"""\bt\(\s*["'](\w+)["']""", text))
        used |= set(re.findall(r'"(live_\w+)"', text))
    catalog = set(texts("en"))
    used |= {k for k in catalog if k.startswith("live_level_")} if "live_level_" in used else set()
    assert used - catalog - {"live_level_"} == set()
    python = (ASSETS.parent / "_live_pages.py").read_text(encoding="utf-8")
    unused = {k for k in catalog - used - set(SHARED_KEYS) if f'"{k}"' not in python and f"'{k}'" not in python}
    assert unused - {f"live_{k}_title" for k in KINDS} == set()


# --- in the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake():
    with Fake() as server:
        yield server


@pytest.fixture
def tab(browser, fake, request):
    fake.reset()
    viewport = getattr(request, "param", PHONE)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


def _visible_text(tab) -> str:
    return tab.evaluate(
        "() => [...document.querySelectorAll('h1, .crm-subtitle, #live-main, .live-banner')]"
        ".filter(e => e.offsetParent !== null).map(e => e.innerText).join('\\n')"
    )


def _fits_the_phone(tab) -> None:
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    heights = tab.evaluate(
        "() => [...document.querySelectorAll('#live-main button, .crm-lang a')]"
        ".map(b => [b.innerText, b.getBoundingClientRect().height])"
    )
    assert heights and [text for text, height in heights if height < 48] == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_ballot_votes_must_on_a_phone(tab, fake, lang):
    fake.reset(lang=lang)
    tab.goto(f"{fake.url}/live/ballot/demo?k=tok-sales&lang={lang}")
    must = tab.locator(".live-grade-must")
    must.wait_for()
    expected_who = {"en": "Wang Fang · Sales director", "zh": "王芳 · 销售总监"}[lang]
    assert tab.locator("#live-who").inner_text() == expected_who
    assert must.inner_text().strip() == label("must", lang)
    assert must.get_attribute("aria-pressed") == "false"
    with tab.expect_response(lambda r: "/live/api/demo/vote?" in r.url):
        must.click()
    [body] = fake.votes_posted()
    assert body["key"] == "R03" and body["grade"] == "must" and isinstance(body["n"], int)
    assert fake.posts[-1][2]["Authorization"] == "Bearer tok-sales"
    tab.wait_for_function("() => document.querySelector('.live-grade-must').getAttribute('aria-pressed') === 'true'")
    assert tab.locator(".live-your-vote").inner_text() == label("live_your_vote", lang, grade=label("must", lang))
    _fits_the_phone(tab)
    if lang == "zh":  # no English in a Chinese page (the data is Chinese too)
        assert re.findall(r"[A-Za-z]{2,}", _visible_text(tab)) == []
    shoot(tab, f"ballot-{lang}-360")
    # the language link keeps the token
    assert "k=tok-sales" in (tab.locator('[data-lang="zh"]').get_attribute("href") or "")
    assert tab.console_errors == []


def test_the_ballot_reconnects_and_sends_the_queued_vote(tab, fake):
    tab.goto(f"{fake.url}/live/ballot/demo?k=tok-sales&lang=en")
    tab.locator(".live-grade-must").wait_for()
    with tab.expect_response(lambda r: "/vote?" in r.url):
        tab.locator(".live-grade-must").click()
    first = fake.votes_posted()[-1]["n"]
    banner = tab.locator("#live-reconnecting")
    fake.down()
    try:
        banner.wait_for(state="visible", timeout=20_000)
        assert banner.inner_text() == label("live_reconnecting", "en")
        tab.locator(".live-grade-could").click()  # shows at once, kept until the server is back
        assert tab.locator(".live-grade-could").get_attribute("aria-pressed") == "true"
        tab.locator(".live-queued").wait_for(timeout=20_000)
    finally:
        fake.up()
    banner.wait_for(state="hidden", timeout=20_000)
    tab.locator(".live-queued").wait_for(state="detached", timeout=20_000)
    last = fake.votes_posted()[-1]
    assert last["grade"] == "could" and last["key"] == "R03" and last["n"] > first
    assert fake.votes["R03"]["grade"] == "could"
    # a reload keeps numbering upwards (localStorage), so a later vote is never below an earlier one
    tab.reload()
    tab.locator(".live-grade-wont").wait_for()
    tab.wait_for_function("() => document.querySelector('.live-grade-could').getAttribute('aria-pressed') === 'true'")
    with tab.expect_response(lambda r: "/vote?" in r.url):
        tab.locator(".live-grade-wont").click()
    assert fake.votes_posted()[-1]["n"] > last["n"]


def test_a_revoked_link_says_so_and_a_closed_session_too(tab, fake):
    tab.goto(f"{fake.url}/live/ballot/demo?k=revoked&lang=zh")
    tab.locator(".live-state-invalid").wait_for()
    assert tab.locator(".live-state-invalid").inner_text() == label("live_invalid_link", "zh")
    fake.open = False
    tab.goto(f"{fake.url}/live/ballot/demo?k=tok-it&lang=en")
    tab.locator(".live-state-closed").wait_for()
    assert tab.locator(".live-state-closed").inner_text() == label("live_closed", "en")
    assert tab.locator(".live-grade-must").is_disabled()


def test_own_pace_lists_every_requirement_with_a_timer(tab, fake):
    fake.reset(pace="own")
    fake.timer_ends = 1796290000.0 + 95
    tab.goto(f"{fake.url}/live/ballot/demo?k=tok-sales&lang=en")
    tab.locator(".live-timer-value").wait_for()
    assert tab.locator(".live-item").count() == 4
    tab.wait_for_function("() => /^1:3\\d$/.test(document.querySelector('.live-timer-value').textContent)")
    _fits_the_phone(tab)


def test_the_room_page_joins_behind_a_prefix(tab, fake):
    fake.reset(lang="zh")
    tab.goto(f"{fake.url}/user/alice/live/room/demo?k={ROOM_TOKEN}&lang=zh")
    tab.locator(".live-name").first.wait_for()
    assert tab.locator('.live-name[data-id="it_manager"]').is_disabled()
    assert label("live_room_taken", "zh") in tab.locator('.live-name[data-id="it_manager"]').inner_text()
    assert re.findall(r"[A-Za-z]{2,}", _visible_text(tab)) == []
    _fits_the_phone(tab)
    shoot(tab, "room-zh-360")
    with tab.expect_navigation():
        tab.locator('.live-name[data-id="sales_director"]').click()
    assert fake.posts[-1][:2] == ("join", {"stakeholder": "sales_director"})
    assert fake.posts[-1][2]["Authorization"] == f"Bearer {ROOM_TOKEN}"
    assert tab.url == f"{fake.url}/user/alice/live/ballot/demo?k=tok-sales&lang=zh"
    tab.locator(".live-grade-must").wait_for()
    assert fake.requests["GET room"] >= 1


@pytest.mark.parametrize("tab", [WALL], indirect=True)
def test_the_wall_shows_the_join_links_the_agreement_and_controls_the_session(tab, fake):
    tab.context.add_cookies([{"name": "_xsrf", "value": "2|abc|def|1", "url": fake.url}])
    tab.goto(f"{fake.url}/user/alice/live/wall/demo?lang=en")
    tab.locator(".wall-room-qr svg").wait_for()
    assert tab.locator(".wall-card-qr svg").count() == 3
    assert tab.locator(".wall-room .wall-url").inner_text() == f"{fake.url}/user/alice/live/room/demo?k={ROOM_TOKEN}"
    badges = tab.locator(".wall-table .live-badge")
    assert badges.count() == 3
    assert "Contested · 34%" in badges.all_inner_texts()
    assert tab.locator(".wall-current-title").inner_text() == "Service tickets with SLA timers"
    assert tab.locator(".wall-voter-done").count() == 1 and tab.locator(".wall-bars").count() == 0  # blind
    shoot(tab, "wall-en-1366")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= WALL["width"]
    # most contested first: contested, medium, high, then the item without agreement
    tab.locator('[data-order="contested"]').click()
    assert tab.locator(".wall-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.key)") == [
        "R02",
        "R04",
        "R01",
        "R03",
    ]
    with tab.expect_response(lambda r: "/control?" in r.url):
        tab.locator(".wall-next").click()
    assert fake.posts[-1][:2] == ("control", {"action": "current", "key": "R04"})
    assert fake.posts[-1][2]["X-Xsrftoken"] == "2|abc|def|1" and "Authorization" not in fake.posts[-1][2]
    with tab.expect_response(lambda r: "/control?" in r.url):
        tab.locator('.wall-final[data-key="R02"]').select_option("wont")
    assert fake.posts[-1][1] == {"action": "final", "key": "R02", "grade": "wont"}
    tab.once("dialog", lambda dialog: dialog.accept())
    with tab.expect_response(lambda r: "/control?" in r.url):
        tab.locator('.wall-revoke[data-id="it_manager"]').click()
    assert fake.posts[-1][1] == {"action": "revoke", "stakeholder": "it_manager"}
    tab.wait_for_function("() => true")
    assert fake.requests["GET links"] >= 1
    tab.locator(".wall-join-toggle").click()
    assert tab.locator("#wall-join").is_hidden()
    assert tab.console_errors == []


@pytest.mark.parametrize("tab", [{"width": 1920, "height": 1080}], indirect=True)
def test_the_wall_in_chinese_on_a_large_screen_shows_the_revealed_counts(tab, fake):
    fake.reset(lang="zh")
    fake.current = "R02"
    tab.goto(f"{fake.url}/live/wall/demo?lang=zh")
    tab.locator(".wall-bars").wait_for()
    assert tab.locator(".wall-bar-count").all_inner_texts() == ["1", "1", "1"]
    assert tab.locator(".wall-current-head .live-badge").inner_text() == f"{label('live_level_contested', 'zh')} · 34%"
    tab.locator(".wall-join-toggle").click()
    tab.locator("#wall-join").wait_for(state="hidden")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 1920
    shoot(tab, "wall-zh-1920")
    tab.locator(".wall-join-toggle").click()  # the next test finds the panel open again
