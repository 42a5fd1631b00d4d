"""The instructor's verbs end to end on a course folder made by the tests.

The catalogue batch (untouched release, reference answers, every catalogued
mistake, every alternative) is graded with ``python -m autograder grade``:
the scores must equal plain ``nbgrader autograde``'s, each mistake must be
diagnosed, an interrupted run must resume without losing or duplicating a
grade, and feedback, export and report must work from the result.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.grading.gradebook import GradebookWriter
from tests.conftest import catalogues
from tests.course_folder import (
    autograded_outputs,
    catalogue_batch,
    cell_scores,
    make_course,
    points_per_cell,
    reference_answers,
    student_id,
    filled_in,
    submit,
)

ASSIGNMENT = "backprop"
VERBS = ("release", "student-kit", "collect", "grade", "feedback", "export", "report")


def autograder(course: Path, *args: str, timeout: float = 900) -> str:
    completed = subprocess.run([sys.executable, "-m", "autograder", "--course", str(course), *args],
                               capture_output=True, text=True, timeout=timeout)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"autograder {' '.join(args)} failed:\n{output}"
    return output


def ledger(course: Path):
    with GradebookWriter(f"sqlite:///{course / 'gradebook.db'}", "backprop-course") as writer:
        return writer.ledger(ASSIGNMENT)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The catalogue batch, graded by ``grade`` after an interrupted first attempt."""
    course = make_course(tmp_path_factory.mktemp("grade"), ASSIGNMENT)
    catalogue_batch(course, ASSIGNMENT, *catalogues(ASSIGNMENT))
    total = len(list((course / "submitted").iterdir()))
    command = [sys.executable, "-m", "autograder", "--course", str(course), "grade", ASSIGNMENT,
               "--workers", "2", "--quiet"]
    first = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and _ledger_rows(course) < 3:
        time.sleep(0.2)
    os.killpg(first.pid, signal.SIGKILL)  # the hardest interruption: no clean-up at all
    first.wait()
    interrupted_at = _ledger_rows(course)
    assert 3 <= interrupted_at < total, "the first run was meant to be interrupted half-way"
    output = autograder(course, "grade", ASSIGNMENT, "--workers", "2", "--quiet")
    return course, interrupted_at, total, output


def _ledger_rows(course: Path) -> int:
    try:
        with sqlite3.connect(course / "gradebook.db") as db:
            return db.execute("select count(*) from autograder_ledger").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_scores_equal_plain_nbgrader(course, graded_batch):
    course, *_ = course
    ours = cell_scores(course, ASSIGNMENT)
    plain = cell_scores(graded_batch(ASSIGNMENT), ASSIGNMENT)
    assert ours == plain


def test_the_resumed_run_grades_only_what_was_missing(course):
    course, interrupted_at, total, output = course
    assert f"graded {total - interrupted_at} notebooks" in output, output
    assert _ledger_rows(course) == total
    with sqlite3.connect(course / "gradebook.db") as db:
        grades = db.execute("select count(*) from grade").fetchone()[0]
    assert grades == total * len(points_per_cell(ASSIGNMENT))  # no grade lost, none duplicated


def test_a_third_run_has_nothing_to_do_until_a_submission_changes(course):
    course, _, total, _ = course
    assert "graded 0 notebooks" in autograder(course, "grade", ASSIGNMENT, "--quiet")
    changed = reference_answers(ASSIGNMENT)
    changed["update_w"] = "def update_w(w, grads, step):\n    return w"
    submit(course, "solution", ASSIGNMENT, filled_in(course, ASSIGNMENT, changed))
    try:
        output = autograder(course, "grade", ASSIGNMENT, "--quiet")
        assert "graded 1 notebooks" in output
        assert cell_scores(course, ASSIGNMENT)["solution"]["test_update_w"] == 0
    finally:
        submit(course, "solution", ASSIGNMENT, filled_in(course, ASSIGNMENT, reference_answers(ASSIGNMENT)))
        autograder(course, "grade", ASSIGNMENT, "--quiet")
    assert cell_scores(course, ASSIGNMENT)["solution"] == points_per_cell(ASSIGNMENT)
    assert _ledger_rows(course) == total


