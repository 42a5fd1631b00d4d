"""``grade``'s workers: one that dies is replaced and its notebook retried, one that cannot start
does not hang the run, a rerun regrades what went wrong, and one notebook's outputs never stop the
recording of the others.

A worker is killed from outside with SIGKILL while it grades a notebook that sleeps in an answer
cell (the notebook leaves a marker file in its kernel's folder, ``autograder-w<worker>-*``, so the
test knows which worker to kill); workers that cannot start come from ``FAULT_VARIABLE``, which the
spawned workers see in their environment.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import determine_grade

from autograder.grading import autograde
from autograder.grading.autograde import GradingOptions, grade_assignment
from autograder.grading.cells import grade_id, is_test_cell
from autograder.grading.course import Course
from autograder.grading.gradebook import GradebookWriter
from autograder.grading.isolation.kernels import KernelPool
from autograder.grading.isolation.sandbox import Limits
from autograder.grading.spec import AssignmentSpec
from autograder.grading.worker import FAULT_VARIABLE, Job, Settings, grade_notebook
from tests.course_folder import cell_scores, filled_in, make_course, points_per_cell, reference_answers, submit
from tests.hostile.corpus import _wrong
from tests.hostile.output_cases import _forger, _result

ASSIGNMENT = "backprop"
LIMITS = Limits(cell_seconds=30, notebook_seconds=120, memory_bytes=2**30, output_bytes=2**20)


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """A course with the assignment released and nothing submitted: copied by each test."""
    return make_course(tmp_path_factory.mktemp("workers-template"), ASSIGNMENT)


def _course_from(released: Path, root: Path) -> Path:
    shutil.copytree(released, root)
    return root


def _submit_reference(course: Path, *students: str) -> None:
    for student in students:
        submit(course, student, ASSIGNMENT, filled_in(course, ASSIGNMENT, reference_answers(ASSIGNMENT)))


def _grade(course: Path, **options):
    return grade_assignment(Course(course), ASSIGNMENT,
                            GradingOptions(workers=2, limits=LIMITS, progress=False, **options))


def _ledger(course: Path):
    with GradebookWriter(f"sqlite:///{course / 'gradebook.db'}", "backprop-course") as writer:
        return writer.ledger(ASSIGNMENT)


def _grade_rows(course: Path) -> int:
    with sqlite3.connect(course / "gradebook.db") as db:
        return db.execute("select count(*) from grade").fetchone()[0]


def _autograded(course: Path, student: str) -> Path:
    return course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"


def _find(pattern: str) -> list[Path]:
    """``pattern`` in the temporary folder, where kernels' folders come and go all the time."""
    for _ in range(20):
        try:
            return list(Path(tempfile.gettempdir()).glob(pattern))
        except OSError:  # a folder went away while it was searched
            time.sleep(0.01)
    return []


# -- (a) a worker killed in the middle of a notebook ---------------------------------------------------

def test_a_worker_killed_with_sigkill_mid_notebook_is_replaced_and_its_notebook_regraded(released, tmp_path):
    course = _course_from(released, tmp_path / "course")
    marker = f"sleeping-{uuid.uuid4().hex}"
    answers = reference_answers(ASSIGNMENT)
    slow = {**answers, "update_w": f"import time\nopen({marker!r}, 'w').close()\ntime.sleep(6)\n\n"
                                   + answers["update_w"]}
    submit(course, "a-slow", ASSIGNMENT, filled_in(course, ASSIGNMENT, slow))
    _submit_reference(course, "b-good", "c-good", "d-good")

    killed: dict = {}
    ran_on: set[int] = set()  # the workers whose kernels ran the slow notebook
    done = threading.Event()

    def killer() -> None:
        """Watch for the marker of the slow notebook; SIGKILL the first worker that runs it."""
        folders = Path(tempfile.gettempdir())
        while not done.is_set():
            for path in _find(f"autograder-w*-*/**/{marker}"):
                number = int(re.match(r"autograder-w(\d+)-", path.relative_to(folders).parts[0]).group(1))
                ran_on.add(number)
                if killed:
                    continue
                for process in multiprocessing.active_children():
                    if process.name == f"{autograde.WORKER_NAME}-{number}":
                        os.kill(process.pid, signal.SIGKILL)
                        killed.update(pid=process.pid, number=number)
            time.sleep(0.05)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    try:
        summary = _grade(course)
    finally:
        done.set()
        thread.join(timeout=5)

    assert killed, "the slow notebook never ran, or its worker was not found"
    assert len(ran_on) >= 2, f"the slow notebook was not graded again after its worker died: {ran_on}"
    students = sorted(graded.student for graded in summary.graded)
    assert students == ["a-slow", "b-good", "c-good", "d-good"], students  # none lost, none twice
    assert {graded.status for graded in summary.graded} == {"graded"}
    full = points_per_cell(ASSIGNMENT)
    scores = cell_scores(course, ASSIGNMENT)
    assert all(scores[student] == full for student in students), scores
    ledger = _ledger(course)
    assert sorted(student for student, _ in ledger) == students
    assert not ledger[("a-slow", ASSIGNMENT)].details["flags"]
    assert _grade_rows(course) == len(students) * len(full)
    # the killed worker's folder went with it
    assert not _find(f"autograder-w{killed['number']}-*/**/{marker}")


