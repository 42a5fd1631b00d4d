"""A worker process: grades one notebook after another, each in a fresh pre-started kernel.

It never writes the gradebook or the course folder: it reads a submission,
runs it and sends back a ``NotebookResult`` (the executed notebook and what
happened); the instructor's process writes it.
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import signal
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.grading import flags as flagging
from autograder.grading.cells import grade_id, is_answer_cell, nbgrader_metadata
from autograder.grading.course import stage_files
from autograder.grading.execute import NotebookRunner
from autograder.grading.isolation.kernels import KernelPool, KernelStartError
from autograder.grading.isolation.sandbox import Limits
from autograder.grading.sanitize import prepare, stand_in
from autograder.grading.spec import AssignmentSpec


@dataclass(frozen=True)
class Job:
    student: str
    notebook: str
    submitted: str  # the student's folder for the assignment, in submitted/
    submission_hash: str


@dataclass(frozen=True)
class Settings:
    limits: Limits
    source: str  # the assignment's folder in the instructor's source directory
    ignore: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()  # files of the student's that the source's must not overwrite
    landlock: bool = True
    # Each kernel in namespaces of its own (``isolation``); False only with ``grade --insecure``.
    isolate: bool = True
    # For hidden checks that cannot run outside the kernel (see ``autograde``): they run in
    # it, as in plain nbgrader, imported before any student code.
    hidden_in_kernel: bool = False

    def preload(self, assignment: str) -> tuple[str, ...]:
        return (f"autograder.hidden.{assignment}",) if self.hidden_in_kernel else ()


@dataclass
class NotebookResult:
    job: Job
    status: str  # graded, missing, unreadable, wrong-notebook, or error (the grader failed)
    notebook_json: str
    problem: str = ""
    stopped: str = ""
    flags: list[dict] = field(default_factory=list)
    hidden: dict = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    timing: dict = field(default_factory=dict)
    landlock: int = 0
    isolated: bool = False  # the kernel ran in namespaces of its own (see ``isolation``)
    needs_new_worker: bool = False


async def grade_notebook(job: Job, spec: AssignmentSpec, settings: Settings, pool: KernelPool) -> NotebookResult:
    started = time.monotonic()
    path = Path(job.submitted) / f"{job.notebook}.ipynb"
    raw = path.read_bytes() if path.is_file() else None
    prepared = prepare(raw, spec, job.notebook)
    flags = [flagging.Flag(flagging.SUBMISSION, change) for change in prepared.changes]
    if prepared.status != "ok":
        flags.append(flagging.Flag(flagging.SUBMISSION, prepared.problem))
        return NotebookResult(job, prepared.status, nbformat.writes(prepared.notebook), prepared.problem,
                              flags=[flag.to_dict() for flag in flags], changes=prepared.changes,
                              timing={"total": time.monotonic() - started})
    for cell in prepared.notebook.cells:
        if cell.cell_type == "code" and (is_answer_cell(cell) or not nbgrader_metadata(cell)):
            flags.extend(flagging.scan(cell.source, grade_id(cell) or ""))

    waited = time.monotonic()
    kernel = await pool.take()
    waited = time.monotonic() - waited
    try:
        stage_files(Path(job.submitted), Path(settings.source), kernel.workdir, list(settings.ignore),
                    list(settings.keep))
        kernel.hand_over(kernel.workdir)
        runner = NotebookRunner(kernel, settings.limits, spec.hidden_begin, spec.hidden_end,
                                hidden_in_kernel=settings.hidden_in_kernel)
        record = await runner.run(prepared.notebook)
    finally:
        kernel.dispose()
    flags.extend(record.flags)
    return NotebookResult(
        job, "graded", nbformat.writes(prepared.notebook), stopped=record.stopped,
        flags=[flag.to_dict() for flag in _unique(flags)], hidden=record.hidden, changes=prepared.changes,
        timing={"total": time.monotonic() - started, "kernel_wait": waited, "kernel_start": kernel.start_seconds,
                "cells": record.seconds_in_cells, "hidden": record.hidden_seconds, "rpc_calls": record.rpc_calls},
        landlock=kernel.landlock_version, isolated=kernel.isolated, needs_new_worker=record.needs_new_worker,
    )


def _unique(flags: list) -> list:
    seen, unique = set(), []
    for flag in flags:
        if (flag.kind, flag.message) not in seen:
            seen.add((flag.kind, flag.message))
            unique.append(flag)
    return unique


def failed(job: Job, spec: AssignmentSpec, error: str) -> NotebookResult:
    """A notebook the grader itself could not grade: zero, and a message for the instructor."""
    problem = "the grader could not run this notebook; your instructor has been told."
    notebook = stand_in(spec.notebooks[job.notebook], "error", problem).notebook
    return NotebookResult(job, "error", nbformat.writes(notebook), problem,
                          flags=[flagging.Flag(flagging.SUBMISSION, f"grader error: {error[-500:]}").to_dict()])


# For tests: ``exit-at-start`` makes every worker exit at once (a worker that cannot start);
# ``hang-in-job`` makes it hang once it started a job (for the watchdog of ``autograde``).
FAULT_VARIABLE = "AUTOGRADER_TEST_WORKER_FAULT"


def worker_main(spec: AssignmentSpec, settings: Settings, connection, number: int) -> None:
    """Entry point of a worker process. ``connection``: its own pipe to the instructor's process,
    which sends ``("job", attempt, Job)`` one at a time, then ``("stop",)``; the worker answers
    ``("hello", folder)`` once, ``("started", attempt)`` and ``("done", attempt, NotebookResult)``
    for each job, and ``("exit", why, detail)`` last."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the instructor's process's to handle
    signal.signal(signal.SIGTERM, _stop_now)
    limit_memory(settings.limits)
    if os.environ.get(FAULT_VARIABLE) == "exit-at-start":
        os._exit(3)
    try:
        asyncio.run(_serve(spec, settings, connection, number))
    except BaseException:
        try:
            connection.send(("exit", "crashed", traceback.format_exc()[-2000:]))
        except Exception:
            pass
        raise


