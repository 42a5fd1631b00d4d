"""What the backpropagation exercise adds to the generic pipeline tests: the homework
post's hidden-layer mistake, its feedback page, and the exported grades."""

from __future__ import annotations

import csv

from tests.course_folder import cell_scores, nbgrader, points_per_cell, student_id

ASSIGNMENT = "backprop"
SEED_MISTAKE = "backprop.seed-hidden-layer"


def test_seed_mistake_loses_exactly_the_back_propagation_points(graded_batch):
    scores = cell_scores(graded_batch(ASSIGNMENT), ASSIGNMENT)[student_id("mistake", SEED_MISTAKE)]
    full = points_per_cell(ASSIGNMENT)
    assert scores["test_back_propagate"] == 0
    assert scores["test_forward_propagate"] == full["test_forward_propagate"]
    assert sum(scores.values()) == sum(full.values()) - full["test_back_propagate"]


def test_feedback_names_the_mistake_and_export_has_the_grades(graded_batch):
    course = graded_batch(ASSIGNMENT)
    nbgrader(course, "generate_feedback", ASSIGNMENT)
    seed_student = student_id("mistake", SEED_MISTAKE)
    html = (course / "feedback" / seed_student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert f"[diagnosis: {SEED_MISTAKE}]" in html
    assert "delta_o1 * w5 + delta_o2 * w6" in html

    nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle) if row["assignment"] == ASSIGNMENT}
    full = points_per_cell(ASSIGNMENT)
    total = sum(full.values())
    assert float(rows["solution"]["score"]) == total == float(rows["solution"]["max_score"])
    assert float(rows["untouched"]["score"]) == 0
    assert float(rows[seed_student]["score"]) == total - full["test_back_propagate"]
    assert len(rows) == len(cell_scores(course, ASSIGNMENT))
