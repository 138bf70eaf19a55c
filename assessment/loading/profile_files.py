"""Files that assessment.yaml names (the report's logo, an earlier results.json), checked when
the engagement is loaded: a bad one stops every command before any scoring, not the report
at the end of a long run."""

from __future__ import annotations

from pathlib import Path

from assessment.common.images import LOGO_MEDIA_TYPES, MAX_LOGO_BYTES
from assessment.common.paths import display_path
from assessment.model.errors import InputError, Problem

PROFILE_FILE = "assessment.yaml"
LOGO_FIELD = "report.logo"
# The formats' names, for messages.
_FORMAT_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


def check_logo(folder: Path, logo: str | None) -> None:
    """The logo is inside the folder, PNG, JPEG or SVG by name and by content, readable and
    small enough to embed."""
    if logo:
        check_image(folder, logo, display_path(folder / PROFILE_FILE), LOGO_FIELD)


def check_image(
    folder: Path,
    name: str,
    where: str,
    field: str,
    media_types: dict[str, str] = LOGO_MEDIA_TYPES,
    what: str = "logo",
) -> None:
    """An image a file names (`where`, at `field`): inside the folder (symlinks resolved), of
    one of `media_types` by name and by content, readable and small enough to embed."""

    def bad(message: str) -> InputError:
        return InputError(Problem(where, f"{what} '{name}' {message}", field=field))

    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise bad("must be a file inside the engagement folder")
    media = media_types.get(path.suffix.lower())
    if media is None:
        kinds = list(dict.fromkeys(_FORMAT_NAMES[m] for m in media_types.values()))
        raise bad("must be " + ", ".join(kinds[:-1]) + " or " + kinds[-1])
    if not path.is_file():
        raise bad("not found")
    too_large = bad(f"is larger than {MAX_LOGO_BYTES / 1e6:g} MB, the most a report embeds")
    try:
        # The size on disk first: a huge (or sparse) file is refused before it is read.
        if path.stat().st_size > MAX_LOGO_BYTES:
            raise too_large
        data = path.read_bytes()
    except OSError as exc:
        raise bad(f"cannot be read ({exc.strerror})") from None
    kind = _FORMAT_NAMES[media]
    if len(data) > MAX_LOGO_BYTES:
        raise too_large
    if not _looks_like(kind, data):
        article = "an" if kind == "SVG" else "a"
        raise bad(f"is not {article} {kind} image; export it again as {kind}")


def _looks_like(kind: str, data: bytes) -> bool:
    if kind == "PNG":
        return data.startswith(PNG_SIGNATURE)
    if kind == "JPEG":
        return data.startswith(JPEG_SIGNATURE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return "<svg" in text


def previous_results_file(folder: Path, previous: str | None) -> Path | None:
    """The earlier results.json that assessment.yaml names: inside the folder and present."""
    if not previous:
        return None
    where = display_path(folder / PROFILE_FILE)
    path = folder / previous
    if not path.resolve().is_relative_to(folder.resolve()):
        raise InputError(
            Problem(
                where, "must name a file inside the engagement folder", field="previous_results"
            )
        )
    if not path.is_file():
        raise InputError(
            Problem(where, f"earlier results file '{previous}' not found", field="previous_results")
        )
    return path


def outside_problem(path: Path, folder: Path) -> Problem | None:
    """A file of the engagement that resolves outside its folder (a link), refused before it
    is read so that no message can show what it holds."""
    if path.resolve().is_relative_to(folder.absolute().resolve()):
        return None
    return Problem(
        display_path(path),
        "is a link to a file outside the engagement folder; copy the file in instead",
    )


def check_inside(path: Path, folder: Path) -> None:
    problem = outside_problem(path, folder)
    if problem is not None:
        raise InputError(problem)


def check_readable(path: Path) -> None:
    """A clear problem, not a crash, for a file the user may not read."""
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputError(Problem(display_path(path), f"cannot be read ({exc.strerror})")) from None
