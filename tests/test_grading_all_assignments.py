"""``grade`` on every assignment of the course: the reference answers get full points, the
untouched release none, and neither is flagged.

Some chapters' hidden checks need the student's objects in their own process
and so run inside the kernel (``autograde``); this test finds out, for each
new chapter, that one way or the other its solution is graded right.
"""

from __future__ import annotations

import pytest

from autograder.grading.autograde import GradingOptions, grade_assignment
from autograder.grading.course import Course
from autograder.grading.isolation.sandbox import Limits
from tests.course_folder import REPO, cell_scores, filled_in, make_course, points_per_cell, reference_answers, \
    released_notebook, submit

ASSIGNMENTS = sorted(path.name for path in (REPO / "solutions").iterdir() if path.is_dir())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_answers_get_full_points_and_nothing_is_flagged(tmp_path, assignment):
    course = make_course(tmp_path / "course", assignment)
    submit(course, "solution", assignment, filled_in(course, assignment, reference_answers(assignment)))
    submit(course, "untouched", assignment, released_notebook(course, assignment))
    summary = grade_assignment(Course(course), assignment,
                               GradingOptions(workers=2, limits=Limits(cell_seconds=120), progress=False))
    scores = cell_scores(course, assignment)
    assert scores["solution"] == points_per_cell(assignment), summary.hidden_in_kernel
    assert set(scores["untouched"].values()) == {0.0}
    for graded in summary.graded:
        alarms = [flag for flag in graded.flags if flag["kind"] in ("tampering", "sandbox")]
        assert not alarms, f"{graded.student}: {alarms}"
