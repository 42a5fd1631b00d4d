from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

# nbgrader runs tools such as `alembic` by name: the tests must find the ones of
# the environment they run in, also when it was not activated (as in CI).
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"

from tests.course_folder import catalogue_batch, make_course, nbgrader


def catalogues(assignment: str):
    """The mistakes and the alternative correct answers of one assignment."""
    mistakes = importlib.import_module(f"autograder.mistakes.{assignment}").MISTAKES
    alternatives = importlib.import_module(f"tests.submissions.{assignment}_alternatives").ALTERNATIVES
    return mistakes, alternatives


@pytest.fixture(scope="session")
def graded_batch(tmp_path_factory):
    """``graded_batch(name)``: a course folder where the catalogue batch of ``name`` is autograded.

    Graded once per assignment and session, then shared by every test.
    """
    courses = {}

    def grade(assignment: str):
        if assignment not in courses:
            course = make_course(tmp_path_factory.mktemp(f"course-{assignment}"), assignment)
            catalogue_batch(course, assignment, *catalogues(assignment))
            nbgrader(course, "autograde", assignment, "--create")
            courses[assignment] = course
        return courses[assignment]

    return grade
