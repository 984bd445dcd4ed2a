"""The audit trail as rows: every kepu.* action and every Wagtail page action.

Used by the admin download (CSV and JSON) and by the tests. Wagtail's own
log entries already carry who, when, which page and which revision; kepu's
actions add the sign-off, revocation, withdrawal and override details in
``data``.
"""

from __future__ import annotations

import csv
import io
import json

from django.db.models import Q
from wagtail.models import ModelLogEntry, PageLogEntry

COLUMNS = ["timestamp", "action", "label", "user", "object_type", "object_id", "title",
           "revision_id", "data"]


def _row(entry, object_type):
    user = entry.user.get_username() if entry.user_id and entry.user else ""
    return {
        "timestamp": entry.timestamp.isoformat(timespec="seconds"),
        "action": entry.action,
        "label": str(entry.formatter.label) if entry.formatter else entry.action,
        "user": user,
        "object_type": object_type,
        "object_id": str(getattr(entry, "page_id", None) or getattr(entry, "object_id", "")),
        "title": entry.label,
        "revision_id": entry.revision_id,
        "data": entry.data or {},
    }


def audit_rows(since=None, until=None) -> list[dict]:
    pages = PageLogEntry.objects.select_related("user").filter(
        Q(action__startswith="kepu.") | Q(action__startswith="wagtail."))
    models = ModelLogEntry.objects.select_related("user", "content_type").filter(
        action__startswith="kepu.")
    if since:
        pages, models = pages.filter(timestamp__gte=since), models.filter(timestamp__gte=since)
    if until:
        pages, models = pages.filter(timestamp__lt=until), models.filter(timestamp__lt=until)
    rows = [_row(e, "page") for e in pages]
    rows += [_row(e, e.content_type.model if e.content_type_id else "") for e in models]
    rows.sort(key=lambda r: (r["timestamp"], r["action"]))
    return rows


def audit_csv(rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "data": json.dumps(row["data"], ensure_ascii=False, sort_keys=True,
                                                   default=str)})
    return out.getvalue()


def audit_json(rows) -> str:
    return json.dumps({"format": 1, "entries": rows}, ensure_ascii=False, indent=1, default=str)
