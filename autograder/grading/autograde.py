"""``grade NAME``: autograde every submission of an assignment, in parallel, resumably.

1. Plan: every ``submitted/<student>/<assignment>/`` folder gives one job per
   notebook of the assignment. A job is skipped when the ledger says the same
   files were already graded with the same tests, the result was not a grader
   error, and the autograded notebook is still the one written then (its hash
   is in the ledger); ``--force`` regrades.
2. Run: worker processes (one per core by default) grade the jobs, each
   notebook in its own fresh, sandboxed kernel. A worker that dies is replaced
   and its notebook tried again (see ``_run_workers``).
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
import collections
import dataclasses
import hashlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import nbformat
from nbgrader.api import MissingEntry
from nbgrader.utils import determine_grade

from autograder.grading import flags as flagging
from autograder.grading.cells import grade_id, is_test_cell
from autograder.grading.course import Course, CourseError, stage_files, submission_hash
from autograder.grading.isolation.kernels import KernelPool
from autograder.grading.gradebook import GradebookWriter
from autograder.grading.isolation import probe as isolation_probe
from autograder.grading.progress import Progress
from autograder.grading.isolation.sandbox import Limits
from autograder.grading.spec import AssignmentSpec
from autograder.grading.worker import Job, NotebookResult, Settings, failed, grade_notebook, worker_main


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
    """The jobs of this run, and how many notebooks are skipped. A notebook is graded again unless
    the ledger says the same files were graded with the same tests, its last result was not a grader
    error, and its autograded notebook is still the one that was written (same hash)."""
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
                    and done.fingerprint == fingerprint and done.status != "error"
                    and _intact(autograded, done.details)):
                skipped += 1
                continue
            jobs.append(Job(student, notebook, str(submitted), digest))
    return jobs, skipped


def _intact(autograded: Path, details: dict) -> bool:
    """The autograded notebook is the one this grader wrote: not deleted, not changed since."""
    expected = details.get(AUTOGRADED_HASH) if isinstance(details, dict) else None
    try:
        return bool(expected) and hashlib.sha256(autograded.read_bytes()).hexdigest() == expected
    except OSError:
        return False


# -- the workers --------------------------------------------------------------------------------------
#
# The instructor's process keeps the jobs. Each worker has a pipe of its own and gets one job at a
# time, with an attempt number it sends back with "started" and "done"; a worker is told to stop only
# when nothing is left to grade. A worker that dies (a crash, the OOM killer, SIGKILL from outside,
# or the watchdog below) is replaced while work remains, and the notebook it was grading goes back to
# the front of the queue, at most MAX_ATTEMPTS times in all. A pipe per worker, rather than one shared
# queue, also means that a worker killed while it writes cannot leave a lock held for the others.

MAX_ATTEMPTS = 3  # a notebook whose worker died is tried twice more, then recorded as a grader error
WATCHDOG_MARGIN = 120.0  # beyond the notebook's time limit: kernel start, hidden tests, clean-up
STARTUP_FAILURES = 3  # workers in a row that die before grading anything: the rest cannot start either


@dataclass
class _Attempt:
    number: int
    job: Job
    deadline: float
    started: bool = False


@dataclass
class _Worker:
    number: int
    process: multiprocessing.Process
    connection: Connection
    attempt: _Attempt | None = None
    folder: str = ""  # its temporary folder, removed here when it dies without cleaning up
    began: bool = False  # it started grading a notebook at least once
    leaving: str = ""  # it is expected to exit: "finished" (told to stop) or "retired" (said so)
    killed: str = ""  # why this process killed it
    broken: bool = False  # its pipe failed: it is dead or dying
    last_words: str = ""  # the traceback it sent before it crashed

    def available(self) -> bool:
        return not (self.leaving or self.killed or self.broken)


def _run_workers(jobs: list[Job], spec: AssignmentSpec, settings: Settings, workers: int):
    """Yields each job's ``NotebookResult`` as it is done, every job exactly once, whatever happens
    to the workers (see above): a notebook that the workers cannot grade is yielded as ``failed``."""
    context = multiprocessing.get_context("spawn")
    limit = settings.limits.notebook_seconds + WATCHDOG_MARGIN
    pending: collections.deque[Job] = collections.deque(jobs)
    tries: collections.Counter[Job] = collections.Counter()
    left = len(jobs)
    size = max(1, min(workers, len(jobs)))
    crew: dict[int, _Worker] = {}
    numbers, attempt_numbers = itertools.count(1), itertools.count(1)
    most_starts = size + (MAX_ATTEMPTS + 1) * len(jobs) + STARTUP_FAILURES  # deaths, retirements
    state = {"starts": 0, "startup_failures": 0, "last_failure": ""}

    def start_worker() -> None:
        number = next(numbers)
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=worker_main, args=(spec, settings, theirs, number), daemon=True,
                                  name=f"{WORKER_NAME}-{number}")
        state["starts"] += 1
        try:
            process.start()
        except OSError as error:  # no process can be made now (too many processes, no memory)
            ours.close()
            state["startup_failures"] += 1
            state["last_failure"] = f"it could not be started ({error})"
            return
        finally:
            theirs.close()
        crew[number] = _Worker(number, process, ours)

    def receive(worker: _Worker) -> list[NotebookResult]:
        """Every message waiting in ``worker``'s pipe; the results that count."""
        results = []
        while not worker.broken:
            try:
                if not worker.connection.poll(0):
                    break
                message = worker.connection.recv()
                kind = message[0]
            except Exception:  # EOF, a message cut off by the worker's death, or garbage
                worker.broken = True
                break
            attempt = worker.attempt
            if kind == "hello":
                worker.folder = str(message[1])
            elif kind == "started" and attempt is not None and message[1] == attempt.number:
                attempt.started, attempt.deadline = True, time.monotonic() + limit
                worker.began = True
                state["startup_failures"] = 0
            elif kind == "done" and attempt is not None and message[1] == attempt.number and not worker.killed:
                worker.attempt = None
                results.append(message[2])
            elif kind == "exit":
                if message[1] in ("finished", "retired"):
                    worker.leaving = worker.leaving or message[1]
                elif len(message) > 2 and message[2]:
                    worker.last_words = str(message[2])
            # anything else, e.g. a "done" of an attempt that is no longer this worker's: ignored
        return results

    def bury(worker: _Worker) -> list[NotebookResult]:
        """``worker`` has exited: put its notebook back in the queue, or give up on it."""
        worker.process.join(timeout=5)
        reason = worker.killed or _how_it_stopped(worker.process.exitcode, worker.last_words)
        results = []
        attempt = worker.attempt
        if attempt is not None:
            if attempt.started:
                tries[attempt.job] += 1
            if tries[attempt.job] >= MAX_ATTEMPTS:
                results.append(failed(attempt.job, spec, f"the worker grading it stopped: {reason} "
                                                         f"(it was tried {tries[attempt.job]} times)"))
            else:
                pending.appendleft(attempt.job)
        if not worker.leaving:
            state["last_failure"] = reason
            if not worker.began:
                state["startup_failures"] += 1
        try:
            worker.connection.close()
        except OSError:
            pass
        if worker.folder and not worker.leaving:
            shutil.rmtree(worker.folder, ignore_errors=True)
        del crew[worker.number]
        return results

    def give_up() -> list[NotebookResult]:
        if state["startup_failures"] >= STARTUP_FAILURES:
            why = (f"no worker could start ({STARTUP_FAILURES} in a row stopped before grading anything; "
                   f"the last: {state['last_failure']})")
        else:
            why = f"too many workers stopped ({state['starts']} started; the last: {state['last_failure']})"
        results = [failed(job, spec, f"the grader gave up on it: {why}") for job in pending]
        pending.clear()
        return results

    try:
        while left:
            # Replace the workers that are gone, while there is work for them; then hand out work.
            in_flight = sum(worker.attempt is not None for worker in crew.values())
            available = [worker for worker in crew.values() if worker.available()]
            can_start = state["startup_failures"] < STARTUP_FAILURES and state["starts"] < most_starts
            while can_start and len(available) < min(size, len(pending) + in_flight):
                start_worker()
                available = [worker for worker in crew.values() if worker.available()]
                can_start = state["startup_failures"] < STARTUP_FAILURES and state["starts"] < most_starts
            if pending and not can_start and not available:
                for result in give_up():
                    left -= 1
                    yield result
                continue
            for worker in available:
                if worker.attempt is None and pending:
                    job = pending.popleft()
                    worker.attempt = _Attempt(next(attempt_numbers), job, time.monotonic() + limit)
                    try:
                        worker.connection.send(("job", worker.attempt.number, job))
                    except OSError:
                        worker.broken = True  # it is dying: ``bury`` puts the job back

            now = time.monotonic()
            deadlines = [worker.attempt.deadline for worker in crew.values() if worker.attempt and not worker.killed]
            timeout = max(0.0, min([1.0, *(deadline - now for deadline in deadlines)]))
            waitables = {worker.process.sentinel: worker for worker in crew.values()}
            waitables.update({worker.connection: worker for worker in crew.values() if not worker.broken})
            for ready in multiprocessing.connection.wait(list(waitables), timeout):
                worker = waitables[ready]
                if ready is worker.connection:
                    for result in receive(worker):
                        left -= 1
                        yield result

            now = time.monotonic()
            for worker in list(crew.values()):
                attempt = worker.attempt
                if attempt is not None and not worker.killed and now > attempt.deadline:
                    worker.killed = (f"it was still grading after {limit:g} s (the notebook's time limit of "
                                     f"{settings.limits.notebook_seconds:g} s and a margin), so the grader stopped it")
                    worker.process.kill()
                if worker.process.is_alive():
                    continue
                results = receive(worker)  # what it sent before it exited
                results.extend(bury(worker))
                for result in results:
                    left -= 1
                    yield result
    finally:
        _stop_workers(crew.values())


