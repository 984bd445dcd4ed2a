"""The review actions as plain functions: used by the admin views, the workflow
task, the demo loader and the tests alike, so every path enforces the same rules.

Each action checks who may do it (raising PermissionDenied with the reason),
records a log entry (``kepu.*`` actions, see wagtail_hooks.py) and, when it
changes what may be exported, fires ``signals.publish_requested``.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, TaskState, Workflow, WorkflowState

from .eligibility import expert_for, signing_refusal
from .models import DEFAULT_MEANING, ExpertSignOffTask, SignOff, Withdrawal
from .signals import publish_requested

WORKFLOW_NAME = "kepu review: checks → expert sign-off"


class WrongPassword(PermissionDenied):
    """Signing needs the signer's own password (21 CFR Part 11 style re-authentication)."""


class ChecksFailed(PermissionDenied):
    """The revision has blocking compliance findings that nobody overrode."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def default_next_review(page, today: datetime.date | None = None) -> datetime.date:
    """Explainers 36 months, case stories 12 (settings.KEPU_REVIEW_MONTHS)."""
    months = getattr(settings, "KEPU_REVIEW_MONTHS", {}).get(page.specific.kepu_type, 36)
    return add_months(today or timezone.localdate(), months)


def ensure_review_workflow() -> Workflow:
    """The kepu workflow (checks, then sign-off), assigned to the root page. Idempotent.

    The data migration review.0003 creates it; this is for databases where someone
    deleted or replaced it in the admin.
    """
    from wagtail.models import WorkflowPage, WorkflowTask

    from cms.compliance.models import ComplianceCheckTask

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        checks = ComplianceCheckTask.objects.filter(active=True).first() or \
            ComplianceCheckTask.objects.create(name="合规检查 Compliance checks")
        signoff = ExpertSignOffTask.objects.filter(active=True).first() or \
            ExpertSignOffTask.objects.create(name="专家签发 Expert sign-off")
        WorkflowTask.objects.create(workflow=workflow, task=checks, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=signoff, sort_order=1)
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def _log(page, action, user, revision=None, **data):
    log(instance=page, action=action, user=user, revision=revision, data=data)


def _request_publish(sender, page, reason, user, **extra):
    publish_requested.send(sender=sender, page=page, reason=reason, user=user, **extra)


# --- submit ---------------------------------------------------------------

def may_submit(page, user) -> bool:
    # Wagtail's can_submit_for_moderation() does not ask whether the user may edit.
    perms = page.permissions_for_user(user)
    return perms.can_edit() and perms.can_submit_for_moderation()


def submit_for_review(page, user) -> WorkflowState:
    """Start (or restart after "request changes") the review workflow on the latest revision."""
    page = Page.objects.get(pk=page.pk).specific
    if not may_submit(page, user):
        raise PermissionDenied("你没有提交此页面审核的权限。You may not submit this page for review.")
    if page.get_latest_revision() is None:
        page.save_revision(user=user, log_action=True)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Start over rather than resume: an edit after "request changes" must pass the
        # checks again before an expert sees it.
        state.cancel(user=user)
        state = None
    if state is not None:
        raise PermissionDenied("此页面已在审核中。This page is already in review.")
    workflow = page.get_workflow() or ensure_review_workflow()
    return workflow.start(page, user)


# --- sign off ---------------------------------------------------------------

def signoff_task_state(page_or_task_state) -> TaskState:
    """The in-progress expert sign-off TaskState for a page (or the one given)."""
    if isinstance(page_or_task_state, TaskState):
        task_state = page_or_task_state.specific
    else:
        task_state = page_or_task_state.specific.current_workflow_task_state
        task_state = task_state.specific if task_state else None
    if (task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS
            or not isinstance(task_state.task.specific, ExpertSignOffTask)):
        raise PermissionDenied("此页面当前不在等待专家签发。This page is not awaiting expert sign-off.")
    return task_state


def _require_passed_checks(revision):
    """Checks run before review; run them again if this revision never passed them
    (e.g. it was edited after an expert asked for changes)."""
    from cms.compliance.checks import check_revision, latest_report

    report = latest_report(revision.as_object(), revision)
    if report is None:
        report = check_revision(revision)
    if not report.passed:
        raise ChecksFailed(f"合规检查未通过 {report.blocking_count} blocking compliance finding(s) on "
                           f"this revision: request changes instead.")
    return report


def sign_off(page_or_task_state, expert_user, password, declaration, next_review=None,
             meaning=DEFAULT_MEANING, comment="", **_ignored) -> SignOff:
    """Sign the exact revision under review, then let the workflow publish it.

    Refuses (PermissionDenied, with the reason) unless the user is an expert
    holding the page's specialty, did not write or last edit it, re-entered
    their own password, made a conflict-of-interest declaration, and the
    submitted revision is still the latest one.
    """
    from cms.exporting.serialize import page_document
    from kepu.contentformat import content_hash

    task_state = signoff_task_state(page_or_task_state)
    revision = task_state.revision
    page = task_state.workflow_state.content_object.specific
    refusal = signing_refusal(page, expert_user)
    if refusal:
        raise PermissionDenied(refusal)
    latest = page.get_latest_revision()
    if latest is not None and latest.pk != revision.pk:
        raise PermissionDenied("提交审核后页面又被修改，请退回让编辑重新提交。The page changed after it was "
                               "submitted; request changes so the editor resubmits it.")
    if not password or not expert_user.check_password(password):
        raise WrongPassword("密码不正确，签发需要重新输入你自己的密码。Wrong password: signing needs your own password.")
    declaration = (declaration or "").strip()
    if not declaration:
        raise PermissionDenied("签发需要利益冲突声明。A conflict-of-interest declaration is required.")
    meaning = (meaning or "").strip() or DEFAULT_MEANING
    next_review = next_review or default_next_review(page)
    if next_review <= timezone.localdate():
        raise PermissionDenied("下次复审日期必须在今天之后。The next review date must be in the future.")
    _require_passed_checks(revision)

    expert = expert_for(expert_user)
    revision_page = revision.as_object()
    digest = content_hash(*page_document(revision_page))
    with transaction.atomic():
        signoff = SignOff.objects.create(
            page_id=page.pk, revision=revision, expert=expert, signed_by=expert_user,
            content_hash=digest, meaning=meaning, declaration=declaration,
            next_review=next_review, specialty=page.get_specialty())
        _log(page, "kepu.signoff", expert_user, revision=revision, signoff_id=signoff.pk,
             expert=expert.slug, revision_id=revision.pk, content_hash=digest, meaning=meaning,
             declaration=declaration, next_review=next_review.isoformat(),
             specialty=signoff.specialty.slug)
        task_state.approve(user=expert_user, update=False, comment=comment or meaning)
        # Finishing the workflow publishes the (checked above: latest) revision. The
        # system publishes, not the expert: experts hold no publish permission, so
        # they cannot publish anything outside a sign-off.
        task_state.workflow_state.update(user=None)
    _request_publish(SignOff, page, "signoff", expert_user, signoff=signoff)
    return signoff


def reject(task_state, user, comment) -> TaskState:
    """Send the page back to its editor with the reviewer's comments."""
    task_state = signoff_task_state(task_state)
    page = task_state.workflow_state.content_object.specific
    refusal = signing_refusal(page, user)
    if refusal:
        raise PermissionDenied(refusal)
    comment = (comment or "").strip()
    if not comment:
        raise PermissionDenied("退回时请写明需要修改的地方。Say what must change when requesting changes.")
    return task_state.reject(user=user, comment=comment)


