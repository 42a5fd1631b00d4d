"""The hostile corpus, graded in one batch with a good submission (``tests/hostile/corpus.py``).

Every bad submission gets a grade and a message that says what happened; the
batch finishes; the good submission gets its full points; no file of the
course changes except the grader's own outputs; the submitted files are kept
byte for byte; attempts on the checks change no grade and are flagged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder.grading.autograde import GradingOptions, grade_assignment
from autograder.grading.course import Course
from autograder.grading.feedback import generate_feedback
from autograder.grading.gradebook import GradebookWriter
from autograder.grading.report import collect as collect_report
from autograder.grading.isolation.sandbox import Limits
from tests.course_folder import REPO, cell_scores, make_course, nbgrader, points_per_cell
from tests.hostile import corpus, isolation_cases, warmup

LIMITS = Limits(cell_seconds=3, notebook_seconds=90, memory_bytes=2**30, output_bytes=2**20)
OWN_OUTPUTS = ("autograded", "feedback", "gradebook.db", "reports")


def _snapshot(course: Path) -> dict[str, str]:
    return {str(path.relative_to(course)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in course.rglob("*") if path.is_file() and path.relative_to(course).parts[0] not in OWN_OUTPUTS}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("hostile"), corpus.ASSIGNMENT)
    warmup.write_source(course)
    nbgrader(course, "generate_assignment", warmup.NAME, "--force")
    cases = corpus.build(course, REPO)
    for case in cases:
        folder = course / "submitted" / case.student / corpus.ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{corpus.ASSIGNMENT}.ipynb").write_bytes(case.content)
        (folder / "timestamp.txt").write_text("2026-11-01 12:00:00.000000 UTC")
    before = _snapshot(course)
    summary = grade_assignment(Course(course), corpus.ASSIGNMENT,
                               GradingOptions(workers=2, limits=LIMITS, progress=False))
    with GradebookWriter(f"sqlite:///{course / 'gradebook.db'}", "backprop-course") as writer:
        ledger = writer.ledger(corpus.ASSIGNMENT)
    return course, {case.student: case for case in cases}, summary, before, ledger


def _case_ids():
    return corpus.case_names()


@pytest.mark.parametrize("student", _case_ids())
def test_each_case_gets_the_grade_it_deserves(graded, student):
    course, cases, summary, _, ledger = graded
    case = cases[student]
    scores = cell_scores(course, corpus.ASSIGNMENT)[student]
    full = points_per_cell(corpus.ASSIGNMENT)
    for cell, expected in case.scores.items():
        wanted = _in_process_verdict(case, cell, full[cell]) if expected == corpus.ANY else \
            (full[cell] if expected == corpus.FULL else 0.0)
        assert scores[cell] == wanted, f"{student}: {cell} scored {scores[cell]}, expected {wanted} ({case.why})"
    row = ledger[(student, corpus.ASSIGNMENT)]
    assert row.status == case.status, row.details
    kinds = {flag["kind"] for flag in row.details["flags"]}
    assert case.flags <= kinds, f"{student}: flags {row.details['flags']}"
    for cell, diagnosis in case.diagnoses.items():
        assert row.details["hidden"][cell]["diagnosis"] == diagnosis, row.details["hidden"]


@pytest.mark.parametrize("student", _case_ids())
def test_each_lost_point_comes_with_a_message(graded, student):
    course, cases, *_ = graded
    notebook = nbformat.read(course / "autograded" / student / corpus.ASSIGNMENT / f"{corpus.ASSIGNMENT}.ipynb", 4)
    scores = cell_scores(course, corpus.ASSIGNMENT)[student]
    for cell in notebook.cells:
        name = cell.metadata.get("nbgrader", {}).get("grade_id")
        if name in scores and scores[name] == 0:
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert errors and len(errors[-1].evalue) > 10, f"{student}: {name} lost its points without a message"


def test_the_batch_finishes_and_grades_every_case(graded):
    course, cases, summary, _, _ = graded
    assert sorted(g.student for g in summary.graded) == sorted(cases)
    assert not summary.interrupted


def test_submitted_files_are_kept_byte_for_byte(graded):
    course, cases, *_ = graded
    for student, case in cases.items():
        assert (course / "submitted" / student / "backprop" / "backprop.ipynb").read_bytes() == case.content


def test_no_other_file_changes_and_nothing_escapes(graded):
    course, _, _, before, _ = graded
    assert _snapshot(course) == before
    assert not Path("/tmp/autograder-hostile-was-here").exists()
    assert not list(Path("/tmp").glob("autograder-w*/escaped.txt"))
    # the gradebook is intact: every student's rows are there
    assert len(cell_scores(course, corpus.ASSIGNMENT)) == len(_case_ids())


def test_good_submissions_keep_every_point_and_no_flag(graded):
    """Whatever the attackers in the same batch did, before, beside or after them."""
    course, cases, _, _, ledger = graded
    scores = cell_scores(course, corpus.ASSIGNMENT)
    full = points_per_cell(corpus.ASSIGNMENT)
    good = [student for student in cases if student.startswith("good-") or cases[student].scores == _all_full()
            and "friend" in student]
    assert len(good) >= 4
    for student in good:
        assert scores[student] == full, student
        row = ledger[(student, corpus.ASSIGNMENT)]
        assert not row.details["flags"] and row.details["isolated"] is True, (student, row.details["flags"])


def _all_full():
    return {cell: corpus.FULL for cell in corpus.ALL_TESTS}


def test_nothing_of_a_kernel_outlives_it_or_reaches_another(graded):
    course, cases, *_ = graded
    assert not isolation_cases.traces_left(course, cases, corpus.ASSIGNMENT)


def test_tampering_is_flagged_for_the_instructor_in_the_report(graded):
    course, cases, *_ = graded
    report = collect_report(Course(course), corpus.ASSIGNMENT)
    flagged = {s.student for s in report.students if any(f["kind"] == "tampering" for f in s.flags)}
    expected = {student for student, case in cases.items() if "tampering" in case.flags}
    assert expected <= flagged
    assert "good-reference" not in flagged


def test_feedback_shows_no_hidden_tests_and_withholds_expected_values(graded):
    course, *_ = graded
    generate_feedback(Course(course), corpus.ASSIGNMENT)
    pages = list((course / "feedback").rglob("*.html"))
    assert len(pages) == len(_case_ids())
    for page in pages:
        text = page.read_text()
        for secret in ("BEGIN HIDDEN TESTS", "autograder.hidden", "check_back_propagate(", "_network_inputs"):
            assert secret not in text, f"{page}: {secret}"
    seed = (course / "feedback" / "patches-numpy" / "backprop" / "backprop.html").read_text()
    assert "[diagnosis: backprop.seed-hidden-layer]" in seed


def _in_process_verdict(case, cell: str, points: float) -> float:
    """What the hidden check gives the student's function when both run in one process."""
    from autograder.hidden import backprop as hidden

    notebook = nbformat.reads(case.content.decode(), 4)
    function = cell.removeprefix("test_")
    source = next(c.source for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == function)
    namespace = {"np": np}
    exec("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", namespace)
    exec(source, namespace)
    try:
        getattr(hidden, f"check_{function}")(namespace[function])
    except AssertionError:
        return 0.0
    return points


def test_a_dead_kernel_and_a_flood_of_output_are_recorded(graded):
    course, cases, *_, ledger = graded
    assert "exited with code 0" in ledger[("os-exit", corpus.ASSIGNMENT)].details["stopped"]
    path = course / "autograded" / "gigabyte-of-output" / corpus.ASSIGNMENT / f"{corpus.ASSIGNMENT}.ipynb"
    flooded = next(c for c in nbformat.read(path, 4).cells if c.metadata.get("nbgrader", {}).get("grade_id")
                   == "quadratic_gradients")
    text = "".join(o.get("text", "") for o in flooded.outputs)
    assert len(text) <= 2 * LIMITS.output_bytes
    assert "the grader cut this cell's output" in text
