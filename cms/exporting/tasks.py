"""Publish on sign-off: a coalescing queue of PublishRuns driven by django-tasks.

``request_publish`` is what the ``publish_requested`` signal calls. It keeps
at most one run queued: while a run is going, any number of triggers add up to
exactly one rerun, which the running worker starts itself when it finishes
(so nothing is published from a stale export, and nothing runs twice at once).

The task runs on the "publish" backend when one is configured (django-tasks-db
with ``manage.py db_worker``), otherwise on the default immediate backend,
i.e. right after the sign-off's transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import traceback

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import PublishLock, PublishRun

logger = logging.getLogger(__name__)

# A run "running" for longer than this was abandoned by a dead worker; without
# this guard one crash would block every later publish.
STALE_AFTER = dt.timedelta(minutes=30)


def _lock() -> None:
    """Take the queue lock for the rest of the current transaction."""
    PublishLock.objects.get_or_create(name="publish")
    PublishLock.objects.filter(name="publish").update(touched_at=timezone.now())
    list(PublishLock.objects.select_for_update().filter(name="publish"))


def _expire_stale_runs() -> None:
    cutoff = timezone.now() - STALE_AFTER
    PublishRun.objects.filter(status=PublishRun.RUNNING, started_at__lt=cutoff).update(
        status=PublishRun.FAILED, finished_at=timezone.now(),
        error="abandoned: the worker stopped before finishing")


def _publishconf() -> bool:
    """Build with site/publishconf.py (the public SITEURL) when the operator says so."""
    value = getattr(settings, "KEPU_BUILD_PUBLISHCONF", None)
    if value is None:
        value = os.environ.get("KEPU_BUILD_PUBLISHCONF", "0") == "1"
    return bool(value)


def _backend_alias() -> str:
    return "publish" if "publish" in getattr(settings, "TASKS", {}) else "default"


def request_publish(trigger: str, user=None) -> PublishRun:
    """Ask for a publish; returns the (possibly shared) queued run."""
    with transaction.atomic():
        _lock()
        _expire_stale_runs()
        queued = PublishRun.objects.filter(status=PublishRun.QUEUED).order_by("pk").first()
        if queued is not None:
            PublishRun.objects.filter(pk=queued.pk).update(triggers=queued.triggers + 1)
            queued.refresh_from_db()
            return queued
        run = PublishRun.objects.create(trigger=trigger[:200], requested_by=user
                                        if getattr(user, "pk", None) else None)
        busy = PublishRun.objects.filter(status=PublishRun.RUNNING).exists()
    if not busy:
        # After commit: the worker (or the immediate backend) must see the row.
        transaction.on_commit(lambda: publish_task.using(backend=_backend_alias()).enqueue(run.pk))
    return run


def _claim(run_id: int | None) -> PublishRun | None:
    """Mark a queued run as running, unless another run is running already."""
    with transaction.atomic():
        _lock()
        _expire_stale_runs()
        if PublishRun.objects.filter(status=PublishRun.RUNNING).exists():
            return None
        queued = PublishRun.objects.filter(status=PublishRun.QUEUED)
        run = (queued.filter(pk=run_id) if run_id else queued.order_by("pk")).first()
        if run is None:
            return None
        run.status, run.started_at = PublishRun.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
        return run


def execute(run: PublishRun, *, target=None) -> PublishRun:
    """Run the chain for a claimed run and record the outcome."""
    from .publishing import PublishFailed, deploy_target_name, publish

    lines: list[str] = []
    try:
        if target is None and deploy_target_name():
            from kepu.deploy.target import load_target

            target = load_target(deploy_target_name())
        outcome = publish(settings.KEPU_CONTENT_DIR, settings.KEPU_OUTPUT_DIR, target=target,
                          publishconf=_publishconf(),
                          say=lines.append)
    except PublishFailed as exc:
        run.status, run.error = PublishRun.FAILED, str(exc)
    except Exception as exc:  # noqa: BLE001 - recorded for the admin, never lost
        run.status = PublishRun.FAILED
        run.error = f"{type(exc).__name__}: {exc}"
        lines.append(traceback.format_exc())
    else:
        run.status = PublishRun.SUCCEEDED
        run.pages = outcome.export.pages
        run.files_written = len(outcome.export.written)
        run.files_removed = len(outcome.export.removed)
        run.deployed = outcome.deploy is not None
        lines.append("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in outcome.timings.items()))
    if run.status == PublishRun.FAILED:
        logger.error("publish #%s failed: %s", run.pk, run.error)
    run.log = "\n".join(lines)
    run.finished_at = timezone.now()
    run.save()
    return run


@task()
def publish_task(run_id: int | None = None) -> str | None:
    """Run the queued publish ``run_id``, then any run queued meanwhile (the coalesced rerun)."""
    last = None
    run = _claim(run_id)
    while run is not None:
        last = execute(run)
        run = _claim(None)
    return last.status if last else None


def on_publish_requested(sender, page=None, reason="", user=None, **kwargs):
    """Receiver of cms.review.signals.publish_requested (connected in apps.py)."""
    if not getattr(settings, "KEPU_PUBLISH_ON_SIGNOFF", True):
        return
    label = f"{reason or 'change'}: page {getattr(page, 'pk', '?')}"
    request_publish(label, user=user)
