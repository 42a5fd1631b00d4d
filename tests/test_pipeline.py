"""Every exercise through nbgrader: release, untouched, reference, each mistake, each alternative.

A new chapter is covered as soon as it has ``solutions/<name>/``,
``autograder/mistakes/<name>.py`` and ``tests/submissions/<name>_alternatives.py``.
"""

from __future__ import annotations

import pytest

from tests.conftest import catalogues
from tests.course_folder import (
    REPO,
    alternatives_student,
    autograded_outputs,
    cell_scores,
    points_per_cell,
    student_id,
)

ASSIGNMENTS = sorted(path.name for path in (REPO / "solutions").iterdir() if path.is_dir())
MISTAKE_CASES = [
    pytest.param(assignment, name, mistake, id=f"{assignment}:{mistake.id}")
    for assignment in ASSIGNMENTS
    for name, group in catalogues(assignment)[0].items()
    for mistake in group
]
ALTERNATIVE_CASES = [
    pytest.param(assignment, index, implementation, id=f"{assignment}.{implementation.__name__}")
    for assignment in ASSIGNMENTS
    for implementations in catalogues(assignment)[1].values()
    for index, implementation in enumerate(implementations)
]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_hides_answers_and_hidden_tests(graded_batch, assignment):
    release = (graded_batch(assignment) / "exercises" / assignment / f"{assignment}.ipynb").read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder.hidden", "autograder.reference"):
        assert marker not in release


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_scores_zero(graded_batch, assignment):
    scores = cell_scores(graded_batch(assignment), assignment)["untouched"]
    assert scores == {cell: 0 for cell in points_per_cell(assignment)}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_answers_score_full_points(graded_batch, assignment):
    assert cell_scores(graded_batch(assignment), assignment)["solution"] == points_per_cell(assignment)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_function_has_mistakes_and_three_alternatives(assignment):
    mistakes, alternatives = catalogues(assignment)
    graded = {cell.removeprefix("test_") for cell in points_per_cell(assignment)}
    for name in graded:
        owner = next((key for key in alternatives if name.startswith(key)), None)
        assert owner and len(alternatives[owner]) >= 3, f"{assignment}: fewer than 3 alternatives for {name}"
        assert any(name.startswith(key) for key in mistakes), f"{assignment}: no catalogued mistake for {name}"


@pytest.mark.parametrize("assignment, name, mistake", MISTAKE_CASES)
def test_each_catalogued_mistake_loses_points_and_is_named(graded_batch, assignment, name, mistake):
    course = graded_batch(assignment)
    student = student_id("mistake", mistake.id)
    scores = cell_scores(course, assignment)[student]
    full = points_per_cell(assignment)
    own_cells = [cell for cell in full if cell.startswith(f"test_{name}")]
    assert own_cells, f"no test cell for {name}"
    assert sum(scores[cell] for cell in own_cells) < sum(full[cell] for cell in own_cells), (
        f"{mistake.id} kept all the points of {own_cells}"
    )
    others = {cell: scores[cell] for cell in full if cell not in own_cells}
    assert others == {cell: full[cell] for cell in others}, f"{mistake.id} lost points elsewhere"
    outputs = autograded_outputs(course, student, assignment)
    assert any(f"[diagnosis: {mistake.id}]" in outputs[cell] for cell in own_cells), outputs


@pytest.mark.parametrize("assignment, index, implementation", ALTERNATIVE_CASES)
def test_each_alternative_correct_answer_gets_full_points(graded_batch, assignment, index, implementation):
    """The submission that carries this alternative (with others) gets full points."""
    course = graded_batch(assignment)
    student = alternatives_student(index)
    notebook = (course / "submitted" / student / assignment / f"{assignment}.ipynb").read_text()
    assert f"def {implementation.__name__}(" in notebook or f"class {implementation.__name__}" in notebook
    assert cell_scores(course, assignment)[student] == points_per_cell(assignment)
