"""The landing page at the server's root and serving: links to the three apps on the chosen engagement,
broken input as a message, traversal refused."""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from toolkit.apps import resolve_engagement
from toolkit.apps._landing import APPS, landing_html
from toolkit.apps._serve import LANDING_READY_JS
from toolkit.apps._shell import DEFAULT_ENV, ROOT_ENV, engagements_roots, escape
from toolkit.files._i18n import label
from toolkit.files._problems import ToolkitError

from .conftest import READY, add_engagement, open_app, open_landing, shoot


def test_resolve_engagement_refuses_anything_but_a_folder_name_under_the_root(tmp_path, monkeypatch):
    monkeypatch.delenv(DEFAULT_ENV, raising=False)
    root = tmp_path / "root"
    (root / "acme").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (root / "link").symlink_to(tmp_path / "outside")
    assert resolve_engagement("acme", root) == root / "acme"
    for name in ("../outside", "/etc", "acme/../../outside", "link", "..", ".", "", "a\\b"):
        with pytest.raises(ToolkitError, match="refused"):
            resolve_engagement(name, root)
    with pytest.raises(ToolkitError, match="no engagement called 'nope'"):
        resolve_engagement("nope", root)


def _client_name(folder: Path, client: str) -> None:
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^client: .*$", f"client: {client}", text, count=1), encoding="utf-8")


@pytest.fixture
def landing_root(tmp_path, monkeypatch):
    """An engagements root with `demo` (the default) and `acme`, whose client name is markup."""
    monkeypatch.setenv(DEFAULT_ENV, "demo")
    add_engagement(tmp_path, "demo")
    _client_name(add_engagement(tmp_path, "acme"), '"<b>Acme</b> & Co"')
    return tmp_path


def test_the_landing_page_links_the_three_apps_on_the_chosen_engagement(landing_root):
    page = landing_html(landing_root, {"engagement": "acme", "lang": "zh"})
    hrefs = re.findall(r'class="crm-card crm-card-(\w+)" href="([^"]+)"', page)
    assert hrefs == [(app, f"voila/render/{app}.ipynb?engagement=acme&amp;lang=zh") for app in APPS]
    assert label("app_workshop", "zh") in page and label("app_landing_title", "zh") in page
    assert '<option value="acme" selected>' in page and '<option value="demo">' in page
    assert "<b>Acme</b>" not in page and "&lt;b&gt;Acme&lt;/b&gt; &amp; Co" in page  # escaped
    # the language switch keeps the engagement
    assert 'href="?engagement=acme&amp;lang=en"' in page and 'href="?engagement=acme&amp;lang=zh"' in page
    assert 'class="crm-problems"' not in page


def test_the_landing_page_without_a_choice_opens_on_the_default_in_english(landing_root):
    page = landing_html(landing_root, {"lang": "fr"})
    assert 'href="voila/render/workshop.ipynb?engagement=demo&amp;lang=en"' in page
    assert '<html lang="en">' in page


@pytest.mark.parametrize("name", ["../../etc", "/etc", "acme/../demo", "..", "a\\b"])
def test_the_landing_page_refuses_a_path_and_falls_back_to_the_default(landing_root, name):
    page = landing_html(landing_root, {"engagement": name})
    assert "refused" in page and 'class="crm-problems"' in page
    assert 'href="voila/render/tracker.ipynb?engagement=demo&amp;lang=en"' in page
    assert "Traceback" not in page


def test_the_landing_page_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.delenv(DEFAULT_ENV, raising=False)
    add_engagement(tmp_path, "demo")
    assert "no engagement called &#x27;nope&#x27;" in landing_html(tmp_path, {"engagement": "nope"})
    (tmp_path / "empty").mkdir()
    empty = landing_html(tmp_path / "empty", {"lang": "zh"})
    assert "crm-card" not in empty.split("</style>")[-1]
    assert escape(label("app_no_engagements", "zh", root=tmp_path / "empty")) in empty
    assert escape(label("app_no_root", "en")) in landing_html(None, {})


def test_a_team_folder_is_listed_beside_ones_own_and_ones_own_wins_a_name_in_both(tmp_path, monkeypatch):
    monkeypatch.delenv(DEFAULT_ENV, raising=False)
    own, team = tmp_path / "own", tmp_path / "team"
    add_engagement(own, "mine")
    add_engagement(own, "both")
    add_engagement(team, "shared")
    add_engagement(team, "both")
    (team / "sneaky").symlink_to(own / "mine")
    roots = [own, team]
    assert resolve_engagement("shared", roots) == team / "shared"
    assert resolve_engagement("both", roots) == own / "both"
    for name in ("sneaky", "../own/mine", "/etc"):
        with pytest.raises(ToolkitError, match="refused"):
            resolve_engagement(name, roots)
    page = landing_html(roots, {"engagement": "shared"})
    assert re.findall(r'<option value="([^"]+)"', page) == ["both", "mine", "shared"]
    assert 'href="voila/render/scorecard.ipynb?engagement=shared&amp;lang=en"' in page