def worker_memory_bytes(limits: Limits) -> int:
    """A worker's own address space: the referee's checks and the values it receives, never the
    kernels' (each has ``memory_bytes`` of its own)."""
    return max(WORKER_MEMORY_FLOOR, 2 * limits.memory_bytes)


WORKER_MEMORY_FLOOR = 4 * 2**30


def limit_memory(limits: Limits) -> None:
    """Whatever a hidden check is made to allocate, it fails with MemoryError in that check instead of
    taking the machine's memory (the decoder's caps stop the known ways first)."""
    size = worker_memory_bytes(limits)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))


_cleanup: list = []


def _stop_now(*_signal) -> None:
    """Terminated by the instructor's process: take the kernels and their folders along."""
    for action in _cleanup:
        try:
            action()
        except Exception:
            pass
    os._exit(1)


async def _serve(spec: AssignmentSpec, settings: Settings, connection, number: int) -> None:
    loop = asyncio.get_running_loop()
    reason = "retired"
    with tempfile.TemporaryDirectory(prefix=f"autograder-w{number}-") as folder:
        connection.send(("hello", folder))
        pool = KernelPool(Path(folder), settings.limits, landlock=settings.landlock, ahead=1,
                          preload=settings.preload(spec.name), isolate=settings.isolate)
        _cleanup[:] = [pool.zygote.process.kill, lambda: shutil.rmtree(folder, ignore_errors=True)]
        pool.prewarm()
        try:
            while True:
                try:
                    message = await loop.run_in_executor(None, connection.recv)
                except (EOFError, OSError):
                    reason = "orphaned"  # the instructor's process is gone
                    break
                if not (isinstance(message, tuple) and message and message[0] == "job"):
                    reason = "finished"
                    break
                _, attempt, job = message
                connection.send(("started", attempt))
                if os.environ.get(FAULT_VARIABLE) == "hang-in-job":
                    await asyncio.sleep(10**6)
                try:
                    result = await grade_notebook(job, spec, settings, pool)
                except KernelStartError as error:
                    result = failed(job, spec, str(error))
                except Exception:
                    result = failed(job, spec, traceback.format_exc())
                try:
                    connection.send(("done", attempt, result))
                except (OSError, EOFError):
                    raise
                except Exception:  # the result cannot be pickled: the pipe is still clean
                    connection.send(("done", attempt, failed(job, spec, "its result could not be sent back: "
                                                                        + traceback.format_exc())))
                if result.needs_new_worker:
                    break
        finally:
            await pool.close()
    try:
        connection.send(("exit", reason, ""))
    except (OSError, EOFError):
        pass
