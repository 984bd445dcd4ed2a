"""The hash that binds a sign-off to the exact text the expert approved.

The CMS computes it from the revision at sign-off time; export recomputes it
from what it is about to write; the site's reader recomputes it again from the
file. Any difference means the text is not what was signed, and the build stops.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .model import SIGNED_FIELDS


def signed_view(page: dict[str, Any], body: str) -> dict[str, Any]:
    fields = SIGNED_FIELDS[page["type"]]
    view = {name: page.get(name) for name in fields}
    view["body"] = body.strip()
    return view


def content_hash(page: dict[str, Any], body: str) -> str:
    canonical = json.dumps(signed_view(page, body), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
