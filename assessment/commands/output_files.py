"""Write outputs atomically, and never replace a file this tool did not write unless told to."""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from assessment.exports.roadmap_csv import COLUMNS as ROADMAP_COLUMNS
from assessment.model.errors import InputError, Problem

# Every output names the tool in a place of its own (PDF Creator, HTML meta generator,
# results.json "tool", the SurveyJS export's description, the roadmap CSV's header), so a later
# run knows the file is its own to replace. Workbooks respondents fill in are never "ours"; the
# analysis workbook is, by its creator and subject.
MARKER = "genai-readiness"
GENERATOR = re.compile(rb'<meta name="generator" content="genai-readiness[ "]')
SURVEYJS_MARK = "exported by genai-readiness"
OWN_CSV_HEADERS = {",".join(ROADMAP_COLUMNS).encode()}
WORKBOOK_SUBJECT = "analysis workbook"  # exports.workbook_properties.SUBJECT, without openpyxl
CORE_PROPERTIES = "docProps/core.xml"


def is_own_output(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
        if head.startswith(b"%PDF-"):
            return _pdf_creator(path).startswith(MARKER)
        suffix = path.suffix.lower()
        if suffix in {".html", ".htm"}:
            return GENERATOR.search(head) is not None
        if suffix == ".json":
            return _json_is_ours(path)
        if suffix == ".csv":
            return head.split(b"\n", 1)[0].rstrip(b"\r") in OWN_CSV_HEADERS
        if suffix == ".xlsx":
            return _workbook_is_ours(path)
        return False
    except OSError:
        return False


def _workbook_is_ours(path: Path) -> bool:
    """The analysis workbook: made by readiness, with its subject. Read from the document
    properties alone, with a size limit, so a hostile file costs nothing to check."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(CORE_PROPERTIES)
            if info.file_size > 1 << 16:
                return False
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError):
        # ValueError includes defusedxml refusing entities: not ours either
        return False
    found = {element.tag.rsplit("}", 1)[-1]: (element.text or "") for element in root}
    return found.get("creator", "").startswith(MARKER) and found.get("subject") == WORKBOOK_SUBJECT


def _json_is_ours(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return False
    if not isinstance(data, dict):
        return False
    return data.get("tool") == MARKER or str(data.get("description", "")).endswith(SURVEYJS_MARK)


def _pdf_creator(path: Path) -> str:
    # PDF metadata sits in compressed object streams, so it needs a real PDF reader.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        metadata = PdfReader(path).metadata
    except (PyPdfError, ValueError, OSError):
        return ""
    return str(metadata.creator or "") if metadata else ""


def check_writable(path: Path, force: bool) -> None:
    """Refuse to overwrite a file the user made (exit 2) unless `force`; our own outputs may be
    replaced, since they can be generated again from the engagement folder."""
    if path.is_dir():
        raise InputError(Problem(str(path), "is a folder; give a file name for the output"))
    if path.exists() and not force and not is_own_output(path):
        raise InputError(
            Problem(
                str(path),
                "exists and was not written by readiness; choose another name "
                "or pass --force to replace it",
            )
        )
    if not path.parent.exists():
        raise InputError(Problem(str(path), f"folder {path.parent} does not exist"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: no partial file is ever left."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp creates private files; an output gets the permissions any new file would get.
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
