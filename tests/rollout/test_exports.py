"""The rollout plan exported as a checklist (CSV, xlsx) and a calendar (ics), read back by other tools."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import openpyxl
import pytest
import vobject

from toolkit.files._problems import InvalidInput, ToolkitError
from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.rollout import _exports_xlsx as xlsx_module
from toolkit.rollout import generate_plan, read_audit, read_rollout, save_plan, update_task
from toolkit.rollout._calendar import calendar_id
from toolkit.rollout._checklist import checklist_rows
from toolkit.rollout._exports import export, export_csv, export_ics, export_xlsx

TODAY = dt.date(2027, 2, 3)  # weeks 0-2 ended on 2027-01-17: its open tasks are overdue
NOW = dt.datetime(2027, 2, 3, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """The demo engagement with a saved plan, one task done, one doing; not changed by any test."""
    folder = tmp_path_factory.mktemp("plans") / "demo-eng"
    shutil.copytree(demo_path(), folder)
    save_plan(folder, generate_plan(load_engagement(folder)), by="alice")
    update_task(folder, "core_customer_360", status="done", owner="王芳", note="signed off", by="bob")
    update_task(folder, "dashboards", status="doing", note='waits for "sales, by region"', by="bob")
    return folder


@pytest.fixture
def engagement(planned, tmp_path):
    """A copy of the planned engagement a test may change."""
    folder = tmp_path / "demo-eng"
    shutil.copytree(planned, folder)
    return folder


def _task(rollout, task_id):
    return next(t for t in rollout.tasks if t.id == task_id)


# --- the shared table ------------------------------------------------------------------------


def test_checklist_has_one_row_per_task_grouped_by_phase(planned):
    rollout = read_rollout(planned)
    table = checklist_rows(rollout, today=TODAY, lang="en")
    assert len(table.rows) == len(rollout.tasks) == len(table.tasks)
    assert len(table.head) == len(table.keys) == 17
    assert table.head[:4] == ["Phase", "Track", "Id", "Task"]
    order = [p.id for p in rollout.phases]
    assert [order.index(t.phase) for t in table.tasks] == sorted(order.index(t.phase) for t in table.tasks)
    row = dict(zip(table.keys, table.rows[[t.id for t in table.tasks].index("core_customer_360")], strict=True))
    assert row["phase"] == "Weeks 0-2: the core"
    assert row["status"] == "Done"
    assert row["overdue"] == "no"
    assert row["must"] == "yes"
    assert row["owner"] == "王芳"
    assert row["owner_role"] == "Sales lead"
    assert row["due"] == dt.date(2027, 1, 17)
    assert row["level"] == "rated 2 of 3"
    open_core = dict(zip(table.keys, table.rows[[t.id for t in table.tasks].index("data_import")], strict=True))
    assert (open_core["status"], open_core["overdue"]) == ("To do", "yes")


def test_checklist_in_chinese(planned):
    table = checklist_rows(read_rollout(planned), today=TODAY, lang="zh")
    row = dict(zip(table.keys, table.rows[0], strict=True))
    assert table.head[0] == "阶段"
    assert row["title"] == "核心:客户360°档案"
    assert (row["status"], row["must"]) == ("已完成", "是")


# --- CSV -------------------------------------------------------------------------------------


def test_csv_reads_back_with_chinese_intact(planned, tmp_path):
    rollout = read_rollout(planned)
    path = export_csv(rollout, tmp_path / "plan.csv", today=TODAY, lang="zh")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    assert b"\r\n" in raw  # RFC 4180 line ends
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == len(rollout.tasks) + 1
    assert rows[0][:4] == ["阶段", "类型", "编号", "任务"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["任务"] == "核心:客户360°档案"
    assert first["截止日期"] == "2027-01-17"
    assert first["工作量(人天)"] == "4.5"
    notes = {r[2]: r[-1] for r in rows[1:]}
    assert notes["dashboards"] == 'waits for "sales, by region"'  # comma and quotes survive the quoting


# --- xlsx ------------------------------------------------------------------------------------


def test_xlsx_checklist_sheet(planned, tmp_path):
    rollout = read_rollout(planned)
    path = export_xlsx(rollout, tmp_path / "plan.xlsx", today=TODAY, lang="en", client="ACME", vendor="Jiandaoyun")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Checklist", "Phases", "KPIs", "About"]
    ws = wb["Checklist"]
    head = [c.value for c in ws[1]]
    assert ws.max_row == len(rollout.tasks) + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:Q{ws.max_row}"
    col = {h: i for i, h in enumerate(head, start=1)}
    status_letter = openpyxl.utils.get_column_letter(col["Status"])
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"To do,In progress,Blocked,Done"'
    assert str(validation.sqref) == f"{status_letter}2:{status_letter}{ws.max_row}"
    by_id = {ws.cell(r, col["Id"]).value: r for r in range(2, ws.max_row + 1)}
    overdue, done, later = by_id["data_import"], by_id["core_customer_360"], by_id["kpi_review"]
    assert ws.cell(overdue, col["Overdue"]).value == "yes"
    assert ws.cell(overdue, col["Task"]).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(later, col["Task"]).fill.fill_type is None
    assert ws.cell(done, col["Task"]).fill.fill_type is None  # done is never overdue
    due = ws.cell(overdue, col["Due"])
    assert due.is_date and due.value.date() == dt.date(2027, 1, 17)
    assert due.number_format == "yyyy-mm-dd"
    assert ws.cell(overdue, col["Acceptance"]).alignment.wrap_text
    rules = [(str(cf.sqref), r.formula) for cf in ws.conditional_formatting for r in cf.rules]
    assert rules == [(f"A2:Q{ws.max_row}", [f'${status_letter}2="Done"'])]  # done rows grey out, live


def test_xlsx_phases_kpis_about(planned, tmp_path):
    rollout = read_rollout(planned)
    path = export_xlsx(rollout, tmp_path / "plan.xlsx", today=TODAY, lang="en", client="ACME", vendor="Jiandaoyun")
    wb = openpyxl.load_workbook(path)
    phases = [[c.value for c in row] for row in wb["Phases"].iter_rows(min_row=2)]
    first = phases[0]
    assert first[0] == "Weeks 0-2: the core"
    assert first[1].date() == dt.date(2027, 1, 4) and first[2].date() == dt.date(2027, 1, 17)
    assert first[3] == sum(t.phase == "weeks-0-2" for t in rollout.tasks)
    assert first[4] == 1
    assert first[5] == pytest.approx(1 / first[3])
    assert wb["Phases"]["F2"].number_format == "0.0%"
    kpis = wb["KPIs"]
    assert kpis.max_row == len(rollout.kpis) + 1
    assert [c.value for c in kpis[2]][:3] == ["Order follow-up efficiency", "ratio", "higher is better"]
    about = {r[0].value: r[1].value for r in wb["About"].iter_rows(min_row=2)}
    assert about["Client"] == "ACME"
    assert about["Vendor"] == "Jiandaoyun"
    assert about["Status as of"].date() == TODAY
    assert about["Start date"].date() == dt.date(2027, 1, 4)
    assert about["Generated by"].startswith("crm-toolkit ")


def test_xlsx_in_chinese(planned, tmp_path):
    path = export_xlsx(read_rollout(planned), tmp_path / "plan.xlsx", today=TODAY, lang="zh")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["任务清单", "阶段进度", "成功指标", "说明"]
    ws = wb["任务清单"]
    assert ws["D2"].value == "核心:客户360°档案"
    assert ws.data_validations.dataValidation[0].formula1 == '"待办,进行中,受阻,已完成"'


# --- ics -------------------------------------------------------------------------------------


def _calendar(folder, tmp_path, name="plan.ics", lang="en"):
    rollout = read_rollout(folder)
    cal_id = calendar_id(folder, "华东精密机械有限公司")
    path = export_ics(
        rollout, tmp_path / name, calendar_id=cal_id, audit=read_audit(folder), lang=lang, now=NOW, client="ACME"
    )
    return rollout, vobject.readOne(path.read_text(encoding="utf-8"))


def test_ics_parses_with_another_library(planned, tmp_path):
    rollout, cal = _calendar(planned, tmp_path)
    events = {e.uid.value: e for e in cal.vevent_list}
    assert len(cal.vevent_list) == len(events) == len(rollout.tasks)
    assert cal.version.value == "2.0"
    assert cal.prodid.value
    assert cal.x_wr_calname.value == "CRM rollout: ACME (jiandaoyun)"
    cal_id = calendar_id(planned, "华东精密机械有限公司")
    for task in rollout.tasks:
        event = events[f"{task.id}.{cal_id}@crm-toolkit"]
        assert event.dtstart.value == task.due  # a date, not a date-time: an all-day event
        assert event.dtend.value == task.due + dt.timedelta(days=1)
        assert event.dtstamp.value == NOW
        assert event.status.value == "CONFIRMED"
    done = events[f"core_customer_360.{cal_id}@crm-toolkit"]
    assert done.summary.value == "✓ Core: customer 360° profile"
    assert done.categories.value == ["Weeks 0-2: the core"]
    assert "Owner: 王芳 (Sales lead)" in done.description.value.splitlines()
    assert "Status: Done" in done.description.value.splitlines()
    last_change = max(dt.datetime.fromisoformat(e.at) for e in read_audit(planned) if e.task == "core_customer_360")
    assert done.last_modified.value == last_change
    assert events[f"data_import.{cal_id}@crm-toolkit"].summary.value == _task(rollout, "data_import").title.en


def test_ics_in_chinese(planned, tmp_path):
    _, cal = _calendar(planned, tmp_path, lang="zh")
    summaries = {e.summary.value for e in cal.vevent_list}
    assert "✓ 核心:客户360°档案" in summaries
    assert cal.x_wr_calname.value == "CRM上线计划:ACME(jiandaoyun)"


def test_uids_stable_across_exports_and_apart_between_engagements(planned, engagement, tmp_path):
    _, first = _calendar(planned, tmp_path, "a.ics")
    _, again = _calendar(planned, tmp_path, "b.ics")
    assert [e.uid.value for e in first.vevent_list] == [e.uid.value for e in again.vevent_list]
    other = engagement.parent / "other-client"
    engagement.rename(other)
    _, elsewhere = _calendar(other, tmp_path, "c.ics")
    assert not {e.uid.value for e in first.vevent_list} & {e.uid.value for e in elsewhere.vevent_list}
    assert calendar_id(planned, "A") == calendar_id(planned, "A") != calendar_id(planned, "B")
    assert len(calendar_id(planned, "A")) == 12


def test_sequence_grows_with_each_logged_change(engagement, tmp_path):
    def sequence(name):
        _, cal = _calendar(engagement, tmp_path, name)
        return {e.uid.value.split(".")[0]: int(e.sequence.value) for e in cal.vevent_list}

    before = sequence("before.ics")
    update_task(engagement, "data_import", status="doing", owner="李雷", by="carol")
    after = sequence("after.ics")
    assert after["data_import"] == before["data_import"] + 2  # two fields changed, two audit entries
    assert {k: v for k, v in after.items() if k != "data_import"} == {
        k: v for k, v in before.items() if k != "data_import"
    }


# --- writing safely --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ics"])
def test_missing_folder_raises_and_writes_nothing(planned, tmp_path, fmt):
    target = tmp_path / "missing" / f"plan.{fmt}"
    with pytest.raises(ToolkitError, match="does not exist") as caught:
        export(planned, fmt, target, today=TODAY)
    assert "\n" not in str(caught.value)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_build_leaves_the_old_file(planned, tmp_path, monkeypatch):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(xlsx_module, "workbook_bytes", broken)
    with pytest.raises(RuntimeError):
        export(planned, "xlsx", target, today=TODAY)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]  # no temporary file left behind


def test_export_dispatches_each_format(planned, tmp_path):
    for fmt in ("csv", "xlsx", "ics"):
        path = export(planned, fmt, tmp_path / f"plan.{fmt}", lang="zh", today=TODAY)
        assert path == tmp_path / f"plan.{fmt}" and path.stat().st_size > 0
    cal = vobject.readOne((tmp_path / "plan.ics").read_text(encoding="utf-8"))
    assert cal.x_wr_calname.value == "CRM上线计划:华东精密机械有限公司(简道云)"
    uids = {e.uid.value for e in cal.vevent_list}
    assert f"data_import.{calendar_id(planned, '华东精密机械有限公司')}@crm-toolkit" in uids
    about = {r[0].value: r[1].value for r in openpyxl.load_workbook(tmp_path / "plan.xlsx")["说明"].iter_rows()}
    assert about["客户"] == "华东精密机械有限公司"


def test_export_without_a_plan_raises_invalid_input(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        export(demo_path(), "csv", tmp_path / "plan.csv")
    assert "crm-toolkit plan" in caught.value.problems[0].message
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_refused(planned, tmp_path):
    with pytest.raises(ToolkitError, match="unknown export format 'pdf'"):
        export(planned, "pdf", tmp_path / "plan.pdf")


def test_a_plan_without_tasks_still_exports(planned, tmp_path):
    empty = read_rollout(planned).model_copy(update={"tasks": []})
    export_csv(empty, tmp_path / "plan.csv", today=TODAY)
    assert len((tmp_path / "plan.csv").read_text(encoding="utf-8-sig").splitlines()) == 1
    wb = openpyxl.load_workbook(export_xlsx(empty, tmp_path / "plan.xlsx", today=TODAY))
    assert wb["Checklist"].max_row == 1 and not wb["Checklist"].data_validations.dataValidation
    ics = export_ics(empty, tmp_path / "plan.ics", calendar_id="x", now=NOW)
    assert not getattr(vobject.readOne(ics.read_text(encoding="utf-8")), "vevent_list", [])
