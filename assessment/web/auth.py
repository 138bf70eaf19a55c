"""Consultants' passwords (argon2id) and the rule that admin routes need a signed-in consultant.

Sign-in answers the same way for an unknown e-mail and a wrong password, and takes the same
time: an unknown e-mail is checked against a dummy hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessment.web.tables import Consultant

MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # argon2 takes any length; this bounds the work one request can ask for
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_EMAIL = 320

_hasher = PasswordHasher()  # argon2id with the library's defaults


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("not a password: compared when the e-mail is unknown")


def password_matches(stored: str | None, given: str) -> bool:
    """True when `given` is the password behind `stored`; with no account (`stored` None) a
    dummy hash is checked, so the answer takes as long either way."""
    try:
        return _hasher.verify(stored or _dummy_hash(), given) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def normal_email(email: str) -> str:
    return email.strip().lower()


def account_problems(email: str, password: str, again: str) -> list[str]:
    """What is wrong with a new account's e-mail and password, in the words the form shows."""
    problems = []
    if len(email) > MAX_EMAIL or not EMAIL.fullmatch(email):
        problems.append("Enter an e-mail address such as name@example.com.")
    if len(password) < MIN_PASSWORD:
        problems.append(f"Choose a password of at least {MIN_PASSWORD} characters.")
    elif len(password) > MAX_PASSWORD:
        problems.append(f"Choose a password of at most {MAX_PASSWORD} characters.")
    elif password != again:
        problems.append("The two passwords differ: type the same password twice.")
    return problems


def email_taken(session: Session, email: str) -> bool:
    return session.scalar(select(func.count()).where(Consultant.email == email)) != 0


def any_consultant(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Consultant)) != 0


@dataclass(frozen=True)
class SignedIn:
    consultant_id: int
    email: str
    csrf_token: str


class SignInRequired(HTTPException):
    """Raised by admin routes when nobody is signed in: pages redirect to the sign-in page,
    JSON answers 401 (see `sign_in_required_handler`)."""

    def __init__(self) -> None:
        super().__init__(status_code=401)


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
