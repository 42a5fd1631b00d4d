"""A worker's kernels: forked by the zygote ahead of need, one per notebook, then thrown away.

A ``Kernel`` is what nbclient expects of a kernel manager (``is_alive``,
``interrupt_kernel``) plus the grader's own connections to it: the object
protocol (``rpc``) and the guard's reports. Nothing of a kernel is ever
reused: a kernel that ran one student's notebook could leak that student's
state into the next one.
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.connect import write_connection_file
from nbclient.exceptions import DeadKernelError

from autograder.grading.isolation.namespaces import chown_tree, sandbox_uid
from autograder.grading.judging.rpc import Channel
from autograder.grading.isolation.sandbox import Limits, clean_environment

START_TIMEOUT = 60.0
SEND_TIMEOUT = 5.0
SIGNAL_NAMES = {
    signal.SIGKILL: "it was killed (SIGKILL: the memory limit, or killed by the grader)",
    signal.SIGXCPU: "it used more CPU time than a notebook may (SIGXCPU)",
    signal.SIGSEGV: "it crashed (segmentation fault)",
    signal.SIGABRT: "it aborted (SIGABRT)",
    signal.SIGXFSZ: "it wrote a file larger than allowed (SIGXFSZ)",
}


class KernelStartError(RuntimeError):
    pass


class Zygote:
    """The process that kernels are forked from (see ``autograder.grading.isolation.zygote``)."""

    def __init__(self, folder: Path, preload: tuple[str, ...] = ()):
        folder.mkdir(parents=True, exist_ok=True)
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograder.grading.isolation.zygote", "--control", str(theirs.fileno()),
             *(["--preload", *preload] if preload else [])],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(theirs.fileno(),),
            env=clean_environment(folder), cwd=folder, start_new_session=True,
        )
        theirs.close()
        self._lock = threading.Lock()
        self._forked: "collections.deque[int]" = collections.deque()
        self._forked_event = threading.Condition()
        self.exits: dict[int, tuple[int | None, int | None]] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = self.control.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            with self._forked_event:
                if "pid" in message:
                    self._forked.append(message["pid"])
                elif "exited" in message:
                    self.exits[message["exited"]] = (message.get("code"), message.get("signal"))
                self._forked_event.notify_all()
        with self._forked_event:
            self._closed = True
            self._forked_event.notify_all()

    _closed = False

    def fork(self, request: dict, fds: list[int], timeout: float = START_TIMEOUT) -> int:
        with self._lock:
            try:
                socket.send_fds(self.control, [json.dumps(request).encode()], fds)
            except OSError as error:
                raise KernelStartError(f"the kernel template is gone ({error})") from None
            with self._forked_event:
                if not self._forked_event.wait_for(lambda: self._forked or self._closed, timeout):
                    raise KernelStartError("the kernel template did not answer")
                if not self._forked:
                    raise KernelStartError("the kernel template stopped")
                return self._forked.popleft()

    def exit_of(self, pid: int, wait: float = 0.0) -> tuple[int | None, int | None] | None:
        with self._forked_event:
            self._forked_event.wait_for(lambda: pid in self.exits or self._closed, wait)
            return self.exits.get(pid)

    def close(self) -> None:
        try:
            self.control.shutdown(socket.SHUT_RDWR)
            self.control.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


class _Client(AsyncKernelClient):
    """A kernel client that knows the kernel's process: it can tell at once when it died, and a
    kernel that stops reading its requests cannot block the grader."""

    kernel: "Kernel | None" = None

    async def _async_is_alive(self) -> bool:
        return self.kernel is not None and self.kernel.is_alive()

    is_alive = _async_is_alive

    def bound_sends(self) -> None:
        """A request that the kernel does not take within a few seconds fails instead of waiting forever
        (ZeroMQ blocks a send to a peer that stopped reading)."""
        for channel in (self.shell_channel, self.control_channel, self.stdin_channel):
            channel.socket.setsockopt(zmq.SNDTIMEO, int(SEND_TIMEOUT * 1000))
            channel.socket.setsockopt(zmq.LINGER, 0)

    def execute(self, *args, **kwargs):
        try:
            return super().execute(*args, **kwargs)
        except zmq.Again:
            if self.kernel is not None:
                self.kernel.give_up("it stopped reading the grader's requests")
            raise DeadKernelError("the kernel stopped reading the grader's requests") from None


class Kernel:
    """One forked kernel, its private folders and the grader's connections to it."""

    has_kernel = True

    def __init__(self, folder: Path, zygote: Zygote, limits: Limits, landlock: bool, isolate: bool = True):
        self.folder = folder
        self.workdir = folder / "work"
        self.home = folder / "home"
        self.zygote = zygote
        self.limits = limits
        self.use_landlock = landlock
        self.isolate = isolate
        self.pid: int | None = None
        self.pidfd: int | None = None
        self.uid: int | None = None  # the kernel's own user id, when the grader is root and isolates it
        self.client: _Client | None = None
        self.channel: Channel | None = None
        self.landlock_version = 0
        self.isolated = False
        self.start_seconds = 0.0
        self.reports: list[dict] = []
        self._report_socket: socket.socket | None = None

    async def start(self) -> "Kernel":
        started = time.monotonic()
        staging = self.folder / ".root"
        for path in (self.workdir, self.home, staging):
            path.mkdir(parents=True, exist_ok=True)
        rpc, rpc_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._report_socket, report_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._report_socket.setblocking(False)
        self.channel = Channel(rpc, serves_everything=False)
        connection_file = str(self.home / "kernel.json")
        write_connection_file(connection_file, transport="ipc", ip=str(self.home / "zmq"))
        request = {
            "folder": str(self.folder), "workdir": str(self.workdir), "home": str(self.home),
            "staging": str(staging), "env": clean_environment(self.home), "limits": asdict(self.limits),
            "connection_file": connection_file, "landlock": self.use_landlock, "isolate": self.isolate,
        }
        loop = asyncio.get_running_loop()
        try:
            try:
                self.pid = await loop.run_in_executor(
                    None, self.zygote.fork, request, [rpc_theirs.fileno(), report_theirs.fileno()])
            finally:
                rpc_theirs.close()
                report_theirs.close()
            if self.isolate and os.getuid() == 0:
                self.uid = sandbox_uid(self.pid)
            try:
                self.pidfd = os.pidfd_open(self.pid)
            except (AttributeError, OSError):
                self.pidfd = None
            self.client = _Client(connection_file=connection_file)
            self.client.kernel = self
            self.client.load_connection_file()
            self.client.start_channels()
            self.client.bound_sends()
            await self.client.wait_for_ready(timeout=START_TIMEOUT)
        except Exception as error:
            log = self.home / "kernel-start-error.txt"
            detail = log.read_text()[-2000:] if log.is_file() else str(error)
            self.kill()
            raise KernelStartError(f"a kernel did not start: {detail}") from None
        for report in self.drain_reports():
            if report.get("kind") == "ready" and isinstance(report.get("landlock"), int):
                self.landlock_version = report["landlock"]
        # A kernel that was asked for namespaces and could not enter them never started (see ``zygote``).
        self.isolated = self.isolate
        self.start_seconds = time.monotonic() - started
        return self

    def hand_over(self, path: Path) -> None:
        """Files the grader put in the kernel's folder after it started become the kernel's own."""
        if self.uid is not None:
            chown_tree(str(path), self.uid)

    # -- what nbclient asks of a kernel manager ---------------------------

    def is_alive(self) -> bool:
        if self.pid is None:
            return False
        if self.pidfd is not None:
            readable, _, _ = select.select([self.pidfd], [], [], 0)
            return not readable
        return self.zygote.exit_of(self.pid) is None

    async def interrupt_kernel(self) -> None:
        self.interrupt()

    def interrupt(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGINT)
            except OSError:
                pass

    # -- the grader's own ------------------------------------------------

    def drain_reports(self) -> list[dict]:
        """The guard's reports that arrived since the last call."""
        new = []
        while self._report_socket is not None:
            try:
                data = self._report_socket.recv(65536)
            except (BlockingIOError, OSError):
                break
            try:
                report = json.loads(data)
            except ValueError:
                report = {"kind": "garbled"}
            if isinstance(report, dict):
                new.append(report)
        self.reports.extend(new)
        return new

    def give_up(self, why: str) -> None:
        """Kill the kernel for a reason of the grader's, which ``how_it_ended`` then gives."""
        self.given_up = why
        self.kill()

    given_up = ""

    def how_it_ended(self) -> str:
        """Why the kernel is gone, in words for a student."""
        if self.given_up:
            return f"the grader stopped it: {self.given_up}"
        status = self.zygote.exit_of(self.pid, wait=2.0) if self.pid else None
        if status is None:
            return "it stopped responding"
        code, number = status
        if number is not None:
            return SIGNAL_NAMES.get(number, f"it was stopped by signal {number}")
        return f"it exited with code {code} (for example through os._exit or a crash)"

    def kill(self) -> None:
        if self.pid is not None:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except OSError:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except OSError:
                    pass

    def dispose(self) -> None:
        self.kill()
        if self.client is not None:
            self.client.stop_channels()
        for closeable in (self.channel.sock if self.channel else None, self._report_socket):
            if closeable is not None:
                closeable.close()
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None
        shutil.rmtree(self.folder, ignore_errors=True)