WORKER_NAME = "autograder-worker"


def _how_it_stopped(exitcode: int | None, last_words: str = "") -> str:
    """A worker's end, in words: ``killed by SIGKILL``, ``it exited with code 1``."""
    if exitcode is None:
        how = "it stopped responding"
    elif exitcode < 0:
        try:
            how = f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"killed by signal {-exitcode}"
    else:
        how = f"it exited with code {exitcode}"
    lines = [line.strip() for line in last_words.splitlines() if line.strip()]
    return f"{how} ({lines[-1][:300]})" if lines else how


def _stop_workers(workers) -> None:
    """Ask the workers to stop, then make sure they did."""
    workers = list(workers)
    for worker in workers:
        if worker.process.is_alive() and not worker.broken and worker.attempt is None:
            try:
                worker.connection.send(("stop",))
                worker.leaving = worker.leaving or "finished"
            except OSError:
                pass
        elif worker.process.is_alive():
            worker.process.terminate()  # interrupted in the middle of a notebook: it cleans up and exits
    deadline = time.monotonic() + 10
    for worker in workers:
        worker.process.join(timeout=max(0.1, deadline - time.monotonic()))
    for worker in workers:
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)
        if worker.folder and worker.process.exitcode not in (0, None) and not worker.leaving:
            shutil.rmtree(worker.folder, ignore_errors=True)
        try:
            worker.connection.close()
        except OSError:
            pass


