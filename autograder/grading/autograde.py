"""``grade NAME``: autograde every submission of an assignment, in parallel, resumably.

1. Plan: every ``submitted/<student>/<assignment>/`` folder gives one job per
   notebook of the assignment. A job is skipped when the ledger says the same
   files were already graded with the same tests (``--force`` regrades).
2. Run: worker processes (one per core by default) grade the jobs, each
   notebook in its own fresh, sandboxed kernel.
3. Write, in this process only and one notebook at a time: the autograded
   notebook (``autograded/<student>/<assignment>/``, written to a temporary
   file and renamed into place), then the grades and the ledger row in one
   gradebook transaction. An interruption at any moment leaves every notebook
   either fully recorded or not at all; the next run does the rest.

Before grading, the instructor's own solution notebook is graded with the
hidden checks in the referee (outside the kernel). Checks that need the
student's objects in their own process (to instrument a class, or to rebind
names in the notebook) cannot run there; when the solution does not get full
points that way, the assignment is graded with its hidden checks inside the
kernel, as plain nbgrader does (still sandboxed, but with weaker protection
against tampering), and the summary says so.

The submitted files are only ever read.
"""

from __future__ import annotations

import asyncio
import dataclasses
import multiprocessing
import os
import queue
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import MissingEntry
from nbgrader.utils import determine_grade

from autograder.grading import flags as flagging
from autograder.grading.cells import grade_id, is_test_cell
from autograder.grading.course import Course, CourseError, stage_files, submission_hash
from autograder.grading.kernels import KernelPool
from autograder.grading.gradebook import GradebookWriter
from autograder.grading.isolation import probe as isolation_probe
from autograder.grading.progress import Progress
from autograder.grading.sandbox import Limits
from autograder.grading.spec import AssignmentSpec
from autograder.grading.worker import Job, NotebookResult, Settings, failed, grade_notebook, worker_main

MAX_ATTEMPTS = 2


@dataclass
class GradingOptions:
    workers: int = 0  # 0: one per core
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    students: tuple[str, ...] = ()
    landlock: bool = True
    progress: bool = True
    # ``grade --insecure``: grade even where kernels cannot be isolated, and mark every result so.
    insecure: bool = False


@dataclass
class Graded:
    student: str
    notebook: str
    status: str
    score: float
    max_score: float
    flags: list[dict]
    timing: dict
    landlock: int


@dataclass
class GradingSummary:
    assignment: str
    graded: list[Graded] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    hidden_in_kernel: str = ""  # why the hidden checks ran inside the kernel, if they did
    isolation_missing: str = ""  # what this machine lacks, when graded with --insecure


def grade_assignment(course: Course, assignment: str, options: GradingOptions) -> GradingSummary:
    started = time.monotonic()
    summary = GradingSummary(assignment)
    with GradebookWriter(course.db_url, course.course_id, course.config) as writer:
        try:
            spec = AssignmentSpec.load(writer.gradebook, assignment, course.release_folder(assignment),
                                       *course.hidden_delimiters())
        except MissingEntry:
            raise CourseError(f"the gradebook has no assignment '{assignment}': "
                              f"run `python -m autograder release {assignment}` first") from None
        fingerprint = spec.fingerprint()
        jobs, summary.skipped = _plan(course, spec, writer, fingerprint, options)
        if not jobs:
            summary.seconds = time.monotonic() - started
            return summary
        summary.isolation_missing = isolation_probe.missing()
        if summary.isolation_missing and not options.insecure:
            raise CourseError(summary.isolation_missing)
        settings = Settings(
            limits=options.limits, source=str(course.source_folder(assignment)), ignore=tuple(course.ignore),
            keep=tuple(course.exclude_overwriting(assignment)), landlock=options.landlock,
            isolate=not summary.isolation_missing,
        )
        summary.hidden_in_kernel = _why_the_referee_cannot_grade(course, spec, settings)
        if summary.hidden_in_kernel:
            settings = dataclasses.replace(settings, hidden_in_kernel=True)
        progress = Progress(len(jobs), f"grading {assignment}", enabled=options.progress)
        try:
            for result in _run_workers(jobs, spec, settings, options.workers or os.cpu_count() or 1):
                summary.graded.append(_write(course, writer, spec, fingerprint, result))
                progress.advance(f"{result.job.student}: {result.status}")
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            progress.close()
    summary.seconds = time.monotonic() - started
    return summary


def _why_the_referee_cannot_grade(course: Course, spec: AssignmentSpec, settings: Settings) -> str:
    """Grade the instructor's solution with the hidden checks in the referee: "" when it
    gets full points, otherwise which test cells it lost."""
    source = course.source_folder(spec.name)
    for notebook in sorted(spec.notebooks):
        if not (source / f"{notebook}.ipynb").is_file():
            continue
        result = asyncio.run(_grade_alone(Job("solution", notebook, str(source), ""), spec, settings))
        graded = nbformat.reads(result.notebook_json, as_version=4)
        lost = [grade_id(cell) for cell in graded.cells
                if is_test_cell(cell) and determine_grade(cell)[0] != determine_grade(cell)[1]]
        if result.status != "graded" or lost:
            return f"the solution of {notebook} lost {', '.join(lost) or result.status} with the checks outside the kernel"
    return ""


