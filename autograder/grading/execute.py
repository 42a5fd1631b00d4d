"""Runs one sanitized notebook in one fresh kernel, within the limits, and records what happened.

``NotebookRunner`` is nbgrader's ``Execute`` preprocessor (an nbclient
``NotebookClient``), driven cell by cell instead of all at once, so that:

- a test cell's hidden block runs in the referee, while the kernel serves the
  referee's calls, and only the visible part runs in the kernel;
- a cell that runs past its time is interrupted, and a kernel that does not
  stop is killed; the notebook as a whole has a time limit too;
- a cell that floods its output is cut off and interrupted;
- when the kernel dies (``os._exit``, a crash, a limit), the cells that did
  not run get an error that says why, so they score zero instead of looking
  like cells that passed silently;
- a test cell's score comes only from what the grader observes: the
  referee's verdict on each hidden block and the status of the kernel's
  reply to each request it ran. The outputs the kernel publishes are the
  student's (a thread in the kernel can publish any output into the running
  cell, ``clear_output`` included), so after each test cell they are
  rewritten to say exactly that verdict to nbgrader's ``determine_grade``:
  no ``execute_result`` (nbgrader would read it as partial credit), an
  ``error`` when the cell failed, none when it passed. What the kernel writes
  to stderr still costs the cell its points, as in nbgrader: it can only lower
  a score.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import nbformat
from nbclient.exceptions import CellExecutionComplete, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute, LimitOutput

from autograder.grading import flags as flagging
from autograder.grading.cells import grade_id, has_hidden, is_answer_cell, is_test_cell, split_hidden
from autograder.grading.isolation.kernels import Kernel
from autograder.grading.judging.kernelside import SERVE_CODE
from autograder.grading.judging.referee import HiddenOutcome, Referee
from autograder.grading.isolation.sandbox import Limits

NOT_RUN = "NotRun"
GRACE_SECONDS = 5.0
FAILED = "TestFailed"  # the error a failed test cell gets when none of its outputs says so
DID_NOT_PASS = "this cell's checks did not pass"
WROTE_TO_STDERR = ("this test cell wrote to standard error (a warning, for example), "
                   "which nbgrader counts as a failure")


@dataclass(frozen=True)
class Reply:
    """The kernel's ``execute_reply`` to one request, as the grader read it."""

    passed: bool
    ename: str = ""
    evalue: str = ""

    @property
    def message(self) -> str:
        if self.passed:
            return ""
        return f"{self.ename}: {self.evalue}" if self.ename and self.evalue else (self.evalue or DID_NOT_PASS)


NO_REQUEST = Reply(True)  # an empty cell: nothing was sent to the kernel


@dataclass
class RunRecord:
    """What happened while a notebook ran, beyond its outputs."""

    stopped: str = ""
    flags: list = field(default_factory=list)
    hidden: dict = field(default_factory=dict)  # test cell -> {"passed", "diagnosis", "message"}
    seconds_in_cells: float = 0.0
    hidden_seconds: float = 0.0
    rpc_calls: int = 0
    needs_new_worker: bool = False


