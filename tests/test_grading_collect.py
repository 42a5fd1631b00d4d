"""``collect``: submissions from an LMS export or a folder tree into nbgrader's ``submitted/``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.grading.collect import collect
from autograder.grading.course import Course
from tests.course_folder import make_course

ASSIGNMENT = "backprop"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("collect"), ASSIGNMENT)


def _export(path: Path, files: dict[str, tuple[bytes, tuple]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, (content, when) in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), content)
    return path


def test_an_lms_zip_export_is_placed_byte_for_byte(course, tmp_path):
    noon = (2026, 11, 1, 12, 0, 0)
    files = {
        "lovelaceada_1001_5551_backprop.ipynb": (b'{"canvas": 1}', noon),
        "lovelaceada_LATE_1001_5552_backprop-1.ipynb": (b'{"canvas": 2}', (2026, 11, 2, 9, 0, 0)),
        "Alan Turing_2002_assignsubmission_file_/backprop.ipynb": (b'{"moodle": 1}', noon),
        "backprop_s3003_attempt_2026-11-01-10-30-00_my work.ipynb": (b'{"blackboard": 1}', noon),
        "hopper/backprop.ipynb": (b'{"tree": 1}', noon),
        "notes.txt": (b"not a notebook", noon),
        "someone_else.ipynb": (b"{}", noon),
        "bad id!_backprop.ipynb": (b"{}", noon),
    }
    report = collect(Course(course), _export(tmp_path / "export.zip", files))
    placed = {p.student: p for p in report.placed}
    assert set(placed) == {"1001", "2002", "s3003", "hopper"}
    submitted = course / "submitted"
    assert (submitted / "1001" / ASSIGNMENT / "backprop.ipynb").read_bytes() == b'{"canvas": 2}'  # the latest
    assert (submitted / "2002" / ASSIGNMENT / "backprop.ipynb").read_bytes() == b'{"moodle": 1}'
    assert (submitted / "s3003" / ASSIGNMENT / "timestamp.txt").read_text().startswith("2026-11-01 10:30:00")
    reasons = dict(report.unplaced)
    assert reasons["notes.txt"] == "not a notebook"
    assert "older file" in reasons["lovelaceada_1001_5551_backprop.ipynb"]
    assert "which assignment" in reasons["someone_else.ipynb"]
    assert "student id" in reasons["bad id!_backprop.ipynb"]
    assert set(report.new_students) == set(placed)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert {"1001", "2002", "s3003", "hopper"} <= {student.id for student in gradebook.students}

    again = collect(Course(course), tmp_path / "export.zip")
    assert {p.status for p in again.placed} == {"unchanged"} and not again.new_students


def test_a_folder_tree_and_an_explicit_pattern(course, tmp_path):
    export = tmp_path / "tree"
    (export / "grace" / ASSIGNMENT).mkdir(parents=True)
    (export / "grace" / ASSIGNMENT / "backprop.ipynb").write_bytes(b'{"nested": 1}')
    (export / "hw-u77.ipynb").write_bytes(b'{"pattern": 1}')
    report = collect(Course(course), export, assignment=ASSIGNMENT, pattern=r"^hw-(?P<student>u\d+)\.ipynb$")
    assert {(p.student, p.notebook) for p in report.placed} == {("grace", ASSIGNMENT), ("u77", ASSIGNMENT)}
    assert (course / "submitted" / "u77" / ASSIGNMENT / "backprop.ipynb").read_bytes() == b'{"pattern": 1}'


def test_an_unknown_assignment_is_refused(course, tmp_path):
    with pytest.raises(ValueError, match="unknown assignment"):
        collect(Course(course), tmp_path, assignment="nope")
