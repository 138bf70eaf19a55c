"""The ASGI application: one engagement or a workspace of them, over one database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from assessment.common.bundled import bundled_dir
from assessment.web.security import SecurityHeaders
from assessment.web.workspace import ServedEngagement

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


def session_of(request: Request) -> Iterator[Session]:
    """A database session for one request (a FastAPI dependency)."""
    with Session(workspace_of(request).engine) as session:
        yield session


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


def create_app(workspace: Workspace) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
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
