"""Kernels started ahead of need, by forking a process that has done the slow part.

Starting a Python kernel costs about a second of imports (IPython, NumPy,
Matplotlib, the debugger). The zygote imports all of that once; every kernel
is then a fresh ``fork`` of it that only has to open its sockets, so a new,
clean kernel per notebook costs a fraction of a second, and the grader starts
the next one while the current notebook runs.

Run as ``python -m autograder.grading.isolation.zygote --control FD`` by a worker, with
a clean environment. ``FD`` is a Unix socket (a ``socketpair``, so it has no
name): each request is one JSON message carrying two descriptors, the
kernel's ends of its RPC and report channels; the zygote answers
``{"pid": ...}`` for each kernel forked, and ``{"exited": pid, "code": ...,
"signal": ...}`` when one ends. It exits, killing its kernels, when the
socket closes.

A forked kernel, before it runs any student code: gets its own session (so
that it can be killed with everything it started), dies with the zygote,
keeps only its two channels, takes a clean environment and its resource
limits, enters namespaces of its own (``isolation.namespaces``: its own
processes, no network, a root with only what it may read), restricts itself
with Landlock and a seccomp filter, starts the IPython kernel and installs the guard.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys


def _preload() -> None:
    """What every kernel imports anyway, and what IPython imports while it starts."""
    import IPython  # noqa: F401
    import IPython.core.completer  # noqa: F401
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import ipykernel.zmqshell  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import matplotlib_inline.backend_inline  # noqa: F401
    import numpy  # noqa: F401

    import autograder.checking  # noqa: F401
    import autograder.grading.isolation.guard  # noqa: F401
    import autograder.grading.isolation.namespaces  # noqa: F401
    import autograder.grading.isolation.seccomp  # noqa: F401
    import autograder.grading.judging.kernelside  # noqa: F401
    import autograder.grading.isolation.landlock  # noqa: F401
    import autograder.grading.isolation.sandbox  # noqa: F401

    for optional in ("debugpy", "ipykernel.debugger", "pdb", "sqlite3", "psutil", "jedi"):
        try:
            __import__(optional)
        except Exception:
            pass


def main() -> None:
    _preload()
    # ``--preload MODULE``: the hidden checks, when they have to run inside the kernel
    # (see ``autograde``): imported here, before any student code can stop it.
    for module in sys.argv[sys.argv.index("--preload") + 1:] if "--preload" in sys.argv else []:
        __import__(module)
        PRELOADED_SOURCES.extend(_sources_of("autograder."))
    control = socket.socket(fileno=int(sys.argv[sys.argv.index("--control") + 1]))
    children: set[int] = set()
    while True:
        ready, _, _ = select.select([control], [], [], 0.05)
        _reap(control, children)
        if not ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, 1 << 20, 4)
        except OSError:
            break
        if not data:
            break
        request = json.loads(data)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, fds)
        for fd in fds:
            os.close(fd)
        children.add(pid)
        _answer(control, {"pid": pid, "id": request.get("id")})
    for pid in children:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


PRELOADED_SOURCES: list[str] = []


def _sources_of(prefix: str) -> list[str]:
    """The files of these modules: once they are in every kernel's memory, hiding their
    sources gains nothing, and a traceback through them should show their lines."""
    return [module.__file__ for name, module in list(sys.modules.items())
            if name.startswith(prefix) and getattr(module, "__file__", None)]


def _answer(control: socket.socket, message: dict) -> None:
    control.send(json.dumps(message).encode())


def _reap(control: socket.socket, children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        _answer(control, {"exited": pid, "code": code, "signal": number})


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: never returns."""
    try:
        _start_kernel(request, fds)
    except BaseException:
        import traceback

        try:
            with open(os.path.join(request["home"], "kernel-start-error.txt"), "w") as log:
                log.write(traceback.format_exc())
        except OSError:
            pass
    finally:
        os._exit(70)


def _die_with_parent() -> None:
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(71)


def _start_kernel(request: dict, fds: list[int]) -> None:
    os.setsid()
    _die_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    # The grader's two channels, inherited: they exist in no folder, so no other process can reach them.
    rpc_fd, report_fd = fds
    _close_all_except({0, 1, 2, rpc_fd, report_fd})

    from autograder.grading.isolation import guard, landlock, sandbox
    from autograder.grading.judging import kernelside
    from autograder.grading.isolation import namespaces, seccomp

    folder, workdir, home = request["folder"], request["workdir"], request["home"]
    template = os.getcwd()  # the zygote's folder: caches that libraries wrote while it imported them
    os.environ.clear()
    os.environ.update(request["env"])
    sys.dont_write_bytecode = True
    _reseed()
    sandbox.apply_limits(sandbox.Limits(**request["limits"]))
    policy = sandbox.kernel_policy(workdir)
    read = (*policy.read, home, template, *PRELOADED_SOURCES)
    write = (*policy.write, home)
    if request["isolate"]:
        view = namespaces.View(read=read, write=(folder,), staging=request["staging"])
        namespaces.enter(view)
        read = (*read, *namespaces.folders_of(view))
    os.chdir(workdir)
    landlock_version = landlock.restrict(read, write) if request.get("landlock", True) else 0
    filtered = seccomp.install() if request["isolate"] else False

    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(["-f", request["connection_file"], "--HistoryManager.hist_file=:memory:", "--IPKernelApp.quiet=True"])
    _enable_inline_figures()
    kernelside.attach(app.shell.user_ns, socket.socket(fileno=rpc_fd))
    monitor = guard.install(app.shell, read, write, socket.socket(fileno=report_fd))
    monitor.reporter.send({"kind": "ready", "landlock": landlock_version, "isolated": bool(request["isolate"]),
                           "seccomp": filtered})
    app.start()


def _close_all_except(keep: set[int]) -> None:
    low = 0
    for fd in sorted(keep):
        if fd > low:  # never an empty range: Python 3.11's closerange(n, n) closes everything from n
            os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 1 << 16)


def _reseed() -> None:
    """A fork shares its parent's random state; a new kernel would not."""
    import random

    import numpy

    random.seed()
    numpy.random.seed(int.from_bytes(os.urandom(4), "little"))


def _enable_inline_figures() -> None:
    """Figures show at the end of a cell, as in a kernel that imported Matplotlib itself."""
    try:
        from matplotlib_inline.backend_inline import _enable_matplotlib_integration

        _enable_matplotlib_integration()
    except Exception:
        pass


if __name__ == "__main__":
    main()
