"""The tracker page without a browser: widgets driven from Python on a copy of the demo.

Every edit must reach rollout.yaml and the audit log under the typed name, the page must show
the file (including another writer's change) after each save, and bad input must leave the file
untouched with a FILE: field: message on the page.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import shutil

import pytest
from ipywidgets.widgets.widget import _instances

from toolkit.apps.tracker import CHARTS, DOWNLOADS, KPIS, TrackerPage
from toolkit.files._i18n import messages
from toolkit.files._problems import InvalidInput
from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.rollout import (
    ROLLOUT_FILE,
    default_vendor,
    generate_plan,
    read_audit,
    read_rollout,
    rollout_status,
    save_plan,
    update_task,
)

DAY = dt.date(2027, 2, 3)  # weeks 0-2 of the demo (from 2027-01-04) are over, weeks 2-8 are not
TASK = "core_customer_360"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "case"
    shutil.copytree(demo_path(), target)
    return target


@pytest.fixture
def planned(folder):
    save_plan(folder, generate_plan(load_engagement(folder)), by="setup")
    return folder


def _page(folder, lang="en", name="Lin Wei") -> TrackerPage:
    page = TrackerPage(folder, lang, today=DAY)
    page.by_field.value = name
    return page


def _task(folder, task_id):
    return next(t for t in read_rollout(folder).tasks if t.id == task_id)


def _message(page) -> str:
    return re.sub(r"<[^>]+>", "", page.message.value)


def test_without_a_plan_the_page_offers_the_first_ranked_vendor_and_generates_on_click(folder):
    page = _page(folder)
    assert page.vendor_field.value == default_vendor(load_engagement(folder)) == "jiandaoyun"
    assert page.vendor_field.label == "Jiandaoyun (ranked 1)"
    assert page.no_plan in page.body.children and page.tabs not in page.body.children
    assert page.generate_button.description == "Generate the plan"
    page.self_check()

    page.generate_button.click()
    rollout = read_rollout(folder)
    assert rollout.vendor == "jiandaoyun" and len(page._rows) == len(rollout.tasks) == 28
    assert _message(page) == "Plan for Jiandaoyun saved: 28 tasks, 11 must-have."
    assert {e.by for e in read_audit(folder)} == {"Lin Wei"}
    assert page.tabs in page.body.children and page.generate_button.description == "Regenerate the plan"
    page.self_check()


def test_regenerating_for_another_vendor_keeps_statuses_and_says_what_changed(planned):
    update_task(planned, TASK, status="doing", owner="Zhang Wei", by="setup")
    update_task(planned, "cap_marketing_automation", status="doing", by="setup")
    page = _page(planned)
    # meanwhile the workshop grades R14 (marketing automation) won't: its task leaves the plan
    path = planned / "requirements.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("votes: {marketing_lead: could, sales_director: wont}", "grade: wont"), "utf-8")
    page.vendor_field.value = "salesforce"
    page.generate_button.click()
    after = read_rollout(planned)
    assert after.vendor == "salesforce" and "cap_marketing_automation" not in {t.id for t in after.tasks}
    assert (_task(planned, TASK).status, _task(planned, TASK).owner) == ("doing", "Zhang Wei")
    assert "cap_marketing_automation" not in page._rows and len(page._rows) == 27
    assert _message(page) == (
        "Plan regenerated for Salesforce; statuses, owners and notes of the tasks that stay are kept."
        " Removed: Configure: Marketing automation (email, SMS, social)"
        " removed task Configure: Marketing automation (email, SMS, social) had a status, an owner or a note;"
        " its history stays in rollout-audit.jsonl"
    )
    assert 'class="crm-warning"' in page.message.value
    assert "Salesforce" in page.title.value


def test_a_status_change_saves_at_once_with_the_typed_name_and_marks_the_row(planned):
    page = _page(planned)
    row = page._rows[TASK]
    assert "crm-tr-overdue" in row.box._dom_classes  # weeks 0-2 ended on 17 Jan
    row.status.value = "done"
    assert _task(planned, TASK).status == "done"
    last = read_audit(planned)[-1]
    assert (last.by, last.task, last.field, last.old, last.new) == ("Lin Wei", TASK, "status", "todo", "done")
    assert "crm-tr-done" in row.box._dom_classes and "crm-tr-overdue" not in row.box._dom_classes
    assert re.fullmatch(
        r"Saved by Lin Wei at \d\d:\d\d:\d\d: Core: customer 360° profile: Status To do → Done", _message(page)
    )
    assert "1/8" in page.summary.value and "1 of 28 tasks done" in page.summary.value


def test_owner_and_note_save_and_an_empty_box_clears_them(planned):
    page = _page(planned)
    row = page._rows["data_import"]
    row.owner.value = "Wang Fang"
    row.note.value = "  ERP export arrives Friday "
    task = _task(planned, "data_import")
    assert (task.owner, task.note) == ("Wang Fang", "ERP export arrives Friday")
    assert row.note.value == "ERP export arrives Friday"  # the page shows what the file holds
    row.owner.value = ""
    assert _task(planned, "data_import").owner is None
    assert _message(page).endswith("Owner Wang Fang → (empty)")
    assert [e.field for e in read_audit(planned)[-3:]] == ["owner", "note", "owner"]


def test_after_a_save_the_page_shows_what_another_tab_saved(planned):
    page = _page(planned)
    update_task(planned, "dashboards", status="blocked", note="waiting for BI licences", by="other tab")
    assert page._rows["dashboards"].status.value == "todo"  # not read yet
    page._rows[TASK].status.value = "doing"
    assert page._rows["dashboards"].status.value == "blocked"
    assert page._rows["dashboards"].note.value == "waiting for BI licences"
    assert len(read_audit(planned)) == 28 + 3  # the refresh itself wrote nothing


def test_reload_reads_the_file_and_rebuilds_rows_when_the_plan_changed(planned):
    page = _page(planned)
    engagement = load_engagement(planned)
    plan = generate_plan(engagement, "jiandaoyun")
    save_plan(planned, plan.model_copy(update={"tasks": plan.tasks[:-1]}), by="other tab")
    page.reload_button.click()
    assert len(page._rows) == 27 and plan.tasks[-1].id not in page._rows
    assert _message(page).startswith("Read rollout.yaml again at")


def test_overdue_rows_follow_the_date_picker(planned):
    page = _page(planned)
    expected = set(rollout_status(read_rollout(planned), DAY).overdue)
    overdue = {i for i, r in page._rows.items() if "crm-tr-overdue" in r.box._dom_classes}
    assert overdue == expected and len(expected) == 8
    assert "17 d late" in page._rows[TASK].info.value
    page.today_field.value = dt.date(2027, 1, 10)
    assert not any("crm-tr-overdue" in r.box._dom_classes for r in page._rows.values())
    assert "d late" not in page._rows[TASK].info.value
    page.today_field.value = dt.date(2027, 3, 2)  # weeks 2-8 are over too
    assert sum("crm-tr-overdue" in r.box._dom_classes for r in page._rows.values()) == 8 + 13


def test_kpi_figures_save_and_a_bad_number_is_refused_without_writing(planned):
    page = _page(planned)
    page.tabs.selected_index = KPIS
    row = page._kpi_rows["order_cycle_days"]
    row.fields["baseline"].value = "30"
    row.fields["target"].value = "21"
    row.fields["actual"].value = "26.5"
    kpi = next(k for k in read_rollout(planned).kpis if k.id == "order_cycle_days")
    assert (kpi.baseline, kpi.target, kpi.actual) == (30.0, 21.0, 26.5)
    assert "39% · " in row.progress.value and "not yet" in row.progress.value
    before = (planned / ROLLOUT_FILE).read_bytes()
    row.fields["target"].value = "twenty"
    assert (planned / ROLLOUT_FILE).read_bytes() == before
    assert row.fields["target"].value == "21"
    assert "rollout.yaml:0: kpis.order_cycle_days.target: not a number: 'twenty'" in page.message.value.replace(
        "&#x27;", "'"
    )
    row.fields["actual"].value = ""
    assert next(k for k in read_rollout(planned).kpis if k.id == "order_cycle_days").actual is None
    assert read_audit(planned)[-1].task == "kpi:order_cycle_days"


def test_charts_are_drawn_when_their_tab_opens_and_redrawn_only_when_they_change(planned):
    page = _page(planned)
    assert page.gantt.value == b""  # nothing drawn before the tab opens
    page.tabs.selected_index = CHARTS
    gantt, burnup = page.gantt.value, page.burnup.value
    assert gantt[:8] == burnup[:8] == b"\x89PNG\r\n\x1a\n"
    page._rows[TASK].note.value = "a note changes neither chart"
    assert page.gantt.value is gantt and page.burnup.value is burnup
    page._rows[TASK].status.value = "done"
    assert page.gantt.value != gantt and page.burnup.value != burnup
    gantt = page.gantt.value
    page.lang_switch.value = "zh"
    assert page.gantt.value != gantt


def test_downloads_are_a_workbook_and_a_calendar(planned):
    from openpyxl import load_workbook
    from vobject import readOne

    page = _page(planned)
    page.tabs.selected_index = DOWNLOADS
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', page.downloads.value))
    assert set(links) == {"rollout-case-en.xlsx", "rollout-case-en.ics"}
    book = load_workbook(io.BytesIO(base64.b64decode(links["rollout-case-en.xlsx"])))
    assert book.sheetnames[0] == "Checklist" and book["Checklist"].max_row == 29
    calendar = readOne(base64.b64decode(links["rollout-case-en.ics"]).decode("utf-8"))
    assert len(calendar.vevent_list) == 28
    value = page.downloads.value
    page.tabs.selected_index = 0
    page.tabs.selected_index = DOWNLOADS
    assert page.downloads.value is value  # nothing changed: not rebuilt


def test_the_chinese_page_relabels_everything_and_saves_nothing(planned):
    page = _page(planned)
    page._rows[TASK].status.value = "blocked"
    logged = len(read_audit(planned))
    page.tabs.selected_index = KPIS
    page.lang_switch.value = "zh"
    assert "上线跟踪" in page.title.value and "简道云" in page.title.value
    assert page._rows[TASK].status.value == "blocked" and page._rows[TASK].status.label == "受阻"
    assert "核心:客户360°档案" in page._rows[TASK].info.value and "逾期17天" in page._rows[TASK].info.value
    assert page.tabs.titles == ("任务清单", "成功指标", "甘特图与燃起图", "下载")
    assert "订单周期" in page._kpi_rows["order_cycle_days"].name.value
    assert page.vendor_field.label == "简道云(第1名)" and page.generate_button.description == "重新生成计划"
    assert len(read_audit(planned)) == logged


def test_a_broken_rollout_file_stops_the_page_with_its_problems(planned):
    path = planned / ROLLOUT_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("status: todo", "status: finished", 1), encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        TrackerPage(planned, "en")
    assert any("status" in p.field for p in e.value.problems)


def test_the_checklist_keeps_the_widget_count_down(planned):
    before = len(_instances)
    page = _page(planned)
    made = len(_instances) - before
    assert made < 100 + 7 * len(page._rows), made  # the frame and controls, then a handful per task
    page.tabs.selected_index = KPIS
    assert len(_instances) - before - made < 7 * len(page._kpi_rows) + 10


def test_every_tracker_message_has_english_and_chinese():
    keys = [k for k in messages() if k.startswith("tr_")]
    assert len(keys) > 30
    for key in keys:
        assert messages()[key].get("en") and messages()[key].get("zh"), key
