"""``kepu export --from-api URL --token T``: content/ from a CMS running elsewhere.

Needs no database and no Django settings: it only speaks HTTP to the API in
api.py and hands the documents to the same ``build_files`` as the ORM export,
so the two produce byte-identical trees. It trusts the server no more than
the build does: each media file must hash to its name, and the finished tree
is read and hash-checked by the content reader before it replaces content/.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urljoin

from kepu.contentformat import FORMAT_VERSION
from kepu.contentformat.model import REGISTRY_KINDS


class RemoteExportError(Exception):
    """The API could not be reached, refused the token, or sent something unusable."""


class Response(Protocol):
    status_code: int
    content: bytes

    def json(self) -> Any: ...


class Transport(Protocol):
    def get(self, url: str, headers: dict[str, str]) -> Response: ...


class RequestsTransport:
    """HTTP through requests, with a timeout and a reused connection."""

    def __init__(self, timeout: float = 60.0):
        import requests

        self.session = requests.Session()
        self.timeout = timeout

    def get(self, url, headers):
        import requests

        try:
            return self.session.get(url, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise RemoteExportError(f"cannot reach {url}: {exc}") from None


class APIClient:
    def __init__(self, base_url: str, token: str, transport: Transport | None = None):
        self.base_url = base_url.rstrip("/") + "/"
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self.transport = transport or RequestsTransport()

    def _get(self, url: str) -> Response:
        response = self.transport.get(urljoin(self.base_url, url), self.headers)
        if response.status_code == 401:
            raise RemoteExportError(f"{self.base_url}: the API refused the token (401)")
        if response.status_code == 409:
            raise RemoteExportError("the CMS refused to export:\n" + response.json().get("error", ""))
        if response.status_code != 200:
            raise RemoteExportError(f"{urljoin(self.base_url, url)}: HTTP {response.status_code}")
        return response

    def json(self, url: str) -> Any:
        try:
            return self._get(url).json()
        except ValueError:
            raise RemoteExportError(f"{url}: the response is not JSON") from None

    def listing(self, url: str) -> list[Any]:
        """Every result of a paginated list, following ``next``."""
        results: list[Any] = []
        count = None
        while url:
            data = self.json(url)
            count = data["count"]
            results.extend(data["results"])
            url = data.get("next")
        if count is not None and len(results) != count:
            raise RemoteExportError(f"the CMS changed during the export ({len(results)} of {count} "
                                    f"items); run the export again")
        return results

    def media(self, path: str) -> bytes:
        data = self._get(f"media/{path.removeprefix('media/')}").content
        expected = Path(path).stem
        if hashlib.sha256(data).hexdigest()[:len(expected)] != expected:
            raise RemoteExportError(f"{path}: the bytes received do not match the file's hash name")
        return data


def fetch_snapshot(client: APIClient):
    """The Snapshot the ORM export would collect, fetched over HTTP."""
    from .export import Snapshot

    index = client.json("")
    if index.get("format") != FORMAT_VERSION:
        raise RemoteExportError(f"the CMS speaks content format {index.get('format')!r}; "
                                f"this kepu writes format {FORMAT_VERSION}")
    snapshot = Snapshot()
    wanted: set[str] = set()
    for item in client.listing("pages/?page_size=200"):
        snapshot.documents.append((item["meta"], item["body"]))
        wanted.update(item["media"])
    for kind in REGISTRY_KINDS:
        snapshot.registries[kind] = []
        for item in client.listing(f"registries/{kind}/?page_size=200"):
            snapshot.registries[kind].append(item["document"])
            wanted.update(item["media"])
    snapshot.tombstones = client.listing("withdrawn/?page_size=200")
    snapshot.expired = client.listing("expired/?page_size=200")
    snapshot.media = {path: client.media(path) for path in sorted(wanted)}
    return snapshot


def export_from_api(dest: Path, base_url: str, token: str, *, transport: Transport | None = None,
                    validate: bool = True):
    """Write content/ at ``dest`` from the API at ``base_url``; returns an ExportReport."""
    from .export import write_snapshot

    started = time.monotonic()
    snapshot = fetch_snapshot(APIClient(base_url, token, transport))
    return write_snapshot(snapshot, dest, started=started, validate=validate)
