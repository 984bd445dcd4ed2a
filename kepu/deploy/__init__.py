"""Deploying the built site to S3-compatible object storage (issue 7).

Incremental (MD5s compared from one listing), ordered (assets → pages →
feeds/sitemap/search → short-link redirects → deletes), and safe (no delete
after a failed upload, a bound on deletions, an empty build is refused).
Modules, one concept each: sitefolder (the local build), target (where to),
headers, stages, redirects, plan, bucket (S3 requests), uploader, cdn,
progress, report, deployment (`deploy_site`).
"""

from .deployment import deploy_site
from .report import DeployReport
from .target import Target, load_target

__all__ = ["DeployReport", "Target", "deploy_site", "load_target"]
