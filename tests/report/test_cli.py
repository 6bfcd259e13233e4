"""`crm-toolkit report`: the format from the suffix, atomic writes, nothing written on problems."""

from __future__ import annotations

from openpyxl import load_workbook

from toolkit.cli import main


def test_report_writes_html_and_xlsx(demo_copy, tmp_path, capsys):
    out = tmp_path / "scorecard.html"
    assert main(["report", str(demo_copy), "-o", str(out), "--samples", "300", "--date", "2026-11-24"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "2026-11-24" in page
    assert "wrote" in capsys.readouterr().err
    book = tmp_path / "scorecard.xlsx"
    assert main(["report", str(demo_copy), "-o", str(book), "--samples", "300", "--lang", "zh"]) == 0
    assert load_workbook(book).sheetnames[:2] == ["示例项目说明", "排名"]  # the demo is illustrative
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_an_unknown_suffix_is_a_usage_error(demo_copy, tmp_path, capsys):
    out = tmp_path / "scorecard.docx"
    assert main(["report", str(demo_copy), "-o", str(out)]) == 2
    assert ".html, .xlsx or .pdf" in capsys.readouterr().err
    assert not out.exists()


def test_a_pdf_without_a_browser_is_one_line_and_writes_nothing(demo_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    out = tmp_path / "scorecard.pdf"
    assert main(["report", str(demo_copy), "-o", str(out)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "apt-get install chromium" in err[0] and "Traceback" not in err[0]
    assert not out.exists()


def test_a_broken_engagement_writes_nothing_and_exits_1(demo_copy, tmp_path, capsys):
    path = demo_copy / "engagement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("users: 60", "users: -5"), encoding="utf-8")
    for name in ("scorecard.html", "scorecard.xlsx"):
        out = tmp_path / name
        assert main(["report", str(demo_copy), "-o", str(out)]) == 1
        assert not out.exists()
        assert "users" in capsys.readouterr().out


def test_a_missing_figure_with_strict_writes_nothing(demo_copy, tmp_path, capsys):
    path = demo_copy / "engagement.yaml"
    text = path.read_text(encoding="utf-8").replace("partner: 20000, ", "")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "scorecard.html"
    out.write_text("the previous report", encoding="utf-8")
    assert main(["report", str(demo_copy), "-o", str(out), "--strict"]) == 1
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert "integration_build" in capsys.readouterr().out


def test_a_missing_folder_is_a_usage_error(demo_copy, tmp_path, capsys):
    assert main(["report", str(demo_copy), "-o", str(tmp_path / "nope" / "r.html"), "--samples", "10"]) == 2
    assert "does not exist" in capsys.readouterr().err
