"""`crm-toolkit deck`: the file written atomically, usage errors before any work, nothing written
on a problem."""

from __future__ import annotations

from pptx import Presentation

from toolkit.cli import main


def test_deck_writes_the_pptx(demo_copy, tmp_path, capsys):
    out = tmp_path / "board.pptx"
    args = ["deck", str(demo_copy), "-o", str(out), "--samples", "300", "--date", "2026-11-24", "--lang", "zh"]
    assert main(args) == 0
    prs = Presentation(str(out))
    assert [s.shapes.title.text for s in prs.slides][:3] == ["华东精密机械有限公司", "推荐结论", "排名"]
    assert "2026-11-24" in prs.slides[0].notes_slide.notes_text_frame.text
    assert "已写入" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_broken_engagement_prints_one_line_per_problem_and_writes_nothing(demo_copy, tmp_path, capsys):
    path = demo_copy / "engagement.yaml"
    text = (
        path.read_text(encoding="utf-8")
        .replace("users: 60", "users: -5")
        .replace("horizon_years: 3", "horizon_years: 0")
    )
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "board.pptx"
    out.write_bytes(b"the previous deck")
    assert main(["deck", str(demo_copy), "-o", str(out), "--samples", "10"]) == 1
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert [line.split("engagement.yaml:", 1)[1] for line in lines] == [
        "10: users: must be greater than or equal to 0 (got -5)",
        "11: horizon_years: must be greater than or equal to 1 (got 0)",
    ]
    assert "2 problem(s)" in printed.err
    assert out.read_bytes() == b"the previous deck"


def test_a_missing_figure_makes_a_preliminary_deck_or_with_strict_writes_nothing(demo_copy, tmp_path, capsys):
    path = demo_copy / "engagement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("partner: 20000, ", ""), encoding="utf-8")
    out = tmp_path / "board.pptx"
    assert main(["deck", str(demo_copy), "-o", str(out), "--samples", "10", "--strict"]) == 1
    assert "integration_build" in capsys.readouterr().out
    assert not out.exists()
    assert main(["deck", str(demo_copy), "-o", str(out), "--samples", "10"]) == 0
    assert "preliminary" in capsys.readouterr().err
    assert out.exists()


def test_usage_errors_come_before_any_work(demo_copy, tmp_path, capsys):
    assert main(["deck", str(demo_copy), "-o", str(tmp_path / "board.pdf")]) == 2
    assert "must end in .pptx" in capsys.readouterr().err
    assert main(["deck", str(demo_copy), "-o", str(tmp_path / "nope" / "board.pptx")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [demo_copy]
