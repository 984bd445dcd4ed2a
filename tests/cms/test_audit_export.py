"""The audit log downloads as CSV and JSON with every kepu action and Wagtail page action."""

import csv
import io
import json

from cms.review import services
from cms.review.signoffs import exportable_signoff

from .tree import submit_and_sign


def test_audit_export_contains_signoff_publish_revoke_and_withdraw(tree, client):
    submit_and_sign(tree.explainer, tree)
    services.revoke_signoff(exportable_signoff(tree.explainer) or tree.explainer.signoffs.first(),
                            tree.publisher, "指南更新")
    services.withdraw_page(tree.explainer, tree.publisher, "待核实")

    client.force_login(tree.publisher)
    response = client.get("/admin/kepu/review/audit/?format=json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    entries = json.loads(response.content)["entries"]
    actions = {e["action"] for e in entries}
    assert {"kepu.signoff", "kepu.revoke", "kepu.withdraw", "wagtail.publish",
            "wagtail.workflow.start", "wagtail.workflow.approve"} <= actions
    signoff_entry = next(e for e in entries if e["action"] == "kepu.signoff")
    assert signoff_entry["user"] == "drli" and signoff_entry["revision_id"]

    response = client.get("/admin/kepu/review/audit/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    withdraw = next(r for r in rows if r["action"] == "kepu.withdraw")
    assert withdraw["user"] == "publisher" and "待核实" in withdraw["data"]
    assert withdraw["title"] == "高血压怎么办"


def test_audit_page_lists_download_links(tree, client):
    client.force_login(tree.publisher)
    html = client.get("/admin/kepu/review/audit/").content.decode()
    assert "?format=csv" in html and "?format=json" in html