async def _grade_alone(job: Job, spec: AssignmentSpec, settings: Settings) -> NotebookResult:
    with tempfile.TemporaryDirectory(prefix="autograder-check-") as folder:
        pool = KernelPool(Path(folder), settings.limits, landlock=settings.landlock, ahead=0, isolate=settings.isolate)
        try:
            return await grade_notebook(job, spec, settings, pool)
        finally:
            await pool.close()


def _plan(course: Course, spec: AssignmentSpec, writer: GradebookWriter, fingerprint: str,
          options: GradingOptions) -> tuple[list[Job], int]:
    ledger = writer.ledger(spec.name)
    jobs, skipped = [], 0
    for student in course.submitted_students(spec.name):
        if options.students and student not in options.students:
            continue
        submitted = course.folder("submitted", student, spec.name)
        for notebook in sorted(spec.notebooks):
            digest = submission_hash(submitted, notebook, course.ignore)
            done = ledger.get((student, notebook))
            autograded = course.folder("autograded", student, spec.name) / f"{notebook}.ipynb"
            if (not options.force and done is not None and done.submission_hash == digest
                    and done.fingerprint == fingerprint and autograded.is_file()):
                skipped += 1
                continue
            jobs.append(Job(student, notebook, str(submitted), digest))
    return jobs, skipped


def _run_workers(jobs: list[Job], spec: AssignmentSpec, settings: Settings, workers: int):
    """Yields each job's ``NotebookResult`` as it is done.

    A worker that dies (or retires after a notebook that left it unusable) is
    replaced; the notebook it was grading is tried once more, then recorded as
    a grader error.
    """
    context = multiprocessing.get_context("spawn")
    job_queue, results = context.Queue(), context.Queue()
    for job in jobs:
        job_queue.put(job)
    count = min(workers, len(jobs))
    for _ in range(count):
        job_queue.put(None)  # one "no more work" per worker; a replacement inherits its predecessor's
    processes: dict[int, multiprocessing.Process] = {}
    finished: set[int] = set()  # workers that took their "no more work"
    handled: set[int] = set()
    in_flight: dict[int, Job] = {}
    attempts: dict[Job, int] = {}

    def start_worker() -> None:
        number = len(processes) + 1
        processes[number] = context.Process(
            target=worker_main, args=(spec, settings, job_queue, results, number), daemon=True)
        processes[number].start()

    for _ in range(count):
        start_worker()
    remaining = len(jobs)
    try:
        while remaining:
            try:
                kind, number, payload = results.get(timeout=1.0)
            except queue.Empty:
                kind = None
            if kind == "started":
                in_flight[number] = payload
            elif kind == "done":
                in_flight.pop(number, None)
                remaining -= 1
                yield payload
            elif kind == "exit" and payload == "finished":
                finished.add(number)
            for number, process in list(processes.items()):
                if number in handled or process.is_alive():
                    continue
                handled.add(number)
                job = in_flight.pop(number, None)
                if job is not None:
                    attempts[job] = attempts.get(job, 0) + 1
                    if attempts[job] >= MAX_ATTEMPTS:
                        remaining -= 1
                        yield failed(job, spec, f"the worker grading it stopped (exit code {process.exitcode})")
                    else:
                        job_queue.put(job)
                if remaining and number not in finished:
                    start_worker()
    finally:
        for process in processes.values():
            if process.is_alive():
                process.terminate()
        for process in processes.values():
            process.join(timeout=10)


def _write(course: Course, writer: GradebookWriter, spec: AssignmentSpec, fingerprint: str,
           result: NotebookResult) -> Graded:
    job = result.job
    submitted = course.folder("submitted", job.student, spec.name)
    autograded = course.folder("autograded", job.student, spec.name)
    stage_files(submitted, course.source_folder(spec.name), autograded, course.ignore,
                course.exclude_overwriting(spec.name))
    target = autograded / f"{job.notebook}.ipynb"
    temporary = target.with_name(f".{target.name}.partial")
    temporary.write_text(result.notebook_json)
    os.replace(temporary, target)
    flags = list(result.flags)
    if submission_hash(submitted, job.notebook, course.ignore) != job.submission_hash:
        flags.append(flagging.Flag(flagging.SUBMISSION, "the submitted files changed while they were graded: "
                                                        "grade again").to_dict())
    details = {"problem": result.problem, "stopped": result.stopped, "flags": flags, "hidden": result.hidden,
               "changes": result.changes, "timing": result.timing, "landlock": result.landlock,
               "isolated": result.isolated}
    score, max_score = writer.record(
        student=job.student, assignment=spec.name, notebook_name=job.notebook,
        notebook=nbformat.reads(result.notebook_json, as_version=4),
        timestamp=course.coursedir.get_existing_timestamp(str(submitted)), submission_hash=job.submission_hash,
        fingerprint=fingerprint, status=result.status, details=details,
        tampered=any(flag["kind"] == flagging.TAMPERING for flag in flags),
    )
    return Graded(job.student, job.notebook, result.status, score, max_score, flags, result.timing, result.landlock)
