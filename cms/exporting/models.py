"""The record of every publish (export → build → deploy), shown in the admin.

A failed publish must be visible with its log (issue 4.5), and concurrent
triggers must coalesce: at most one run is queued at a time, and a trigger
that arrives while a run is going schedules exactly one more run after it.
"""

from django.conf import settings
from django.db import models


class PublishRun(models.Model):
    QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
    STATUSES = [(QUEUED, "排队 Queued"), (RUNNING, "进行中 Running"),
                (SUCCEEDED, "成功 Succeeded"), (FAILED, "失败 Failed")]

    status = models.CharField(max_length=16, choices=STATUSES, default=QUEUED, db_index=True)
    trigger = models.CharField(max_length=200, help_text="What asked for this publish first.")
    triggers = models.PositiveIntegerField(
        default=1, help_text="How many requests this run answers (later ones coalesce into it).")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    files_written = models.PositiveIntegerField(null=True, blank=True)
    files_removed = models.PositiveIntegerField(null=True, blank=True)
    deployed = models.BooleanField(default=False)
    log = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "publish run"

    def __str__(self):
        return f"publish #{self.pk} ({self.status})"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class PublishLock(models.Model):
    """A single row whose update serialises the queue bookkeeping across processes.

    Updating it first in a transaction takes the write lock on SQLite and a row
    lock on PostgreSQL, so two triggers never both decide to enqueue.
    """

    name = models.CharField(max_length=32, unique=True)
    touched_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.name
