"""The ASGI application: one engagement or a workspace of them, over one database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from assessment.common.bundled import bundled_dir
from assessment.web.security import SecurityHeaders
from assessment.web.workspace import ServedEngagement

# Python runs one thread at a time: forty request threads taking turns on a core made each
# request wait for all the others (autosave p95 155 ms; 54 ms with four, 40 ms with eight).
# Eight still keep some requests going while others wait on the disk or on PostgreSQL.
REQUEST_THREADS = 8
# Opening a link draws a whole form: a crowd opening theirs at once would otherwise fill the
# queue ahead of everyone's autosaves. Pages get their own few threads; saves never wait
# behind more than these.
PAGE_THREADS = 3
CLOSING_THREADS = 4  # threads that may give database connections back at once
T = TypeVar("T")
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@dataclass
class Workspace:
    """What every request handler may reach: the database and the engagements served."""

    engine: Engine
    engagements: dict[str, ServedEngagement]  # by slug
    secure_cookies: bool = False  # True behind TLS: cookies then carry Secure
    templates: Environment = field(init=False)

    def __post_init__(self) -> None:
        self.templates = Environment(
            loader=FileSystemLoader(bundled_dir("report_templates") / "web"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
        )

    def engagement(self, slug: str) -> ServedEngagement:
        found = self.engagements.get(slug)
        if found is None:
            raise HTTPException(status_code=404)
        return found


def workspace_of(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


async def session_of(request: Request) -> AsyncIterator[Session]:
    """A database session for one request (a FastAPI dependency).

    Async, so FastAPI does not hand it to a worker thread to open and again to close: each
    hand-over costs a thread's wake-up, more than a quick save itself. Opening a Session does
    no I/O; closing one does only while it still holds a transaction (a request that read and
    did not commit), and that rollback goes to a worker thread, off the event loop, under its
    own limit: were it to wait for the requests' threads, and they for the connection it holds,
    neither would move."""
    # Objects stay loaded after a commit: a page drawn after it needs no second read.
    session = Session(workspace_of(request).engine, expire_on_commit=False)
    try:
        yield session
    finally:
        if session.in_transaction():
            limiter = getattr(request.app.state, "closing_limiter", None)
            await anyio.to_thread.run_sync(session.close, limiter=limiter)
        else:
            session.close()


async def on_page_threads(request: Request, work: Callable[[], T]) -> T:
    """Run a respondent page's work on the threads kept for pages (PAGE_THREADS)."""
    limiter = getattr(request.app.state, "page_limiter", None)
    return await anyio.to_thread.run_sync(work, limiter=limiter)


def static_text(name: str) -> str | None:
    """The app's own assets: the workspace style sheet, the form's script and style."""
    from assessment.collect.form import form_script, form_style

    if name == "form.js":
        return form_script()
    if name == "form.css":
        return form_style()
    folder = bundled_dir("report_templates") / "web" / "static"
    path = folder / name
    if "/" in name or path.suffix not in STATIC_TYPES or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The server's thread limits, set in its event loop (a test client that does not start
    the app keeps anyio's defaults)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    app.state.closing_limiter = anyio.CapacityLimiter(CLOSING_THREADS)
    app.state.page_limiter = anyio.CapacityLimiter(PAGE_THREADS)
    yield


def create_app(workspace: Workspace) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=_lifespan)
    app.state.workspace = workspace

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        text = static_text(name)
        if text is None:
            raise HTTPException(status_code=404)
        return Response(text, media_type=STATIC_TYPES[Path(name).suffix])

    # Imported here: the routers import this module for Workspace.
    from assessment.web.consultant_routes import router as consultant_router
    from assessment.web.respondent_routes import router as respondent_router

    app.include_router(consultant_router)
    app.include_router(respondent_router)
    app.add_middleware(SecurityHeaders)
    return app
