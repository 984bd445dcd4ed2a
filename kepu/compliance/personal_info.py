"""Patient identifiers in case stories (个人信息保护法).

A case story is health information about a real person, which PIPL Art. 28
treats as sensitive; it may be published only de-identified (Art. 73(4)):
an age band and sex, "王某" or "张女士", never a name, ID number, phone,
e-mail, exact birth date or hospital number. These rules look for the
identifiers; de-identified forms pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .findings import Hit
from .resident_id import is_resident_id, looks_like_resident_id
from .termlists import shipped

_PIPL = "(个人信息保护法 Art. 28, 73)"

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})[ -]?(\d{8})[ -]?(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}(?!\d)")
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]"
    r"|(?<!\d)(?P<y2>\d{4})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d)"
    rf"|\b(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('mon', 'mon3')},?\s+(?P<y3>\d{{4}})\b"
    rf"|\b{_MONTH.replace('mon', 'mon4')}\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})\b",
    re.IGNORECASE)
_BIRTH_BEFORE = re.compile(
    r"(?:出生于|出生在|出生日期|出生年月日|生于|生日|born\s+on|born|date\s+of\s+birth|DOB"
    r"|birth\s*date|birthday)[\s:：是为在]{0,4}$", re.IGNORECASE)
_BIRTH_AFTER = re.compile(r"^\s*(?:出生|生人|生(?=[，。；,.;\s]|$))")

_RECORD = re.compile(
    r"(?:住院号|病案号|病历号|门诊号|就诊号|就诊卡号|医保卡号|社保卡号|床位号|床号|检查号|影像号"
    r"|\bMRN\b|\bmedical\s+record\s+(?:number|no\.?)|\brecord\s+no\.?|\bhospital\s+(?:number|no\.?)"
    r"|\bbed\s+(?:number|no\.?))"
    r"\s*[:：#]?\s*(?:是|为)?\s*[A-Za-z]{0,4}-?\d[\dA-Za-z-]*", re.IGNORECASE)
_BED = re.compile(r"(?<![\d.])\d{1,3}\s*号?\s*病?床(?![垫单罩头边旁上下])|\bbed\s+\d{1,3}\b",
                  re.IGNORECASE)

_PERSON_SUFFIX = ("患者|病人|先生|女士|老人|老先生|老太太|大爷|大妈|阿姨|奶奶|爷爷|小朋友|同学|师傅"
                  "|老师|小姐")
# A "given name" made of these is a de-identified or kinship form: 王某, 李伯, 张阿姨.
_NOT_GIVEN = set("某×xX*＊○〇?？伯叔姨婆爷奶姐哥弟妹嫂舅公先女老大小医护师阿家氏姓们")
_NAME_LABEL = re.compile(r"(?:姓名|患者姓名|名字)\s*[:：]\s*(?P<name>[\u4e00-\u9fff·]{2,4})")
_EN_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+|(?:patient|Name|Patient name)\s*:?\s+)"
    r"(?P<name>[A-Z][a-z]+\s+[A-Z][a-z]+)\b")


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[re.Pattern, ...]:
    surnames = "|".join(sorted({s for line in shipped("surnames_zh.txt") for s in line.split()},
                               key=lambda s: -len(s)))
    return (
        # 王建国先生, 李秀英女士, 张伟患者
        re.compile(f"(?P<name>(?P<surname>{surnames})(?P<given>[\\u4e00-\\u9fff]{{1,2}}?))"
                   f"(?:{_PERSON_SUFFIX})"),
        # 患者李明，男，65岁 — a name right after "patient", ending at a clause boundary.
        re.compile(f"(?:患者|病人|患儿)\\s*[:：]?\\s*(?P<name>(?P<surname>{surnames})"
                   f"(?P<given>[\\u4e00-\\u9fff]{{1,2}}))"
                   f"(?=[，,。、；;（(\\s]|今年|因|于|在|是|的|\\d|$)"),
    )


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """From jieba's dictionary: the two- and three-character words it knows as something
    other than a person's name (高龄, 许多, 周围), so they never pass for "surname +
    given name"; and every word of three to five characters, names included (帕金森).
    """
    import jieba  # only needed once a case story contains a name-shaped phrase

    common, longer = set(), set()
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, _freq, tag = (line.split() + ["", ""])[:3]
            if 2 <= len(word) <= 3 and not tag.startswith("nr"):
                common.add(word)
            if 3 <= len(word) <= 5:
                longer.add(word)
    return frozenset(common), frozenset(longer)


def _common_words() -> frozenset[str]:
    return _dictionary()[0]


def _inside_a_word(text: str, start: int) -> bool:
    """Whether the "surname" at ``start`` is the middle of a longer word that begins
    before it: 金 in 帕金森病患者 (Parkinson's disease) is not a surname."""
    longer = _dictionary()[1]
    for before in (1, 2):
        if start - before < 0:
            break
        for length in range(before + 1, 6):
            if text[start - before:start - before + length] in longer:
                return True
    return False


def _real_date(m: re.Match) -> bool:
    g = m.groupdict()
    try:
        if g["y1"]:
            born = dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        elif g["y2"]:
            born = dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        elif g["y3"]:
            born = dt.date(int(g["y3"]), _MONTHS[g["mon3"][:3].lower()], int(g["d3"]))
        else:
            born = dt.date(int(g["y4"]), _MONTHS[g["mon4"][:3].lower()], int(g["d4"]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def _overlaps(span, spans) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def identifiers(text: str) -> Iterator[Hit]:
    """Every patient identifier in one text field of a case story."""
    taken: list[tuple[int, int]] = []

    def hit(rule, message, m, severity=None, group=0):
        span = m.span(group)
        if _overlaps(span, taken):
            return None
        taken.append(span)
        return Hit(rule, f"{message} {_PIPL}", span, severity, sensitive=True)

    found = []
    for m in _ID.finditer(text):
        number = "".join(m.groups()).upper()
        if is_resident_id(number):
            found.append(hit("PII-ID-NUMBER", "resident ID number (valid checksum); remove it", m))
        elif looks_like_resident_id(number):
            found.append(hit("PII-ID-NUMBER", "looks like a resident ID number (the check digit "
                             "does not match, but region and birth date do); remove it", m, "warn"))
    for m in _EMAIL.finditer(text):
        found.append(hit("PII-EMAIL", "e-mail address; remove it", m))
    for m in _DATE.finditer(text):
        before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 3]
        if _real_date(m) and (_BIRTH_BEFORE.search(before) or _BIRTH_AFTER.match(after)):
            found.append(hit("PII-BIRTHDATE", "exact date of birth; give an age band instead", m))
    for pattern in (_RECORD, _BED):
        for m in pattern.finditer(text):
            found.append(hit("PII-RECORD-NUMBER", "hospital record, admission or bed number; "
                             "remove it", m))
    for pattern, kind in ((_MOBILE, "mobile"), (_LANDLINE, "landline")):
        for m in pattern.finditer(text):
            found.append(hit("PII-PHONE", f"{kind} phone number; remove it", m))
    found += _full_names(text, hit)
    yield from (h for h in found if h is not None)


def _full_names(text, hit) -> list:
    found = []
    for m in _NAME_LABEL.finditer(text):
        name = m.group("name")
        if not _NOT_GIVEN.intersection(name[1:]):
            found.append(hit("PII-FULL-NAME", f"full name after a label ({name[0]}…); "
                             "write 王某 or 张女士 instead", m, group="name"))
    for pattern in _name_patterns():
        for m in pattern.finditer(text):
            candidate, given = m.group("surname") + m.group("given"), m.group("given")
            # The short list first: loading jieba's dictionary costs a second.
            if (_NOT_GIVEN.intersection(given) or candidate in shipped("not_names_zh.txt")
                    or candidate in _common_words() or _inside_a_word(text, m.start("surname"))):
                continue
            surname = m.group("surname")
            found.append(hit("PII-FULL-NAME", f"looks like a full name ({surname}…); write "
                             f"{surname}某 or {surname}女士/先生 instead", m, group="name"))
    for m in _EN_NAME.finditer(text):
        found.append(hit("PII-FULL-NAME", "full name; use an initial (Mr. W.) instead", m,
                         group="name"))
    return found
