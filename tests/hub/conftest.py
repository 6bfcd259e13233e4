"""The hub test's browser: the apps tests' headless Chromium (Debian's), shared fixtures."""

from __future__ import annotations

from tests.apps.conftest import browser  # noqa: F401 - a fixture, used by name
