"""Can this machine isolate kernels? Asked once per ``grade``, in a throw-away process.

``missing()`` returns "" when it can, and otherwise says in words what is
missing and how to get it. Run as ``python -m autograder.grading.isolation.probe``
it tries the real thing (``namespaces.enter`` on a small view) and checks
from inside that the kernel would be alone: process 1 of its own PID
namespace, no network, and the probe's own folder invisible.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import tempfile

# A test (and an instructor trying the refusal) can pretend the machine lacks isolation.
SIMULATE_MISSING = "AUTOGRADER_SIMULATE_NO_ISOLATION"

HOW_TO_GET_IT = (
    "grade runs every notebook in Linux namespaces of its own (its own processes, no network, only "
    "the files it may read), and this machine cannot set them up: {problem}. Run grade as root, or "
    "allow unprivileged user namespaces (Debian: sysctl -w kernel.unprivileged_userns_clone=1; "
    "Ubuntu 24.04: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0); in a container, give it "
    "--privileged or an unconfined seccomp profile; on macOS or Windows, grade inside a Linux virtual "
    "machine. To grade anyway, without this protection, pass --insecure: every result is then marked "
    "as graded without isolation."
)


def missing() -> str:
    simulated = os.environ.get(SIMULATE_MISSING)
    if simulated:
        return HOW_TO_GET_IT.format(problem=simulated)
    if platform.system() != "Linux":
        return HOW_TO_GET_IT.format(problem=f"this is {platform.system()}, not Linux")
    try:
        completed = subprocess.run([sys.executable, "-m", "autograder.grading.isolation.probe"],
                                   capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return HOW_TO_GET_IT.format(problem="the test of the namespaces did not finish")
    try:
        answer = json.loads(completed.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        answer = {"problem": (completed.stderr.strip().splitlines() or ["the test of the namespaces crashed"])[-1]}
    return "" if answer.get("ok") else HOW_TO_GET_IT.format(problem=answer.get("problem", "unknown"))


def _inside(secret: str) -> str:
    """In the isolated process: "" when it is alone, else what it could still reach."""
    if os.getpid() != 1:
        return "the kernel did not get a PID namespace of its own"
    if os.path.exists(secret):
        return "the kernel could still see a folder that is not in its view"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(1)
            probe.connect(("127.0.0.1", 9))
        return "the kernel could still reach the network"
    except OSError:
        pass
    if os.getuid() == 0:
        return "the kernel still ran as root"
    return ""


def main() -> int:
    from autograder.grading.isolation import sandbox
    from autograder.grading.isolation import namespaces

    with tempfile.TemporaryDirectory(prefix="autograder-probe-") as folder:
        own, staging, secret = (os.path.join(folder, name) for name in ("kernel", "root", "secret"))
        for path in (own, staging, secret):
            os.mkdir(path)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                view = namespaces.View(read=sandbox.kernel_policy(own).read, write=(own,), staging=staging)
                namespaces.enter(view)
                problem = _inside(secret)
            except BaseException as error:  # anything: the answer must reach the parent
                problem = str(error) or type(error).__name__
            os.write(write, problem.encode()[:4000])
            os._exit(0)
        os.close(write)
        chunks = []
        while chunk := os.read(read, 4096):
            chunks.append(chunk)
        os.waitpid(pid, 0)
    problem = b"".join(chunks).decode(errors="replace")
    print(json.dumps({"ok": not problem, "problem": problem}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
