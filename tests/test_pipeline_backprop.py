"""The whole nbgrader path on the backpropagation exercise, in a throw-away course folder.

One batch is graded once for the module: the untouched release, the reference
answers, one submission per catalogued mistake and one per alternative correct
implementation.
"""

from __future__ import annotations

import csv

import pytest

from autograder.mistakes.backprop import MISTAKES
from tests.course_folder import (
    autograded_outputs,
    cell_scores,
    filled_in,
    make_course,
    nbgrader,
    reference_answers,
    released_notebook,
    source_as,
    submit,
)
from tests.submissions.backprop_alternatives import ALTERNATIVES

ASSIGNMENT = "backprop"
POINTS = {"test_quadratic_gradients": 2, "test_forward_propagate": 2, "test_back_propagate": 4, "test_update_w": 2}
SEED_MISTAKE = "backprop.seed-hidden-layer"


def student_id(kind: str, name: str) -> str:
    return f"{kind}-{name}".replace(".", "-").replace("_", "-")


def with_replaced(answers: dict[str, str], function_name: str, implementation) -> dict[str, str]:
    return {**answers, function_name: source_as(implementation, function_name)}


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("course"), ASSIGNMENT)
    answers = reference_answers(ASSIGNMENT)
    submit(course, "untouched", ASSIGNMENT, released_notebook(course, ASSIGNMENT))
    submit(course, "solution", ASSIGNMENT, filled_in(course, ASSIGNMENT, answers))
    for function_name, mistakes in MISTAKES.items():
        for mistake in mistakes:
            notebook = filled_in(course, ASSIGNMENT, with_replaced(answers, function_name, mistake.implementation))
            submit(course, student_id("mistake", mistake.id), ASSIGNMENT, notebook)
    for function_name, implementations in ALTERNATIVES.items():
        for implementation in implementations:
            notebook = filled_in(course, ASSIGNMENT, with_replaced(answers, function_name, implementation))
            submit(course, student_id("alternative", implementation.__name__), ASSIGNMENT, notebook)
    nbgrader(course, "autograde", ASSIGNMENT, "--create")
    return course


def test_the_release_hides_answers_and_hidden_tests(graded_course):
    release = (graded_course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert "BEGIN HIDDEN TESTS" not in release and "autograder.hidden" not in release
    assert "BEGIN SOLUTION" not in release and "delta_h1" not in release
    assert release.count("raise NotImplementedError()") == len(POINTS)


def test_untouched_release_scores_zero(graded_course):
    scores = cell_scores(graded_course, ASSIGNMENT)["untouched"]
    assert scores == {cell: 0 for cell in POINTS}


def test_reference_answers_score_full_points(graded_course):
    assert cell_scores(graded_course, ASSIGNMENT)["solution"] == POINTS


@pytest.mark.parametrize(
    "function_name, mistake",
    [(name, mistake) for name, mistakes in MISTAKES.items() for mistake in mistakes],
    ids=lambda value: getattr(value, "id", value),
)
def test_each_catalogued_mistake_loses_its_points_and_is_named(graded_course, function_name, mistake):
    student = student_id("mistake", mistake.id)
    scores = cell_scores(graded_course, ASSIGNMENT)[student]
    failing_cell = f"test_{function_name}"
    assert scores[failing_cell] == 0, f"{mistake.id} kept the points of {failing_cell}"
    assert {cell: score for cell, score in scores.items() if cell != failing_cell} == {
        cell: points for cell, points in POINTS.items() if cell != failing_cell
    }
    output = autograded_outputs(graded_course, student, ASSIGNMENT)[failing_cell]
    assert f"[diagnosis: {mistake.id}]" in output
    assert mistake.message.split(":")[0][:40] in output


@pytest.mark.parametrize(
    "implementation",
    [implementation for implementations in ALTERNATIVES.values() for implementation in implementations],
    ids=lambda implementation: implementation.__name__,
)
def test_each_alternative_correct_answer_gets_full_points(graded_course, implementation):
    scores = cell_scores(graded_course, ASSIGNMENT)[student_id("alternative", implementation.__name__)]
    assert scores == POINTS


def test_seed_mistake_loses_exactly_the_back_propagation_points(graded_course):
    scores = cell_scores(graded_course, ASSIGNMENT)[student_id("mistake", SEED_MISTAKE)]
    assert scores["test_back_propagate"] == 0
    assert scores["test_forward_propagate"] == POINTS["test_forward_propagate"]
    assert sum(scores.values()) == sum(POINTS.values()) - POINTS["test_back_propagate"]


def test_feedback_names_the_mistake_and_export_has_the_grades(graded_course):
    nbgrader(graded_course, "generate_feedback", ASSIGNMENT)
    seed_student = student_id("mistake", SEED_MISTAKE)
    feedback = graded_course / "feedback" / seed_student / ASSIGNMENT / f"{ASSIGNMENT}.html"
    html = feedback.read_text()
    assert f"[diagnosis: {SEED_MISTAKE}]" in html
    assert "delta_o1 * w5 + delta_o2 * w6" in html

    nbgrader(graded_course, "export", "--to", "grades.csv")
    with open(graded_course / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle) if row["assignment"] == ASSIGNMENT}
    total = sum(POINTS.values())
    assert float(rows["solution"]["score"]) == total
    assert float(rows["solution"]["max_score"]) == total
    assert float(rows["untouched"]["score"]) == 0
    assert float(rows[seed_student]["score"]) == total - POINTS["test_back_propagate"]
