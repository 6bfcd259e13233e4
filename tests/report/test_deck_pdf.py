"""The demo's deck, en and zh, opened by LibreOffice Impress headless and converted to PDF: one
page per slide, the titles read back (in Chinese for zh), and each page as a PNG in
build/screenshots (deck-en-N.png, deck-zh-N.png) to look at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.report._deck import deck_pptx

from .conftest import TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("CRM_TOOLKIT_SCREENSHOTS", ROOT / "build" / "screenshots"))
needs_tools = pytest.mark.skipif(
    not (SOFFICE and shutil.which("pdfinfo") and shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="needs LibreOffice Impress (soffice) and poppler-utils (see .ci/run)",
)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_tools
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_libreoffice_converts_every_slide_and_reads_back_the_titles(demo, tmp_path, lang):
    from pptx import Presentation

    deck = tmp_path / f"deck-{lang}.pptx"
    deck.write_bytes(deck_pptx(*demo, lang, today=TODAY))
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: parallel runs do not clash
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(deck)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / f"deck-{lang}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(len(titles)) == "12"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    for page, title in zip(pages, titles, strict=False):
        assert _squeezed(title) in _squeezed(page)
    if lang == "zh":
        assert "推荐结论" in text and "简道云" in text and "与会各方的权重" in _squeezed(text)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob(f"deck-{lang}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True, capture_output=True, timeout=120
    )
    shots = sorted(tmp_path.glob("page-*.png"))
    assert len(shots) == len(titles)
    for shot in shots:
        n = int(shot.stem.rsplit("-", 1)[1])
        shutil.copyfile(shot, SHOTS / f"deck-{lang}-{n}.png")
