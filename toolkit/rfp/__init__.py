"""RFP questionnaires: export one to vendors, import their answers into evaluations.yaml."""

from ._export import export_rfp, export_rfp_per_vendor, rfp_workbook
from ._import import RfpImport, import_rfp, read_rfp
from ._layout import questions

__all__ = [
    "RfpImport",
    "export_rfp",
    "export_rfp_per_vendor",
    "import_rfp",
    "questions",
    "read_rfp",
    "rfp_workbook",
]
