"""The analysis workbook's document properties: its title, and the mark by which a later run
knows the file as its own to replace (a workbook respondents fill in never carries it)."""

from __future__ import annotations

from openpyxl.packaging.core import DocumentProperties

from assessment.model.deliverable import ConsultantLayer
from assessment.model.results import Results

# Written as the workbook's subject, beside the tool's name as its creator.
SUBJECT = "analysis workbook"


def mark(properties: DocumentProperties, results: Results, layer: ConsultantLayer) -> None:
    properties.creator = f"{results.tool} {results.tool_version}"
    properties.subject = SUBJECT
    properties.title = f"Analysis workbook: {results.organisation}"
    properties.version = layer.document.version
    properties.contentStatus = layer.document.status.capitalize()
    if layer.document.firm:
        properties.lastModifiedBy = layer.document.firm