class KernelPool:
    """Hands out fresh kernels, keeping ``ahead`` more starting in the background."""

    def __init__(self, folder: Path, limits: Limits, landlock: bool = True, ahead: int = 1,
                 preload: tuple[str, ...] = (), isolate: bool = True):
        self.folder = folder
        self.limits = limits
        self.landlock = landlock
        self.isolate = isolate
        self.ahead = ahead
        self.zygote = Zygote(folder / "zygote", preload)
        self._pending: "collections.deque[asyncio.Task]" = collections.deque()
        self._count = 0

    def prewarm(self) -> None:
        """Start the kernels that ``take`` will hand out, before anyone asks."""
        while len(self._pending) < max(1, self.ahead):
            self._start_one()

    def _start_one(self) -> None:
        self._count += 1
        kernel = Kernel(self.folder / f"k{self._count}", self.zygote, self.limits, self.landlock, self.isolate)
        self._pending.append(asyncio.ensure_future(kernel.start()))

    async def take(self) -> Kernel:
        for attempt in range(2):
            if not self._pending:
                self._start_one()
            task = self._pending.popleft()
            while len(self._pending) < self.ahead:
                self._start_one()
            try:
                return await task
            except KernelStartError:
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    async def close(self) -> None:
        for task in self._pending:
            try:
                kernel = await task
            except Exception:
                continue
            kernel.dispose()
        self._pending.clear()
        self.zygote.close()