def test_the_roots_come_from_the_environment_own_first(tmp_path, monkeypatch):
    monkeypatch.setenv(ROOT_ENV, os.pathsep.join([str(tmp_path / "own"), str(tmp_path / "team")]))
    assert engagements_roots() == [(tmp_path / "own").resolve(), (tmp_path / "team").resolve()]


def test_a_read_only_landing_page_offers_the_scorecard_only(landing_root):
    page = landing_html(landing_root, {"engagement": "acme"}, apps=("scorecard",))
    assert re.findall(r'class="crm-card crm-card-(\w+)"', page) == ["scorecard"]


def test_the_server_root_is_the_landing_page(server):
    with urllib.request.urlopen(server + "/?engagement=demo&lang=zh", timeout=30) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    assert 'href="voila/render/scorecard.ipynb?engagement=demo&amp;lang=zh"' in page
    # the landing notebook's old address leads there, its query string kept
    with urllib.request.urlopen(server + "/voila/render/index.ipynb?engagement=demo&lang=zh", timeout=30) as response:
        assert response.url == server + "/?engagement=demo&lang=zh"
    with urllib.request.urlopen(server + "/?engagement=..%2F..%2Fetc", timeout=30) as response:
        assert "refused" in response.read().decode("utf-8")


def test_landing_page_links_the_three_apps(page, server):
    open_landing(page, server)
    cards = page.locator("a.crm-card")
    assert cards.count() == 3
    hrefs = [cards.nth(i).get_attribute("href") for i in range(3)]
    assert hrefs == [f"voila/render/{app}.ipynb?engagement=demo&lang=en" for app in APPS]
    assert "Traceback" not in page.content()
    shoot(page, "landing-en")
    page.locator(".crm-lang a", has_text="中文").click()
    page.locator("a.crm-card", has_text="需求工作坊").wait_for()
    shoot(page, "landing-zh")


@pytest.mark.parametrize(("app", "lang"), [("workshop", "zh"), ("scorecard", "en"), ("tracker", "zh")])
def test_each_app_opens_from_the_landing_page_on_the_picked_engagement(page, server, engagements_root, app, lang):
    if not (engagements_root / "second").is_dir():
        _client_name(add_engagement(engagements_root, "second"), "Second Works Ltd")
    open_landing(page, server, f"?lang={lang}")
    with page.expect_navigation():
        page.locator("select[name=engagement]").select_option("second")
    page.wait_for_function(LANDING_READY_JS)
    page.locator(f"a.crm-card-{app}").click()
    page.wait_for_url(f"**/voila/render/{app}.ipynb?engagement=second&lang={lang}")
    page.wait_for_function(READY, timeout=90_000)
    assert page.locator(".crm-title").first.inner_text() == label(f"app_{app}", lang)
    assert "Second Works Ltd" in page.locator(".crm-subtitle").first.inner_text()
    assert page.locator(".crm-problems").count() == 0


@pytest.mark.parametrize("name", ["../../etc", "%2Fetc", "..%2F..%2Fetc"])
def test_a_path_from_the_browser_is_refused_on_the_page(page, server, name):
    open_app(page, server, "workshop", engagement=name)
    box = page.locator(".crm-problems")
    box.wait_for()
    assert "refused" in box.inner_text()
    assert "Traceback" not in page.content()


def test_the_server_serves_no_file_outside_the_notebooks(server):
    for path in (
        "/voila/files/../pyproject.toml",
        "/voila/render/../toolkit/cli.py",
        "/voila/files/index.ipynb",
        "/voila/render/%2E%2E/README.md",
    ):
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(server + path, timeout=10).close()
        e.value.close()
        assert e.value.code in (403, 404), path


@pytest.mark.parametrize("app", ["workshop", "scorecard", "tracker"])
def test_a_broken_engagement_shows_its_problem_not_a_traceback(page, server, app):
    open_app(page, server, app, engagement="broken")
    box = page.locator(".crm-problems")
    box.wait_for()
    text = box.inner_text()
    assert "broken/requirements.yaml:50: requirements[4].grade:" in text  # the demo's first grade: must
    assert "/tmp" not in text  # no path of the server's
    content = page.content()
    assert "Traceback" not in content and "Error" not in page.locator(".jp-OutputArea-output").first.inner_text()
    shoot(page, f"{app}-broken-en")