def _write(course: Course, writer: GradebookWriter, spec: AssignmentSpec, fingerprint: str,
           result: NotebookResult) -> Graded:
    """Record one notebook. Whatever is wrong with it, this raises for nothing that is one notebook's
    problem: a notebook that cannot be recorded as it is is recorded as a grader error."""
    try:
        return _record(course, writer, spec, fingerprint, result)
    except Exception:
        error = traceback.format_exc()
    return _record(course, writer, spec, fingerprint,
                   failed(result.job, spec, f"its grades could not be recorded: {error}"))


AUTOGRADED_HASH = "autograded_sha256"  # in the ledger's details: the autograded notebook as written


def _record(course: Course, writer: GradebookWriter, spec: AssignmentSpec, fingerprint: str,
            result: NotebookResult) -> Graded:
    job = result.job
    submitted = course.folder("submitted", job.student, spec.name)
    autograded = course.folder("autograded", job.student, spec.name)
    notebook = nbformat.reads(result.notebook_json, as_version=4)
    flags = list(result.flags) + [flag.to_dict() for flag in _unreadable_scores(notebook)]
    data = (nbformat.writes(notebook) if len(flags) > len(result.flags) else result.notebook_json).encode("utf-8")
    stage_files(submitted, course.source_folder(spec.name), autograded, course.ignore,
                course.exclude_overwriting(spec.name))
    target = autograded / f"{job.notebook}.ipynb"
    temporary = target.with_name(f".{target.name}.partial")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    if submission_hash(submitted, job.notebook, course.ignore) != job.submission_hash:
        flags.append(flagging.Flag(flagging.SUBMISSION, "the submitted files changed while they were graded: "
                                                        "grade again").to_dict())
    details = {"problem": result.problem, "stopped": result.stopped, "flags": flags, "hidden": result.hidden,
               "changes": result.changes, "timing": result.timing, "landlock": result.landlock,
               "isolated": result.isolated, AUTOGRADED_HASH: hashlib.sha256(data).hexdigest()}
    score, max_score = writer.record(
        student=job.student, assignment=spec.name, notebook_name=job.notebook, notebook=notebook,
        timestamp=course.coursedir.get_existing_timestamp(str(submitted)), submission_hash=job.submission_hash,
        fingerprint=fingerprint, status=result.status, details=details,
        tampered=any(flag["kind"] == flagging.TAMPERING for flag in flags),
    )
    return Graded(job.student, job.notebook, result.status, score, max_score, flags, result.timing, result.landlock)


def _unreadable_scores(notebook: nbformat.NotebookNode) -> list[flagging.Flag]:
    """Test cells whose outputs nbgrader cannot turn into a score (a partial credit above the cell's
    points, a result without text): each scores 0 instead, with a flag for the instructor."""
    flags = []
    for cell in notebook.cells:
        if not is_test_cell(cell):
            continue
        try:
            determine_grade(cell)
        except Exception as error:
            name = grade_id(cell) or "a test cell"
            message = (f"the grader could not read a score from this cell's outputs ({type(error).__name__}: "
                       f"{str(error)[:200]}), so it scores 0")
            cell.outputs = [nbformat.v4.new_output("error", ename="UnreadableScore", evalue=message,
                                                   traceback=[f"UnreadableScore: {message}"])]
            cell.metadata.get("autograder", {}).pop("referee_outputs", None)
            flags.append(flagging.Flag(flagging.SUBMISSION, f"{name}: {message}", name))
    return flags
