"""The Chinese report printed by headless Chromium: A4 pages whose text reads back in Chinese."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from toolkit.files._i18n import label
from toolkit.report import report_html

from .conftest import TODAY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_tools = pytest.mark.skipif(
    not (CHROMIUM and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs headless Chromium and poppler-utils (see .ci/run)",
)


@needs_tools
def test_the_chinese_report_prints_on_a4_with_its_chinese_text(demo, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(report_html(*demo, "zh", today=TODAY), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for key in ("rpt_summary", "rpt_ranking", "rpt_robustness", "rpt_unverified", "rpt_sources"):
        assert label(key, "zh") in text
    assert "简道云" in text and "621,806" in text


@needs_tools
def test_report_writes_a_pdf_directly(demo_copy, tmp_path):
    from toolkit.cli import main

    out = tmp_path / "scorecard.pdf"
    args = ["report", str(demo_copy), "-o", str(out), "--samples", "300", "--lang", "zh", "--date", "2026-11-24"]
    assert main(args) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True).stdout
    assert (
        "(A4)" in info and int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) >= 3
    )
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert label("rpt_summary", "zh") in text and "简道云" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "scorecard.pdf"]  # no temporary file left
