"""Overriding a blocking finding: allowed to whoever may edit the page, with a reason, logged."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.log_actions import log

from .models import ComplianceOverride


def override_finding(page, user, rule: str, field: str, message: str, reason: str) -> ComplianceOverride:
    page = page.specific
    reason = (reason or "").strip()
    if not reason:
        raise PermissionDenied("例外需要理由。An override needs a reason.")
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied("你不能编辑此页面，也不能为它设置例外。You may not edit this page, so you may not override its checks.")
    revision = page.get_latest_revision()
    override = ComplianceOverride.objects.create(
        page_id=page.pk, revision=revision, rule=rule, field=field or "", message=message or "",
        reason=reason, user=user)
    log(instance=page, action="kepu.override", user=user, revision=revision,
        data={"override_id": override.pk, "rule": rule, "field": field, "message": message,
              "reason": reason})
    return override
