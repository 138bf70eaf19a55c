"""A URL fetcher for WeasyPrint that reads only data: URLs and files inside allowed folders."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOG = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A resource outside the allowed places; WeasyPrint logs it and renders without it."""


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Allows data: URLs and file: URLs under the given folders; refuses everything else."""

    def __init__(self, allowed_roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.allowed_roots = [root.resolve() for root in allowed_roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.allowed_roots) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, path.read_bytes(), headers={"Content-Type": mime}, status=200
                )
        self.refused.append(url)
        LOG.warning("refused to fetch %s", url)
        raise RefusedURL(f"refused to fetch {url}: only data: URLs and bundled files are allowed")
