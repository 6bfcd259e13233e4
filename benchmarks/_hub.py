"""From the hub's login to an interactive scorecard, against the same page served directly by
`crm-toolkit app` (issue 17: goal ratio <= 1.5).

The hub is deploy/jupyterhub/jupyterhub_config.py brought up on loopback as the hub test does it
(tests/hub/hub.py): configurable-http-proxy, NativeAuthenticator, alice's server running with its
scorecard kernel warm. Debian's headless Chromium at 1366×768, a fresh context each run (no
cookie: a real login every time):

- through the hub: from the click on the login form's button (opened at
  `/hub/login?next=<her scorecard>`) until the scorecard is interactive (every widget rendered, the
  kernel idle): the login, the redirects, the OAuth handshake with her server, the page through
  the proxy;
- directly: `crm-toolkit app`'s server (the same module, options and warm kernel) from `goto` of
  the scorecard until it is interactive;
- runs alternate between the two, both servers up, so both see the same machine; after each
  run the warm kernel gets POOL_REFILL_S to start again;
- `hub_login_spawn_to_scorecard_s`, once, before the others: the same from a login whose server
  is not running yet (the hub starts it: the first login of the day).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from benchmarks._apps import POOL_REFILL_S, _launch

NAMES = (
    "hub_login_to_scorecard_s",
    "hub_direct_scorecard_s",
    "hub_login_ratio",
    "hub_login_spawn_to_scorecard_s",
)


def _timed(browser, hub, url: str | None, login_next: str | None) -> float:
    from toolkit.apps._serve import READY_JS

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        tab = context.new_page()
        if login_next is None:
            start = time.monotonic()
            tab.goto(url)
        else:
            tab.goto(f"{hub.url}/hub/login?next={quote(login_next)}")
            tab.locator("#username_input").fill("alice")
            tab.locator("#password_input").fill(hub.password)
            start = time.monotonic()
            tab.locator("#login_submit").click()
        tab.wait_for_function(READY_JS, timeout=180_000)
        return time.monotonic() - start
    finally:
        context.close()


def hub_figures(runs: int) -> dict[str, float | str]:
    """{name: value} for NAMES, or {first name: why not} when the hub's tools are missing."""
    from tests.hub.hub import Hub, missing

    reason = missing()
    if reason:
        return {NAMES[0]: f"not measured: {reason}"}
    from playwright.sync_api import sync_playwright

    from toolkit.apps._serve import serving
    from toolkit.model._profiles import demo_path

    out: dict[str, float | str] = {}
    scorecard = "voila/render/scorecard.ipynb?engagement=demo&lang=en"
    with tempfile.TemporaryDirectory() as tmp:
        hub = Hub(Path(tmp), {"teams": {}})
        shutil.copytree(demo_path(), hub.data / "home" / "alice" / "engagements" / "demo")
        direct_root = Path(tmp) / "direct"
        shutil.copytree(demo_path(), direct_root / "demo")
        hub.start()
        try:
            hub.people("alice")
            with serving(direct_root, "demo") as (base, _), sync_playwright() as pw:
                browser = _launch(pw)
                through_hub = f"/user/alice/{scorecard}"
                out["hub_login_spawn_to_scorecard_s"] = _timed(browser, hub, None, through_hub)
                time.sleep(POOL_REFILL_S * 2)  # both servers' scorecard kernels warm
                hub_times, direct_times = [], []
                for _ in range(max(3, runs)):
                    hub_times.append(_timed(browser, hub, None, through_hub))
                    direct_times.append(_timed(browser, hub, f"{base}/{scorecard}", None))
                    time.sleep(POOL_REFILL_S)
                browser.close()
        finally:
            hub.stop()
    out["hub_login_to_scorecard_s"] = statistics.median(hub_times)
    out["hub_direct_scorecard_s"] = statistics.median(direct_times)
    out["hub_login_ratio"] = out["hub_login_to_scorecard_s"] / out["hub_direct_scorecard_s"]
    return out
