"""Findings, and the overrides that let an editor proceed past one with a reason.

A finding is a plain frozen value: the CMS stores it as JSON next to the
revision it was found in, the editor UI highlights ``span`` inside ``field``,
and ``kepu check`` prints it as ``path:line: RULE-ID severity: message``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from .rules import RULES, Severity

log = logging.getLogger("kepu.compliance")


@dataclass(frozen=True)
class Finding:
    """One problem, pinned to a field of one page.

    ``field`` is a dotted path into the content-format dict
    (``panels.0.bubbles.1.text``), ``"body"`` for the Markdown body, or ``""``
    for the page as a whole. ``span`` is the (start, end) character range of the
    offending text inside that field, when there is one. ``location`` is filled
    by whoever knows where the page lives (``kepu check`` writes ``path:line``).
    """

    rule: str
    severity: Severity
    message: str
    field: str
    location: str | None = None
    excerpt: str = ""
    span: tuple[int, int] | None = None
    overridden: bool = False
    override_reason: str = ""

    @property
    def basis(self) -> str:
        """The law or policy behind the rule, as cited to editors and experts."""
        return RULES[self.rule].basis

    @property
    def is_blocking(self) -> bool:
        return self.severity == "block" and not self.overridden

    def to_dict(self) -> dict:
        data = asdict(self)
        data["span"] = list(self.span) if self.span else None
        data["basis"] = self.basis
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """Inverse of ``to_dict`` (for findings stored as JSON by the CMS)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if known.get("span") is not None:
            known["span"] = tuple(known["span"])
        return cls(**known)

    def __str__(self) -> str:
        where = self.location or self.field or "page"
        text = f"{where}: {self.rule} {self.severity}: {self.message}"
        if self.overridden:
            text += f" [overridden: {self.override_reason}]"
        return text


@dataclass(frozen=True)
class Override:
    """An editor's decision to proceed past the findings of ``rule`` in ``field``.

    The reason is required — it is what the expert reads at sign-off and what
    the audit log keeps (issue 3: "an override needs a reason and is logged").
    """

    rule: str
    field: str
    reason: str

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}")
        if not (self.reason or "").strip():
            raise ValueError(f"overriding {self.rule} in {self.field or 'the page'} needs a reason")

    def matches(self, finding: Finding) -> bool:
        return finding.rule == self.rule and finding.field == self.field


def apply_overrides(findings: Iterable[Finding], overrides: Iterable[Override]) -> list[Finding]:
    """Return the findings with every overridden one flagged, never dropped.

    Overridden findings stay in the list so the expert sees what was waved
    through and why; they no longer count as blocking.
    """
    overrides = list(overrides)
    out = []
    for finding in findings:
        match = next((o for o in overrides if o.matches(finding)), None)
        if match is None:
            out.append(finding)
            continue
        log.info("override %s in %s: %s", finding.rule, finding.field or "page", match.reason)
        out.append(replace(finding, overridden=True, override_reason=match.reason.strip()))
    return out


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop a page going to review or export."""
    return [f for f in findings if f.is_blocking]


@dataclass(frozen=True)
class Hit:
    """What a text rule reports before it knows which field it was looking at."""

    rule: str
    message: str
    span: tuple[int, int]
    severity: Severity | None = None  # None: the rule's own severity
    # Personal data is masked in the excerpt, because findings are stored,
    # logged and printed in CI output where the identifier must not travel.
    sensitive: bool = False


def excerpt(text: str, span: tuple[int, int], sensitive: bool = False, context: int = 12) -> str:
    """The offending words with a little context, on one line.

    For personal data the match is masked and digits around it are hidden too,
    so an ID number next to a phone number does not leak through the context.
    """
    start, end = span
    found = text[start:end]
    before = text[max(0, start - context):start]
    after = text[end:end + context]
    if sensitive:
        keep = 2 if len(found) > 6 else 1
        found = found[:keep] + "*" * max(0, len(found) - 2 * keep) + found[-keep:]
        before, after = (re.sub(r"[0-9@]", "*", part) for part in (before, after))
    snippet = ("…" if start > context else "") + before + found + after + \
        ("…" if end + context < len(text) else "")
    return " ".join(snippet.split())
