from kepu.compliance import blocking, check_page
from tests.contentfactory import page

from .helpers import findings_for, rules_in


def _panel(**extra):
    return {"image": "media/x.svg", "alt": "小护给王伯量血压", "caption": "每天量血压。",
            "bubbles": [{"character": "wang-bo", "text": "要紧吗？"},
                        {"character": "xiao-hu", "text": "去医院复查。"}], **extra}


def test_every_text_field_is_named_by_its_path():
    panel = _panel()
    panel["bubbles"][1]["text"] = "这药治愈率很高。"
    findings = findings_for(panels=[_panel(), panel])
    assert [f.field for f in findings if f.rule == "ADLAW-16-EFFICACY"] == [
        "panels.1.bubbles.1.text"]


def test_missing_alt_text_blocks_and_present_alt_passes():
    findings = findings_for(panels=[_panel(), _panel(alt="  ")])
    missing = [f for f in findings if f.rule == "ALT-TEXT-MISSING"]
    assert [(f.field, f.severity) for f in missing] == [("panels.1.alt", "block")]
    assert "ALT-TEXT-MISSING" not in rules_in(findings_for(panels=[_panel()]))


def test_body_images_need_alt_text_too():
    body = "![](media/a.png)\n\n![血压计袖带的位置](media/b.png)\n\n<img src='media/c.png'>"
    missing = [f for f in findings_for(body=body) if f.rule == "ALT-TEXT-MISSING"]
    assert len(missing) == 2 and {f.field for f in missing} == {"body"}


def test_explainer_without_references_blocks():
    findings = findings_for(references=[])
    assert [f.field for f in findings if f.rule == "REFERENCES-MISSING"] == ["references"]
    assert blocking(findings)
    assert "REFERENCES-MISSING" not in rules_in(findings_for())
    # Case stories and hubs may go without a reference list.
    assert "REFERENCES-MISSING" not in rules_in(findings_for("case_story", references=[]))


def test_panel_marked_graphic_or_surgical_blocks():
    findings = findings_for(panels=[_panel(), _panel(graphic="surgical")])
    graphic = [f for f in findings if f.rule == "GRAPHIC-IMAGE"]
    assert [(f.field, f.severity) for f in graphic] == [("panels.1.graphic", "block")]
    assert "surgical" in graphic[0].message and "Art. 7" in graphic[0].message
    assert "GRAPHIC-IMAGE" not in rules_in(findings_for(panels=[_panel(graphic=False)]))


def test_a_clean_sample_page_has_no_findings():
    meta, body = page("explainer", body="量血压前先安静坐 5 分钟。")
    assert check_page(meta, body) == []
