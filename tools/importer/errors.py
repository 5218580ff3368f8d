"""The one exception that crosses the importer's stages."""
from __future__ import annotations


class ImportProblem(Exception):
    """The importer cannot account for what the document says at `line` (0: the whole file)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message

    def where(self, path: str) -> str:
        """`path:LINE: message`, the one line the command prints."""
        return f"{path}:{max(self.line, 1)}: {self.message}"
