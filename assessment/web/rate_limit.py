"""Rate limits on guessing: token look-ups and sign-in attempts, counted in the database so
the limit holds across every server worker and restart."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessment.web.tables import Attempt


def _window(now: dt.datetime, seconds: int) -> dt.datetime:
    start = int(now.timestamp()) // seconds * seconds
    return dt.datetime.fromtimestamp(start, dt.UTC)


def allow(session: Session, key: str, limit: int, seconds: int) -> bool:
    """Count one attempt for `key` in the current window of `seconds`; False once more than
    `limit` were made. Commits on its own, so a refused request still counts."""
    now = dt.datetime.now(dt.UTC)
    window = _window(now, seconds)
    for _ in range(3):  # two workers may insert the same new window at once
        counted = session.execute(
            update(Attempt)
            .where(Attempt.key == key, Attempt.window_start == window)
            .values(count=Attempt.count + 1)
            .returning(Attempt.count)
        ).scalar_one_or_none()
        if counted is not None:
            session.commit()
            return counted <= limit
        try:
            session.add(Attempt(key=key, window_start=window, count=1))
            session.commit()
            return limit >= 1
        except IntegrityError:
            session.rollback()
    return False


def forget_old(session: Session, seconds: int) -> None:
    """Drop windows that can no longer refuse anything."""
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=2 * seconds)
    session.execute(delete(Attempt).where(Attempt.window_start < cutoff))
    session.commit()
