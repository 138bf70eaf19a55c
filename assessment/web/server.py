"""Start the workspace: open and migrate the database, register the engagements, serve.

With several workers, uvicorn imports the app in each worker process, so the settings travel in
one environment variable and `app_from_environment` builds the same app there.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi import FastAPI

from assessment.web.app import Workspace, create_app
from assessment.web.database import default_url, normalised_url, open_engine
from assessment.web.migrate import migrate
from assessment.web.renders import fail_interrupted
from assessment.web.setup_link import SETUP_PATH, issue_setup_link
from assessment.web.workspace import engagement_folders, register

SETTINGS_VARIABLE = "READINESS_SERVE_SETTINGS"


@dataclass(frozen=True)
class ServeSettings:
    folder: str | None
    workspace: str | None
    database: str | None
    secure_cookies: bool = False


def database_url(settings: ServeSettings) -> str:
    home = Path(settings.folder or settings.workspace or ".")
    return normalised_url(settings.database or default_url(home))


def build_workspace(settings: ServeSettings) -> Workspace:
    """Everything a worker needs, checked: bad folders or URLs raise InputError (exit 2)."""
    folders = engagement_folders(
        Path(settings.folder) if settings.folder else None,
        Path(settings.workspace) if settings.workspace else None,
    )
    url = database_url(settings)
    engine = open_engine(url)
    migrate(engine)
    served = register(engine, url, folders)
    for engagement in served:
        _warm(engagement.folder)
    return Workspace(
        engine=engine,
        engagements={e.slug: e for e in served},
        secure_cookies=settings.secure_cookies,
    )


def _warm(folder: Path) -> None:
    """Read each engagement's set-up and branding once before serving: a burst of respondents
    opening their links at the start would otherwise all read them at the same time. A broken
    engagement is left for its pages to report, so it does not stop the others being served."""
    from assessment.model.errors import InputError
    from assessment.web.branding import engagement_branding
    from assessment.web.respondent_links import engagement_setup

    try:
        engagement_setup(folder)
        engagement_branding(folder)
    except InputError:
        pass


def start_notices(workspace: Workspace, host: str, port: int) -> list[str]:
    """Settle what a stopped server left, and say what the person starting it must know: on a
    first start (no consultant yet) the one-time set-up link, which voids any earlier one.
    Called once, by the command that starts the server, never by each worker."""
    notices = []
    if fail_interrupted(workspace.engine):
        notices.append("Renders left unfinished by the last stop are marked failed.")
    token = issue_setup_link(workspace.engine)
    if token is not None:
        notices.append(
            "No consultant account yet. Create the first one at this one-time link "
            "(it works once; a restart prints a new one):\n"
            f"  {server_address(host, port)}{SETUP_PATH}{token}"
        )
    return notices


WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def server_address(host: str, port: int) -> str:
    """The address to open the server at: a server listening on every interface is reached by
    this machine's name, not by 0.0.0.0."""
    shown = socket.gethostname() if host in WILDCARD_HOSTS else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def app_from_environment() -> FastAPI:
    settings = ServeSettings(**json.loads(os.environ[SETTINGS_VARIABLE]))
    return create_app(build_workspace(settings))


def serve(settings: ServeSettings, host: str, port: int, workers: int) -> None:
    import uvicorn

    # No access log: respondents' links carry their token in the path.
    if workers > 1:
        os.environ[SETTINGS_VARIABLE] = json.dumps(asdict(settings))
        uvicorn.run(
            "assessment.web.server:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=False,
        )
        return
    uvicorn.run(create_app(build_workspace(settings)), host=host, port=port, access_log=False)
