"""``collect``: submissions from an LMS export or a folder tree into nbgrader's ``submitted/``."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder import cli
from autograder.grading.collect import _read_at_most, collect
from autograder.grading.course import Course
from tests.course_folder import make_course

ASSIGNMENT = "backprop"
NOON = (2026, 11, 1, 12, 0, 0)
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("collect"), ASSIGNMENT)


@pytest.fixture
def course(released, tmp_path):
    """A copy of the released course of its own, so that no test sees what another placed."""
    return shutil.copytree(released, tmp_path / "course")


def _export(path: Path, files: dict[str, tuple[bytes, tuple]], compression=zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, (content, when) in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), content, compress_type=compression)
    return path


def _submitted(course: Path) -> dict[str, bytes]:
    return {path.relative_to(course / "submitted").as_posix(): path.read_bytes()
            for path in (course / "submitted").rglob("*.ipynb")} if (course / "submitted").is_dir() else {}


def test_a_canvas_export_is_placed_byte_for_byte(course, tmp_path):
    files = {
        "lovelaceada_1001_5551_backprop.ipynb": (b'{"canvas": 1}', NOON),
        "lovelaceada_LATE_1001_5552_backprop-1.ipynb": (b'{"canvas": 2}', (2026, 11, 2, 9, 0, 0)),
        "turingalan_2002_5553_my backprop.ipynb": (b'{"canvas": 3}', NOON),
        "notes.txt": (b"not a notebook", NOON),
        "bad id!_backprop.ipynb": (b"{}", NOON),
    }
    report = collect(Course(course), _export(tmp_path / "export.zip", files))
    assert (report.lms, report.lms_reason) == ("canvas", "detected: 3 of the 4 notebooks match")
    placed = {p.student: p for p in report.placed}
    assert set(placed) == {"1001", "2002"}
    submitted = course / "submitted"
    assert (submitted / "1001" / ASSIGNMENT / "backprop.ipynb").read_bytes() == b'{"canvas": 2}'  # the latest
    assert (submitted / "1001" / ASSIGNMENT / "timestamp.txt").read_text().startswith("2026-11-02 09:00:00")
    assert (submitted / "2002" / ASSIGNMENT / "backprop.ipynb").read_bytes() == b'{"canvas": 3}'
    reasons = dict(report.unplaced)
    assert reasons["notes.txt"] == "not a notebook"
    assert "older file" in reasons["lovelaceada_1001_5551_backprop.ipynb"]
    assert "student id" in reasons["bad id!_backprop.ipynb"] and "Canvas" in reasons["bad id!_backprop.ipynb"]
    assert set(report.new_students) == set(placed)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert {"1001", "2002"} <= {student.id for student in gradebook.students}

    again = collect(Course(course), tmp_path / "export.zip")
    assert {p.status for p in again.placed} == {"unchanged"} and not again.new_students


@pytest.mark.parametrize("lms, files, expected", [
    ("moodle", {"Alan Turing_2002_assignsubmission_file_/backprop.ipynb": b'{"moodle": 1}',
                # the student's own file name looks like Canvas's: Moodle's folder still decides
                "Eve Mallory_3003_assignsubmission_file_/lovelaceada_1001_5551_backprop.ipynb": b'{"moodle": 2}',
                "Grace Hopper_4004_assignsubmission_file_backprop.ipynb": b'{"moodle": 3}'},
     {"2002": b'{"moodle": 1}', "3003": b'{"moodle": 2}', "4004": b'{"moodle": 3}'}),
    ("blackboard", {"backprop_s3003_attempt_2026-11-01-10-30-00_my work.ipynb": b'{"blackboard": 1}',
                    "backprop_s3003_attempt_2026-11-01-10-30-00.txt": b"comments"},
     {"s3003": b'{"blackboard": 1}'}),
    ("tree", {"hopper/backprop.ipynb": b'{"tree": 1}', "grace/backprop/backprop.ipynb": b'{"tree": 2}'},
     {"hopper": b'{"tree": 1}', "grace": b'{"tree": 2}'}),
    ("plain", {"s5005_backprop.ipynb": b'{"plain": 1}', "someone_else.ipynb": b"{}",
               "bad id!_backprop.ipynb": b"{}"},
     {"s5005": b'{"plain": 1}'}),
])
def test_the_format_is_detected_from_the_whole_export(course, tmp_path, lms, files, expected):
    report = collect(Course(course), _export(tmp_path / "export.zip", {n: (c, NOON) for n, c in files.items()}))
    assert report.lms == lms and report.lms_reason.startswith("detected")
    assert _submitted(course) == {f"{student}/{ASSIGNMENT}/backprop.ipynb": content
                                  for student, content in expected.items()}
    reasons = dict(report.unplaced)
    if lms == "blackboard":
        assert (course / "submitted" / "s3003" / ASSIGNMENT / "timestamp.txt").read_text().startswith(
            "2026-11-01 10:30:00")  # the attempt's time, not the zip's
    if lms == "plain":
        assert "which assignment" in reasons["someone_else.ipynb"]
        assert "student id" in reasons["bad id!_backprop.ipynb"]


def test_a_mixed_export_is_refused_and_asks_for_lms(course, tmp_path):
    files = {
        "lovelaceada_1001_5551_backprop.ipynb": (b'{"canvas": 1}', NOON),
        "lovelaceada_LATE_1001_5552_backprop-1.ipynb": (b'{"canvas": 2}', NOON),
        "Alan Turing_2002_assignsubmission_file_/backprop.ipynb": (b'{"moodle": 1}', NOON),
        "backprop_s3003_attempt_2026-11-01-10-30-00_my work.ipynb": (b'{"blackboard": 1}', NOON),
        "hopper/backprop.ipynb": (b'{"tree": 1}', NOON),
        "someone_else.ipynb": (b"{}", NOON),
        "bad id!_backprop.ipynb": (b"{}", NOON),
    }
    with pytest.raises(ValueError, match="cannot tell which system.*--lms"):
        collect(Course(course), _export(tmp_path / "export.zip", files))
    assert _submitted(course) == {}
    report = collect(Course(course), tmp_path / "export.zip", lms="canvas")
    assert {p.student for p in report.placed} == {"1001"}
    assert "Canvas format" in dict(report.unplaced)["hopper/backprop.ipynb"]


def test_an_ambiguous_export_asks_for_lms_and_lms_decides(course, tmp_path):
    # hw_12_34_attempt_<time>_...: Canvas's <name>_<user>_<submission>_ or Blackboard's <assignment>_<user>_attempt_
    export = _export(tmp_path / "export.zip", {
        "hw_12_34_attempt_2026-11-01-10-30-00_backprop.ipynb": (b'{"a": 1}', NOON),
        "hw_56_78_attempt_2026-11-01-11-00-00_backprop.ipynb": (b'{"b": 1}', NOON),
    })
    with pytest.raises(ValueError, match="Canvas or a Blackboard export.*--lms canvas or --lms blackboard"):
        collect(Course(course), export)
    assert _submitted(course) == {}
    as_canvas = collect(Course(course), export, lms="canvas", dry_run=True)
    assert {p.student for p in as_canvas.placed} == {"12", "56"} and as_canvas.lms_reason == "--lms canvas"
    as_blackboard = collect(Course(course), export, lms="blackboard")
    assert {p.student for p in as_blackboard.placed} == {"34", "78"}
    assert (course / "submitted" / "34" / ASSIGNMENT / "timestamp.txt").read_text().startswith("2026-11-01 10:30")
    with pytest.raises(ValueError, match="unknown --lms"):
        collect(Course(course), export, lms="sakai")
    with pytest.raises(ValueError, match="not both"):
        collect(Course(course), export, lms="canvas", pattern=r"(?P<student>\d+)")


def test_a_spoofed_canvas_name_stays_the_spoofers(course, tmp_path):
    """What a student types into the original file name can change neither the student nor the time."""
    real = b'{"the real one": 1}'
    report = collect(Course(course), _export(tmp_path / "export.zip", {
        "lovelaceada_1001_5551_backprop.ipynb": (real, NOON),
        "müllerzoë_2002_6001_x_1001_attempt_2030-01-01-00-00-00_backprop.ipynb": (b'{"spoof": 1}', NOON),
        "o3neil_2003_6002_y_1001_assignsubmission_file_backprop.ipynb": (b'{"spoof": 2}', NOON),
    }))
    assert _submitted(course) == {f"1001/{ASSIGNMENT}/backprop.ipynb": real,
                                  f"2002/{ASSIGNMENT}/backprop.ipynb": b'{"spoof": 1}',
                                  f"2003/{ASSIGNMENT}/backprop.ipynb": b'{"spoof": 2}'}
    assert report.lms == "canvas"
    assert not report.unplaced
    assert {p.time.year for p in report.placed} == {2026}  # the zip's time, not 2030 from the name


def test_an_impossible_date_is_reported_and_the_others_placed(course, tmp_path):
    report = collect(Course(course), _export(tmp_path / "export.zip", {
        "backprop_s3003_attempt_2026-11-01-10-30-00_my work.ipynb": (b'{"ok": 1}', NOON),
        "backprop_s4004_attempt_2026-13-45-99-99-99_backprop.ipynb": (b'{"bad date": 1}', NOON),
    }))
    assert {p.student for p in report.placed} == {"s3003"}
    reason = dict(report.unplaced)["backprop_s4004_attempt_2026-13-45-99-99-99_backprop.ipynb"]
    assert "2026-13-45-99-99-99" in reason and "not a real date" in reason


def test_a_zip_bomb_is_refused_before_unpacking(course, tmp_path):
    export = _export(tmp_path / "bomb.zip", {
        "lovelaceada_1001_5551_backprop.ipynb": (b'{"ok": 1}', NOON),
        "evemallory_2002_6001_backprop.ipynb": (bytes(60 * MiB), NOON),
        "turingalan_3003_6002_backprop.ipynb": (b'{"ok": 2}', NOON),
    }, compression=zipfile.ZIP_DEFLATED)
    assert export.stat().st_size < MiB
    report = collect(Course(course), export)
    assert {p.student for p in report.placed} == {"1001", "3003"}
    assert dict(report.unplaced)["evemallory_2002_6001_backprop.ipynb"] == (
        "skipped: 60 MiB when unpacked, more than the 50 MiB allowed per notebook (raise it with --max-file-mb)")
    assert not (course / "submitted" / "2002").exists()
    assert max(path.stat().st_size for path in (course / "submitted").rglob("*")) < MiB


def _lie_about_size(path: Path, name: str, size: int) -> None:
    """Make both headers of ``name`` claim ``size`` bytes unpacked."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, offset, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at:start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + offset, size)
            start += 4
    path.write_bytes(bytes(data))


