"""Sign-off: an expert's e-signature bound to one exact revision of a page.

A SignOff records who signed, when, which revision, in what capacity, the
conflict-of-interest declaration and the next review date (DESIGN.md, rule 2).
Only the newest unrevoked sign-off of a page that is not withdrawn is exportable;
a later draft never is until it is signed in turn.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

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
