"""Stable pseudonymous respondent ids: a keyed hash of the name or e-mail, with the key kept in
the engagement folder and never written to any output."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

KEY_FILE = Path(".readiness") / "pseudonym.key"


def engagement_key(folder: Path) -> bytes:
    """The engagement's key, created on first use."""
    path = folder / KEY_FILE
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
        path.chmod(0o600)
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def pseudonym(key: bytes, name: str, email: str) -> str:
    """The same person always gets the same id: e-mail when given (case-insensitive), else name."""
    identity = email.strip().lower() or " ".join(name.split()).lower()
    digest = hmac.new(key, identity.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:12]}"


def response_pseudonym(key: bytes, tool: str, unit: str, response_id: str) -> str:
    """An anonymous submission's id, from the survey tool's own response id. Some tools number
    responses per form, so the tool and the unit as typed are part of the identity."""
    identity = "\x1f".join((tool, " ".join(unit.split()).lower(), response_id.strip()))
    digest = hmac.new(key, identity.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:12]}"
