"""The kernels' isolation by the operating system, on its own and where it is missing.

1. The attacks of ``tests/hostile/isolation_cases.py`` (native code through
   ``ctypes``, that the audit hook cannot see) graded with Landlock switched
   off: the namespaces alone must hold. The same cases also run in the full
   hostile batch, with every layer on.
2. A machine without isolation (simulated): ``grade`` refuses and says what
   is missing; ``grade --insecure`` grades, marks every result and the
   report says so at the top.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.grading.autograde import GradingOptions, grade_assignment
from autograder.grading.course import Course
from autograder.grading.gradebook import GradebookWriter
from autograder.grading.isolation import probe
from autograder.grading.isolation.sandbox import Limits
from tests.course_folder import REPO, cell_scores, make_course, points_per_cell
from tests.hostile import corpus, isolation_cases

LIMITS = Limits(cell_seconds=3, notebook_seconds=90, memory_bytes=2**30, output_bytes=2**20)


def _submit(course: Path, student: str, content: bytes) -> None:
    folder = course / "submitted" / student / corpus.ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / f"{corpus.ASSIGNMENT}.ipynb").write_bytes(content)
    (folder / "timestamp.txt").write_text("2026-11-01 12:00:00.000000 UTC")


def _ledger(course: Path):
    with GradebookWriter(f"sqlite:///{course / 'gradebook.db'}", "backprop-course") as writer:
        return writer.ledger(corpus.ASSIGNMENT)


@pytest.fixture(scope="module")
def namespaces_only(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("isolation"), corpus.ASSIGNMENT)
    builder = corpus._Builder(course, REPO)
    cases = [corpus.Case("good-reference", builder.notebook(), corpus._full_except()),
             *isolation_cases.cases(builder)]
    for case in cases:
        _submit(course, case.student, case.content)
    summary = grade_assignment(Course(course), corpus.ASSIGNMENT,
                               GradingOptions(workers=2, limits=LIMITS, progress=False, landlock=False))
    return course, {case.student: case for case in cases}, summary


def test_without_landlock_the_namespaces_alone_keep_every_grade(namespaces_only):
    course, cases, summary = namespaces_only
    assert sorted(g.student for g in summary.graded) == sorted(cases)
    assert all(g.landlock == 0 for g in summary.graded)
    scores = cell_scores(course, corpus.ASSIGNMENT)
    full = points_per_cell(corpus.ASSIGNMENT)
    ledger = _ledger(course)
    for student, case in cases.items():
        for cell, expected in case.scores.items():
            wanted = full[cell] if expected == corpus.FULL else 0.0
            assert scores[student][cell] == wanted, f"{student}: {cell} ({case.why})"
        assert ledger[(student, corpus.ASSIGNMENT)].details["isolated"] is True


def test_without_landlock_nothing_outlives_its_kernel_or_reaches_another(namespaces_only):
    course, cases, _ = namespaces_only
    assert not isolation_cases.traces_left(course, cases, corpus.ASSIGNMENT)
    # the gradebook was out of reach: the attacker's own rewrite did not happen
    assert cell_scores(course, corpus.ASSIGNMENT)["rewrites-gradebook"]["test_update_w"] == 0.0


def test_this_machine_can_isolate_kernels():
    """CI and the development machines can: every other grading test relies on it."""
    assert probe.missing() == ""


# -- a machine without isolation (simulated) ----------------------------------------


def _grade(course: Path, *options: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, probe.SIMULATE_MISSING: "unshare(CLONE_NEWPID) is not permitted here"}
    return subprocess.run([sys.executable, "-m", "autograder", "--course", str(course), "grade", corpus.ASSIGNMENT,
                           "--quiet", "--workers", "1", *options],
                          capture_output=True, text=True, env=environment, timeout=600)


@pytest.fixture(scope="module")
def without_isolation(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("no-isolation"), corpus.ASSIGNMENT)
    _submit(course, "honest", corpus._Builder(course, REPO).notebook())
    return course


def test_grade_refuses_where_kernels_cannot_be_isolated(without_isolation):
    refused = _grade(without_isolation)
    assert refused.returncode != 0
    message = refused.stderr + refused.stdout
    assert "unshare(CLONE_NEWPID) is not permitted here" in message and "--insecure" in message
    assert "Traceback" not in message
    assert not (without_isolation / "autograded").exists()


def test_insecure_grades_and_marks_every_result(without_isolation):
    graded = _grade(without_isolation, "--insecure")
    assert graded.returncode == 0, graded.stderr
    assert "WITHOUT isolation" in graded.stderr
    row = _ledger(without_isolation)[("honest", corpus.ASSIGNMENT)]
    assert row.status == "graded" and row.details["isolated"] is False
    assert cell_scores(without_isolation, corpus.ASSIGNMENT)["honest"] == points_per_cell(corpus.ASSIGNMENT)
    reported = subprocess.run([sys.executable, "-m", "autograder", "--course", str(without_isolation),
                               "report", corpus.ASSIGNMENT], capture_output=True, text=True, timeout=300)
    assert reported.returncode == 0, reported.stderr
    page = (without_isolation / "reports" / f"{corpus.ASSIGNMENT}.html").read_text()
    assert page.index("Graded without isolation") < page.index("Most frequent mistakes")
