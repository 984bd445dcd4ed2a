"""The publish chain as one plain function: export → build → deploy (issue 4.5).

Used by the publish task and by ``kepu publish``. Every step guards the live
site on its own: export refuses before touching content/, the build swaps its
output in only on success, the deploy uploads before it deletes. So a failure
at any step leaves what patients see unchanged; this function only reports it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class PublishFailed(Exception):
    """A step failed; the message says which and why. The live site is unchanged."""


@dataclass
class PublishOutcome:
    export: Any = None
    build: Any = None
    deploy: Any = None
    timings: dict[str, float] = field(default_factory=dict)


def deploy_target_name() -> str:
    from django.conf import settings

    return getattr(settings, "KEPU_DEPLOY_TARGET", None) or os.environ.get("KEPU_DEPLOY_TARGET", "")


def publish(content_dir: Path, output_dir: Path, *, target=None, build: bool = True,
            publishconf: bool = False, say: Callable[[str], None] = print,
            exporter: Callable[[Path], Any] | None = None) -> PublishOutcome:
    """Run the chain; ``target`` is a kepu.deploy Target, or None for no deploy.

    ``exporter(content_dir)`` replaces the ORM export, e.g. with the remote one.
    """
    from .export import ExportRefused, export_content
    from .remote import RemoteExportError

    outcome = PublishOutcome()
    started = time.monotonic()
    try:
        outcome.export = (exporter or export_content)(Path(content_dir))
    except (ExportRefused, RemoteExportError) as exc:
        raise PublishFailed(f"export: {exc}") from None
    outcome.timings["export"] = time.monotonic() - started
    for line in outcome.export.lines():
        say(line)
    if not build:
        return outcome

    try:
        from kepu.build import build_site, collect_garbage
    except ImportError as exc:  # the site side is optional on a CMS-only server
        raise PublishFailed(f"build: kepu.build is not available ({exc})") from None
    step = time.monotonic()
    try:
        outcome.build = build_site(Path(content_dir), Path(output_dir), publish=publishconf)
    except Exception as exc:  # noqa: BLE001 - any build failure is reported, the old site stays
        raise PublishFailed(f"build failed, the previous site stays live: {exc}") from exc
    outcome.timings["build"] = time.monotonic() - step
    # The site is live; this task worker stays up, so the build's leftover reference
    # cycles are collected now rather than inside the next build (kepu.build).
    collect_garbage()
    say(outcome.build.summary())

    if target is not None:
        from kepu.deploy.deployment import deploy_site
        from kepu.deploy.progress import Silent

        step = time.monotonic()
        try:
            outcome.deploy = deploy_site(Path(output_dir), target, progress=Silent())
        except Exception as exc:  # noqa: BLE001
            raise PublishFailed(f"deploy refused, the bucket is unchanged: {exc}") from exc
        outcome.timings["deploy"] = time.monotonic() - step
        say(outcome.deploy.summary())
        if not outcome.deploy.ok:
            raise PublishFailed("deploy: " + outcome.deploy.failure_message())
    outcome.timings["total"] = time.monotonic() - started
    return outcome
