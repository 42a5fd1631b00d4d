"""What the grader needs to know about a notebook cell.

A test cell's source alternates between visible code, which runs in the
student's kernel, and hidden blocks (between nbgrader's ``BEGIN HIDDEN TESTS``
and ``END HIDDEN TESTS`` lines), which the referee runs in the grader's own
process.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbformat import NotebookNode

HIDDEN_PLACEHOLDER = "# (hidden tests ran here; their code is not shown)"


@dataclass(frozen=True)
class Segment:
    hidden: bool
    code: str

    @property
    def runnable(self) -> bool:
        """False for a segment of comments and blank lines only."""
        return any(line.strip() and not line.strip().startswith("#") for line in self.code.splitlines())


def grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def nbgrader_metadata(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test_cell(cell: NotebookNode) -> bool:
    meta = nbgrader_metadata(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_answer_cell(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and bool(nbgrader_metadata(cell).get("solution"))


def split_hidden(source: str, begin: str, end: str) -> list[Segment]:
    """The source as visible and hidden segments, in order; delimiter lines are dropped.

    An unterminated hidden block runs to the end of the cell (as nbgrader
    removes it when it releases the notebook).
    """
    segments: list[Segment] = []
    lines: list[str] = []
    hidden = False
    for line in source.splitlines():
        if (not hidden and begin in line) or (hidden and end in line):
            if lines:
                segments.append(Segment(hidden, "\n".join(lines)))
            lines, hidden = [], not hidden
            continue
        lines.append(line)
    if lines:
        segments.append(Segment(hidden, "\n".join(lines)))
    return [segment for segment in segments if segment.hidden or segment.code.strip()]


def has_hidden(source: str, begin: str) -> bool:
    return any(begin in line for line in source.splitlines())


def without_hidden(source: str, begin: str, end: str) -> str:
    """The source a student may see: each hidden block becomes one placeholder line."""
    parts = []
    for segment in split_hidden(source, begin, end):
        parts.append(HIDDEN_PLACEHOLDER if segment.hidden else segment.code)
    return "\n".join(parts)

