"""Kernels started ahead of need, by forking a process that has done the slow part.

Starting a Python kernel costs about a second of imports (IPython, NumPy,
Matplotlib, the debugger). The zygote imports all of that once; every kernel
is then a fresh ``fork`` of it that only has to open its sockets, so a new,
clean kernel per notebook costs a fraction of a second, and the grader starts
the next one while the current notebook runs.

Run as ``python -m autograder.grading.zygote`` by a worker, with a clean
environment. It reads one JSON request per line on standard input and
answers on standard output: ``{"pid": ...}`` for each kernel forked, and
``{"exited": pid, "code": ..., "signal": ...}`` when one ends. It exits,
killing its kernels, when its standard input closes.

A forked kernel, before it runs any student code: gets its own session
(so that it can be killed with everything it started), dies with the zygote,
moves to its private folder with a clean environment, takes its resource
limits, connects to the grader, restricts itself with Landlock, starts the
IPython kernel and installs the guard.
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
    import autograder.grading.guard  # noqa: F401
    import autograder.grading.kernelside  # noqa: F401
    import autograder.grading.landlock  # noqa: F401
    import autograder.grading.sandbox  # noqa: F401

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
    children: set[int] = set()
    stdin = sys.stdin.buffer
    buffer = b""
    while True:
        ready, _, _ = select.select([stdin], [], [], 0.05)
        _reap(children)
        if not ready:
            continue
        chunk = os.read(stdin.fileno(), 65536)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                _become_kernel(request)
            children.add(pid)
            _answer({"pid": pid, "id": request.get("id")})
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


def _answer(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _reap(children: set[int]) -> None:
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
        _answer({"exited": pid, "code": code, "signal": number})


def _become_kernel(request: dict) -> None:
    """In the forked child: never returns."""
    try:
        _start_kernel(request)
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


def _start_kernel(request: dict) -> None:
    os.setsid()
    _die_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, 4096)

    from autograder.grading import guard, kernelside, landlock, sandbox

    workdir, home = request["workdir"], request["home"]
    template = os.getcwd()  # the zygote's folder: caches that libraries wrote while it imported them
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update(request["env"])
    sys.dont_write_bytecode = True
    _reseed()
    sandbox.apply_limits(sandbox.Limits(**request["limits"]))

    rpc = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    rpc.connect(request["rpc_socket"])
    policy = sandbox.kernel_policy(workdir)
    read = (*policy.read, home, template, request["connection_file"], *PRELOADED_SOURCES)
    write = (*policy.write, home)
    landlock_version = landlock.restrict(read, write) if request.get("landlock", True) else 0

    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(["-f", request["connection_file"], "--HistoryManager.hist_file=:memory:", "--IPKernelApp.quiet=True"])
    _enable_inline_figures()
    kernelside.attach(app.shell.user_ns, rpc)
    monitor = guard.install(app.shell, read, write, request["report_socket"])
    monitor.reporter.send({"kind": "ready", "landlock": landlock_version})
    app.start()


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
