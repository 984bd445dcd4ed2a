"""Small builders shared by the compliance tests."""

from __future__ import annotations

from kepu.compliance import check_page
from tests.contentfactory import page


def findings_for(type_="explainer", body="", lang="zh", brands=(), **fields):
    meta, body = page(type_, lang, body=body, **fields)
    return check_page(meta, body, brands=brands)


def rules_in(findings, field=None):
    return {f.rule for f in findings if field is None or f.field == field}


def body_rules(text, type_="explainer", **kw):
    return rules_in(findings_for(type_, body=text, **kw), "body")
