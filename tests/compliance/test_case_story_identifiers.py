import pytest

from .helpers import body_rules, findings_for


@pytest.mark.parametrize(("text", "rule"), [
    ("有事打我手机 13812345678。", "PII-PHONE"),
    ("家里电话 010-62345678。", "PII-PHONE"),
    ("手机 138-1234-5678。", "PII-PHONE"),
    ("邮箱 wang.jianguo@example.com。", "PII-EMAIL"),
    ("王某出生于1958年3月12日。", "PII-BIRTHDATE"),
    ("出生日期：1958-03-12。", "PII-BIRTHDATE"),
    ("He was born on March 12, 1958.", "PII-BIRTHDATE"),
    ("住院号：ZY20230012。", "PII-RECORD-NUMBER"),
    ("病案号 2023004512。", "PII-RECORD-NUMBER"),
    ("住在心内科 12 床。", "PII-RECORD-NUMBER"),
    ("MRN: 00451234", "PII-RECORD-NUMBER"),
    ("患者王建国先生今年 65 岁。", "PII-FULL-NAME"),
    ("患者李秀英因头晕就诊。", "PII-FULL-NAME"),
    ("帕金森病患者王建国先生今年 65 岁。", "PII-FULL-NAME"),
    ("姓名：张伟", "PII-FULL-NAME"),
    ("Mr. John Smith came to the clinic.", "PII-FULL-NAME"),
])
def test_identifiers_in_case_stories_block(text, rule):
    findings = [f for f in findings_for("case_story", body=text) if f.rule == rule]
    assert findings, text
    assert {f.severity for f in findings} == {"block"}
    assert "个人信息保护法" in findings[0].message


@pytest.mark.parametrize("text", [
    "王某，男，60-69 岁。",
    "张女士发现血压偏高。",
    "李伯每天早晚测血压。",
    "患者张某今年六十多岁。",
    "王阿姨和李大爷都是高血压患者。",
    "高龄患者和许多老人都需要定期测量。",
    # A surname character in the middle of a longer word is not a name.
    "规范治疗后，大多数帕金森病患者可以正常工作和生活。",
    "Mr. W. started taking his tablets every morning.",
    "1958年出生，退休工人。",
    "2023年3月12日确诊高血压。",
    "每天服药 2 片，血压 150/95 mmHg，心率 80 次/分。",
    "胸痛时立即拨打 120 或 12320 咨询。",
])
def test_de_identified_details_pass(text):
    assert not {r for r in body_rules(text, "case_story") if r.startswith("PII-")}, text


@pytest.mark.parametrize("type_", ["explainer", "disease"])
def test_identifier_rules_apply_only_to_case_stories(type_):
    text = "患者王建国先生，电话 13812345678，出生于1958年3月12日。"
    assert not {r for r in body_rules(text, type_) if r.startswith("PII-")}
    assert {"PII-FULL-NAME", "PII-PHONE", "PII-BIRTHDATE"} <= body_rules(text, "case_story")


def test_identifier_in_a_timeline_step_names_that_field():
    meta_timeline = [{"stage": "onset", "when": "最初", "text": "头晕。"},
                     {"stage": "diagnosis", "when": "第 1 周", "text": "医生记下住院号 ZY2023001。"}]
    findings = findings_for("case_story", timeline=meta_timeline)
    assert [(f.rule, f.field) for f in findings if f.rule.startswith("PII")] == [
        ("PII-RECORD-NUMBER", "timeline.1.text")]


def test_phone_is_masked_in_the_excerpt():
    [finding] = [f for f in findings_for("case_story", body="电话13812345678。")
                 if f.rule == "PII-PHONE"]
    assert "13812345678" not in finding.excerpt
    assert finding.span == (2, 13)
