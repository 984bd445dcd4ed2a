"""Admin views of the review context: the sign-off page, the sign-off register
(with revoke), withdraw / lift, and the audit-log download."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.models import Page, TaskState

from . import services
from .audit import audit_csv, audit_json, audit_rows
from .eligibility import expert_for, signing_refusal
from .forms import ReasonForm, RequestChangesForm, SignOffForm
from .models import DEFAULT_MEANING, SignOff, Withdrawal


def _page_of(task_state):
    return task_state.workflow_state.content_object.specific


def signoff_view(request, task_state_id):
    """The expert's sign-off page: the revision, its findings and overrides, the e-signature."""
    from cms.compliance.checks import latest_report
    from cms.compliance.models import ComplianceOverride

    task_state = get_object_or_404(TaskState, pk=task_state_id).specific
    page = _page_of(task_state)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        messages.error(request, "此页面当前不在等待签发。This page is not awaiting sign-off.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    refusal = signing_refusal(page, request.user)
    expert = expert_for(request.user)
    initial = {"next_review": services.default_next_review(page), "meaning": DEFAULT_MEANING,
               "declaration": expert.disclosure if expert else ""}
    sign_form = SignOffForm(user=request.user, initial=initial)
    reject_form = RequestChangesForm()
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal)
        if "action-reject" in request.POST:
            reject_form = RequestChangesForm(request.POST)
            if reject_form.is_valid():
                services.reject(task_state, request.user, reject_form.cleaned_data["comment"])
                messages.success(request, f"已退回编辑修改 Sent '{page.title}' back to its editor.")
                return redirect("wagtailadmin_home")
        else:
            sign_form = SignOffForm(request.POST, user=request.user)
            if sign_form.is_valid() and sign_form.sign(task_state) is not None:
                messages.success(request, f"已签发 Signed off '{page.title}'.")
                return redirect("kepu_review:signoffs")
    revision = task_state.revision
    report = latest_report(page, revision)
    return TemplateResponse(request, "review/signoff.html", {
        "page_title": f"签发 Sign off: {page.title}",
        "header_icon": "tick-inverse",
        "page": page,
        "task_state": task_state,
        "revision": revision,
        "submitted_by": task_state.workflow_state.requested_by,
        "refusal": refusal,
        "report": report,
        "overrides": ComplianceOverride.objects.filter(page_id=page.pk).select_related("user"),
        "sign_form": sign_form,
        "reject_form": reject_form,
        "preview_url": reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task_state.task_id)),
    })


@permission_required("review.view_signoff", raise_exception=True)
def signoff_list(request):
    signoffs = SignOff.objects.select_related("page", "expert", "revision", "specialty", "revoked_by")
    query = request.GET.get("q", "").strip()
    if query:
        signoffs = signoffs.filter(page__title__icontains=query)
    return TemplateResponse(request, "review/signoff_list.html", {
        "page_title": "签发记录 Sign-offs",
        "header_icon": "tick-inverse",
        "signoffs": signoffs[:500],
        "query": query,
        "can_revoke": request.user.has_perm("review.revoke_signoff"),
    })


def revoke_view(request, signoff_id):
    signoff = get_object_or_404(SignOff.objects.select_related("page", "expert"), pk=signoff_id)
    if not (request.user.has_perm("review.revoke_signoff") or signoff.signed_by_id == request.user.pk):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_signoff(signoff, request.user, form.cleaned_data["reason"])
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已撤销签发 Revoked sign-off #{signoff.pk} of '{signoff.page.title}'.")
            return redirect("kepu_review:signoffs")
    return TemplateResponse(request, "review/reason_form.html", {
        "page_title": f"撤销签发 Revoke sign-off #{signoff.pk}",
        "header_icon": "cross",
        "subject": f"{signoff.page.title} — {signoff.expert.name}, rev {signoff.revision_id}",
        "form": form,
        "submit_label": "撤销签发 Revoke sign-off",
        "warning": "撤销后此页面在重新签发前不会被导出。Until someone signs it again, the page will not be exported.",
    })


@permission_required("review.add_withdrawal", raise_exception=True)
def withdraw_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_page(page, request.user, form.cleaned_data["reason"])
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已撤回 Withdrew '{page.title}' everywhere at the next publish.")
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "review/reason_form.html", {
        "page_title": f"撤回页面 Withdraw: {page.title}",
        "header_icon": "warning",
        "subject": page.title,
        "form": form,
        "submit_label": "撤回 Withdraw",
        "warning": "页面将从网站、订阅源、搜索、短链接和二维码中移除。The page will be removed from the site, "
                   "feeds, search, short links and QR codes.",
    })


@permission_required("review.change_withdrawal", raise_exception=True)
def lift_withdrawal_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lift_withdrawal(page, request.user, form.cleaned_data["reason"])
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已解除撤回 Lifted the withdrawal of '{page.title}'; "
                                      "it needs a new sign-off to return.")
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "review/reason_form.html", {
        "page_title": f"解除撤回 Lift withdrawal: {page.title}",
        "header_icon": "undo",
        "subject": page.title,
        "form": form,
        "submit_label": "解除撤回 Lift withdrawal",
        "warning": "页面需要重新签发后才会再次发布。The page is published again only after a new sign-off.",
    })


@permission_required("review.export_audit_log", raise_exception=True)
def audit_view(request):
    fmt = request.GET.get("format")
    if fmt in ("csv", "json"):
        rows = audit_rows()
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        if fmt == "csv":
            body, ctype = "\ufeff" + audit_csv(rows), "text/csv; charset=utf-8"  # BOM: Excel reads UTF-8
        else:
            body, ctype = audit_json(rows), "application/json; charset=utf-8"
        response = HttpResponse(body, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="kepu-audit-{stamp}.{fmt}"'
        return response
    return TemplateResponse(request, "review/audit.html", {
        "page_title": "审计日志 Audit log",
        "header_icon": "history",
        "recent": audit_rows()[-50:][::-1],
        "withdrawals": Withdrawal.objects.select_related("page", "withdrawn_by")[:50],
    })
