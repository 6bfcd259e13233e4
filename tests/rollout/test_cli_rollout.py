"""`crm-toolkit plan | status | task | kpi`: outputs, the status JSON contract, one-line errors."""

from __future__ import annotations

import json

from toolkit.cli import main
from toolkit.rollout import AUDIT_FILE, ROLLOUT_FILE, read_rollout


def test_plan_writes_rollout_yaml_and_prints_the_phases(demo_dir, capsys):
    assert main(["plan", str(demo_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Rollout plan for Jiandaoyun, starting 2027-01-04")
    assert "Weeks 0-2: the core (2027-01-04 – 2027-01-17)" in out
    assert "Left out because what it delivers is graded won't: ai_models (ai_lead_scoring)" in out
    tasks = read_rollout(demo_dir).tasks
    assert all(f"\n{t.id} " in out for t in tasks)
    assert f"{len(tasks)} tasks, {sum(t.must for t in tasks)} must-have" in out
    assert (demo_dir / AUDIT_FILE).exists()


def test_plan_json_and_chinese(demo_dir, capsys):
    assert main(["plan", str(demo_dir), "--vendor", "kingdee", "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["vendor"] == "kingdee" and body["removed"] == []
    assert body["added"] == [t["id"] for t in body["tasks"]]
    assert main(["plan", str(demo_dir), "--vendor", "kingdee", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "0-2周:核心跑通(2027-01-04 至 2027-01-17)" in out
    assert f"保留了{len(body['tasks'])}项任务的状态、负责人与备注" in out


def test_status_json_has_the_contract_shape(demo_dir, capsys):
    main(["plan", str(demo_dir)])
    main(["task", str(demo_dir), "core_customer_360", "--status", "done", "--owner", "王芳", "--by", "bob"])
    capsys.readouterr()
    assert main(["status", str(demo_dir), "--today", "2027-01-20", "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert set(body) >= {"progress", "phases", "overdue", "tasks"}
    n = len(body["tasks"])
    assert body["progress"] == 1 / n
    first = body["phases"][0]
    assert set(first) == {"id", "progress", "start", "end", "tasks", "done"}
    assert (first["id"], first["start"], first["end"], first["done"]) == ("weeks-0-2", "2027-01-04", "2027-01-17", 1)
    assert first["progress"] == 1 / first["tasks"]
    phase1 = [t["id"] for t in body["tasks"] if t["phase"] == "weeks-0-2" and t["id"] != "core_customer_360"]
    assert body["overdue"] == phase1
    task = body["tasks"][0]
    assert {k: task[k] for k in ("id", "phase", "title", "owner", "due", "status", "capability")} == {
        "id": "core_customer_360",
        "phase": "weeks-0-2",
        "title": "Core: customer 360° profile",
        "owner": "王芳",
        "due": "2027-01-17",
        "status": "done",
        "capability": "customer_360",
    }


def test_status_table_in_chinese(demo_dir, capsys):
    main(["plan", str(demo_dir)])
    capsys.readouterr()
    assert main(["status", str(demo_dir), "--today", "2027-01-05", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("截至2027-01-05的上线进度:")
    assert "逾期任务: 无" in out


def test_task_prints_each_change_and_errors_are_one_line(demo_dir, capsys):
    main(["plan", str(demo_dir)])
    capsys.readouterr()
    assert main(["task", str(demo_dir), "dashboards", "--status", "doing", "--note", "KPI list agreed"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "dashboards: status todo → doing",
        "dashboards: note (empty) → KPI list agreed",
    ]
    before = (demo_dir / ROLLOUT_FILE).read_bytes()
    assert main(["task", str(demo_dir), "nope", "--status", "done"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].endswith(
        "task: unknown task id 'nope'; known: core_customer_360, "
        "core_lead_opportunity_funnel, core_order_contract_payment, data_import, "
        "quote_contract_approval, cap_roles_permissions, change_sponsor_kickoff, "
        "change_training_key_users, ..."
    )
    assert main(["task", str(demo_dir), "dashboards", "--status", "finished"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].endswith(
        "status: unknown status 'finished'; expected one of: todo, doing, blocked, done"
    )
    assert (demo_dir / ROLLOUT_FILE).read_bytes() == before


def test_kpi_sets_and_clears(demo_dir, capsys):
    main(["plan", str(demo_dir)])
    capsys.readouterr()
    assert main(["kpi", str(demo_dir), "order_cycle_days", "--baseline", "30", "--target", "24"]) == 0
    assert main(["kpi", str(demo_dir), "order_cycle_days", "--target", "none"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "kpi:order_cycle_days: target 24.0 → (empty)"
    kpi = next(k for k in read_rollout(demo_dir).kpis if k.id == "order_cycle_days")
    assert (kpi.baseline, kpi.target) == (30.0, None)


def test_status_without_a_plan_says_so(demo_dir, capsys):
    assert main(["status", str(demo_dir)]) == 1
    assert "no rollout plan yet: run `crm-toolkit plan` first" in capsys.readouterr().out


def test_validate_and_plan_report_a_broken_rollout_file_and_write_nothing(demo_dir, capsys):
    main(["plan", str(demo_dir)])
    path = demo_dir / ROLLOUT_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("  effort_days:"))
    lines[n] = "  effort_days: lots"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = path.read_bytes()
    audit = (demo_dir / AUDIT_FILE).read_bytes()
    capsys.readouterr()
    assert main(["validate", str(demo_dir)]) == 1
    assert f"rollout.yaml:{n + 1}: tasks[0].effort_days:" in capsys.readouterr().out
    assert main(["plan", str(demo_dir)]) == 1
    assert f"rollout.yaml:{n + 1}: tasks[0].effort_days:" in capsys.readouterr().out
    assert path.read_bytes() == broken and (demo_dir / AUDIT_FILE).read_bytes() == audit