# -- (b) workers that cannot start, and (c) what a rerun regrades ---------------------------------------

@pytest.fixture(scope="module")
def failed_run(released, tmp_path_factory):
    course = _course_from(released, tmp_path_factory.mktemp("workers-fail") / "course")
    _submit_reference(course, "e-one", "f-two", "g-three")
    os.environ[FAULT_VARIABLE] = "exit-at-start"
    try:
        started = time.monotonic()
        summary = _grade(course)
        seconds = time.monotonic() - started
    finally:
        del os.environ[FAULT_VARIABLE]
    return course, summary, seconds, _ledger(course)


def test_workers_that_cannot_start_make_every_job_an_error_with_the_reason(failed_run):
    course, summary, seconds, ledger = failed_run
    assert seconds < 180, f"grade took {seconds:.0f} s with workers that cannot start"
    assert sorted(graded.student for graded in summary.graded) == ["e-one", "f-two", "g-three"]
    assert {graded.status for graded in summary.graded} == {"error"}
    for (student, _), row in ledger.items():
        assert row.status == "error" and row.score == 0
        messages = " ".join(flag["message"] for flag in row.details["flags"])
        assert "no worker could start" in messages and "exited with code 3" in messages, messages


def test_a_rerun_regrades_errors_and_damaged_autograded_notebooks_and_skips_the_rest(failed_run):
    course, *_ = failed_run
    full = points_per_cell(ASSIGNMENT)

    first = _grade(course)  # every last result was an error
    assert sorted(graded.student for graded in first.graded) == ["e-one", "f-two", "g-three"]
    assert first.skipped == 0 and {graded.status for graded in first.graded} == {"graded"}
    assert all(scores == full for scores in cell_scores(course, ASSIGNMENT).values())

    _autograded(course, "e-one").unlink()
    damaged = nbformat.read(_autograded(course, "f-two"), 4)
    damaged.cells.append(nbformat.v4.new_markdown_cell("edited by hand"))
    nbformat.write(damaged, _autograded(course, "f-two"))
    second = _grade(course)
    assert sorted(graded.student for graded in second.graded) == ["e-one", "f-two"]
    assert second.skipped == 1
    assert _autograded(course, "e-one").is_file()
    assert "edited by hand" not in _autograded(course, "f-two").read_text()

    third = _grade(course)
    assert third.graded == [] and third.skipped == 3
    assert _grade_rows(course) == 3 * len(full)


def test_a_worker_stuck_in_a_notebook_is_killed_by_the_watchdog_and_the_notebook_given_up(
        released, tmp_path, monkeypatch):
    course = _course_from(released, tmp_path / "course")
    _submit_reference(course, "h-stuck")
    monkeypatch.setattr(autograde, "WATCHDOG_MARGIN", 8 - LIMITS.notebook_seconds)  # 8 s in all
    monkeypatch.setenv(FAULT_VARIABLE, "hang-in-job")
    started = time.monotonic()
    summary = grade_assignment(Course(course), ASSIGNMENT,
                               GradingOptions(workers=1, limits=LIMITS, progress=False))
    assert time.monotonic() - started < 150
    assert [(graded.student, graded.status) for graded in summary.graded] == [("h-stuck", "error")]
    messages = " ".join(flag["message"] for flag in _ledger(course)[("h-stuck", ASSIGNMENT)].details["flags"])
    assert "it was still grading after 8 s" in messages and f"tried {autograde.MAX_ATTEMPTS} times" in messages


# -- one notebook's outputs cannot stop the recording of the others ------------------------------------

