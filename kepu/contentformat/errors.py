"""Errors that point at a file, a line and a field, as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentErrors(Exception):
    """One or more invalid content files; str() lists every error, one per line."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
