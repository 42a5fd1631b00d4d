"""The gradebook on a PostgreSQL server, as a course with several graders keeps it.

``.ci/test`` installs and starts PostgreSQL on loopback and exports
``BACKPROP_TEST_DATABASE_URL`` (a role that may create databases; the URL
names the ``psycopg2`` driver, as SQLAlchemy 2.1 would otherwise ask for ``psycopg``). Without
it this test fails rather than skips: a grader that was never tested against
the server it is meant for is not tested. Locally, run the ``start_postgresql``
function of ``.ci/test`` once (as root) and export the URL it prints.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import uuid

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from autograder.grading.autograde import GradingOptions, grade_assignment
from autograder.grading.course import Course
from autograder.grading.isolation.sandbox import Limits
from tests.course_folder import filled_in, make_course, reference_answers, released_notebook, source_as, submit

ASSIGNMENT = "backprop"


@pytest.fixture
def database_url():
    url = os.environ.get("BACKPROP_TEST_DATABASE_URL")
    if not url:
        pytest.fail("BACKPROP_TEST_DATABASE_URL is not set: run the tests with `bash .ci/test`, which starts PostgreSQL, and export it")
    name = f"grading_{uuid.uuid4().hex[:12]}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def test_grading_into_a_postgresql_gradebook(tmp_path, database_url):
    from autograder.mistakes.backprop import MISTAKES

    course = make_course(tmp_path / "course", ASSIGNMENT)
    subprocess.run([sys.executable, "-m", "autograder", "--course", str(course), "--db", database_url,
                    "release", ASSIGNMENT], check=True, capture_output=True)
    seed = next(m for m in MISTAKES["back_propagate"] if m.id == "backprop.seed-hidden-layer")
    answers = reference_answers(ASSIGNMENT)
    submit(course, "solution", ASSIGNMENT, filled_in(course, ASSIGNMENT, answers))
    submit(course, "seed", ASSIGNMENT, filled_in(course, ASSIGNMENT, {**answers, "back_propagate":
                                                                      source_as(seed.implementation, "back_propagate")}))
    submit(course, "untouched", ASSIGNMENT, released_notebook(course, ASSIGNMENT))

    options = GradingOptions(workers=2, limits=Limits(cell_seconds=20), progress=False)
    summary = grade_assignment(Course(course, database_url), ASSIGNMENT, options)
    assert {g.student: g.score for g in summary.graded} == {"solution": 10.0, "seed": 6.0, "untouched": 0.0}
    assert not (course / "gradebook.db").exists() or "seed" not in _sqlite_students(course)

    with Gradebook(database_url, "backprop-course") as gradebook:
        assert gradebook.find_submission(ASSIGNMENT, "seed").score == 6.0
        assert gradebook.find_grade("test_back_propagate", ASSIGNMENT, ASSIGNMENT, "seed").score == 0

    again = grade_assignment(Course(course, database_url), ASSIGNMENT, options)
    assert again.graded == [] and again.skipped == 3

    subprocess.run([sys.executable, "-m", "nbgrader", "export", "--db", database_url, "--to", "plain.csv"],
                   cwd=course, check=True, capture_output=True)
    with open(course / "plain.csv", newline="") as handle:
        assert {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)} == \
            {"solution": 10.0, "seed": 6.0, "untouched": 0.0}


def _sqlite_students(course) -> set[str]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {student.id for student in gradebook.students}
