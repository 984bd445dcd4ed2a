"""Sign-off: an expert's e-signature bound to one exact revision of a page.

A SignOff records who signed, when, which revision, in what capacity, the
conflict-of-interest declaration and the next review date (DESIGN.md, rule 2).
Only the newest unrevoked sign-off of a page that is not withdrawn is exportable;
a later draft never is until it is signed in turn.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Task, TaskState

from .eligibility import can_sign

DEFAULT_MEANING = "我已审核本内容的医学准确性。I have reviewed this content for medical accuracy."


class SignOffQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class SignOff(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="signoffs")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    expert = models.ForeignKey("people.Expert", on_delete=models.PROTECT, related_name="signoffs")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    content_hash = models.CharField(max_length=80)
    meaning = models.CharField(max_length=300, default=DEFAULT_MEANING)
    declaration = models.TextField(help_text="Conflict-of-interest declaration made at signing.")
    next_review = models.DateField()
    specialty = models.ForeignKey("people.Specialty", on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    revoke_reason = models.TextField(blank=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_at", "-pk"]
        get_latest_by = "signed_at"
        permissions = [
            ("revoke_signoff", "Can revoke a sign-off"),
            ("export_audit_log", "Can export the audit log"),
        ]

    def __str__(self):
        return f"sign-off #{self.pk} of page {self.page_id} rev {self.revision_id} by {self.expert}"


class Withdrawal(models.Model):
    """A page taken down everywhere in one publish; restoring needs a new sign-off."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="withdrawals")
    reason = models.TextField()
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self):
        return f"withdrawal of page {self.page_id}"


class ExpertSignOffTask(Task):
    """Workflow step 2: a qualified expert signs the exact submitted revision.

    Approval is never a plain click: it goes through ``services.sign_off`` (password,
    meaning, declaration, next review), reached from the sign-off page in the admin.
    The page is locked while it waits, so the text cannot change under the reviewer.
    """

    class Meta:
        verbose_name = "expert sign-off"
        verbose_name_plural = "expert sign-offs"

    @classmethod
    def get_description(cls):
        return ("An expert holding the page's specialty, who neither wrote nor last edited it, "
                "signs the submitted revision with their password.")

    def user_can_access_editor(self, obj, user):
        return can_sign(obj, user)

    def locked_for_user(self, obj, user):
        # Nobody edits text that is waiting for a signature (superusers may, but
        # then sign_off refuses because the submitted revision is no longer the latest).
        return not user.is_superuser

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not can_sign(obj, user):
            return []
        return [
            ("reject", "退回修改 Request changes", True),
            ("approve", "签发… Sign off…", True),
        ]

    def get_template_for_action(self, action):
        # The approve modal only links to the full sign-off page: signing needs
        # the password and the expert must see the findings and overrides first.
        if action == "approve":
            return "review/signoff_modal.html"
        return ""

    def get_form_for_action(self, action):
        if action == "approve":
            from .forms import SignOffActionForm

            return SignOffActionForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from . import services

        if action_name == "approve":
            if not kwargs.get("password"):
                raise PermissionDenied("签发需要重新输入密码。Signing needs your password.")
            services.sign_off(task_state, user, **kwargs)
            return reverse("kepu_review:signoffs")
        if action_name == "reject":
            services.reject(task_state, user, kwargs.get("comment", ""))
            return None
        raise PermissionDenied(f"unknown action {action_name!r}")

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .eligibility import expert_for

        if expert_for(user) is None:  # the dashboard asks for every user; most are not experts
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state")
        ids = [ts.pk for ts in states
               if (page := ts.workflow_state.content_object) is not None and can_sign(page, user)]
        return TaskState.objects.filter(pk__in=ids)