class NotebookRunner(Execute):
    """Execute one notebook in ``kernel``; see the module's docstring."""

    def __init__(self, kernel: Kernel, limits: Limits, hidden_begin: str, hidden_end: str,
                 hidden_in_kernel: bool = False, **kwargs):
        super().__init__(
            timeout=max(1, int(limits.cell_seconds)), interrupt_on_timeout=True, allow_errors=True,
            raise_on_iopub_timeout=False, iopub_timeout=GRACE_SECONDS, shutdown_kernel="immediate", **kwargs,
        )
        self.kernel = kernel
        self.limits = limits
        self.hidden_begin, self.hidden_end = hidden_begin, hidden_end
        self.hidden_in_kernel = hidden_in_kernel
        self.referee = Referee(kernel.channel)
        self.record = RunRecord()
        self._deadline = 0.0
        self._cell_output_bytes = 0
        self._cell_overflowed = False
        self._referee_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="referee")
        self._silent_cells = 0
        self._replies: dict[int, Reply] = {}  # id(cell) -> the reply to the request that ran it
        self.timeout_func = self._time_left_for_cell

    # -- the run ---------------------------------------------------------

    async def run(self, nb: NotebookNode) -> RunRecord:
        self.nb = nb
        self.km = self.kernel
        self.kc = self.kernel.client
        self.reset_execution_trackers()
        self._deadline = time.monotonic() + self.limits.notebook_seconds
        try:
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                if not self.record.stopped and time.monotonic() >= self._deadline:
                    self.record.stopped = (f"the notebook reached its time limit ({self.limits.notebook_seconds:g} s) "
                                           "before this cell")
                if self.record.stopped:
                    _mark_not_run(cell, self.record.stopped)
                    continue
                await self._run_cell(cell, index)
                self._collect_reports(cell)
        finally:
            self._referee_thread.shutdown(wait=False, cancel_futures=True)
        LimitOutput().preprocess(nb, {})
        return self.record

    async def _run_cell(self, cell: NotebookNode, index: int) -> None:
        started = time.monotonic()
        self._cell_output_bytes, self._cell_overflowed = 0, False
        test = is_test_cell(cell)
        try:
            hidden = test and has_hidden(cell.source, self.hidden_begin)
            if hidden and not self.hidden_in_kernel:
                passed, message = await self._run_test_cell(cell, index)
            else:
                reply = await self._execute(cell, index)
                await self._after_timeout(cell)
                passed, message = reply.passed, reply.message
                if hidden:
                    self._remember_hidden(cell, _outcome_of(reply, cell))
        except DeadKernelError:
            self.record.stopped = f"the kernel stopped while running an earlier cell: {self.kernel.how_it_ended()}"
            message = f"the kernel stopped while running this cell: {self.kernel.how_it_ended()}"
            cell.outputs.append(_error_output("KernelDied", message))
            passed = False
        finally:
            self.record.seconds_in_cells += time.monotonic() - started
        if test:
            self._settle(cell, index, passed, message)

    async def _execute(self, cell: NotebookNode, index: int, store_history: bool = True) -> Reply:
        """Run ``cell`` in the kernel; the status of the kernel's reply (see ``on_cell_executed``)."""
        self._replies.pop(id(cell), None)
        try:
            await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1,
                                          store_history=store_history)
        finally:
            reply = self._replies.pop(id(cell), NO_REQUEST)
        self.nb.cells[index] = cell
        return reply

    async def _run_test_cell(self, cell: NotebookNode, index: int) -> tuple[bool, str]:
        """Hidden blocks in the referee, visible code in the kernel, in the cell's order;
        the cell stops at its first failure, as it would in one piece. Returns the verdict:
        passed, or the message of the first failure."""
        outputs: list = []
        referee_outputs: list[int] = []
        passed, message = True, ""
        for segment in split_hidden(cell.source, self.hidden_begin, self.hidden_end):
            if segment.hidden:
                outcome, kernel_outputs = await self._run_hidden(segment.code, cell, index)
                outputs.extend(kernel_outputs)
                for text, stream in [(outcome.stdout, "stdout"), *((line, "stderr") for line in outcome.stderr)]:
                    if text:
                        referee_outputs.append(len(outputs))
                        outputs.append(nbformat.v4.new_output("stream", name=stream, text=text))
                self._remember_hidden(cell, outcome)
                if not outcome.passed:
                    referee_outputs.append(len(outputs))
                    outputs.append(_error_output(outcome.ename, outcome.message))
                    passed, message = False, outcome.message
                    break
            elif segment.runnable:
                fragment = copy.deepcopy(cell)
                fragment.source = segment.code
                reply = await self._execute(fragment, index)
                self.nb.cells[index] = cell
                outputs.extend(fragment.outputs)
                await self._after_timeout(fragment)
                if not reply.passed:  # the reply, not the outputs: the kernel can publish or erase errors
                    passed, message = False, reply.message
                    break
        cell.outputs = outputs
        cell.execution_count = self.code_cells_executed
        cell.metadata.setdefault("autograder", {})["referee_outputs"] = referee_outputs
        return passed, message

    async def _run_hidden(self, code: str, cell: NotebookNode, index: int) -> tuple[HiddenOutcome, list]:
        started = time.monotonic()
        time_limit = max(1.0, min(self.limits.cell_seconds, self._deadline - started))
        session = uuid.uuid4().hex
        kernel_stopped = threading.Event()
        serve_cell = nbformat.v4.new_code_cell(SERVE_CODE.format(session=session))
        serve = asyncio.ensure_future(self._execute(serve_cell, index, store_history=False))
        serve.add_done_callback(lambda _: kernel_stopped.set())
        loop = asyncio.get_running_loop()
        referee = loop.run_in_executor(self._referee_thread, self.referee.run_block, code, session,
                                       started + time_limit, time_limit, kernel_stopped)
        try:
            outcome = await asyncio.wait_for(asyncio.shield(referee), time_limit + 2 * GRACE_SECONDS)
        except asyncio.TimeoutError:
            # The hidden tests themselves did not finish: this worker's referee thread is stuck.
            self.record.needs_new_worker = True
            self.record.stopped = "the hidden tests did not finish (the grader stopped this notebook)"
            outcome = HiddenOutcome(False, "GradingError", "the hidden tests did not finish in time",
                                    interrupted="referee did not finish")
        await self._finish_serving(serve, started + time_limit)
        self.nb.cells[index] = cell
        self.record.hidden_seconds += time.monotonic() - started
        self.record.rpc_calls += outcome.calls
        if outcome.interrupted and not self.kernel.is_alive():
            how = self.kernel.how_it_ended()
            outcome = HiddenOutcome(False, "KernelDied", f"the kernel stopped while the hidden tests ran: {how}",
                                    interrupted=outcome.interrupted, calls=outcome.calls)
            self.record.stopped = self.record.stopped or f"the kernel stopped while running an earlier cell: {how}"
        elif outcome.interrupted and not self.record.needs_new_worker:
            self._flag(flagging.TAMPERING, "the notebook stopped answering the hidden tests' calls", grade_id(cell) or "")
        kernel_outputs = [output for output in serve_cell.outputs if output.output_type == "stream"]
        return outcome, kernel_outputs

    async def _finish_serving(self, serve: asyncio.Future, deadline: float) -> None:
        """Wait for the kernel to leave its serve loop; interrupt it if the referee gave up
        on a call that is still running, and kill it if even that does not stop it."""
        for attempt in range(2):
            try:
                await asyncio.wait_for(asyncio.shield(serve), GRACE_SECONDS)
                return
            except DeadKernelError:
                return
            except asyncio.TimeoutError:
                if attempt == 0 and time.monotonic() >= deadline:
                    self.kernel.interrupt()
                elif attempt == 0:
                    continue
        self._give_up_on_kernel("it did not stop when it was interrupted after the time limit")
        try:
            await asyncio.wait_for(serve, GRACE_SECONDS)
        except (asyncio.TimeoutError, DeadKernelError):
            pass

    def _remember_hidden(self, cell: NotebookNode, outcome: HiddenOutcome) -> None:
        name = grade_id(cell) or ""
        previous = self.record.hidden.get(name)
        if previous and not previous["passed"]:
            return
        self.record.hidden[name] = {"passed": outcome.passed, "diagnosis": outcome.diagnosis,
                                    "message": outcome.message, "ename": outcome.ename}

    async def _after_timeout(self, cell: NotebookNode) -> None:
        """After a cell was interrupted for time, make sure the kernel really stopped."""
        timed_out = [output for output in cell.get("outputs", []) if output.get("ename") == "CellTimeoutError"]
        if not timed_out:
            return
        for output in timed_out:
            output.evalue = (f"the cell did not finish within {self._cell_limit():g} s (the time limit of a cell), "
                             "so it was interrupted")
            output.traceback = [f"CellTimeoutError: {output.evalue}"]
        probe = nbformat.v4.new_code_cell("pass")
        first_cell, saved_timeout = self.nb.cells[0], self.timeout_func
        self.timeout_func = lambda _cell: int(GRACE_SECONDS)
        try:
            await self.async_execute_cell(probe, 0, store_history=False)
        except DeadKernelError:
            pass
        finally:
            self._replies.pop(id(probe), None)
            self.timeout_func = saved_timeout
            self.nb.cells[0] = first_cell
        if any(output.get("ename") == "CellTimeoutError" for output in probe.outputs) or not self.kernel.is_alive():
            self._give_up_on_kernel("it did not stop when it was interrupted after the time limit")

    def _give_up_on_kernel(self, why: str) -> None:
        self.kernel.kill()
        if not self.record.stopped:
            self.record.stopped = f"the kernel was stopped: {why}"

    # -- verdicts ----------------------------------------------------------

    def on_cell_executed(self, **kwargs) -> None:
        """nbgrader's hook after each request, reading the kernel's reply defensively (the kernel
        writes it): its status is kept for the verdict and, as in nbgrader, a failure that no
        output shows (a timeout, or outputs the kernel cleared) gets an error output."""
        cell, reply = kwargs.get("cell"), kwargs.get("execute_reply")
        content = reply.get("content") if isinstance(reply, dict) else None
        content = content if isinstance(content, dict) else {}
        status = content.get("status")
        if reply is None or status == "ok":
            self._replies[id(cell)] = NO_REQUEST if reply is None else Reply(True)
            return
        ename = _text(content.get("ename")) or "Error"
        evalue = _text(content.get("evalue"))
        self._replies[id(cell)] = Reply(False, ename, evalue)
        if cell is not None and not any(output.get("output_type") == "error" and output.get("ename") == ename
                                        for output in cell.outputs):
            traceback = content.get("traceback")
            if not (isinstance(traceback, list) and traceback and all(isinstance(line, str) for line in traceback)):
                traceback = [f"{ename}: {evalue}"]
            cell.outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                                       traceback=[line[:10_000] for line in traceback[:200]]))

    async def _check_raise_for_error(self, cell, cell_index, exec_reply) -> None:
        """Errors never raise here (nbgrader allows them); nbclient's own check would trip on a
        malformed reply."""
        return None

    def _settle(self, cell: NotebookNode, index: int, passed: bool, message: str) -> None:
        """Rewrite a test cell's outputs so that nbgrader's ``determine_grade`` gives exactly the
        verdict: results become plain text, an error is there if and only if the cell failed."""
        meta = cell.metadata.get("autograder", {})
        from_referee = set(meta.get("referee_outputs", []))
        kept, positions = [], []
        for position, output in enumerate(cell.get("outputs", [])):
            kind = output.get("output_type")
            if kind == "execute_result":
                text = _plain_text(output)
                if not text:
                    continue
                output = nbformat.v4.new_output("stream", name="stdout", text=text if text.endswith("\n") else text + "\n")
            elif kind == "error" and passed:
                continue
            if position in from_referee:
                positions.append(len(kept))
            kept.append(output)
        if passed and any(output.get("output_type") == "stream" and output.get("name") == "stderr" for output in kept):
            passed, message = False, WROTE_TO_STDERR
        if not passed and not any(output.get("output_type") == "error" for output in kept):
            kept.append(_error_output(FAILED, message or DID_NOT_PASS))
        cell.outputs = kept
        if "referee_outputs" in meta:
            meta["referee_outputs"] = positions
        self.clear_display_id_mapping(index)  # its outputs moved: a later display update must not find them

    def process_message(self, msg, cell, cell_index):
        """nbclient's, except that a malformed message from the kernel is dropped instead of
        stopping the grading of the notebook."""
        try:
            return super().process_message(msg, cell, cell_index)
        except CellExecutionComplete:
            raise
        except Exception:
            return None

    def _update_display_id(self, display_id, msg) -> None:
        try:
            super()._update_display_id(display_id, msg)
        except Exception:
            pass

    # -- limits ----------------------------------------------------------

    def _cell_limit(self) -> float:
        return max(1.0, min(self.limits.cell_seconds, self._deadline - time.monotonic()))

    def _time_left_for_cell(self, cell) -> int:
        limit = self._cell_limit()
        if cell is not None and cell.source.startswith(SERVE_CODE.split("{")[0]):
            limit += GRACE_SECONDS  # the referee keeps its own time; this only catches a stuck kernel
        return max(1, int(round(limit)))

    def output(self, outs, msg, display_id, cell_index):
        """nbclient's output handler, with a cap on the bytes of output per cell."""
        content = msg.get("content", {})
        size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
        self._cell_output_bytes += size
        if self._cell_output_bytes <= self.limits.output_bytes or msg.get("msg_type") == "error":
            return super().output(outs, msg, display_id, cell_index)
        if not self._cell_overflowed:
            self._cell_overflowed = True
            self.kernel.interrupt()
            note = (f"\n[the grader cut this cell's output at {self.limits.output_bytes / 2**20:g} MB "
                    "and interrupted it]\n")
            # First, so that nbgrader's LimitOutput, which keeps the first lines, keeps the note too.
            outs.insert(0, nbformat.v4.new_output("stream", name="stdout", text=note.strip() + "\n"))
            if content.get("name") == "stderr":
                outs.append(nbformat.v4.new_output("stream", name="stderr", text="[output cut]\n"))
        return None

    # -- reports ---------------------------------------------------------

    def _collect_reports(self, cell: NotebookNode) -> None:
        where = grade_id(cell) or ""
        integrity_reports = 0
        for report in self.kernel.drain_reports():
            integrity_reports += report.get("kind") == "integrity"
            flag = flagging.from_report(report)
            if flag is not None:
                self._flag(flag.kind, flag.message, where)
        ran = cell.source.strip() and not self.record.stopped and self.kernel.is_alive()
        self._silent_cells = 0 if integrity_reports or not ran else self._silent_cells + 1
        if self._silent_cells >= 2:
            self._flag(flagging.TAMPERING, "the grader's monitor inside the kernel stopped reporting "
                                           "(it was removed or broken)", where)

    def _flag(self, kind: str, message: str, where: str) -> None:
        if all(existing.message != message for existing in self.record.flags):
            self.record.flags.append(flagging.Flag(kind, message, where))


