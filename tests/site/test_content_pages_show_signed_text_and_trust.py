"""What a patient reads on a content page: the signed text, who reviewed it, and the trust block."""

from __future__ import annotations

import json
import re

from .conftest import read

EXPLAINER = "/zh/gao-xue-ya/liang-xue-ya/"


def jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_explainer_shows_the_signed_text_and_the_reviewer(output):
    html = read(output, EXPLAINER)
    assert "<h1>在家怎么量血压</h1>" in html
    assert "量血压前先安静坐 5 分钟。" in html
    assert "李明" in html and "主任医师，示例市第一人民医院" in html


def test_comic_panels_have_alt_text_caption_and_bubbles_as_text(output):
    html = read(output, EXPLAINER)
    assert 'alt="小护给王伯量血压"' in html
    assert 'width="400" height="300"' in html and 'decoding="async"' in html
    assert "每天早晚各量一次血压。" in html
    # Speech bubbles are real text with the speaking character's name.
    assert re.search(r'<span class="speaker">王伯.*?</span><span class="said">我的血压是150/95，要紧吗？', html)
    assert re.search(r'<span class="speaker">小护.*?</span><span class="said">要去医院复查', html)
    assert "按时服药" in html and "胸痛、说话不清时立即就医" in html


def test_trust_block_has_every_field(output):
    html = read(output, EXPLAINER)
    trust = html[html.index('<section class="trust"'):]
    for label in ("来源", "作者", "审核专家", "审核日期", "下次复审", "发布时间", "适用人群",
                  "参考文献", "资助与利益声明"):
        assert f"{label}" in trust, label
    assert "编辑小张" in trust
    assert "心血管内科" in trust                       # reviewer's specialty
    assert '<time datetime="2026-01-15">2026年1月15日</time>' in trust
    assert '<time datetime="2029-01-01">2029年1月1日</time>' in trust
    assert "高血压患者及家属" in trust
    assert "中国高血压防治指南（2024年修订版）" in trust
    assert "本页内容无商业资助。" in trust
    assert "本内容不能替代医生的诊疗建议" in trust


def test_sponsor_disclosure_independence_and_ai_disclosure(output):
    html = read(output, "/zh/gao-xue-ya/shao-chi-yan/")
    assert "本页由示例药业提供教育资助。" in html
    assert "资助方未参与内容撰写与审核。" in html
    assert "人工智能辅助声明" in html and "初稿由人工智能辅助生成" in html
    # Headings in a Markdown body never compete with the page title.
    assert html.count("<h1>") == 1 and "<h2>为什么要少吃盐</h2>" in html


def test_english_page_has_english_trust_block(output):
    html = read(output, "/en/gao-xue-ya/measuring-blood-pressure-at-home/")
    assert '<html lang="en">' in html
    assert "Reviewed by" in html and "Li Ming" in html
    assert "does not replace advice from your doctor" in html
    assert "15 January 2026" in html


def test_case_story_timeline_and_consent(output):
    html = read(output, "/zh/gao-xue-ya/wang-bo-de-gu-shi/")
    timeline = html[html.index('<ol class="timeline">'):html.index("</ol>", html.index('<ol class="timeline">'))]
    stages = re.findall(r'<span class="stage">(.*?)</span>', timeline)
    assert stages == ["发病", "诊断", "治疗", "结果"]
    assert "确诊高血压。" in timeline
    assert "CONSENT-2026-001" in html
    assert "年龄段 60-69" in html and "性别 男" in html


def test_jsonld_is_a_medical_webpage_with_review_facts(output):
    data = jsonld(read(output, EXPLAINER))
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-01-15"
    assert data["reviewedBy"]["@type"] == "Person" and data["reviewedBy"]["name"] == "李明"
    assert data["about"]["@type"] == "MedicalCondition"
    assert data["about"]["code"] == {"@type": "MedicalCode", "code": "I10", "codingSystem": "ICD-10"}
    assert data["medicalAudience"] == {"@type": "Patient"}
    assert data["inLanguage"] == "zh-CN"
    assert data["url"].endswith(EXPLAINER)


