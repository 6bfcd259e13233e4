"""The apps in a real browser: the first page after `crm-toolkit app` starts, time to interactive
per page and the scorecard's slider redraw.

Debian's headless Chromium at 1366×768, over a copy of the demo.

- First page: whole server starts, side by side in one run. `crm-toolkit app DIR --no-browser`
  (the real command) until its first page, the landing page at `/`, is interactive; against a bare
  one-slider Voila notebook served the same way (the same server module, options, environment,
  private TMPDIR and stop) until its slider is rendered and its kernel idle. Both from the start
  of the command (the landing page's includes the command line's own start, the bare page's does
  not), and again from the server first answering `/`; each server is stopped by SIGTERM before
  the next one starts.
- Time to interactive per page runs from `goto` until every widget is rendered and the kernel is
  idle (the landing page: loaded, with its links), on a warm server (the page's pooled kernel
  ready). The redraw runs from a key press on the TCO weight slider until the ranking changes.
"""

from __future__ import annotations

import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from toolkit.apps._serve import LANDING_READY_JS, READY_JS

PAGES = ("workshop", "scorecard", "tracker")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: the bare page: its slider rendered, every widget shown, the kernel idle
BARE_READY_JS = """() => {
  const wm = window.jupyterapp && window.jupyterapp.widgetManager;
  return !!wm && wm.restoredStatus && !document.getElementById('loading')
    && wm.kernel && wm.kernel.status === 'idle'
    && ![...document.querySelectorAll('.jp-OutputArea-output')]
         .some(e => /Loading widget|Error displaying widget/.test(e.textContent))
    && document.querySelector('.widget-slider') !== null;
}"""
BARE_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "bare-slider",
            "metadata": {},
            "outputs": [],
            "source": ["import ipywidgets as w\n", "w.IntSlider()"],
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
POOL_REFILL_S = 6.0  # a pooled kernel restarts and runs its notebook up to the request
#: the scorecard's TCO weight slider and the element whose text is the ranking

RANKING = ".sc-ranking"


def _open(browser, url: str, ready: str = READY_JS):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    start = time.monotonic()
    tab.goto(url)
    tab.wait_for_function(ready, timeout=120_000)
    return context, tab, time.monotonic() - start


def _launch(pw):
    return pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)


def _demo_root(tmp: str) -> Path:
    from toolkit.model._profiles import demo_path

    root = Path(tmp) / "engagements"
    root.mkdir()
    shutil.copytree(demo_path(), root / "demo")
    return root


def _answered(base: str, proc: subprocess.Popen, timeout: float = 120) -> float:
    """Poll `/` every 50 ms until the server answers; the time it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                return time.monotonic()
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the server at {base} exited with {proc.returncode}") from None
            time.sleep(0.05)
    raise SystemExit(f"the server at {base} did not answer within {timeout} s")


def _first_landing(browser, root: Path) -> tuple[float, float]:
    """`crm-toolkit app` until its landing page is interactive: (from start, from answering)."""
    from toolkit.apps._serve import free_port

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cli = Path(sys.executable).parent / "crm-toolkit"
    start = time.monotonic()
    proc = subprocess.Popen(
        [str(cli), "app", str(root / "demo"), "--no-browser", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        answered = _answered(base, proc)
        context, _tab, _ = _open(browser, f"{base}/?engagement=demo&lang=en", LANDING_READY_JS)
        done = time.monotonic()
        context.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    return done - start, done - answered


def _first_bare(browser, root: Path, notebooks: Path) -> tuple[float, float]:
    """The bare one-slider notebook, its server started as `crm-toolkit app` starts the apps'."""
    from toolkit.apps import _procs
    from toolkit.apps._serve import free_port, voila_command, voila_env

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    mark = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(prefix="crm-toolkit-") as tmp:
        start = time.monotonic()
        command = voila_command(port, "127.0.0.1", notebooks=notebooks)
        proc = _procs.start(command, voila_env(root, "demo", tmp=Path(tmp), mark=mark))
        try:
            answered = _answered(base, proc)
            context, _tab, _ = _open(browser, f"{base}/voila/render/bare.ipynb", BARE_READY_JS)
            done = time.monotonic()
            context.close()
        finally:
            _procs.stop(proc, mark)
    return done - start, done - answered


def first_page_figures(runs: int) -> dict[str, float]:
    """{name: value}: first_page_landing_s and first_page_bare_s (medians from the command's start),
    first_page_ratio, and the same two from the server answering (`..._after_answer_s`)."""
    from playwright.sync_api import sync_playwright

    landing, bare = [], []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        root = _demo_root(tmp)
        notebooks = Path(tmp) / "bare"
        notebooks.mkdir()
        (notebooks / "bare.ipynb").write_text(json.dumps(BARE_NOTEBOOK), encoding="utf-8")
        browser = _launch(pw)
        _first_bare(browser, root, notebooks)  # untimed: files and imports in the page cache for both
        for _ in range(max(5, runs)):
            landing.append(_first_landing(browser, root))
            bare.append(_first_bare(browser, root, notebooks))
        browser.close()
    out = {
        "first_page_landing_s": statistics.median(t for t, _ in landing),
        "first_page_bare_s": statistics.median(t for t, _ in bare),
        "first_page_landing_after_answer_s": statistics.median(t for _, t in landing),
        "first_page_bare_after_answer_s": statistics.median(t for _, t in bare),
    }
    out["first_page_ratio"] = out["first_page_landing_s"] / out["first_page_bare_s"]
    return out


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
    """{name: value}: tti_landing_s, tti_<app>_s for the three apps, scorecard_slider_redraw_ms."""
    from playwright.sync_api import sync_playwright

    from toolkit.apps._serve import serving

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = _demo_root(tmp)
        with serving(root, "demo") as (base, _), sync_playwright() as pw:
            time.sleep(POOL_REFILL_S * 2)  # every notebook's pooled kernel is ready
            browser = _launch(pw)
            times = []
            for _ in range(max(1, min(runs, 3))):
                context, _tab, seconds = _open(browser, f"{base}/?engagement=demo", LANDING_READY_JS)
                times.append(seconds)
                context.close()
            out["tti_landing_s"] = statistics.median(times)
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