def _outcome_of(reply: Reply, cell: NotebookNode) -> HiddenOutcome:
    """A test cell's verdict when its hidden tests ran in the kernel: the status of the kernel's
    reply; its error (or the cell's last error output) for the message and the diagnosis."""
    if reply.passed:
        return HiddenOutcome(passed=True)
    errors = [output for output in cell.outputs if output.get("output_type") == "error"]
    ename, evalue = reply.ename, reply.evalue
    if not evalue and errors:
        ename, evalue = _text(errors[-1].get("ename")) or ename, _text(errors[-1].get("evalue"))
    tags = _DIAGNOSIS.findall(evalue)
    return HiddenOutcome(False, ename, evalue or DID_NOT_PASS, tags[-1] if tags else None)


def _text(value, limit: int = 10_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _plain_text(output: NotebookNode) -> str:
    data = output.get("data")
    text = data.get("text/plain", "") if isinstance(data, dict) else ""
    if isinstance(text, list):
        text = "".join(part for part in text if isinstance(part, str))
    return text if isinstance(text, str) else ""


_DIAGNOSIS = re.compile(r"\[diagnosis: ([^\]]+)\]")


def _error_output(ename: str, evalue: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def _mark_not_run(cell: NotebookNode, why: str) -> None:
    cell.outputs = [_error_output(NOT_RUN, f"this cell did not run: {why}")] if (is_test_cell(cell) or
                                                                                  is_answer_cell(cell)) else []
    cell.execution_count = None
