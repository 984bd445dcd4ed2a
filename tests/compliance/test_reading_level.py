from kepu.compliance import ReadingTarget

from .helpers import findings_for

LONG_ZH = ("由于原发性高血压患者长期处于血压升高的状态而导致左心室后负荷持续增加并最终引起"
           "左心室肥厚以及心脏舒张功能减退等一系列靶器官损害的病理生理改变。")
SHORT_ZH = "量血压前先坐 5 分钟。手臂和心脏一样高。袖带绑在上臂。测两次，取平均值。记在本子上。"


def _reading(findings):
    return [f for f in findings if f.rule == "READING-LEVEL"]


MEDIUM_ZH = "高血压患者在日常生活中应该坚持低盐饮食，并且每周至少五天规律地进行半小时以上的有氧运动。" * 8


def test_long_average_sentence_warns_for_the_page():
    [finding] = _reading(findings_for(body=MEDIUM_ZH))
    assert finding.severity == "warn" and finding.field == ""
    assert "target of 25" in finding.message


def test_one_very_long_sentence_warns_where_it_is():
    findings = _reading(findings_for(body=SHORT_ZH + "\n\n" + LONG_ZH))
    assert [f.field for f in findings] == ["body"]
    assert findings[0].span[0] == len(SHORT_ZH) + 2
    assert "split it" in findings[0].message


def test_short_sentences_do_not_warn():
    assert not _reading(findings_for(body=SHORT_ZH))


def test_target_is_configurable():
    from kepu.compliance import check_page
    from tests.contentfactory import page

    meta, body = page("explainer", body=SHORT_ZH)
    assert _reading(check_page(meta, body, reading_target=ReadingTarget(zh_sentence_chars=5)))


def test_jargon_title_warns_with_plain_alternative():
    [finding] = _reading(findings_for(title="急性心肌梗死的经皮冠状动脉介入治疗"))
    assert finding.field == "title"
    assert "心梗" in finding.message and "心脏支架" in finding.message
    assert not _reading(findings_for(title="在家怎么量血压"))


def test_english_grade_level_above_eight_warns():
    hard = ("Antihypertensive pharmacotherapy necessitates individualized titration "
            "considering comorbidities, contraindications and pharmacokinetic interactions. "
            "Inadequate adherence substantially diminishes cardiovascular protection and "
            "increases cerebrovascular complications.") * 2
    easy = ("Sit down and rest for five minutes. Put the cuff on your upper arm. Keep your arm "
            "at the level of your heart. Take two readings. Write them down. Show them to "
            "your doctor next time.")
    [finding] = _reading(findings_for(lang="en", title="Measuring blood pressure", body=hard))
    assert "Flesch–Kincaid grade" in finding.message
    assert not _reading(findings_for(lang="en", title="Measuring blood pressure", body=easy))
