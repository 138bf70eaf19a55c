"""Write outputs atomically, and never replace a file this tool did not write unless told to."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from assessment.common.write_errors import write_error
from assessment.exports.roadmap_csv import COLUMNS as ROADMAP_COLUMNS
from assessment.model.errors import InputError, Problem

# Every output names the tool in a place of its own (PDF Creator, HTML meta generator,
# results.json "tool", the SurveyJS export's description, the roadmap CSV's header, the deck's
# last-modified-by), so a later run knows the file is its own to replace. Workbooks respondents
# fill in are never "ours"; the analysis workbook is, by its creator and subject.
MARKER = "genai-readiness"
GENERATOR = re.compile(rb'<meta name="generator" content="genai-readiness[ "]')
SURVEYJS_MARK = "exported by genai-readiness"
OWN_CSV_HEADERS = {",".join(ROADMAP_COLUMNS).encode()}
STDOUT = "-"
SYSTEM_ROOTS = (Path("/dev"), Path("/proc"), Path("/sys"))  # devices, even behind a link
_ONLY_FILES = "readiness writes only to regular files or new paths"
_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
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
        if suffix == ".pptx":
            return _pptx_modified_by(path).startswith(MARKER)
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


def _pptx_modified_by(path: Path) -> str:
    # The deck's "last modified by": saving it in PowerPoint or LibreOffice replaces our mark,
    # so an edited deck is the consultant's and is not overwritten without --force.
    import zipfile

    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        with zipfile.ZipFile(path) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, DefusedXmlException):
        return ""
    found = core.find(f"{{{_CORE_PROPERTIES}}}lastModifiedBy")
    return (found.text or "") if found is not None else ""


def is_stdout(path: Path) -> bool:
    return str(path) == STDOUT


def check_writable(path: Path, force: bool, streams: bool = False) -> None:
    """Refuse (exit 2) what no run should write to: a folder, a device, a pipe or socket (even
    with `force`), standard output for a format that cannot stream, a missing folder, or a file
    the user made (unless `force`); our own outputs may be replaced, since they can be
    generated again from the engagement folder."""
    name = str(path)
    if is_stdout(path):
        if not streams:
            raise InputError(Problem(name, "this output cannot go to standard output"))
        return
    if any(path.absolute().is_relative_to(root) for root in SYSTEM_ROOTS):
        raise InputError(Problem(name, f"is a system path; {_ONLY_FILES}"))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        _check_parent(path)
        return
    except NotADirectoryError as exc:
        _check_parent(path)
        raise write_error(path, exc) from exc
    except OSError as exc:
        raise write_error(path, exc) from exc
    if stat.S_ISDIR(mode):
        raise InputError(Problem(name, "is a folder; give a file name for the output"))
    if not stat.S_ISREG(mode):
        raise InputError(Problem(name, f"is a device, pipe or socket; {_ONLY_FILES}"))
    if not force and not is_own_output(path):
        raise InputError(
            Problem(
                name,
                "exists and was not written by readiness; choose another name "
                "or pass --force to replace it",
            )
        )


def _check_parent(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        # A missing folder may sit under a file: say which of the two it is.
        for ancestor in parent.parents:
            if ancestor.exists() and not ancestor.is_dir():
                raise InputError(Problem(str(path), f"{ancestor} is a file, not a folder"))
        raise InputError(Problem(str(path), f"folder {parent} does not exist"))
    if not parent.is_dir():
        raise InputError(Problem(str(path), f"{parent} is a file, not a folder"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write one output: no partial file is ever left."""
    write_outputs([(path, data)])


def write_outputs(outputs: list[tuple[Path, bytes]]) -> None:
    """Write every output or none: each is written to a temporary file beside its target, then
    all are renamed; a failure puts back what the renames replaced. Standard output (`-`) is
    left to the caller, which prints it once the files are in place."""
    files = [(path, data) for path, data in outputs if not is_stdout(path)]
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            try:
                staged.append((_stage_beside(path, data), path))
            except OSError as exc:
                raise write_error(path, exc) from exc
        _rename_all(staged, keep_old=len(staged) > 1)
    finally:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)


def _stage_beside(path: Path, data: bytes) -> str:
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp creates private files; an output gets the permissions any new file would get.
        os.chmod(temp_name, 0o666 & ~_umask())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def _rename_all(staged: list[tuple[str, Path]], keep_old: bool) -> None:
    """Rename each staged file over its target; on a failure, undo the renames before it."""
    done: dict[Path, Path | None] = {}  # renamed target -> its old content (None: it was new)
    backups: list[Path] = []
    try:
        for temp, path in staged:
            _refuse_special(path)  # it may have changed since it was checked
            backup = _keep_old(path) if keep_old else None
            if backup is not None:
                backups.append(backup)
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise write_error(path, exc) from exc
            done[path] = backup
    except InputError:  # a refused or failed target: the ones before it get their old files
        _undo(done)
        raise
    finally:
        for backup in backups:
            backup.unlink(missing_ok=True)


def _keep_old(path: Path) -> Path | None:
    if not path.exists():
        return None
    backup = path.with_name(f".{path.name}.{os.getpid()}.old")
    try:
        backup.unlink(missing_ok=True)
        os.link(path, backup)  # a second name for the old file: no copy, same filesystem
    except OSError as exc:
        raise write_error(path, exc) from exc
    return backup


def _undo(backups: dict[Path, Path | None]) -> None:
    for path, backup in backups.items():
        with contextlib.suppress(OSError):  # best effort: the error that stopped us is reported
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)


def _refuse_special(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise InputError(Problem(str(path), f"is a device, pipe or socket; {_ONLY_FILES}"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
