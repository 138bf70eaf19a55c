"""Secrets handed to people (links, set-up links, session ids, draft keys): random, 256 bits,
and stored only as hashes, so a copy of the database opens nothing."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128


def new_token() -> str:
    """A URL-safe random token (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps of a token. Tokens are random and long, so a fast hash is
    enough: there is no dictionary to try."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    """Compare two secrets in constant time (CSRF tokens)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
