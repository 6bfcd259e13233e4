"""An illustrative engagement's pages say so under their title: the scorecard, workshop and
tracker pages (a widget under the header), the landing page, and the live workshop's wall (the
whole banner) and ballot and room pages (the one-line mark). The demo is illustrative; the same
demo without `illustrative` shows nothing."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from tests.apps.live_client import Client, participant
from toolkit.apps._landing import landing_html
from toolkit.apps._live_pages import ballot_html, room_html, wall_html
from toolkit.apps._shell import DEFAULT_ENV
from toolkit.apps.scorecard import ScorecardPage
from toolkit.apps.tracker import TrackerPage
from toolkit.apps.workshop import WorkshopPage
from toolkit.files._i18n import label
from toolkit.model._engagement import load_engagement
from toolkit.model._illustrative import illustrative_words
from toolkit.model._profiles import demo_path
from toolkit.requirements_matrix._live_session import start_session

from .conftest import add_engagement

PAGES = [ScorecardPage, WorkshopPage, TrackerPage]
LANGS = ["en", "zh"]


def _words(lang: str) -> list[str]:
    return illustrative_words(load_engagement(demo_path()).settings.illustrative, lang)


def _shown(page: str) -> str:
    """The text of the banner in a page (or widget value), tags and styles left out."""
    found = re.search(r'<div class="crm-illustrative" role="note">(.*?)</div>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()) if found else ""


def _not_illustrative(folder):
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\nillustrative:")] + "\n", encoding="utf-8")


@pytest.fixture
def demo(tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    return folder


@pytest.fixture
def plain(tmp_path):
    folder = tmp_path / "plain"
    shutil.copytree(demo_path(), folder)
    _not_illustrative(folder)
    return folder


@pytest.mark.parametrize("page_type", PAGES, ids=lambda p: p.__name__)
def test_each_app_page_shows_the_banner_under_its_title_in_its_language(demo, page_type):
    page = page_type(demo, "en")
    header = next(i for i, c in enumerate(page.widget.children) if "crm-header" in c._dom_classes)
    assert page.widget.children[header + 1] is page.illustrative  # under the title, before anything else
    assert _shown(page.illustrative.value) == " ".join(_words("en"))
    page.lang_switch.value = "zh"
    assert _shown(page.illustrative.value) == " ".join(_words("zh"))


@pytest.mark.parametrize("page_type", PAGES, ids=lambda p: p.__name__)
def test_a_page_not_illustrative_shows_none(plain, page_type):
    page = page_type(plain, "zh")
    assert page.illustrative.value == ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_landing_page_shows_the_chosen_engagement_s_banner_under_its_title(tmp_path, monkeypatch, lang):
    monkeypatch.setenv(DEFAULT_ENV, "demo")
    add_engagement(tmp_path, "demo")
    _not_illustrative(add_engagement(tmp_path, "plain"))
    page = landing_html(tmp_path, {"lang": lang})
    assert _shown(page) == " ".join(_words(lang))
    assert page.index('class="crm-header"') < page.index('class="crm-illustrative"') < page.index("crm-message")
    assert f"demo · 华东精密机械有限公司 · {label('ill_title', lang)}</option>" in page  # the picker says it too
    assert "plain · 华东精密机械有限公司</option>" in page
    assert 'class="crm-illustrative"' not in landing_html(tmp_path, {"engagement": "plain", "lang": lang})


@pytest.mark.parametrize("lang", LANGS)
def test_the_wall_shows_the_banner_and_a_phone_the_mark(lang):
    value = load_engagement(demo_path()).settings.illustrative
    assert _shown(wall_html("demo", lang, illustrative=value)) == " ".join(_words(lang))
    for page in (ballot_html("demo", lang, illustrative=value), room_html("demo", lang, illustrative=value)):
        assert _shown(page) == label("ill_mark", lang)
    for page in (wall_html("demo", lang), ballot_html("demo", lang), room_html("demo", lang)):
        assert 'class="crm-illustrative"' not in page


def test_the_served_wall_and_ballot_read_it_from_the_engagement(server, engagements_root):
    folder = add_engagement(engagements_root, "ill_live")
    start_session(folder, ["sales_director", "it_manager"])
    wall = Client(server).request("/live/wall/ill_live?lang=zh")
    assert wall.status == 200 and _shown(wall.body.decode()) == " ".join(_words("zh"))
    ballot = participant(server, folder, "it_manager").request("/live/ballot/ill_live?lang=en")
    assert ballot.status == 200 and _shown(ballot.body.decode()) == label("ill_mark", "en")
