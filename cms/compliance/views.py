"""The editor's view of a page's compliance findings, with overrides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.models import Page

from .checks import check_revision, latest_report
from .overrides import override_finding


def page_findings(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.get_latest_revision()
    if request.method == "POST":
        if "run" in request.POST and revision is not None:
            check_revision(revision)
            messages.success(request, "已重新检查 Checks run on the latest revision.")
        elif "override" in request.POST:
            try:
                override_finding(page, request.user, request.POST.get("rule", ""),
                                 request.POST.get("field", ""), request.POST.get("message", ""),
                                 request.POST.get("reason", ""))
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "例外已记录；请重新提交审核。Override recorded; submit the page again.")
        return redirect("kepu_compliance:page", page.pk)
    report = latest_report(page, revision) or latest_report(page)
    return TemplateResponse(request, "compliance/page_findings.html", {
        "page_title": f"合规检查 Compliance: {page.title}",
        "header_icon": "warning",
        "page": page,
        "revision": revision,
        "report": report,
        "stale": report is not None and revision is not None and report.revision_id != revision.pk,
    })
