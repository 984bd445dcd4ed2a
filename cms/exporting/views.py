"""Admin report of publish runs: status, timings and the log of each (issue 4.5)."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .models import PublishRun
from .tasks import request_publish


@permission_required("exporting.view_publishrun", raise_exception=True)
def run_list(request):
    runs = list(PublishRun.objects.select_related("requested_by")[:100])
    finished = [r for r in runs if r.status in (PublishRun.SUCCEEDED, PublishRun.FAILED)]
    latest_failed = finished[0] if finished and finished[0].status == PublishRun.FAILED else None
    return TemplateResponse(request, "exporting/run_list.html", {
        "page_title": "发布记录 Publish runs", "header_icon": "upload",
        "runs": runs, "latest_failed": latest_failed,
        "can_publish": request.user.has_perm("exporting.add_publishrun"),
    })


@permission_required("exporting.view_publishrun", raise_exception=True)
def run_detail(request, run_id):
    run = get_object_or_404(PublishRun, pk=run_id)
    return TemplateResponse(request, "exporting/run_detail.html", {
        "page_title": f"发布 Publish #{run.pk}", "header_icon": "upload", "run": run,
    })


@require_POST
@permission_required("exporting.add_publishrun", raise_exception=True)
def publish_now(request):
    request_publish("manual: admin", user=request.user)
    return redirect("kepu_publish:runs")
