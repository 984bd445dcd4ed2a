"""Compliance in the workflow: the automatic checks step and the overrides it honours.

The rules themselves live in ``kepu.compliance`` (shared with ``kepu check`` on
content/ files); this app runs them on the submitted revision, keeps what they
found, and records every override with a reason (issue 3: "an override needs a
reason and is logged; overridden findings are visible to the expert").
"""

import logging

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.models import Task

logger = logging.getLogger(__name__)


class ComplianceReport(models.Model):
    """What the checks found on one revision, kept for the editor and the expert."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    findings = models.JSONField(default=list, help_text="Each finding: rule, severity, message, field, overridden.")
    blocking_count = models.PositiveIntegerField(default=0, help_text="Blocking findings not overridden.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"compliance report of page {self.page_id} rev {self.revision_id}"

    @property
    def passed(self) -> bool:
        return self.blocking_count == 0


class ComplianceOverride(models.Model):
    """A blocking finding an editor chose to override, with the reason they gave."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="compliance_overrides")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    rule = models.CharField(max_length=100)
    field = models.CharField(max_length=100, blank=True)
    message = models.TextField(blank=True, help_text="The finding's message when it was overridden, for the record.")
    reason = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"override of {self.rule} on page {self.page_id}"


class ComplianceCheckTask(Task):
    """Workflow step 1: the checks run on the submitted revision before an expert's time is spent.

    Approves itself when nothing blocking is left (after overrides), otherwise
    rejects with the findings as the comment, so the page goes back to its editor.
    """

    class Meta:
        verbose_name = "compliance checks"
        verbose_name_plural = "compliance checks"

    @classmethod
    def get_description(cls):
        return "Automatic: Advertising-Law terms, brand names, patient identifiers, alt text, references."

    def start(self, workflow_state, user=None):
        from .checks import check_revision, findings_comment

        task_state = super().start(workflow_state, user=user)
        try:
            report = check_revision(task_state.revision)
        except Exception as exc:  # a crash must not leave the page stuck "in review"
            logger.exception("compliance checks failed on revision %s", task_state.revision_id)
            task_state.reject(user=None, update=False,
                              comment=f"检查未能运行 The checks could not run: {exc}")
            return task_state
        comment = findings_comment(report)
        if report.passed:
            task_state.approve(user=None, update=False, comment=comment)
        else:
            task_state.reject(user=None, update=False, comment=comment)
        return task_state

    def get_actions(self, obj, user):
        return []  # nobody approves this step by hand; overrides go through ComplianceOverride

    def locked_for_user(self, obj, user):
        return False
