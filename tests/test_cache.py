"""`crm-toolkit validate` remembers its answers by the bytes they rest on (files._cache): the
same answer for unchanged files, a fresh one the moment a file or the toolkit changes."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.files import _cache

from .conftest import ENGAGEMENT


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.CACHE_ENV, str(folder))
    return folder


def validate(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["validate", *args, "--format", "json"])
    return code, out.getvalue()


def checks_run(monkeypatch) -> list[str]:
    """Records each target the checks really ran on (a cache hit runs none)."""
    import toolkit.model._validate as checks

    ran: list[str] = []
    real = checks.validate_path
    monkeypatch.setattr(checks, "validate_path", lambda target: ran.append(str(target)) or real(target))
    return ran


def test_an_unchanged_folder_is_answered_from_the_cache(make_engagement, cache, monkeypatch):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: -1"))
    first = validate(str(folder))
    ran = checks_run(monkeypatch)
    assert validate(str(folder)) == first
    assert ran == []
    assert json.loads(first[1])["problems"][0]["field"] == "users"
    assert not any(p.suffix == ".json" for p in folder.rglob("*"))  # nothing written into the engagement


def test_an_edited_file_is_checked_again(make_engagement, cache, monkeypatch):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: -1"))
    assert validate(str(folder))[0] == 1
    (folder / "engagement.yaml").write_text(ENGAGEMENT, encoding="utf-8")
    ran = checks_run(monkeypatch)
    assert validate(str(folder)) == (0, json.dumps({"valid": True, "problems": []}, indent=2) + "\n")
    assert ran == [str(folder)]


def test_a_new_file_in_a_folder_is_checked_again(make_engagement, cache, monkeypatch):
    folder = make_engagement()
    assert validate(str(folder))[0] == 0
    (folder / "notes.yaml").write_text("a: [1\n", encoding="utf-8")
    code, out = validate(str(folder))
    assert code == 1 and json.loads(out)["problems"][0]["file"].endswith("notes.yaml")


def test_a_changed_toolkit_reads_no_old_answer(make_engagement, cache, monkeypatch):
    folder = make_engagement()
    validate(str(folder))
    monkeypatch.setattr(_cache, "toolkit_fingerprint", lambda: "another toolkit")
    ran = checks_run(monkeypatch)
    validate(str(folder))
    assert ran == [str(folder)]


def test_no_cache_checks_again_and_off_writes_nothing(make_engagement, cache, monkeypatch):
    folder = make_engagement()
    validate(str(folder))
    ran = checks_run(monkeypatch)
    validate(str(folder), "--no-cache")
    assert ran == [str(folder)]
    monkeypatch.setenv(_cache.CACHE_ENV, "off")
    before = sorted(cache.iterdir())
    validate(str(make_engagement(name="other")))
    assert sorted(cache.iterdir()) == before


def test_a_broken_entry_is_a_miss_not_an_error(make_engagement, cache, monkeypatch):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: -1"))
    first = validate(str(folder))
    for entry in cache.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert validate(str(folder)) == first


def test_an_engagement_file_named_alone_is_checked_again_when_its_siblings_change(make_engagement, cache):
    """A check of engagement.yaml reads requirements.yaml too: an edit there is a new answer."""
    folder = make_engagement()
    assert validate(str(folder / "engagement.yaml"))[0] == 0
    requirements = folder / "requirements.yaml"
    requirements.write_text(requirements.read_text().replace("quote_approval", "quote_flow"), encoding="utf-8")
    code, out = validate(str(folder / "engagement.yaml"))
    assert code == 1 and json.loads(out)["problems"][0]["field"] == "requirements[1].capability"
