import re
from pathlib import Path

from kepu.compliance import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "compliance.md"


def test_every_rule_has_a_section_with_basis_and_severity():
    text = DOC.read_text(encoding="utf-8")
    for rule in RULES.values():
        match = re.search(rf"^## `{re.escape(rule.id)}`.*?(?=^## |\Z)", text, re.M | re.S)
        assert match, f"docs/compliance.md has no section for {rule.id}"
        section = match.group()
        assert f"Severity: **{rule.severity}**" in section, rule.id
        assert "Basis:" in section, rule.id
