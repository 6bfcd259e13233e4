"""The command line: exit codes, output shapes, and no traceback for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from toolkit.cli import main

from .conftest import ENGAGEMENT, REQUIREMENTS


def run(*args: str) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True, text=True)


def test_validate_bundled_profiles_and_demo_pass():
    from toolkit.model._profiles import demo_path

    assert main(["validate"]) == 0
    assert main(["validate", str(demo_path())]) == 0


def test_folder_of_broken_files_gives_one_line_per_problem_and_exit_1(make_engagement):
    folder = make_engagement(
        engagement=ENGAGEMENT.replace("users: 60", "users: -1") + "weights: {fit: 0, tco: 0}\n",
        requirements=REQUIREMENTS.replace("quote_approval", "quote_flow") + "  - system: sap\n",
        evaluations="acme_crm:\n  customer_360: {rating: 5, evidence: demo}\n",
    )
    (folder / "broken.yaml").write_text("a: [1\n")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = run("validate", str(folder))
    assert result.returncode == 1
    lines = [line.removeprefix(str(folder) + "/") for line in result.stdout.splitlines()]
    assert [line.split(": ")[0] + ": " + line.split(": ")[1] for line in lines] == [
        "broken.yaml:2: YAML syntax",
        "engagement.yaml:5: users",
        "engagement.yaml:7: weights",
        "engagement.yaml:7: weights",  # the warning that integration and viability weigh 0
        "evaluations.yaml:2: acme_crm.customer_360.rating",
        "requirements.yaml:6: requirements[1].capability",
        "requirements.yaml:11: integrations[1]",
        "requirements.yaml:11: integrations[1].system",
    ]
    assert "Traceback" not in result.stderr + result.stdout
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_validate_json_format(make_engagement):
    folder = make_engagement(engagement=ENGAGEMENT.replace("users: 60", "users: -1"))
    result = run("validate", str(folder), "--format", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 1 and data["valid"] is False
    assert [(p["line"], p["field"]) for p in data["problems"]] == [(5, "users")]


def test_usage_errors_exit_2():
    assert run("validate", "--format", "xml").returncode == 2
    assert run("nonsense").returncode == 2
    assert run().returncode == 2


@pytest.mark.parametrize("command", ["validate", "new", "requirements", "catalog", "profiles", "schema", "demo"])
def test_help_on_every_command(command):
    result = run(command, "--help")
    assert result.returncode == 0 and "usage: crm-toolkit" in result.stdout
    result = run("requirements", "import", "--help")
    assert result.returncode == 0 and "requirements import" in result.stdout


def test_requirements_json_shape(make_engagement, capsys):
    folder = make_engagement()
    assert main(["requirements", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("must", "could", "wont", "conflicts", "overridden")} == {
        "must": ["R01"],
        "could": ["R02"],
        "wont": [],
        "conflicts": [],
        "overridden": [],
    }
    assert data["integrations"]["must"] == ["integration:erp"]


def test_requirements_table_in_chinese(capsys):
    from toolkit.model._profiles import demo_path

    assert main(["requirements", str(demo_path()), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "必做 (10)" in out and "可做 (8)" in out and "不做 (2)" in out
    assert "R08" in out.split("冲突")[-1]  # the dealer-management conflict is listed


def test_requirements_exports_and_import_round_trip(make_engagement, tmp_path):
    folder = make_engagement()
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"r.{fmt}"
        assert main(["requirements", str(folder), "--format", fmt, "-o", str(out)]) == 0
        before = (folder / "requirements.yaml").read_text()
        assert main(["requirements", "import", str(folder), str(out)]) == 0
        assert (folder / "requirements.yaml").read_text() == before


def test_requirements_import_of_bad_sheet_exits_1_and_writes_nothing(make_engagement, tmp_path):
    folder = make_engagement()
    sheet = tmp_path / "bad.csv"
    sheet.write_text("kind,id,capability,grade\nrequirement,R01,customer_360,maybe\nrequirement,R09,nope,must\n")
    before = (folder / "requirements.yaml").read_bytes()
    result = run("requirements", "import", str(folder), str(sheet))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{sheet}:2: grade: grade must be must, could or wont (got 'maybe')",
        f"{sheet}:3: capability: unknown capability id 'nope'; see `crm-toolkit catalog`",
    ]
    assert (folder / "requirements.yaml").read_bytes() == before


def test_new_scaffolds_a_valid_engagement_from_the_industry(tmp_path, capsys):
    folder = tmp_path / "acme"
    assert main(["new", str(folder), "--industry", "retail", "--client", "Acme 零售", "--users", "25"]) == 0
    assert main(["validate", str(folder)]) == 0
    from toolkit import industry_profile, load_engagement

    engagement = load_engagement(folder)
    suggested = industry_profile("retail").suggested_grades
    assert [r.capability for r in engagement.requirements.requirements] == list(suggested)
    assert [r.grade for r in engagement.requirements.requirements] == list(suggested.values())
    assert engagement.settings.client == "Acme 零售" and engagement.settings.users == 25


def test_new_refuses_a_non_empty_folder_and_unknown_industry(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("keep me")
    result = run("new", str(tmp_path / "x"), "--industry", "retail", "--client", "A")
    assert result.returncode == 2 and "not empty" in result.stderr
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["notes.txt"]
    result = run("new", str(tmp_path / "y"), "--industry", "mining", "--client", "A")
    assert result.returncode == 2 and "unknown industry 'mining'" in result.stderr
    assert not (tmp_path / "y").exists()


def test_schema_writes_one_file_per_kind(tmp_path):
    assert main(["schema", "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [
            "engagement.schema.json",
            "requirements.schema.json",
            "evaluations.schema.json",
            "vendor_profile.schema.json",
            "industry_profile.schema.json",
            "rollout.schema.json",
            "task_library.schema.json",
        ]
    )
    schema = json.loads((tmp_path / "requirements.schema.json").read_text())
    grade = schema["$defs"]["Requirement"]["properties"]["grade"]
    assert {"enum": ["must", "could", "wont"]} in grade["anyOf"]


def test_schemas_accept_the_demo_and_reject_a_bad_rating(tmp_path):
    import jsonschema

    from toolkit.files._yaml import load_yaml, plain
    from toolkit.model._profiles import demo_path
    from toolkit.model.schema import json_schemas

    schemas = json_schemas()
    engagement = plain(load_yaml(demo_path() / "engagement.yaml").data)
    engagement["start_date"] = engagement["start_date"].isoformat()
    jsonschema.validate(engagement, schemas["engagement.schema.json"])
    requirements = plain(load_yaml(demo_path() / "requirements.yaml").data)
    assert requirements["stakeholders"]
    jsonschema.validate(requirements, schemas["requirements.schema.json"])
    assert list(schemas["requirements.schema.json"]["properties"])[0] == "stakeholders"
    bad = {"acme": {"customer_360": {"rating": 5, "evidence": "x"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schemas["evaluations.schema.json"])


def test_catalog_and_profiles_json(capsys):
    assert main(["catalog", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {c["id"] for c in data["capabilities"]}
    assert (
        len(ids) >= 60 and {"customer_360", "lead_opportunity_funnel", "order_contract_payment", "data_import"} <= ids
    )
    assert {
        "erp",
        "oa",
        "wecom",
        "dingtalk",
        "feishu",
        "email",
        "telephony",
        "ecommerce",
        "pos",
        "payment",
        "bi",
        "sso",
    } <= {i["id"] for i in data["integrations"]}
    assert main(["profiles", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(v["facts"] > 0 for v in data["vendors"])
    # a vendor whose pages all give no publication date has no oldest one: xiaoshouyi
    undated = {v["id"] for v in data["vendors"] if not v["oldest_source"]}
    assert undated == {v["id"] for v in data["vendors"] if v["undated_sources"] == v["sources"]} == {"xiaoshouyi"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_profiles_stale_lists_the_turbocrm_ratings_of_yonyou(capsys, lang):
    from toolkit.files._i18n import label

    assert main(["profiles", "--stale", "--vendor", "yonyou", "--today", "2026-12-03", "--lang", lang]) == 0
    out = capsys.readouterr().out
    stale, undated = out.split(label("stale_unknown_title", lang))
    assert label("stale_title", lang, months=18, today="2026-12-03", cutoff="2025-06-03") in stale
    name = {"en": "Yonyou", "zh": "用友"}[lang]
    assert label("stale_count", lang, vendor=f"{name} (yonyou)", stale=28, unknown=40) in stale
    rows = {line.split()[0]: line.split() for line in stale.splitlines() if line.startswith("capabilities.")}
    turbo = {k for k, r in rows.items() if r[-2].startswith("turbocrm_")}
    assert len(turbo) == 15 and "capabilities.customer_360" in turbo
    fit, marketing = label("feeds_fit", lang), label("grade_marketing", lang)
    assert rows["capabilities.customer_360"][1:] == ["3", fit, marketing, "turbocrm_whitepaper", "2005"]
    assert rows["capabilities.project_management"][-1] == "2005-01"
    assert label("published_unknown", lang) in undated and "capabilities.order_contract_payment" in undated
    assert main(["profiles", "--stale", "--vendor", "yonyou", "--months", "300", "--today", "2026-12-03"]) == 0
    assert "turbocrm_" not in capsys.readouterr().out.split(label("stale_unknown_title", "en"))[0]


def test_profiles_stale_as_json(capsys):
    assert main(["profiles", "--stale", "--format", "json", "--today", "2026-12-03", "--months", "12"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cutoff"] == "2025-12-03" and len(data["vendors"]) == 10
    yonyou = next(v for v in data["vendors"] if v["id"] == "yonyou")
    ratings = {f["fact"]: f for f in yonyou["stale"]}
    assert ratings["capabilities.customer_360"] == {
        "fact": "capabilities.customer_360",
        "value": "3",
        "feeds": "fit",
        "grade": "marketing",
        "source": "turbocrm_whitepaper",
        "published": "2005",
    }
    assert {f["feeds"] for f in yonyou["stale"]} >= {"fit", "tco", "viability"}
    assert main(["profiles", "--stale", "--vendor", "nobody"]) == 2


def test_demo_command_prints_the_table():
    result = run("demo", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "华东精密机械有限公司" in result.stdout and "必做" in result.stdout


def test_requirements_workbook_carries_the_room_weights(tmp_path, capsys):
    """The demo's weights go out in the Weights sheet and come back unchanged: 0 updated."""
    import shutil

    from openpyxl import load_workbook

    from toolkit.model._profiles import demo_path

    folder = shutil.copytree(demo_path(), tmp_path / "demo")
    out = tmp_path / "w.xlsx"
    assert main(["requirements", str(folder), "--format", "xlsx", "-o", str(out)]) == 0
    methods = [r[2] for r in load_workbook(out)["Weights"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert methods == ["rank", "weights", "swing", "swing", "ahp", "ahp"]
    before = (folder / "engagement.yaml").read_bytes()
    capsys.readouterr()
    assert main(["requirements", "import", str(folder), str(out)]) == 0
    assert (
        capsys.readouterr().out.splitlines()[1]
        == f"updated the weights of 0 stakeholder(s) in {folder}/engagement.yaml"
    )
    assert (folder / "engagement.yaml").read_bytes() == before


def test_requirements_import_warns_of_inconsistent_ahp(tmp_path, capsys):
    import shutil

    from openpyxl import load_workbook

    from toolkit.model._profiles import demo_path
    from toolkit.scoring._room import ahp_weights

    folder = shutil.copytree(demo_path(), tmp_path / "demo")
    out = tmp_path / "w.xlsx"
    assert main(["requirements", str(folder), "--format", "xlsx", "-o", str(out)]) == 0
    wb = load_workbook(out)
    judgements = {("fit", "integration"): 9, ("fit", "tco"): 1 / 9, ("fit", "viability"): 1}
    judgements |= {("integration", "tco"): 9, ("integration", "viability"): 1, ("tco", "viability"): 1}
    for j, value in enumerate(("9", "1/9", 1, 9, 1, 1), start=8):
        wb["Weights"].cell(6, j).value = value  # it_manager's row, columns fit/integration .. tco/viability
    wb.save(out)
    _, ratio, (a, b) = ahp_weights(judgements)
    assert ratio > 0.10
    column = "HIJKLM"[list(judgements).index((a, b))]
    capsys.readouterr()
    assert main(["requirements", "import", str(folder), str(out), "--lang", "zh"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1] == f"已更新 1 位参与者的权重到 {folder}/engagement.yaml"
    assert captured.err.splitlines() == [
        f"{out}:Weights!{column}6: {a}/{b}: warning: it_manager:一致性比率 {ratio:.3f} 高于 0.10;"
        f"最不一致的判断是 {a} 对 {b}。"
    ]
