import pytest

from kepu.compliance import Finding, Override, apply_overrides, blocking

from .helpers import findings_for


def test_override_without_reason_is_refused():
    with pytest.raises(ValueError, match="needs a reason"):
        Override("ADLAW-16-EFFICACY", "body", "")
    with pytest.raises(ValueError, match="needs a reason"):
        Override("ADLAW-16-EFFICACY", "body", "   ")
    with pytest.raises(ValueError, match="unknown rule"):
        Override("NO-SUCH-RULE", "body", "because")


def test_overridden_finding_stays_visible_but_no_longer_blocks(caplog):
    findings = findings_for(body="乳腺癌保乳手术与根治手术效果相当。治愈率高。")
    assert blocking(findings)
    reason = "引用指南原文，专家确认非疗效承诺"
    with caplog.at_level("INFO", logger="kepu.compliance"):
        result = apply_overrides(findings, [Override("ADLAW-16-EFFICACY", "body", reason)])
    overridden = [f for f in result if f.rule == "ADLAW-16-EFFICACY"]
    assert overridden and all(f.overridden and f.override_reason == reason for f in overridden)
    assert len(result) == len(findings)
    assert not blocking(result)
    assert reason in caplog.text
    assert "overridden: " + reason in str(overridden[0])


def test_override_applies_only_to_its_rule_and_field():
    findings = findings_for(body="治愈率高。", summary="无效退款。")
    result = apply_overrides(findings, [Override("ADLAW-16-EFFICACY", "body", "专家确认")])
    assert [f.field for f in blocking(result)] == ["summary"]


def test_findings_round_trip_as_json_with_their_legal_basis():
    [finding] = [f for f in findings_for(body="治愈率高。") if f.rule == "ADLAW-16-EFFICACY"]
    data = finding.to_dict()
    assert data["basis"].startswith("《广告法》第十六条")
    assert data["span"] == [0, 3]
    assert Finding.from_dict(data) == finding
