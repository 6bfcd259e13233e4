"""`crm-toolkit score | sensitivity | weights` on a preliminary scorecard: exit 0, one warning
line on stderr, the missing figures on every output; `--strict` refuses as before."""

from __future__ import annotations

import csv
import io
import json

import pytest

from toolkit.cli import main

from .test_preliminary import FRESH_MISSING

WARNING = (
    "warning: preliminary scorecard: TCO counts in no total while price or cost figures are missing (15); "
    "--strict refuses instead"
)


@pytest.fixture
def fresh(tmp_path, capsys):
    folder = tmp_path / "fresh"
    assert main(["new", str(folder), "--industry", "manufacturing", "--client", "Fresh Co"]) == 0
    capsys.readouterr()
    return folder


def test_the_table_opens_with_the_banner_and_ends_with_the_missing_figures(fresh, capsys):
    assert main(["score", str(fresh)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [WARNING]
    out = captured.out.splitlines()
    assert out[0].startswith("PRELIMINARY SCORECARD: TCO counts in no vendor's total while price or cost figures")
    assert "(Fit 53%, Integration 27%, Viability 20%)" in out[0] and out[0].endswith("listed below.")
    assert out[-16] == "Missing figures (where each goes):"
    assert out[-15:] == [f"  {line}" for line in FRESH_MISSING]
    assert "Weights: Fit 53%, Integration 27%, TCO 0%, Viability 20%" in out
    kingdee = next(line for line in out if line.startswith("–     Kingdee"))
    assert kingdee.split()[5:8] == ["–", "83.3", "–"]  # no TCO score, viability, no TCO
    assert kingdee.endswith("knocked out, no TCO yet")


def test_the_table_in_chinese(fresh, capsys):
    assert main(["score", str(fresh), "--lang", "zh"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("初步评分: 尚缺15项价格或成本数字,因此总拥有成本不计入任何厂商的总分")
    assert "缺少的数字(应填写的位置):" in captured.out
    assert captured.err.startswith("warning: 初步评分:尚缺15项价格或成本数字")


def test_json_is_marked_preliminary_with_the_missing_figures(fresh, capsys):
    assert main(["score", str(fresh), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [WARNING]
    data = json.loads(captured.out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    assert data["preliminary"] is True and data["missing"] == FRESH_MISSING
    assert data["weights"]["tco"] == 0.0
    priced = [v["vendor"] for v in data["vendors"] if v["tco_total"] is not None]
    assert priced == ["hubspot"]
    assert all(v["tco"] is None for v in data["vendors"] if v["vendor"] != "hubspot")


def test_csv_lists_the_missing_figures_on_stderr(fresh, capsys):
    assert main(["score", str(fresh), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [WARNING, *(f"  {line}" for line in FRESH_MISSING)]
    rows = {r["vendor"]: r for r in csv.DictReader(io.StringIO(captured.out))}
    assert rows["kingdee"]["tco"] == rows["kingdee"]["tco_total"] == rows["kingdee"]["tco_indicative"] == ""
    assert rows["hubspot"]["tco"] == "100.0" and float(rows["hubspot"]["tco_total"]) > 0


@pytest.mark.parametrize("command", ["score", "sensitivity", "weights"])
def test_strict_refuses_as_before(fresh, capsys, command):
    assert main([command, str(fresh), "--strict"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{fresh}/{line}" for line in FRESH_MISSING]
    assert captured.err.splitlines() == ["15 problem(s), 0 warning(s)"]


def test_sensitivity_says_preliminary(fresh, capsys):
    assert main(["sensitivity", str(fresh), "--samples", "200", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [WARNING]
    data = json.loads(captured.out)
    assert data["preliminary"] is True and data["missing"] == FRESH_MISSING
    assert main(["sensitivity", str(fresh), "--samples", "200"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("PRELIMINARY SCORECARD: ")
    assert captured.err.splitlines() == [WARNING, *(f"  {line}" for line in FRESH_MISSING)]


def test_the_plan_names_its_vendor_from_a_preliminary_ranking(tmp_path, capsys):
    import shutil

    from toolkit.model._profiles import demo_path

    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "evaluations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "price_per_user_month: 150" not in x), encoding="utf-8")
    assert main(["plan", str(folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["vendor"] == "fxiaoke"
    assert captured.err.splitlines() == [
        "warning: the plan is for Fxiaoke (ShareCRM), first on a preliminary scorecard (TCO counts in no total "
        "while prices or costs are missing); --vendor chooses another"
    ]
    assert main(["plan", str(folder), "--vendor", "kingdee", "--format", "json"]) == 0
    assert capsys.readouterr().err == ""
