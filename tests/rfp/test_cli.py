"""`crm-toolkit rfp export|import`: exit codes 0, 1 and 2 and what they print."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from toolkit.cli import main

from .conftest import fill


def test_export_then_import(demo, tmp_path, capsys):
    book = tmp_path / "rfp.xlsx"
    assert main(["rfp", "export", str(demo), "-o", str(book), "--vendor", "xiaoshouyi", "--vendor", "kingdee"]) == 0
    assert f"wrote {book}" in capsys.readouterr().err
    assert load_workbook(book).sheetnames[1:5] == ["xiaoshouyi", "xiaoshouyi pricing", "kingdee", "kingdee pricing"]
    fill(book, "xiaoshouyi", {"R04": (2, "RFP 1.4"), "integration:erp": ("api", "RFP 3.1")})
    assert main(["rfp", "import", str(demo), str(book)]) == 0
    out = capsys.readouterr().out
    assert out == (f"imported 1 rating(s), 1 integration answer(s) and 0 quote(s) into {demo / 'evaluations.yaml'}\n")


def test_per_vendor_in_chinese(demo, tmp_path, capsys):
    out = tmp_path / "rfp"
    assert main(["rfp", "export", str(demo), "-o", f"{out}/", "--per-vendor", "--lang", "zh"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        f"rfp-{v}.xlsx" for v in sorted(["jiandaoyun", "salesforce", "kingdee", "yonyou", "fxiaoke", "xiaoshouyi"])
    ]
    assert capsys.readouterr().err.count("已写入") == 6


def test_bad_answers_exit_1_with_one_line_each(demo, tmp_path, capsys):
    book = tmp_path / "rfp.xlsx"
    assert main(["rfp", "export", str(demo), "-o", str(book), "--vendor", "kingdee"]) == 0
    fill(book, "kingdee", {"R01": (7, "x"), "R02": (3, None)})
    before = (demo / "evaluations.yaml").read_bytes()
    capsys.readouterr()
    assert main(["rfp", "import", str(demo), str(book)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{book}:kingdee!E4: rating: must be a whole number from 0 to 3 (got '7')",
        f"{book}:kingdee!F5: evidence: required with a rating: the module, a document or a demo",
    ]
    assert "2 problem(s)" in captured.err
    assert (demo / "evaluations.yaml").read_bytes() == before


def test_another_engagements_workbook_exits_1(demo, tmp_path, capsys):
    other = shutil.copytree(demo, tmp_path / "elsewhere")
    book = tmp_path / "other.xlsx"
    assert main(["rfp", "export", str(other), "-o", str(book)]) == 0
    capsys.readouterr()
    assert main(["rfp", "import", str(demo), str(book)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert "made for client '华东精密机械有限公司', engagement 'elsewhere'" in line


def test_usage_errors_exit_2(demo, tmp_path, capsys):
    assert main(["rfp"]) == 2
    assert main(["rfp", "export", str(demo), "-o", str(tmp_path / "x.csv")]) == 2
    assert "give -o FILE.xlsx" in capsys.readouterr().err
    assert main(["rfp", "export", str(demo), "-o", str(tmp_path / "x.xlsx"), "--per-vendor"]) == 2
    assert main(["rfp", "export", str(demo), "-o", str(tmp_path / "x.xlsx"), "--vendor", "hubspot"]) == 2
    assert "hubspot is not on the shortlist" in capsys.readouterr().err
    assert main(["rfp", "import", str(tmp_path), str(tmp_path / "x.xlsx")]) == 2
    assert main(["rfp", "import", str(demo), str(tmp_path / "missing.xlsx")]) == 2
    with pytest.raises(SystemExit) as info:  # argparse: -o is required
        main(["rfp", "export", str(demo)])
    assert info.value.code == 2
    assert not list(tmp_path.glob("*.xlsx"))
