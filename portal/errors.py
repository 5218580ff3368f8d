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


class Problem(str):
    """`file:line: what is wrong`, in English (the build's log), with the same line in
    Turkish where it was written in both: the preview shows each in the page's language."""

    turkish: str

    def __new__(cls, english: str, turkish: str = ""):
        line = super().__new__(cls, english)
        line.turkish = turkish or english
        return line

    def __reduce__(self):  # a worker process hands problems to the parent
        return Problem, (str(self), self.turkish)

    def said_in(self, lang: str) -> str:
        return self.turkish if lang == "tr" else str(self)


def one_line(message: str) -> str:
    return " ".join(str(message).split())


class Problems:
    """Collects problems so staff see all of them in one build, not one per run."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, line: int, message, turkish: str = "") -> None:
        """message: English text, or a Text (Turkish and English, see i18n.both)."""
        if hasattr(message, "tr"):
            message, turkish = message.en, message.tr
        english = f"{path}:{line}: {one_line(message)}"
        self.items.append(Problem(english, f"{path}:{line}: {one_line(turkish)}" if turkish else english))

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
