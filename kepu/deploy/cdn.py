"""Purging the CDN in front of the bucket: exactly the paths a deploy changed.

A CDN is anything with `invalidate(paths) -> list[str]` (request ids).
CloudFront is built in; `docs/deploy.md` shows how Aliyun CDN
(RefreshObjectCaches) or Tencent Cloud CDN (PurgeUrlsCache) plug in: write a
class with the same method and add it to CDN_KINDS.
"""

from __future__ import annotations

import time
import uuid
from typing import Protocol
from urllib.parse import quote

from kepu.errors import UserInputError


class CDN(Protocol):
    def invalidate(self, paths: list[str]) -> list[str]:
        """Ask the CDN to drop `paths` ("/zh/gaoxueya/"); returns request ids."""


def paths_for(keys, prefix: str) -> list[str]:
    """URL paths a visitor may have fetched each changed key under.

    `zh/a/index.html` is also served as `/zh/a/`, so both are purged. Paths
    are relative to the distribution's origin path (assumed to be the prefix),
    percent-encoded as CloudFront requires for non-ASCII keys (高血压.html).
    """
    out = set()
    for key in keys:
        rel = key[len(prefix):] if key.startswith(prefix) else key
        path = "/" + quote(rel, safe="/-._~!$&'()*+,;=:@")
        out.add(path)
        if path.endswith("/index.html"):
            out.add(path[: -len("index.html")])
    return sorted(out)


class CloudFront:
    """CloudFront invalidations, batched.

    CloudFront allows 3000 file paths in progress per distribution; a deploy
    that changed more purges everything with one wildcard, which costs one path.
    """

    BATCH = 1000
    MAX_PATHS = 3000

    def __init__(self, distribution_id: str, endpoint_url: str | None = None,
                 profile: str | None = None, client=None):
        if not distribution_id:
            raise UserInputError("cdn kind = \"cloudfront\" needs distribution_id = \"E…\"")
        self.distribution_id = distribution_id
        if client is None:
            from botocore.config import Config

            from .bucket import session_for

            client = session_for(profile).client(
                "cloudfront", endpoint_url=endpoint_url, region_name="us-east-1",
                config=Config(retries={"mode": "standard", "total_max_attempts": 5}))
        self.client = client

    def invalidate(self, paths: list[str]) -> list[str]:
        if not paths:
            return []
        if len(paths) > self.MAX_PATHS:
            paths = ["/*"]
        ids = []
        stamp = f"kepu-{int(time.time())}-{uuid.uuid4().hex[:8]}"
        for n, start in enumerate(range(0, len(paths), self.BATCH)):
            batch = paths[start:start + self.BATCH]
            response = self.client.create_invalidation(
                DistributionId=self.distribution_id,
                InvalidationBatch={"Paths": {"Quantity": len(batch), "Items": batch},
                                   "CallerReference": f"{stamp}-{n}"})
            ids.append(response["Invalidation"]["Id"])
        return ids


CDN_KINDS = {
    "cloudfront": lambda cfg, target: CloudFront(
        cfg.get("distribution_id", ""), endpoint_url=cfg.get("endpoint_url"),
        profile=cfg.get("profile", target.profile)),
}


def cdn_for(target) -> CDN | None:
    cfg = target.cdn
    if not cfg:
        return None
    kind = cfg.get("kind", "")
    if kind not in CDN_KINDS:
        raise UserInputError(f"deploy target {target.name!r}: unknown cdn kind {kind!r} "
                             f"(known: {', '.join(sorted(CDN_KINDS))})")
    return CDN_KINDS[kind](cfg, target)
