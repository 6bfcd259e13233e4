"""The tracker in a browser: edits reach rollout.yaml and the audit log, survive a reload, overdue
rows follow the chosen date, and the page renders in Chinese.

Each test saves into its own copy of the demo (`add_engagement`), never the shared one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from toolkit.files._yaml import read_data
from toolkit.model._engagement import load_engagement
from toolkit.rollout import (
    AUDIT_FILE,
    ROLLOUT_FILE,
    _store,
    generate_plan,
    read_rollout,
    rollout_status,
    save_plan,
    update_kpi,
    update_task,
)

from ..conftest import until
from .conftest import VIEWPORT, add_engagement, open_app, shoot

expect = pytest.importorskip("playwright.sync_api").expect
TASK = "core_customer_360"


def _planned(root: Path, name: str) -> Path:
    """A fresh copy of the demo with its plan generated."""
    folder = add_engagement(root, name)
    save_plan(folder, generate_plan(load_engagement(folder)), by="setup")
    return folder


def _task(folder: Path, task_id: str) -> dict:
    return next(t for t in read_data(folder / ROLLOUT_FILE)["tasks"] if t["id"] == task_id)


def _row(tab, task_id: str):
    return tab.locator(f".crm-tr-task-{task_id}")


def _type(locator, text: str) -> None:
    """Type into a Text that saves on Enter (continuous_update=False)."""
    locator.fill(text)
    locator.press("Enter")


def test_status_owner_and_note_edits_save_at_once_and_persist_across_a_reload(page, server, engagements_root):
    folder = add_engagement(engagements_root, "tracker-case")
    seconds = open_app(page, server, "tracker", engagement="tracker-case")
    print(f"tracker, no plan yet: interactive after {seconds:.1f} s")
    _type(page.locator(".crm-tr-by input"), "Lin Wei")
    page.locator(".crm-tr-generate").click()
    expect(page.locator(".crm-message")).to_contain_text("Plan for Jiandaoyun saved: 28 tasks")
    expect(page.locator(".crm-tr-row")).to_have_count(28)

    row = _row(page, TASK)
    row.locator(".crm-tr-status select").select_option(label="Done")
    expect(page.locator(".crm-message")).to_contain_text("Saved by Lin Wei")
    expect(page.locator(".crm-message")).to_contain_text("Status To do → Done")
    assert until(lambda: _task(folder, TASK)["status"] == "done", "the status in rollout.yaml")
    audit = [json.loads(line) for line in (folder / AUDIT_FILE).read_text(encoding="utf-8").splitlines()]
    assert audit[-1] == {**audit[-1], "by": "Lin Wei", "task": TASK, "field": "status", "old": "todo", "new": "done"}

    _type(row.locator(".crm-tr-owner input"), "Wang Fang")
    expect(page.locator(".crm-message")).to_contain_text("Owner (empty) → Wang Fang")
    row.locator(".crm-tr-note input").fill("signed off by sales")
    row.locator(".crm-tr-note input").press("Tab")  # leaving the box saves too
    expect(page.locator(".crm-message")).to_contain_text("Note (empty) → signed off by sales")
    task = until(lambda: (t := _task(folder, TASK)).get("note") and t, "the note in rollout.yaml")
    assert (task["owner"], task["note"]) == ("Wang Fang", "signed off by sales")

    seconds = open_app(page, server, "tracker", engagement="tracker-case")
    print(f"tracker, 28 tasks: interactive after {seconds:.1f} s")
    row = _row(page, TASK)
    expect(row.locator(".crm-tr-status select")).to_have_value("Done")
    expect(row.locator(".crm-tr-owner input")).to_have_value("Wang Fang")
    expect(row.locator(".crm-tr-note input")).to_have_value("signed off by sales")
    expect(row).to_have_class(re.compile("crm-tr-done"))
    assert "Traceback" not in page.content()


def test_overdue_tasks_are_highlighted_for_the_chosen_today(page, server, engagements_root):
    folder = _planned(engagements_root, "tracker-overdue")
    update_task(folder, "data_import", status="done", by="setup")
    open_app(page, server, "tracker", engagement="tracker-overdue")
    day = dt.date(2027, 2, 3)
    expected = rollout_status(read_rollout(folder), day).overdue
    assert expected and "data_import" not in expected
    page.locator(".crm-tr-today input").fill(day.isoformat())
    overdue = page.locator(".crm-tr-row.crm-tr-overdue")
    expect(overdue).to_have_count(len(expected))
    for task_id in expected:
        expect(_row(page, task_id)).to_have_class(re.compile("crm-tr-overdue"))
        expect(_row(page, task_id)).to_contain_text("d late")
    expect(page.locator(".crm-tr-overdue-card .crm-tr-big")).to_have_text(str(len(expected)))
    # before the first due date nothing is late
    page.locator(".crm-tr-today input").fill("2027-01-10")
    expect(overdue).to_have_count(0)


def _live_case(root: Path, name: str, monkeypatch) -> Path:
    """A plan five weeks in, with history: statuses changed on past days, owners, notes, KPIs.

    The store's clock is set back for each change, so the burn-up has a history to draw.
    """
    folder = add_engagement(root, name)
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday() + 35)  # a Monday five weeks ago
    text = (folder / "engagement.yaml").read_text(encoding="utf-8")
    (folder / "engagement.yaml").write_text(
        re.sub(r"start_date: \S+", f"start_date: {start.isoformat()}", text), encoding="utf-8"
    )
    clock = {"day": start}
    monkeypatch.setattr(_store, "_now", lambda: dt.datetime.combine(clock["day"], dt.time(10)).astimezone().isoformat())
    save_plan(folder, generate_plan(load_engagement(folder)), by="Lin Wei")
    steps = [
        (3, "change_sponsor_kickoff", {"status": "done", "owner": "Chen Jie"}),
        (6, "core_customer_360", {"status": "done", "owner": "Zhang Wei"}),
        (8, "data_import", {"status": "doing", "owner": "Wang Fang", "note": "ERP export arrives Friday"}),
        (10, "core_lead_opportunity_funnel", {"status": "done", "owner": "Zhang Wei"}),
        (12, "change_training_key_users", {"status": "done", "owner": "Li Na"}),
        (15, "cap_roles_permissions", {"status": "done", "owner": "Zhou Min"}),
        (18, "core_order_contract_payment", {"status": "blocked", "note": "waiting for the finance sign-off"}),
        (22, "data_import", {"status": "done"}),
        (25, "automation_workflows", {"status": "doing", "owner": "Zhou Min"}),
        (29, "change_champions", {"status": "doing", "owner": "Li Na"}),
        (31, "mobile_rollout", {"status": "done", "owner": "Zhou Min"}),
    ]
    for offset, task_id, fields in steps:
        clock["day"] = start + dt.timedelta(days=offset)
        update_task(folder, task_id, by="Lin Wei", **fields)
    update_kpi(folder, "order_cycle_days", baseline=30, target=21, actual=26, by="Lin Wei")
    update_kpi(folder, "customer_satisfaction", baseline=78, target=88, actual=89, by="Lin Wei")
    return folder


def _shoot_page(tab, name: str) -> Path:
    """The whole page: Voila scrolls inside #rendered_cells, so the window grows to its height first."""
    height = tab.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
    tab.set_viewport_size({**VIEWPORT, "height": max(VIEWPORT["height"], height)})
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    try:
        return shoot(tab, name)
    finally:
        tab.set_viewport_size(VIEWPORT)


