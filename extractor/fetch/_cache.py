"""An on-disk cache of successful HTTP answers, so re-runs do not fetch again.

Only answers their caller could parse are stored (see ``PoliteClient.fetch``).

One file per URL (the full URL with its query), named by the URL's SHA-256. Files are
written to a temporary name and renamed, so an interrupted run never leaves half a file.
Entries never expire: delete the folder to fetch afresh.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class ResponseCache:
    """Bodies of successful GETs, keyed by URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.body"

    def get(self, url: str) -> bytes | None:
        try:
            return self._path(url).read_bytes()
        except FileNotFoundError:
            return None

    def discard(self, url: str) -> None:
        self._path(url).unlink(missing_ok=True)

    def put(self, url: str, body: bytes) -> None:
        path = self._path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(body)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