@pytest.mark.parametrize("name, mistake", [(n, m) for n, group in catalogues(ASSIGNMENT)[0].items() for m in group],
                         ids=lambda value: getattr(value, "id", value))
def test_each_mistake_is_diagnosed_in_the_ledger_and_the_notebook(course, name, mistake):
    course, *_ = course
    student = student_id("mistake", mistake.id)
    hidden = ledger(course)[(student, ASSIGNMENT)].details["hidden"]
    assert hidden[f"test_{name}"]["diagnosis"] == mistake.id
    assert f"[diagnosis: {mistake.id}]" in autograded_outputs(course, student, ASSIGNMENT)[f"test_{name}"]


def test_feedback_keeps_the_diagnosis_and_hides_the_hidden_tests(course):
    course, *_ = course
    autograder(course, "feedback", ASSIGNMENT)
    seed = student_id("mistake", "backprop.seed-hidden-layer")
    html = (course / "feedback" / seed / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "[diagnosis: backprop.seed-hidden-layer]" in html
    assert "delta_o1 * w5 + delta_o2 * w6" in html
    assert "hidden tests ran here" in html
    for page in (course / "feedback").rglob("*.html"):
        text = page.read_text()
        assert "BEGIN HIDDEN TESTS" not in text and "autograder.hidden" not in text, page
    unrecognised = [p for p in (course / "feedback").rglob("*.html") if "[diagnosis: unrecognised]" in p.read_text()]
    for page in unrecognised:
        assert "expected [withheld]" in page.read_text()


def test_export_has_one_row_per_student_and_assignment_and_per_cell(course):
    course, _, total, _ = course
    autograder(course, "export", "--output", str(course / "grades.csv"))
    with open(course / "grades.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = points_per_cell(ASSIGNMENT)
    assignment_rows = [row for row in rows if row["level"] == "assignment"]
    cell_rows = [row for row in rows if row["level"] == "cell"]
    assert len(assignment_rows) == total and len(cell_rows) == total * len(cells)
    scores = cell_scores(course, ASSIGNMENT)
    for row in cell_rows:
        assert float(row["score"]) == scores[row["student_id"]][row["cell"]]
    seed = student_id("mistake", "backprop.seed-hidden-layer")
    assert any(row["student_id"] == seed and row["diagnosis"] == "backprop.seed-hidden-layer" for row in cell_rows)
    solution = next(row for row in assignment_rows if row["student_id"] == "solution")
    assert float(solution["score"]) == float(solution["max_score"]) == sum(cells.values())


def test_nbgraders_own_export_still_works(course):
    course, _, total, _ = course
    subprocess.run([sys.executable, "-m", "nbgrader", "export", "--to", "plain.csv"], cwd=course, check=True,
                   capture_output=True)
    with open(course / "plain.csv", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == total


def test_report_counts_the_mistakes_of_the_class(course):
    course, _, total, _ = course
    autograder(course, "report", ASSIGNMENT, "--output", str(course / "report.html"))
    html = (course / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 3
    # each catalogued mistake is made by exactly one student of the batch
    share = f"{100 / total:.0f}% of the class</b> (1 of {total})"
    assert share in html
    assert "backprop.seed-hidden-layer" in html and "homework post" in html


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb):
    completed = subprocess.run([sys.executable, "-m", "autograder", verb, "--help"], capture_output=True, text=True)
    assert completed.returncode == 0 and "usage:" in completed.stdout


def test_grading_needs_a_released_assignment(tmp_path):
    course = make_course(tmp_path / "empty")
    completed = subprocess.run([sys.executable, "-m", "autograder", "--course", str(course), "grade", "nope"],
                               capture_output=True, text=True)
    assert completed.returncode != 0 and "release" in completed.stderr
