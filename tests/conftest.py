"""Builders for engagement folders written from inline YAML, so each test shows its input."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

ACME = """\
id: acme_crm
name: {en: Acme CRM, zh: 艾克米CRM}
sources:
  pricing: {url: "https://acme.example/", title: Pricing, kind: vendor_pricing, published: 2026-10-01, read: 2026-10-02}
company: {value: "Acme Ltd", source: pricing}
currency: USD
default_edition: pro
editions:
  - {id: pro, price_per_user_month: 50, min_users: 5, source: pricing}
  - {id: team, price_per_year: 9800, included_users: 10, extra_user_per_year: 600, currency: CNY, source: pricing}
implementation: {estimate: 100000, currency: CNY, basis: "60 users", source: pricing}
capabilities:
  customer_360: {rating: 3, grade: documentation, source: pricing}
  quote_approval: {rating: 2, grade: documentation, source: pricing}
integrations:
  erp: {support: partner, grade: documentation, source: pricing}
viability:
  market_presence: {score: 3, why: "regional player", grade: documentation, source: pricing}
"""

ENGAGEMENT = """\
client: 测试客户
industry: manufacturing
currency: CNY
fx: {USD: 7.1}
users: 60
shortlist: [acme_crm]
"""

REQUIREMENTS = """\
requirements:
  - id: R01
    capability: customer_360
    votes: {sales: must, service: could}
  - id: R02
    capability: quote_approval
    grade: could
integrations:
  - system: erp
    grade: must
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def make_engagement(tmp_path):
    """An engagement folder with a local vendor profile; any file can be replaced."""

    def make(
        *,
        engagement: str = ENGAGEMENT,
        requirements: str = REQUIREMENTS,
        evaluations: str | None = None,
        vendor: str | None = ACME,
        name: str = "eng",
    ) -> Path:
        folder = tmp_path / name
        write(folder / "engagement.yaml", engagement)
        write(folder / "requirements.yaml", requirements)
        if evaluations is not None:
            write(folder / "evaluations.yaml", evaluations)
        if vendor is not None:
            write(folder / "vendor_profiles" / "acme_crm.yaml", vendor)
        return folder

    return make


def where(problems) -> list[tuple[str, int, str]]:
    """(file name, line, field) of each error: what a validation test pins."""
    return [(Path(p.file).name, p.line, p.field) for p in problems if p.is_error]


T = TypeVar("T")


def until(condition: Callable[[], T], what: str, seconds: float = 60.0) -> T:
    """Poll `condition` until it returns something true, and return that; fail after `seconds`
    (generous by default: a slow, busy machine takes longer, never a different path)."""
    deadline = time.monotonic() + seconds
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds:g} s")
        time.sleep(0.05)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's), one per test process: the apps' and the hub's browser tests
    share it (Playwright's sync API runs one instance per thread)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (.ci/run installs it)")
    with playwright.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


# the live workshop's secret (tokens are derived from it): one per test run, never the user's
os.environ.setdefault(
    "CRM_TOOLKIT_LIVE_KEY_FILE", str(Path(tempfile.gettempdir()) / f"crm-toolkit-test-{os.getpid()}.key")
)
