"""Content errors: one line each, `file:line: what is wrong`, all collected."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ContentError(Exception):
    """Raised once loading has collected every problem in the content."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class WorkerError(Exception):
    """The process rendering half of the pages failed; the message is one line."""


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


def template_frame(exc: BaseException) -> str | None:
    """templates/x.html:line of the innermost template frame an error passed through, if any."""
    frames, tb = [], exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".html"):
            frames.append(f"{Path(name).resolve().relative_to(ROOT)}:{tb.tb_lineno}")
        tb = tb.tb_next
    return frames[-1] if frames else None


def template_location(exc: Exception) -> str:
    """templates/x.html:line of a template error, from the error or its innermost template frame."""
    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):
        return f"{Path(exc.filename).resolve().relative_to(ROOT)}:{exc.lineno}"
    return template_frame(exc) or "templates"
