"""The illustrative demo in Chromium: the banner under the title of the scorecard and of the
landing page, en and zh, visible on the first screen at a projector's 1366 x 768; screenshots
(scorecard-illustrative-en.png, ...-zh, landing-illustrative-en.png, ...-zh) to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from toolkit.files._i18n import label

from .conftest import VIEWPORT, open_app, open_landing, shoot
from .test_scorecard_browser import shoot_page


def _on_first_screen(tab) -> None:
    banner = tab.locator(".crm-illustrative").first
    box = banner.bounding_box()
    title = tab.locator(".crm-title").first.bounding_box()
    assert box is not None and title is not None
    assert title["y"] < box["y"] and box["y"] + box["height"] < VIEWPORT["height"]  # under the title, in view


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scorecard_opens_with_the_banner(page, server, lang):
    open_app(page, server, "scorecard", lang=lang)
    expect(page.locator(".crm-illustrative")).to_contain_text(label("ill_what", lang))
    expect(page.locator(".crm-illustrative b")).to_have_text(label("ill_title", lang))
    _on_first_screen(page)
    shoot_page(page, f"scorecard-illustrative-{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_landing_page_opens_with_the_banner(page, server, lang):
    open_landing(page, server, f"?lang={lang}")
    expect(page.locator(".crm-illustrative")).to_contain_text(label("ill_what", lang))
    _on_first_screen(page)
    shoot(page, f"landing-illustrative-{lang}", full_page=False)
