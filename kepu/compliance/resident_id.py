"""Chinese resident identity card numbers (GB 11643-1999).

18 characters: a 6-digit region code, the birth date as YYYYMMDD, a 3-digit
sequence number and a check character computed with ISO 7064 MOD 11-2.
"""

from __future__ import annotations

import datetime as dt

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# Province-level codes (first two digits) in use, plus 83 for residence
# permits issued to residents of Taiwan.
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
              46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}


def check_character(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def birth_date(number: str, today: dt.date | None = None) -> dt.date | None:
    """The birth date encoded in an 18-digit number, or None if it is not a plausible one."""
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    today = today or dt.date.today()
    return born if dt.date(1900, 1, 1) <= born <= today else None


def has_valid_checksum(number: str) -> bool:
    number = number.upper()
    return (len(number) == 18 and number[:17].isdigit()
            and check_character(number[:17]) == number[17])


def is_resident_id(number: str) -> bool:
    """A well-formed number: real province, real birth date, matching check character."""
    number = number.upper()
    return (has_valid_checksum(number) and int(number[:2]) in _PROVINCES
            and birth_date(number) is not None)


def looks_like_resident_id(number: str) -> bool:
    """Province and birth date are plausible, whatever the check character says.

    A mistyped ID number still identifies a patient to anyone who knows them,
    so this is worth a warning even when the checksum fails.
    """
    number = number.upper()
    return (len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789X"
            and int(number[:2]) in _PROVINCES and birth_date(number) is not None)
