"""The report as PDF: the HTML page printed on A4 by a headless Chromium, the browser the page is
written for (its print style sheet sets the pages). No PDF library of our own: what a person gets
is what their browser would print.

The browser is found as `CRM_TOOLKIT_CHROMIUM` names it, else `chromium`, `chromium-browser`,
`google-chrome` on the PATH; without one, a one-line error says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..files._problems import ToolkitError

BROWSER_ENV = "CRM_TOOLKIT_CHROMIUM"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: a generous bound: a cold Chromium on a slow machine takes seconds, a hung one never ends
PRINT_TIMEOUT_S = 180


def browser() -> str:
    """The Chromium that prints; ToolkitError naming the fix when there is none."""
    named = os.environ.get(BROWSER_ENV)
    if named:
        if shutil.which(named):
            return str(shutil.which(named))
        raise ToolkitError(f"{BROWSER_ENV}={named}: no such program")
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise ToolkitError(
        "a PDF report is printed by Chromium, which is not installed: install it (Debian: "
        f"apt-get install chromium), name it in {BROWSER_ENV}, or write -o FILE.html and print that"
    )


def html_to_pdf(html: str) -> bytes:
    """`html` printed to PDF on A4 (no header or footer lines), in a private profile so that
    prints running at once never share one."""
    program = browser()
    with tempfile.TemporaryDirectory(prefix="crm-toolkit-pdf-") as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            program,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise ToolkitError(f"{program} did not print the report within {PRINT_TIMEOUT_S} s") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise ToolkitError(f"{program} did not print the report (exit {done.returncode}: {last[0]})")
        return pdf.read_bytes()
