"""The workshop page's live session panel, driven as Voila drives it (values set, buttons
clicked): who takes part, how the room votes, a person added, the session started and shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.apps.workshop import WorkshopPage
from toolkit.files._yaml import read_data
from toolkit.model._profiles import demo_path
from toolkit.requirements_matrix._live_session import load_session


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_path(), target)
    return target


def test_the_panel_lists_the_stakeholders_by_name_and_starts_a_session(folder):
    page = WorkshopPage(folder, "zh")
    live = page.live
    assert list(live.checks) == [s["id"] for s in read_data(folder / "requirements.yaml")["stakeholders"]]
    assert live.checks["sales_director"].description == "王芳 · 销售总监"
    assert all(box.value for box in live.checks.values()) and live.form.layout.display == ""
    live.checks["general_manager"].value = False
    live.mode.value, live.wall_names.value, live.pace.value = "open", "anonymous", "own"
    live.auto_reveal.value = False
    assert [v for _, v in live.weighting.options] == ["", "rank", "swing", "ahp"] and live.weighting.value == ""
    assert dict(live.weighting.options)["层次分析法:六组两两比较"] == "ahp"
    live.weighting.value = "ahp"
    live.start.click()
    session = load_session(folder)
    assert session is not None and session.weighting == "ahp"
    assert session is not None and "general_manager" not in session.stakeholders
    assert len(session.stakeholders) == 5 and session.stakeholders[0] == "sales_director"
    assert (session.blind, session.anonymous, session.pace, session.auto_reveal) == (False, True, "own", False)
    assert live.form.layout.display == "none" and live.new.layout.display == ""
    assert 'src="../../live/wall/demo?lang=zh"' in live.wall.value and "<iframe" in live.wall.value
    assert "5" in live.status.value
    # a click in the grid does not bring the form back; "new session" does, and keeps the ticks
    page._render()
    assert live.form.layout.display == "none"
    live.new.click()
    assert live.form.layout.display == "" and not live.checks["general_manager"].value


def test_a_person_added_in_the_panel_is_a_stakeholder_in_the_file(folder):
    page = WorkshopPage(folder, "en")
    live = page.live
    live.add.click()
    assert "name" in page.message.value.lower()  # asked for the name, nothing written
    assert len(read_data(folder / "requirements.yaml")["stakeholders"]) == 6
    live.name.value, live.role.value = "Li Lei", "Procurement lead"
    live.add.click()
    people = read_data(folder / "requirements.yaml")["stakeholders"]
    assert people[-1] == {"id": "li_lei", "name": "Li Lei", "role": "Procurement lead"}
    assert live.checks["li_lei"].value and live.checks["li_lei"].description == "Li Lei · Procurement lead"
    live.name.value = "王芳"
    live.add.click()
    assert read_data(folder / "requirements.yaml")["stakeholders"][-1] == {"id": "person_1", "name": "王芳"}
