"""Compliance checks for patient-education pages — pure Python, no Django.

Used by the CMS workflow's checks step, the editor UI and ``kepu check``::

    from kepu.compliance import check_page, apply_overrides, blocking, Override, load_brands

    findings = check_page(page_dict, body, brands=load_brands("brands.txt"))
    findings = apply_overrides(findings, [Override("ADLAW-9-ABSOLUTE", "title", "术语，非广告")])
    if blocking(findings):
        ...  # the page cannot go to review

Every finding names its rule (``RULES[finding.rule]`` gives severity, titles in
English and Chinese, and the law it rests on), the field it was found in and
the offending words. Rules, legal bases and examples: docs/compliance.md.
"""

from .checks import check_page, check_text
from .findings import Finding, Override, apply_overrides, blocking
from .readability import ReadingTarget
from .resident_id import is_resident_id
from .rules import RULES, Rule
from .termlists import default_brands, load_brands

__all__ = [
    "RULES",
    "Finding",
    "Override",
    "ReadingTarget",
    "Rule",
    "apply_overrides",
    "blocking",
    "check_page",
    "check_text",
    "default_brands",
    "is_resident_id",
    "load_brands",
]
