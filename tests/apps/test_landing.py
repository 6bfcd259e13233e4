"""The landing page and serving: links to the three apps, broken input as a message, traversal refused."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from toolkit.apps import resolve_engagement
from toolkit.apps._shell import DEFAULT_ENV
from toolkit.files._problems import ToolkitError

from .conftest import open_app, shoot


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


def test_landing_page_links_the_three_apps(page, server):
    open_app(page, server, "index")
    cards = page.locator("a.crm-card")
    assert cards.count() == 3
    hrefs = [cards.nth(i).get_attribute("href") for i in range(3)]
    assert hrefs == [f"{app}.ipynb?engagement=demo&lang=en" for app in ("workshop", "scorecard", "tracker")]
    assert "Traceback" not in page.content()
    shoot(page, "landing-en")
    page.locator(".crm-lang button", has_text="中文").click()
    page.locator("a.crm-card", has_text="需求工作坊").wait_for()
    shoot(page, "landing-zh")


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
    assert "broken/requirements.yaml:29: requirements[4].grade:" in text
    assert "/tmp" not in text  # no path of the server's
    content = page.content()
    assert "Traceback" not in content and "Error" not in page.locator(".jp-OutputArea-output").first.inner_text()
    shoot(page, f"{app}-broken-en")
