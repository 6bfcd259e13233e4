"""The executive report: the scorecard, its robustness and its sources as HTML or xlsx.

`write_report(engagement, "report.html")` scores, runs the sensitivity analysis and writes one
self-contained page (or a workbook for .xlsx); `report_html` and `report_xlsx` render a
scorecard already computed.
"""

from ._charts import FontWarning
from ._write import report_html, report_xlsx, write_report

__all__ = ["FontWarning", "report_html", "report_xlsx", "write_report"]
