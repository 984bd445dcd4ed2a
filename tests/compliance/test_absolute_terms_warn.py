import pytest

from kepu.compliance import blocking

from .helpers import body_rules, findings_for


@pytest.mark.parametrize("text", [
    "这是治疗高血压的最佳疗效方案。",
    "国家级专家团队。",
    "全国销量第一。",
    "首选这款降压方案。",
    "唯一有效的办法。",
    "效果最好的药。",
    "最先进的技术。",
    "The best treatment for high blood pressure.",
    "The No. 1 choice of doctors.",
])
def test_absolute_terms_warn(text):
    findings = findings_for(body=text)
    absolute = [f for f in findings if f.rule == "ADLAW-9-ABSOLUTE"]
    assert absolute and {f.severity for f in absolute} == {"warn"}
    assert not blocking(absolute)


@pytest.mark.parametrize("text", [
    "早上起床后一小时内是测量血压的最佳时间。",
    "最好在医生指导下调整药量。",
    "最近血压有点高，最后还是去了医院。",
    "每天最少走 6000 步，最多不超过一万步。",
    "高血压是最常见的慢性病之一。",
    "第一次测量要测两侧手臂。",
    "第一，按时服药；第二，少吃盐。",
    "胸痛时要第一时间拨打 120。",
    "It is best to take the tablet at the same time every day.",
])
def test_ordinary_health_tips_are_not_flagged(text):
    assert "ADLAW-9-ABSOLUTE" not in body_rules(text)


def test_best_time_allowed_but_best_efficacy_flagged_in_one_sentence():
    findings = findings_for(body="最佳时间是早上，不等于最佳疗效。")
    hits = [f for f in findings if f.rule == "ADLAW-9-ABSOLUTE"]
    assert len(hits) == 1
    assert "最佳疗效" in hits[0].excerpt
    assert hits[0].span == (11, 13)
