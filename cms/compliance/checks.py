"""Run kepu.compliance on a page revision and keep the result.

Findings are stored as the library's ``Finding.to_dict()`` (rule, severity,
message, field, excerpt, basis, overridden, override_reason) so the admin, the
expert's sign-off page and the audit export read them without re-running the
rules. Overrides match the library's way: same rule, same field.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from .models import ComplianceOverride, ComplianceReport


@lru_cache(maxsize=1)
def brand_names() -> tuple[str, ...]:
    """settings.KEPU_BRAND_NAMES_FILE if set, else the library's default list."""
    from kepu.compliance import default_brands, load_brands

    path = getattr(settings, "KEPU_BRAND_NAMES_FILE", "")
    return tuple(load_brands(path) if path else default_brands())


def run_checks(page, overrides=()) -> list[dict]:
    """All findings on ``page`` (a specific page, e.g. ``revision.as_object()``) as dicts."""
    from cms.exporting.serialize import page_document
    from kepu import compliance

    meta, body = page_document(page)
    findings = compliance.check_page(meta, body, brands=brand_names())
    library_overrides = []
    by_key = {}
    for o in overrides:
        if o.rule in compliance.RULES:
            library_overrides.append(compliance.Override(o.rule, o.field, o.reason))
            by_key[(o.rule, o.field)] = o
    findings = compliance.apply_overrides(findings, library_overrides)
    out = []
    for finding in findings:
        item = finding.to_dict()
        item["blocking"] = finding.severity == "block"
        if finding.overridden:
            item["override_by"] = by_key[(finding.rule, finding.field)].user.get_username()
        out.append(item)
    return out


def check_revision(revision) -> ComplianceReport:
    """Check ``revision`` with this page's overrides applied; store and return the report."""
    page = revision.as_object()
    overrides = ComplianceOverride.objects.filter(page_id=page.pk).select_related("user")
    findings = run_checks(page, overrides)
    blocking = sum(1 for f in findings if f["blocking"] and not f["overridden"])
    return ComplianceReport.objects.create(page_id=page.pk, revision=revision, findings=findings,
                                           blocking_count=blocking)


def findings_comment(report: ComplianceReport) -> str:
    """The task comment the editor sees in the workflow history."""
    if not report.findings:
        return "检查通过 All checks passed."
    if report.passed:
        lines = ["检查通过（有警告或已说明理由的例外）Checks passed, with warnings or overrides:"]
    else:
        lines = [f"{report.blocking_count} 个问题需要修改或说明理由 blocking finding(s) to fix or override:"]
    for f in report.findings:
        tag = "override" if f.get("overridden") else ("block" if f["blocking"] else "warn")
        where = f" [{f['field']}]" if f["field"] else ""
        excerpt = f" «{f['excerpt']}»" if f.get("excerpt") else ""
        lines.append(f"- {tag} {f['rule']}{where}: {f['message']}{excerpt}")
    return "\n".join(lines)


def latest_report(page, revision=None) -> ComplianceReport | None:
    qs = ComplianceReport.objects.filter(page_id=page.pk)
    if revision is not None:
        qs = qs.filter(revision=revision)
    return qs.first()
