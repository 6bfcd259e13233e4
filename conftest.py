"""For the whole suite: the toolkit's cache (files._cache) in a folder of the test run, never the
user's; for nbval: the app notebooks run against a copy of the demo engagement, and their last
cell checks the page they built (see toolkit.apps.check_page)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_ROOT: Path | None = None


def pytest_configure(config) -> None:
    global _ROOT
    from toolkit.files._cache import CACHE_ENV

    _ROOT = Path(tempfile.mkdtemp(prefix="crm-tests-"))
    os.environ[CACHE_ENV] = str(_ROOT / "cache")

    from toolkit.apps._shell import CHECK_ENV, DEFAULT_ENV, ROOT_ENV
    from toolkit.model._profiles import demo_path

    engagements = _ROOT / "engagements"
    shutil.copytree(demo_path(), engagements / "demo")
    os.environ.update({ROOT_ENV: str(engagements), DEFAULT_ENV: "demo", CHECK_ENV: "1"})


def pytest_unconfigure(config) -> None:
    if _ROOT is not None:
        shutil.rmtree(_ROOT, ignore_errors=True)
