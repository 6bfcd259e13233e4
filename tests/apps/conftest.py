"""Browser tests of the apps: one Voila server on a free loopback port serving the toolkit's
notebooks over a temporary engagements root; the headless Chromium (Debian's) is tests/conftest.py's `browser`.

`open_app(page, "scorecard", "demo", lang="zh")` loads a page and waits until every widget is
rendered and the kernel is idle; `open_landing(page, server)` loads the landing page at `/`;
`shoot(page, "scorecard-zh")` saves a screenshot into build/screenshots (the test artefacts, to
look at).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from toolkit.apps._serve import LANDING_READY_JS, READY_JS, serving
from toolkit.model._profiles import demo_path

_DEFAULT_SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SCREENSHOTS = Path(os.environ.get("CRM_TOOLKIT_SCREENSHOTS", _DEFAULT_SHOTS))
VIEWPORT = {"width": 1366, "height": 768}
READY = READY_JS


@pytest.fixture(scope="session")
def engagements_root(tmp_path_factory) -> Path:
    """The server's engagements: `demo` (a copy of the demo) and `broken` (a YAML error)."""
    root = tmp_path_factory.mktemp("engagements")
    shutil.copytree(demo_path(), root / "demo")
    shutil.copytree(demo_path(), root / "broken")
    text = (root / "broken" / "requirements.yaml").read_text(encoding="utf-8")
    (root / "broken" / "requirements.yaml").write_text(text.replace("grade: must", "grade: mustt", 1), encoding="utf-8")
    return root


def add_engagement(root: Path, name: str) -> Path:
    """A fresh copy of the demo under `name` (tests that save start from their own copy)."""
    target = root / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(demo_path(), target)
    return target


@pytest.fixture(scope="session")
def server(engagements_root: Path):
    """The apps, served as `crm-toolkit app` serves them, on a free loopback port."""
    with (
        open(engagements_root.parent / "voila.log", "w") as log,
        serving(engagements_root, "demo", log=log) as (base, _),
    ):
        yield base


@pytest.fixture
def page(browser):
    """A fresh tab at 1366×768 (a projector's resolution); console errors are collected."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()


def open_app(tab, server: str, app: str, engagement: str | None = "demo", lang: str = "en", extra: str = "") -> float:
    """Load an app and wait until it is interactive; returns the seconds it took."""
    query = f"?lang={lang}" + (f"&engagement={engagement}" if engagement is not None else "") + extra
    start = time.monotonic()
    tab.goto(f"{server}/voila/render/{app}.ipynb{query}")
    tab.wait_for_function(READY, timeout=90_000)
    return time.monotonic() - start


def open_landing(tab, server: str, query: str = "") -> float:
    """Load the landing page (plain HTML at the server's root) until it is usable; the seconds."""
    start = time.monotonic()
    tab.goto(f"{server}/{query}")
    tab.wait_for_function(LANDING_READY_JS, timeout=90_000)
    return time.monotonic() - start


def shoot(tab, name: str, full_page: bool = True) -> Path:
    """A screenshot into build/screenshots; `full_page` grows the window to the page's height
    first, because Voila scrolls inside #rendered_cells rather than the document."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if not full_page:
        tab.screenshot(path=str(path))
        return path
    size = tab.viewport_size or VIEWPORT
    height = tab.evaluate("() => (document.querySelector('#rendered_cells') || document.body).scrollHeight")
    tab.set_viewport_size({**size, "height": max(size["height"], height)})
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    try:
        tab.screenshot(path=str(path))
    finally:
        tab.set_viewport_size(size)
    return path
