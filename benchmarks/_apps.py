"""The apps in a real browser: time to interactive per page and the scorecard's slider redraw.

A Voila server as `crm-toolkit app` starts it (preheated kernels) over a copy of the demo, and
Debian's headless Chromium at 1366×768. Time to interactive runs from `goto` until every widget
is rendered and the kernel is idle, on a warm server (the page's pooled kernel ready). The
redraw runs from a key press on the TCO weight slider until the ranking on the page changes.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from toolkit.apps._serve import READY_JS

PAGES = ("index", "workshop", "scorecard", "tracker")
POOL_REFILL_S = 6.0  # a pooled kernel restarts and runs its notebook up to the request
#: the scorecard's TCO weight slider and the element whose text is the ranking

RANKING = ".sc-ranking"


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    start = time.monotonic()
    tab.goto(url)
    tab.wait_for_function(READY_JS, timeout=120_000)
    return context, tab, time.monotonic() - start


def _redraw_ms(tab, runs: int) -> float:
    """Median ms from an arrow key on the TCO slider until the ranking text changes."""
    slider = tab.locator(".sc-weight-tco [role=slider]").first
    ranking = tab.locator(RANKING).first
    times = []
    for i in range(runs):
        before = ranking.inner_text()
        slider.focus()
        start = time.monotonic()
        tab.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        tab.wait_for_function(
            "([sel, old]) => { const e = document.querySelector(sel); return e && e.innerText !== old; }",
            arg=[RANKING, before],
            timeout=10_000,
        )
        times.append((time.monotonic() - start) * 1000)
    return statistics.median(times)


def app_figures(runs: int) -> dict[str, float]:
    """{name: value}: tti_<page>_s for the four pages, scorecard_slider_redraw_ms."""
    from playwright.sync_api import sync_playwright

    from toolkit.apps._serve import serving
    from toolkit.model._profiles import demo_path

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "engagements"
        root.mkdir()
        shutil.copytree(demo_path(), root / "demo")
        with serving(root, "demo") as (base, _), sync_playwright() as pw:
            time.sleep(POOL_REFILL_S * 2)  # every notebook's pooled kernel is ready
            browser = pw.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for page in PAGES:
                times = []
                for _ in range(max(1, min(runs, 3))):
                    context, _tab, seconds = _open(browser, f"{base}/voila/render/{page}.ipynb?engagement=demo")
                    times.append(seconds)
                    context.close()
                    time.sleep(POOL_REFILL_S)
                out[f"tti_{page}_s"] = statistics.median(times)
            context, tab, _ = _open(browser, f"{base}/voila/render/scorecard.ipynb?engagement=demo")
            out["scorecard_slider_redraw_ms"] = _redraw_ms(tab, max(3, runs))
            context.close()
            browser.close()
    return out
