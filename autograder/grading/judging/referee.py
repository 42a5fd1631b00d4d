"""Runs the hidden part of a test cell in the grader's process, against the student's kernel.

The hidden block is executed here, as plain Python, in a namespace where a
name the block does not define itself (and that is not a built-in) is looked
up in the notebook: ``back_propagate`` becomes a proxy of the student's
function (see ``rpc``). So the hidden tests, the reference answers and the
mistake catalogue never enter the kernel, and everything the checks compute
happens in a process the student's code cannot reach: patching NumPy,
``builtins``, ``autograder.checking`` or ``AssertionError`` in the notebook, or
returning objects that lie in comparisons, changes nothing here.

What the block prints, the warnings it raises and the exception it ends with
become the test cell's outputs, as they would in the notebook.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import threading
import warnings
from dataclasses import dataclass, field

from autograder.grading.judging.rpc import Channel, ProtocolError, ValueTooLarge

FILENAME = "<hidden tests>"


@dataclass
class HiddenOutcome:
    passed: bool
    ename: str = ""
    message: str = ""
    diagnosis: str | None = None
    stdout: str = ""
    stderr: list[str] = field(default_factory=list)
    # The referee could not finish (the kernel died or stopped answering): not the student's answer.
    interrupted: str = ""
    calls: int = 0


class NotebookNames(dict):
    """The hidden blocks' namespace: their own names, then built-ins, then the notebook's."""

    def __init__(self, channel: Channel):
        super().__init__()
        self.channel = channel

    def __missing__(self, name):
        if hasattr(builtins, name):
            raise KeyError(name)  # Python then finds the real built-in, not a student's look-alike
        try:
            return self.channel.request("lookup", name=name)
        except NameError:
            raise KeyError(name) from None

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name):
        return self.get(name, _ABSENT) is not _ABSENT


_ABSENT = object()


class Referee:
    """One per notebook: its namespace persists from one hidden block to the next."""

    def __init__(self, channel: Channel):
        self.channel = channel
        self.namespace = NotebookNames(channel)
        self._warnings_shown: set[tuple] = set()

    def run_block(self, code: str, session: str, deadline: float, time_limit: float,
                  kernel_stopped: threading.Event) -> HiddenOutcome:
        channel = self.channel
        channel.session, channel.deadline, channel.time_limit = session, deadline, time_limit
        channel.cancelled = kernel_stopped.is_set
        calls_before = channel.calls
        stdout = io.StringIO()
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(stdout):
            try:
                exec(compile(code, FILENAME, "exec"), self.namespace)
                outcome = HiddenOutcome(passed=True)
            except ValueTooLarge as error:
                # The answer is too big to check: it fails, like any wrong answer; the kernel is fine.
                outcome = HiddenOutcome(False, "ValueTooLarge", str(error))
            except ProtocolError as error:
                outcome = HiddenOutcome(False, "GradingError", f"the hidden tests could not run: {error}",
                                        interrupted=str(error))
            except Exception as error:
                outcome = HiddenOutcome(False, type(error).__name__, _message(error), getattr(error, "diagnosis", None))
        try:
            channel.finish_session()
        except OSError:
            pass
        outcome.stdout = stdout.getvalue()
        outcome.stderr = self._new_warnings(caught)
        outcome.calls = channel.calls - calls_before
        return outcome

    def _new_warnings(self, caught) -> list[str]:
        """Each warning once per notebook, as a kernel shows it; without the
        instructor's file names and source lines."""
        lines = []
        for warning in caught:
            key = (warning.filename, warning.lineno, warning.category, str(warning.message))
            if key in self._warnings_shown:
                continue
            self._warnings_shown.add(key)
            lines.append(f"{FILENAME}: {warning.category.__name__}: {warning.message}\n")
        return lines


def _message(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:
        return f"<{type(error).__name__}>"