def _open_tab(tab, title: str) -> None:
    tab.locator(".crm-tr-tabs .lm-TabBar-tab", has_text=title).click()
    expect(tab.locator(".crm-tr-tabs .lm-TabBar-tab.lm-mod-current")).to_have_text(title)


def test_the_page_in_english_and_chinese(page, server, engagements_root, monkeypatch):
    folder = _live_case(engagements_root, "tracker-live", monkeypatch)
    open_app(page, server, "tracker", engagement="tracker-live")
    expect(page.locator(".crm-title")).to_have_text("Rollout tracker")
    expect(page.locator(".crm-tr-row")).to_have_count(len(read_rollout(folder).tasks))
    _shoot_page(page, "tracker-en")
    _open_tab(page, "Gantt and burn-up")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.crm-tr-charts img')].filter(i => i.naturalWidth > 0).length == 2"
    )
    _shoot_page(page, "tracker-charts-en")

    open_app(page, server, "tracker", engagement="tracker-live", lang="zh")
    expect(page.locator(".crm-title")).to_have_text("上线跟踪")
    expect(_row(page, TASK)).to_contain_text("核心:客户360°档案")
    expect(_row(page, TASK).locator(".crm-tr-status select")).to_have_value("已完成")
    text = page.locator(".crm-page").inner_text()
    assert "Traceback" not in page.content() and not re.search(r"\bNone\b|<Figure", text)
    _shoot_page(page, "tracker-zh")
    _open_tab(page, "成功指标")
    expect(page.locator(".crm-tr-kpi")).to_have_count(9)
    expect(page.locator(".crm-tr-kpi-customer_satisfaction")).to_contain_text("已达成")
    shoot(page, "tracker-kpis-zh", full_page=False)
    _open_tab(page, "下载")
    expect(page.locator(".crm-tr-downloads a[download]")).to_have_count(2)
    shoot(page, "tracker-downloads-zh", full_page=False)
