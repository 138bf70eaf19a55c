"""Write outputs atomically, and never replace a file this tool did not write unless told to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assessment.exports.roadmap_csv import COLUMNS as ROADMAP_COLUMNS
from assessment.model.errors import InputError, Problem

# Every output names the tool (HTML meta generator, PDF Creator, results.json "tool"), so a
# later run knows the file is its own to replace.
MARKER = "genai-readiness"


# CSV exports carry no marker of their own (project tools read every row), so they are
# recognised by their exact header line.
OWN_CSV_HEADERS = {",".join(ROADMAP_COLUMNS).encode()}


def is_own_output(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
        if head == b"%PDF-":
            return _pdf_creator(path).startswith(MARKER)
        if head.startswith(b"PK"):
            return _zip_mentions(path, MARKER.encode())
        data = path.read_bytes()
        return MARKER.encode() in data or data.split(b"\n", 1)[0] in OWN_CSV_HEADERS
    except OSError:
        return False


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


def _zip_mentions(path: Path, marker: bytes) -> bool:
    """Workbooks are zip files whose XML parts name the tool (About sheet)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return any(
                marker in archive.read(n)
                for n in archive.namelist()
                if n.endswith(".xml") and archive.getinfo(n).file_size < 5_000_000
            )
    except (zipfile.BadZipFile, OSError):
        return False
