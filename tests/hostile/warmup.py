"""A second, one-function assignment, so that a course can receive "the notebook of another assignment"."""

from __future__ import annotations

from pathlib import Path

import nbformat

NAME = "warmup"


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def write_source(course: Path) -> Path:
    """``solutions/warmup/warmup.ipynb`` in ``course``; release it with nbgrader afterwards."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.kernelspec = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("Write `double(x)`.", metadata=_meta("warmup_intro", locked=True)),
        nbformat.v4.new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
                                  metadata=_meta("double", solution=True)),
        nbformat.v4.new_code_cell("### BEGIN HIDDEN TESTS\nassert double(21) == 42\n### END HIDDEN TESTS\n"
                                  "assert double(2) == 4\nprint('double looks right.')",
                                  metadata=_meta("test_double", grade=True, locked=True, points=1)),
    ]
    path = course / "solutions" / NAME / f"{NAME}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path
