"""Content errors: one line each, `file:line: what is wrong`, all collected."""
from __future__ import annotations


class ContentError(Exception):
    """Raised once loading has collected every problem in the content."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Problems:
    """Collects problems so staff see all of them in one build, not one per run."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, line: int, message: str) -> None:
        one_line = " ".join(str(message).split())
        self.items.append(f"{path}:{line}: {one_line}")

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
