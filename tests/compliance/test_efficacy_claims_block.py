import pytest

from kepu.compliance import blocking

from .helpers import body_rules, findings_for


@pytest.mark.parametrize("text", [
    "本疗法治愈率高达95%。",
    "总有效率98%，值得信赖。",
    "三个疗程可以根治高血压。",
    "无效退款，请放心。",
    "纯中药，无毒副作用。",
    "保证治愈，药到病除。",
    "100%有效。",
    "临床观察95%的患者治愈。",
    "This therapy has a 90% cure rate.",
    "A guaranteed cure with no side effects.",
])
def test_efficacy_claims_block(text):
    findings = findings_for(body=text)
    efficacy = [f for f in findings if f.rule == "ADLAW-16-EFFICACY"]
    assert efficacy and all(f.severity == "block" for f in efficacy)
    assert blocking(findings)
    assert "广告法 Art. 16" in efficacy[0].message
    assert "第十六条" in efficacy[0].basis


@pytest.mark.parametrize("text", [
    "高血压目前不能根治，需要长期服药。",
    "糖尿病无法根治，但可以控制。",
    "乳腺癌根治术后要定期复查。",
    "任何药物都不是无副作用的，要遵医嘱。",
    "警惕宣称“根治”的广告。",
    "There is no such thing as a guaranteed cure.",
    "按时服药，少吃盐，血压就能控制得更好。",
])
def test_denials_and_procedures_are_not_claims(text):
    assert "ADLAW-16-EFFICACY" not in body_rules(text)


def test_reference_titles_may_mention_cure_rates():
    refs = [{"title": "Helicobacter pylori cure rates in China: a meta-analysis", "year": 2020}]
    assert "ADLAW-16-EFFICACY" not in {f.rule for f in findings_for(references=refs)}