def test_an_unreadable_partial_credit_scores_zero_with_a_flag_and_recording_goes_on(failed_run, monkeypatch):
    course, *_ = failed_run
    root = Course(course)
    with GradebookWriter(root.db_url, root.course_id, root.config) as writer:
        spec = AssignmentSpec.load(writer.gradebook, ASSIGNMENT, root.release_folder(ASSIGNMENT),
                                   *root.hidden_delimiters())
        notebook = filled_in(course, ASSIGNMENT, reference_answers(ASSIGNMENT))
        test_cell = next(cell for cell in notebook.cells if grade_id(cell) == "test_update_w")  # 2 points
        test_cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "4"}, execution_count=1)]
        submitted = course / "submitted" / "e-one" / ASSIGNMENT
        job = Job("e-one", ASSIGNMENT, str(submitted), autograde.submission_hash(submitted, ASSIGNMENT, root.ignore))
        result = autograde.NotebookResult(job, "graded", nbformat.writes(notebook))
        graded = autograde._write(root, writer, spec, spec.fingerprint(), result)
        assert graded.status == "graded"
        assert any(flag["cell"] == "test_update_w" and "could not read a score" in flag["message"]
                   for flag in graded.flags), graded.flags

        # an unexpected failure while recording one notebook: recorded as an error, nothing raised
        real_record, calls = writer.record, []

        def record_once_broken(**kwargs):
            calls.append(kwargs["status"])
            if len(calls) == 1:
                raise RuntimeError("the gradebook choked on this one")
            return real_record(**kwargs)

        monkeypatch.setattr(writer, "record", record_once_broken)
        graded = autograde._write(root, writer, spec, spec.fingerprint(), result)
        assert calls == ["graded", "error"] and graded.status == "error"
        assert any("the gradebook choked" in flag["message"] for flag in graded.flags)
    assert cell_scores(course, ASSIGNMENT)["e-one"]["test_update_w"] == 0
    assert _ledger(course)[("e-one", ASSIGNMENT)].status == "error"  # so the next run regrades it


# -- hidden checks inside the kernel follow the kernel's reply, not its outputs ------------------------

@pytest.mark.parametrize("kind, content", [("execute_result", _result("1.5")),
                                           ("clear_output", {"wait": False})], ids=["result", "clear"])
def test_with_the_hidden_checks_in_the_kernel_forged_outputs_change_no_score(released, tmp_path, kind, content):
    course = _course_from(released, tmp_path / "course")
    root = Course(course)
    answers = reference_answers(ASSIGNMENT)
    forged = {**answers, "quadratic_gradients": answers["quadratic_gradients"] + "\n\n" + _forger(kind, content, 20),
              "update_w": _wrong("update_w_ascends")}
    student = f"forger-{kind.replace('_', '-')}"
    submit(course, student, ASSIGNMENT, filled_in(course, ASSIGNMENT, forged))
    with GradebookWriter(root.db_url, root.course_id, root.config) as writer:
        spec = AssignmentSpec.load(writer.gradebook, ASSIGNMENT, root.release_folder(ASSIGNMENT),
                                   *root.hidden_delimiters())
    settings = Settings(limits=LIMITS, source=str(root.source_folder(ASSIGNMENT)), ignore=tuple(root.ignore),
                        hidden_in_kernel=True)
    job = Job(student, ASSIGNMENT, str(course / "submitted" / student / ASSIGNMENT), "")

    async def grade():
        with tempfile.TemporaryDirectory(prefix="autograder-test-") as folder:
            pool = KernelPool(Path(folder), LIMITS, ahead=0, preload=settings.preload(ASSIGNMENT))
            try:
                return await grade_notebook(job, spec, settings, pool)
            finally:
                await pool.close()

    result = asyncio.run(grade())
    assert result.status == "graded", result.flags
    graded = nbformat.reads(result.notebook_json, 4)
    scores = {grade_id(cell): determine_grade(cell)[0] for cell in graded.cells if is_test_cell(cell)}
    full = points_per_cell(ASSIGNMENT)
    assert scores == {**full, "test_update_w": 0}, scores
    for cell in graded.cells:
        if is_test_cell(cell):
            assert all(output.output_type != "execute_result" for output in cell.outputs)
    update = next(cell for cell in graded.cells if grade_id(cell) == "test_update_w")
    assert [output for output in update.outputs if output.output_type == "error"]
    assert result.hidden["test_update_w"]["passed"] is False
