"""The API the CMS workflow step and the editor UI call."""

from kepu.compliance import RULES, check_page, check_text

from .helpers import body_rules


def test_incomplete_or_odd_drafts_never_crash():
    draft = {"type": "explainer", "title": None, "panels": ["not a mapping", {"bubbles": None}],
             "key_points": "not a list", "timeline": [None], "references": None}
    findings = check_page(draft, "")
    assert {f.rule for f in findings} == {"ALT-TEXT-MISSING", "REFERENCES-MISSING"}
    assert check_page({}, "") == []


def test_check_text_reports_one_field_as_typed():
    [finding] = check_text("这个药无毒副作用。", field="panels.0.caption")
    assert (finding.rule, finding.field, finding.span) == ("ADLAW-16-EFFICACY",
                                                           "panels.0.caption", (3, 8))
    assert check_text("电话 13812345678", page_type="case_story")[0].rule == "PII-PHONE"
    assert check_text("电话 13812345678", page_type="explainer") == []


def test_ranking_forms_of_tip_words_are_still_flagged():
    assert "ADLAW-9-ABSOLUTE" in body_rules("这是全市最好的医院。")
    assert "ADLAW-9-ABSOLUTE" in body_rules("销量排名第一名。")
    assert "ADLAW-9-ABSOLUTE" in body_rules("最高级别的护理。")


def test_every_rule_cites_a_basis_and_a_chinese_title():
    for rule in RULES.values():
        assert rule.basis and rule.title and rule.title_zh
        assert rule.severity in ("block", "warn")