# --- revoke, withdraw --------------------------------------------------------

def revoke_signoff(signoff: SignOff, user, reason: str) -> SignOff:
    """Withdraw a signature: the page is not exportable until someone signs it again."""
    reason = (reason or "").strip()
    if not reason:
        raise PermissionDenied("撤销签发需要理由。Revoking a sign-off needs a reason.")
    if not (user.has_perm("review.revoke_signoff") or signoff.signed_by_id == user.pk):
        raise PermissionDenied("你没有撤销签发的权限。You may not revoke sign-offs.")
    if signoff.revoked_at is not None:
        raise PermissionDenied("此签发已被撤销。This sign-off is already revoked.")
    signoff.revoked_at = timezone.now()
    signoff.revoked_by = user
    signoff.revoke_reason = reason
    signoff.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    page = signoff.page.specific
    _log(page, "kepu.revoke", user, revision=signoff.revision, signoff_id=signoff.pk,
         revision_id=signoff.revision_id, reason=reason)
    _request_publish(SignOff, page, "revoke", user, signoff=signoff)
    return signoff


def withdraw_page(page, user, reason: str) -> Withdrawal:
    """Take a page down everywhere in the next publish, and unpublish it in Wagtail."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    page = Page.objects.get(pk=page.pk).specific  # fresh: ``live`` decides the unpublish
    reason = (reason or "").strip()
    if not reason:
        raise PermissionDenied("撤回页面需要理由。Withdrawing a page needs a reason.")
    if not user.has_perm("review.add_withdrawal"):
        raise PermissionDenied("只有发布人员可以撤回页面。Only publishers may withdraw pages.")
    if Withdrawal.objects.filter(page_id=page.pk, lifted_at__isnull=True).exists():
        raise PermissionDenied("此页面已被撤回。This page is already withdrawn.")
    with transaction.atomic():
        withdrawal = Withdrawal.objects.create(page_id=page.pk, reason=reason, withdrawn_by=user)
        if page.live:
            # Withdrawing is the publisher's right even without Wagtail's publish
            # permission (which nobody but administrators holds: sign-off publishes).
            UnpublishPageAction(page, user=user, log_action=True).execute(skip_permission_checks=True)
        _log(page, "kepu.withdraw", user, withdrawal_id=withdrawal.pk, reason=reason)
    _request_publish(Withdrawal, page, "withdraw", user, withdrawal=withdrawal)
    return withdrawal


def lift_withdrawal(page, user, reason: str = "") -> Withdrawal:
    """End a withdrawal. The page comes back only with a sign-off made after it."""
    page = page.specific
    if not user.has_perm("review.change_withdrawal"):
        raise PermissionDenied("只有发布人员可以恢复页面。Only publishers may lift a withdrawal.")
    withdrawal = Withdrawal.objects.filter(page_id=page.pk, lifted_at__isnull=True).first()
    if withdrawal is None:
        raise PermissionDenied("此页面没有被撤回。This page is not withdrawn.")
    withdrawal.lifted_at = timezone.now()
    withdrawal.save(update_fields=["lifted_at"])
    _log(page, "kepu.lift_withdrawal", user, withdrawal_id=withdrawal.pk, reason=(reason or "").strip())
    _request_publish(Withdrawal, page, "lift_withdrawal", user, withdrawal=withdrawal)
    return withdrawal
