"""Advertising-law rules: efficacy claims, absolute terms, brand names, shopping links.

Health education that promises results or sells something is a disguised
medical advertisement. Term lists live in data/ (see docs/compliance.md);
the patterns here catch what a fixed list cannot (rates, URLs, hotlines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .findings import Hit
from .termlists import covered, find_terms, shipped

_CLAUSE_END = re.compile(r"[，。；！？,.;!?\n]")
_NEGATION_ZH = ("不能", "无法", "难以", "不可能", "不可", "没法", "没有", "不会", "并非", "不是",
                "不存在", "未能", "不易", "做不到", "谈不上", "别信", "警惕", "谨防", "虚假")
_NEGATION_EN = re.compile(r"\b(?:not|never|cannot|can't|isn't|aren't|no|beware|false|fake)\b",
                          re.IGNORECASE)

# 广告法 Art. 16(1)(ii) bans stating a cure or effective rate in any wording,
# not only the words 治愈率/有效率: "95%的患者治愈" is the same claim.
_RATE = re.compile(
    r"\d+(?:\.\d+)?\s*[%％]\s*的?(?:患者|病人|人|用户)?(?:被|可以|可|能够?|均|都|已)?"
    r"(?:治愈|痊愈|康复|根治|有效)"
    r"|\b\d+(?:\.\d+)?\s*%\s+(?:of\s+\w+\s+)?(?:(?:were|are|get|got|have\s+been)\s+)?cured\b",
    re.IGNORECASE)


def _negated(text: str, start: int) -> bool:
    """True when the claim is denied in its own clause: 高血压目前不能根治."""
    window = text[max(0, start - 30):start]
    clause = _CLAUSE_END.split(window)[-1]
    return any(n in clause[-10:] for n in _NEGATION_ZH) or bool(_NEGATION_EN.search(clause))


def efficacy_claims(text: str) -> Iterator[Hit]:
    allowed = [m.span() for m in find_terms(shipped("efficacy_allow.txt"), text)]
    for m in find_terms(shipped("efficacy_terms.txt"), text):
        if covered(m.span(), allowed) or _negated(text, m.start()):
            continue
        yield Hit("ADLAW-16-EFFICACY",
                  f"「{m.group()}」 states a cure or effective rate or guarantees efficacy or "
                  "safety; describe what the evidence shows instead (广告法 Art. 16)", m.span())
    for m in _RATE.finditer(text):
        if not _negated(text, m.start()):
            yield Hit("ADLAW-16-EFFICACY",
                      f"「{m.group()}」 states a cure or effective rate (广告法 Art. 16)", m.span())


_ORDINAL_MEASURES = set("次步天周个年代类针剂胎口期条项段点部篇章节页行组批轮顿片粒瓶盒月日回遍层")


def _benign_absolute(text: str, m: re.Match) -> bool:
    term, end = m.group(), m.end()
    after = text[end:end + 1]
    if term == "最好":
        # 最好 as an adverb, "had better": 最好先咨询医生, 最好每天测量.
        return bool(after) and "\u4e00" <= after <= "\u9fff" and after != "的"
    if term == "第一" and after and after in _ORDINAL_MEASURES:
        # An ordinal: 第一次, 第一段, 第一片药 — not a ranking (第一名, 第一品牌).
        return True
    if term == "第一":
        # An enumerator at the start of a clause: 第一，按时服药；第二，少吃盐。
        before = text[m.start() - 1:m.start()] if m.start() else ""
        return (not before or before in "，。；：、\n （(-*") and after in ("，", "、", "：", ",", ":")
    return False


def absolute_terms(text: str) -> Iterator[Hit]:
    allowed = [m.span() for m in find_terms(shipped("absolute_allow.txt"), text)]
    for m in find_terms(shipped("absolute_terms.txt"), text):
        if covered(m.span(), allowed) or _benign_absolute(text, m):
            continue
        yield Hit("ADLAW-9-ABSOLUTE",
                  f"「{m.group()}」 is an absolute term; say what is true for whom "
                  "(广告法 Art. 9(3)), or override with a reason if it is an ordinary tip",
                  m.span())


def brand_names(text: str, brands: Iterable[str]) -> Iterator[Hit]:
    for m in find_terms(brands, text):
        yield Hit("BRAND-NAME",
                  f"「{m.group()}」 is on the brand/product list; use the generic name "
                  "(互联网广告管理办法 Art. 8)", m.span())


_HOST = re.compile(r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![a-z0-9-])",
                   re.IGNORECASE)
_SHOP_PATTERNS = (
    # A WeChat ID after "add me on WeChat" is a seller's contact detail.
    re.compile(r"(?:加|添加|联系)(?:我|客服|店主|老师)?的?\s*(?:微信|薇信|威信|V信|v信|vx|wx)号?"
               r"\s*[:：]?\s*[A-Za-z][-_A-Za-z0-9]{5,19}", re.IGNORECASE),
    re.compile(r"微信号\s*[:：]\s*[-_A-Za-z0-9]{6,20}"),
    # Order hotlines; 400/800 numbers are business lines wherever they appear.
    re.compile(r"(?:订购|购买|订货|下单|客服|热线)[^。\n]{0,8}?"
               r"(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4})"),
    re.compile(r"(?<!\d)[48]00[- ]?\d{3}[- ]?\d{4}(?!\d)"),
    # A QR code or "scan" next to buying.
    re.compile(r"(?:扫码|扫描二维码|二维码)[^。\n]{0,10}?(?:购买|下单|订购|抢购|领取优惠)"
               r"|(?:购买|下单|订购)[^。\n]{0,10}?(?:扫码|二维码)"),
    re.compile(r"\bscan\s+(?:the\s+|this\s+)?(?:QR\s+code\s+)?to\s+(?:buy|order|purchase)\b",
               re.IGNORECASE),
    # "Search for it on Taobao", "link on JD".
    re.compile(r"(?:淘宝|天猫|京东|拼多多|抖音小店|快手小店)\s*(?:搜索|搜|链接|下单|购买|店铺|有售|有卖)"),
)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def purchase_links(text: str) -> Iterator[Hit]:
    # One finding per offending phrase, even when several patterns see it; the
    # patterns run before the phrase list because they match the longer text.
    reported: list[tuple[int, int]] = []

    def report(m: re.Match, message: str) -> Iterator[Hit]:
        if not _overlaps(m.span(), reported):
            reported.append(m.span())
            yield Hit("PURCHASE-LINK", message + " (互联网广告管理办法 Art. 8)", m.span())

    domains = shipped("shop_domains.txt")
    for m in _HOST.finditer(text):
        host = m.group(1).lower()
        if any(host == d or host.endswith("." + d) for d in domains):
            yield from report(m, f"link to the shop {host}; no shopping links beside health content")
    for pattern in _SHOP_PATTERNS:
        for m in pattern.finditer(text):
            yield from report(m, f"「{m.group()}」 is a shop contact or purchase QR code; remove it")
    for m in find_terms(shipped("purchase_phrases.txt"), text):
        yield from report(m, f"「{m.group()}」 invites the reader to buy; no purchase prompts "
                             "beside health content")
