"""A file that cannot be written, as a problem naming it (exit 2) rather than a traceback."""

from __future__ import annotations

import errno
from pathlib import Path

from assessment.common.paths import display_path
from assessment.model.errors import InputError, Problem

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only filesystem",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def write_error(path: Path, exc: OSError) -> InputError:
    reason = REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return InputError(Problem(display_path(path), f"cannot be written: {reason}"))