def test_a_zip_whose_header_lies_about_its_size(course, tmp_path):
    export = _export(tmp_path / "liar.zip", {
        "lovelaceada_1001_5551_backprop.ipynb": (b'{"ok": 1}', NOON),
        "evemallory_2002_6001_backprop.ipynb": (bytes(60 * MiB), NOON),
    }, compression=zipfile.ZIP_DEFLATED)
    _lie_about_size(export, "evemallory_2002_6001_backprop.ipynb", 1000)
    with zipfile.ZipFile(export) as archive:
        assert archive.getinfo("evemallory_2002_6001_backprop.ipynb").file_size == 1000
    report = collect(Course(course), export)
    assert {p.student for p in report.placed} == {"1001"}
    assert "could not be unpacked" in dict(report.unplaced)["evemallory_2002_6001_backprop.ipynb"]
    assert max(path.stat().st_size for path in (course / "submitted").rglob("*")) < MiB
    # and reading stops past the limit whatever a header said
    assert _read_at_most(io.BytesIO(bytes(5 * MiB)), MiB) is None
    assert _read_at_most(io.BytesIO(b"x" * 10), 10) == b"x" * 10


def test_the_total_is_bounded(course, tmp_path):
    export = _export(tmp_path / "export.zip", {
        f"student{letter}_{number}_1_backprop.ipynb": (bytes(400 * 1024), NOON)
        for letter, number in (("a", 1), ("b", 2), ("c", 3))})
    report = collect(Course(course), export, max_total_mb=1)
    assert {p.student for p in report.placed} == {"1", "2"}
    assert "--max-total-mb" in dict(report.unplaced)["studentc_3_1_backprop.ipynb"]
    assert {p.student for p in collect(Course(course), export, max_total_mb=2).placed} == {"1", "2", "3"}
    with pytest.raises(ValueError, match="max-file-mb"):
        collect(Course(course), export, max_file_mb=0)
    with pytest.raises(ValueError, match="entries"):
        collect(Course(course), export, max_entries=2)


