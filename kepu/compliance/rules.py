"""The rule book: every rule id, its severity, what it protects and the law behind it.

docs/compliance.md explains each rule with examples; a test keeps the two in step.
A finding carries only the rule id; everything else is looked up here, so the
CMS, the editor UI and `kepu check` all cite a rule the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["block", "warn"]

BLOCK: Severity = "block"
WARN: Severity = "warn"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    title_zh: str
    basis: str
    page_types: tuple[str, ...] = ("disease", "explainer", "case_story")


_AD_LAW_16 = "《广告法》第十六条第一款（一）（二）项 (Advertising Law Art. 16(1)(i)-(ii))"
_AD_LAW_9 = "《广告法》第九条第（三）项 (Advertising Law Art. 9(iii))"
_NET_AD_8 = ("《互联网广告管理办法》第八条 (Measures for Internet Advertising Art. 8); "
             "《广告法》第十九条 (Advertising Law Art. 19)")
_PIPL = ("《个人信息保护法》第四条、第二十八条、第七十三条 (PIPL Art. 4, 28, 73); "
         "《民法典》第一千二百二十六条 (Civil Code Art. 1226)")
_ACCESS = ("GB/T 37668-2019 信息技术 互联网内容无障碍可访问性技术要求 / WCAG 2.1 SC 1.1.1; "
           "工信部《互联网网站适老化通用设计规范》")
_EDITORIAL = "kepu editorial policy (docs/compliance.md#references-missing)"
_ECOLOGY_7 = "《网络信息内容生态治理规定》第七条第（四）项 (Provisions on Online Content Ecology Art. 7(iv))"
_PLAIN = "kepu editorial policy: plain language for patients (docs/compliance.md#reading-level)"

CASE = ("case_story",)

RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("ADLAW-16-EFFICACY", BLOCK, "cure or effective rate, or a guarantee of efficacy or safety",
         "治愈率、有效率或功效、安全性保证", _AD_LAW_16),
    Rule("ADLAW-9-ABSOLUTE", WARN, "absolute or superlative term", "绝对化用语", _AD_LAW_9),
    Rule("BRAND-NAME", BLOCK, "brand or product name beside health content",
         "品牌或产品名称", _NET_AD_8),
    Rule("PURCHASE-LINK", BLOCK, "shopping link, shop contact or purchase QR code",
         "购物链接、商家联系方式或购买二维码", _NET_AD_8),
    Rule("PII-ID-NUMBER", BLOCK, "resident identity card number", "身份证号码", _PIPL, CASE),
    Rule("PII-PHONE", BLOCK, "mobile or landline number", "手机或座机号码", _PIPL, CASE),
    Rule("PII-EMAIL", BLOCK, "e-mail address", "电子邮箱", _PIPL, CASE),
    Rule("PII-BIRTHDATE", BLOCK, "exact date of birth", "具体出生日期", _PIPL, CASE),
    Rule("PII-RECORD-NUMBER", BLOCK, "hospital record, admission or bed number",
         "住院号、病案号或床号", _PIPL, CASE),
    Rule("PII-FULL-NAME", BLOCK, "patient's full name", "患者全名", _PIPL, CASE),
    Rule("ALT-TEXT-MISSING", BLOCK, "illustration without alt text", "插图缺少替代文字", _ACCESS),
    Rule("REFERENCES-MISSING", BLOCK, "explainer without references", "科普文章缺少参考文献",
         _EDITORIAL, ("explainer",)),
    Rule("GRAPHIC-IMAGE", BLOCK, "image marked graphic or surgical", "血腥、手术等致人不适的图片",
         _ECOLOGY_7),
    Rule("READING-LEVEL", WARN, "reading level above the target for patients",
         "阅读难度高于面向患者的目标", _PLAIN),
    # Not produced by check_page: `kepu check` reports content/ format errors
    # (kepu.contentformat) under this id so every line of its output has one shape.
    Rule("CONTENT-FORMAT", BLOCK, "content file does not follow the content format",
         "内容文件格式错误", "docs/content-format.md"),
    # `kepu check --site DIR`: the og:image each built page declares (issue 6.5).
    Rule("SHARE-CARD", BLOCK, "share card missing, not square, under 300 px or oversized",
         "分享卡片缺失、非正方形、小于 300 像素或过大", "docs/channels.md (share cards)"),
)}
