import pytest

from kepu.compliance.resident_id import (
    check_character,
    has_valid_checksum,
    is_resident_id,
    looks_like_resident_id,
)

from .helpers import findings_for

KNOWN_VALID = "11010519491231002X"


def _valid(first17: str) -> str:
    # ISO 7064 MOD 11-2, written out independently of the library.
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def test_known_valid_number_and_computed_ones_pass():
    assert is_resident_id(KNOWN_VALID)
    assert check_character(KNOWN_VALID[:17]) == "X"
    for first17 in ("44030419850615123", "32010619720229456", "51010719990101001"):
        assert is_resident_id(_valid(first17)), first17


@pytest.mark.parametrize("number", [
    "110105194912310021",   # wrong check character
    "11010519491231002Y",   # not a check character at all
    "110105194902300029",   # 30 February
    "990105194912310021",   # no such province
])
def test_invalid_numbers_fail(number):
    assert not is_resident_id(number)


def test_invalid_birth_date_with_valid_checksum_is_not_an_id():
    number = _valid("11010519490230002")  # 1949-02-30
    assert has_valid_checksum(number) and not is_resident_id(number)


def test_valid_id_in_case_story_blocks_and_is_masked():
    findings = findings_for("case_story", body=f"患者身份证号 {KNOWN_VALID}，已签知情同意。")
    hit = [f for f in findings if f.rule == "PII-ID-NUMBER"]
    assert [f.severity for f in hit] == ["block"]
    assert KNOWN_VALID not in hit[0].excerpt and KNOWN_VALID not in hit[0].message
    assert "个人信息保护法" in hit[0].message


def test_spaced_valid_id_is_found():
    findings = findings_for("case_story", body="证件：110105 19491231 002X。")
    assert [f.severity for f in findings if f.rule == "PII-ID-NUMBER"] == ["block"]


def test_wrong_checksum_with_plausible_date_only_warns():
    assert looks_like_resident_id("110105194912310021")
    findings = findings_for("case_story", body="编号110105194912310021。")
    assert [f.severity for f in findings if f.rule == "PII-ID-NUMBER"] == ["warn"]


def test_random_18_digit_number_is_not_an_id():
    findings = findings_for("case_story", body="样本编号 123456789012345678。")
    assert not [f for f in findings if f.rule == "PII-ID-NUMBER"]
