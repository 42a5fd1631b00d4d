"""Build throw-away nbgrader course folders and submissions for the pipeline tests.

Conventions the exercises follow (and these helpers rely on): in an exercise
notebook, the answer cell of a graded function has the function's name as its
nbgrader ``grade_id``, and the test cell that grades it is ``test_<name>``.
"""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"


def make_course(root: Path, *assignments: str) -> Path:
    """A course folder at ``root`` with the given assignments released into it."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    for name in assignments:
        shutil.copytree(REPO / "solutions" / name, root / "solutions" / name)
        nbgrader(root, "generate_assignment", name, "--force")
    return root


def nbgrader(course: Path, *args: str, timeout: float = 1800) -> str:
    """Run one nbgrader command in ``course``; fail loudly with its output."""
    completed = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed with code {completed.returncode}:\n{output}")
    return output


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def cell_by_grade_id(notebook: nbformat.NotebookNode, grade_id: str):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(f"no cell with grade_id {grade_id!r}")


def answer_grade_ids(notebook: nbformat.NotebookNode) -> list[str]:
    return [
        cell.metadata["nbgrader"]["grade_id"]
        for cell in notebook.cells
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code"
    ]


def reference_answers(assignment: str) -> dict[str, str]:
    """The answer cells of ``solutions/<assignment>`` with the solution markers removed."""
    notebook = read_notebook(REPO / "solutions" / assignment / f"{assignment}.ipynb")
    answers = {}
    for grade_id in answer_grade_ids(notebook):
        lines = cell_by_grade_id(notebook, grade_id).source.splitlines()
        answers[grade_id] = "\n".join(line for line in lines if line.strip() not in (SOLUTION_BEGIN, SOLUTION_END))
    return answers


def source_as(function, name: str) -> str:
    """Source code that defines ``function`` under the graded ``name``."""
    source = inspect.getsource(function)
    if function.__name__ == name:
        return source
    return f"{source}\n\n{name} = {function.__name__}\n"


def released_notebook(course: Path, assignment: str) -> nbformat.NotebookNode:
    return read_notebook(course / "exercises" / assignment / f"{assignment}.ipynb")


def filled_in(course: Path, assignment: str, answers: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook with the given answer cells written in, as a student would."""
    notebook = released_notebook(course, assignment)
    for grade_id, source in answers.items():
        cell_by_grade_id(notebook, grade_id).source = source
    return notebook


def submit(course: Path, student: str, assignment: str, notebook: nbformat.NotebookNode) -> Path:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    nbformat.write(notebook, path)
    (folder / "timestamp.txt").write_text("2026-11-01 12:00:00.000000 UTC")
    return path


def cell_scores(course: Path, assignment: str) -> dict[str, dict[str, float]]:
    """Per student, the score of every graded cell of ``assignment``'s notebook."""
    from nbgrader.api import Gradebook

    scores: dict[str, dict[str, float]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for submission in gradebook.assignment_submissions(assignment):
            for notebook in submission.notebooks:
                scores[submission.student.id] = {grade.name: grade.score for grade in notebook.grades}
    return scores


def autograded_outputs(course: Path, student: str, assignment: str) -> dict[str, str]:
    """The text of every graded cell's output in the autograded notebook, by grade_id."""
    notebook = read_notebook(course / "autograded" / student / assignment / f"{assignment}.ipynb")
    texts = {}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and grade_id:
            parts = []
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    parts.append(f"{output.ename}: {output.evalue}")
                elif output.output_type == "stream":
                    parts.append(output.text)
            texts[grade_id] = "\n".join(parts)
    return texts


def student_id(kind: str, name: str) -> str:
    return f"{kind}-{name}".replace(".", "-").replace("_", "-").lower()


def points_per_cell(assignment: str) -> dict[str, float]:
    """The points of every graded cell of the solution notebook, by grade_id."""
    notebook = read_notebook(REPO / "solutions" / assignment / f"{assignment}.ipynb")
    return {
        cell.metadata["nbgrader"]["grade_id"]: float(cell.metadata["nbgrader"]["points"])
        for cell in notebook.cells
        if cell.metadata.get("nbgrader", {}).get("grade")
    }


def alternatives_student(index: int) -> str:
    return f"alternatives-{index + 1}"


def catalogue_batch(course: Path, assignment: str, mistakes, alternatives) -> None:
    """Submit the untouched release, the reference answers, every mistake and every alternative.

    ``mistakes``: graded name -> Mistakes; ``alternatives``: graded name -> functions.
    A mistake replaces one answer cell of the reference answers, so that it alone
    can lose points. Alternatives are correct, so the k-th alternative of every
    graded function goes into one submission (``alternatives_student(k)``): full
    points there vouch for each of them, and mixing them checks that they work
    together, at a fraction of the grading time.
    """
    answers = reference_answers(assignment)
    submit(course, "untouched", assignment, released_notebook(course, assignment))
    submit(course, "solution", assignment, filled_in(course, assignment, answers))
    for name, group in mistakes.items():
        for mistake in group:
            replaced = {**answers, name: source_as(mistake.implementation, name)}
            submit(course, student_id("mistake", mistake.id), assignment, filled_in(course, assignment, replaced))
    for index in range(max((len(group) for group in alternatives.values()), default=0)):
        replaced = dict(answers)
        for name, group in alternatives.items():
            if index < len(group):
                replaced[name] = source_as(group[index], name)
        submit(course, alternatives_student(index), assignment, filled_in(course, assignment, replaced))