def test_open_graph_canonical_and_hreflang_pairs(output):
    zh = read(output, EXPLAINER)
    en_url = "/en/gao-xue-ya/measuring-blood-pressure-at-home/"
    en = read(output, en_url)
    assert re.search(r'<link rel="canonical" href="http[^"]+/zh/gao-xue-ya/liang-xue-ya/">', zh)
    assert 'property="og:title" content="在家怎么量血压"' in zh
    assert 'property="og:description"' in zh
    image = re.search(r'property="og:image" content="([^"]+)"', zh).group(1)
    png = output / image.split("/", 3)[3]
    from PIL import Image

    with Image.open(png) as img:
        assert img.width == img.height >= 300
    # Each language version points at the other, and at itself.
    for html in (zh, en):
        assert re.search(rf'hreflang="en" href="[^"]+{re.escape(en_url)}"', html)
        assert re.search(r'hreflang="zh-CN" href="[^"]+/zh/gao-xue-ya/liang-xue-ya/"', html)
    # The language switch goes to the translation, not just the other home page.
    assert f'class="lang-switch" href="{en_url}"' in zh


def test_page_without_translation_switches_to_other_home(output):
    html = read(output, "/zh/gao-xue-ya/wang-bo-de-gu-shi/")
    assert 'class="lang-switch" href="/en/"' in html
    assert 'hreflang="en" href=' not in html.split("</head>")[0]


def test_hub_lists_its_pages_and_specialty_experts(output):
    html = read(output, "/zh/gao-xue-ya/")
    assert "ICD-10" in html and "I10" in html and "血压高" in html
    assert 'href="/zh/gao-xue-ya/liang-xue-ya/"' in html
    assert 'href="/zh/gao-xue-ya/wang-bo-de-gu-shi/"' in html
    assert 'href="/zh/experts/li-ming/"' in html
    assert "/che-hui-de-ye-mian/" not in html          # withdrawn pages are not listed
    # A translated page appears in its own language's listing only.
    en = read(output, "/en/gao-xue-ya/")
    assert 'href="/en/gao-xue-ya/measuring-blood-pressure-at-home/"' in en
    assert "liang-xue-ya" not in en


def test_expert_profile_shows_credentials_disclosures_content_and_channels(output):
    html = read(output, "/zh/experts/wang-fang/")
    assert "<h1>王芳</h1>" in html
    assert "副主任医师" in html and "示例市内分泌专科医院" in html and "内分泌科" in html
    assert "110000000000002" in html
    assert "曾接受示例药业讲课费。" in html
    assert 'href="/zh/tang-niao-bing/"' in html
    li = read(output, "/zh/experts/li-ming/")
    assert "@dr_liming" in li and "抖音" in li


def test_home_az_policy_search_404_and_root(output):
    home = read(output, "/zh/")
    assert 'href="/zh/gao-xue-ya/"' in home and 'href="/zh/tang-niao-bing/"' in home
    assert "心脏健康说" in home and "北京糖友群" in home
    assert 'action="/zh/search/"' in home
    az = read(output, "/zh/a-z/")
    assert az.index('id="letter-G"') < az.index('id="letter-T"')
    assert "尿里有糖" in az
    assert "谁来审核" in read(output, "/zh/editorial-policy/")
    assert "Who reviews" in read(output, "/en/editorial-policy/")
    assert 'name="q"' in read(output, "/zh/search/")
    assert "Page not found" in (output / "404.html").read_text(encoding="utf-8")
    root = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="/zh/"' in root and 'href="/en/"' in root and "http-equiv" not in root


def test_media_copied_and_theme_assets_present(output):
    assert list((output / "media").glob("*.svg"))
    for asset in ("theme/css/kepu.css", "theme/css/print.css", "theme/js/kepu.js",
                  "theme/img/favicon.svg"):
        assert (output / asset).is_file(), asset