def test_names_that_leave_the_export_are_skipped(course, tmp_path):
    report = collect(Course(course), _export(tmp_path / "export.zip", {
        "../lovelaceada_1001_5551_backprop.ipynb": (b'{"up": 1}', NOON),
        "/tmp/evemallory_2002_6001_backprop.ipynb": (b'{"absolute": 1}', NOON),
        "sub/../../smithjohn_3003_6003_backprop.ipynb": (b'{"up": 2}', NOON),
        "..\\..\\doejane_5005_6005_backprop.ipynb": (b'{"up": 3}', NOON),
        "hoppergrace_4004_6004_backprop.ipynb": (b'{"ok": 1}', NOON),
    }))
    assert _submitted(course) == {f"4004/{ASSIGNMENT}/backprop.ipynb": b'{"ok": 1}'}
    reasons = dict(report.unplaced)
    assert len(reasons) == 4 and all("outside the export" in reason for reason in reasons.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "export.zip"]


def test_a_folder_export_gets_the_same_limits_and_no_links(course, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the instructor's own file")
    export = tmp_path / "export"
    export.mkdir()
    (export / "hoppergrace_4004_6004_backprop.ipynb").write_bytes(b'{"ok": 1}')
    with open(export / "evemallory_2002_6001_backprop.ipynb", "wb") as big:
        big.truncate(60 * MiB)  # sparse: nothing written here
    (export / "doejane_5005_6005_backprop.ipynb").symlink_to(secret)
    report = collect(Course(course), export)
    assert _submitted(course) == {f"4004/{ASSIGNMENT}/backprop.ipynb": b'{"ok": 1}'}
    reasons = dict(report.unplaced)
    assert reasons["evemallory_2002_6001_backprop.ipynb"] == (
        "skipped: 60 MiB, more than the 50 MiB allowed per notebook (raise it with --max-file-mb)")
    assert "link" in reasons["doejane_5005_6005_backprop.ipynb"]


def test_a_folder_tree_and_an_explicit_pattern(course, tmp_path):
    export = tmp_path / "tree"
    (export / "grace" / ASSIGNMENT).mkdir(parents=True)
    (export / "grace" / ASSIGNMENT / "backprop.ipynb").write_bytes(b'{"nested": 1}')
    (export / "hw-u77.ipynb").write_bytes(b'{"pattern": 1}')
    report = collect(Course(course), export, assignment=ASSIGNMENT, pattern=r"^hw-(?P<student>u\d+)\.ipynb$")
    assert {(p.student, p.notebook) for p in report.placed} == {("u77", ASSIGNMENT)}  # one format per export
    assert "--pattern" in dict(report.unplaced)[f"grace/{ASSIGNMENT}/backprop.ipynb"]
    assert (course / "submitted" / "u77" / ASSIGNMENT / "backprop.ipynb").read_bytes() == b'{"pattern": 1}'
    report = collect(Course(course), export, lms="tree")
    assert {(p.student, p.notebook) for p in report.placed} == {("grace", ASSIGNMENT)}
    with pytest.raises(ValueError, match="student"):
        collect(Course(course), export, pattern=r"^hw-(u\d+)")


def test_the_command_line_passes_lms_and_limits(course, tmp_path, capsys):
    export = _export(tmp_path / "export.zip", {
        "hw_12_34_attempt_2026-11-01-10-30-00_backprop.ipynb": (b'{"a": 1}', NOON),
        "hw_56_78_attempt_2026-11-01-11-00-00_backprop.ipynb": (b"x" * 1500, NOON),
    })
    with pytest.raises(SystemExit, match="--lms"):
        cli.main(["--course", str(course), "collect", str(export)])
    assert cli.main(["--course", str(course), "collect", str(export), "--lms", "blackboard",
                     "--max-file-mb", "0.001", "--max-total-mb", "1"]) == 0
    output = capsys.readouterr().out
    assert "format: blackboard (--lms blackboard)" in output
    assert "submitted/34/backprop/backprop.ipynb" in output
    assert "1.5 KiB when unpacked, more than the 1 KiB allowed per notebook (raise it with --max-file-mb)" in output


def test_an_unknown_assignment_is_refused(course, tmp_path):
    with pytest.raises(ValueError, match="unknown assignment"):
        collect(Course(course), tmp_path, assignment="nope")
