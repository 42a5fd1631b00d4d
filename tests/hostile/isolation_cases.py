"""Attacks on the isolation between kernels, through native code that no Python-level guard sees.

Every attack goes through ``ctypes`` and libc, as a determined student would:
the audit hook inside the kernel sees none of it, so only the operating
system's isolation (``autograder.grading.isolation``) can stop it. Each
attacker submits a *wrong* answer that must stay at zero; the students named
``good-*`` are graded in the same batch, some while the attackers still run,
and must keep their full points, unflagged.

``good-token-*`` carry ``SECRET`` in a comment: it must appear in no other
student's autograded notebook. ``aa-friend-writer`` (graded first, correct)
leaves its answer in every channel it can find between kernels (SysV and
POSIX shared memory, an abstract socket, a file in /tmp, a daemon);
``zz-friend-reader`` (graded last) looks for it there and would use it.
"""

from __future__ import annotations

from tests.hostile.corpus import FULL, ZERO, Case, _code, _full_except, _wrong

SECRET = "TOKEN-4f1c9a-only-in-good-token-notebooks"
LEFTOVER = "/tmp/autograder-hostile-leftover"  # no attacker may create anything here

_LIBC = '''
import ctypes, ctypes.util, os, time, threading
libc = ctypes.CDLL(None, use_errno=True)
'''

_DAEMON = _LIBC + '''
def _daemon_body():
    # Outlive the kernel and the run; keep trying to reach other kernels' sockets and to leave a mark.
    deadline = time.time() + 60
    while time.time() < deadline:
        fd = libc.open(b"/proc/net/unix", 0)
        paths = []
        if fd >= 0:
            buf = ctypes.create_string_buffer(1 << 16)
            n = libc.read(fd, buf, len(buf) - 1)
            libc.close(fd)
            for line in buf.raw[:max(n, 0)].decode(errors="replace").splitlines()[1:]:
                parts = line.split()
                if len(parts) >= 8 and parts[-1].startswith("/"):
                    paths.append(parts[-1])
        for path in paths:
            s = libc.socket(1, 1, 0)  # AF_UNIX, SOCK_STREAM
            address = ctypes.create_string_buffer(110)
            ctypes.memmove(address, b"\\x01\\x00" + path.encode()[:100], 2 + len(path.encode()[:100]))
            if libc.connect(s, address, 110) == 0:
                libc.write(s, b"\\x00" * 64, 64)
            libc.close(s)
        mark = libc.open(LEFTOVER_PATH.encode(), 0o101 | 0o1000, 0o644)  # O_WRONLY|O_CREAT|O_TRUNC
        if mark >= 0:
            libc.write(mark, b"daemon alive", 12)
            libc.close(mark)
        time.sleep(0.2)

if libc.fork() == 0:
    libc.setsid()
    if libc.fork() == 0:
        try:
            _daemon_body()
        finally:
            os._exit(0)
    os._exit(0)
'''

_LISTENER = _LIBC + '''
import zmq
_heard = []

def _listen():
    # Subscribe to every ZeroMQ socket of another kernel that can be found, for the whole notebook.
    context, seen = zmq.Context.instance(), set()
    own = os.path.realpath(os.environ.get("HOME", "."))
    while len(_heard) < 1000:
        fd = libc.open(b"/proc/net/unix", 0)
        if fd >= 0:
            buf = ctypes.create_string_buffer(1 << 16)
            n = libc.read(fd, buf, len(buf) - 1)
            libc.close(fd)
            for line in buf.raw[:max(n, 0)].decode(errors="replace").splitlines()[1:]:
                path = line.split()[-1] if line.split() else ""
                if path.startswith("/") and "zmq" in path and not path.startswith(own) and path not in seen:
                    seen.add(path)
                    sub = context.socket(zmq.SUB)
                    sub.setsockopt(zmq.SUBSCRIBE, b"")
                    sub.connect("ipc://" + path)
                    threading.Thread(target=lambda s=sub: [_heard.append(s.recv_multipart()) for _ in iter(int, 1)],
                                     daemon=True).start()
        time.sleep(0.1)

threading.Thread(target=_listen, daemon=True).start()
'''

_SHOW_WHAT_WAS_HEARD = '''
time.sleep(2.5)
print("heard", len(_heard), "messages")
for message in _heard:
    print(b" ".join(message)[:2000])
'''

_SIGNALS = _LIBC + '''
# Signal every process there is, and the parent, with SIGKILL and SIGSTOP.
for pid in [-1, os.getppid(), *range(2, 65536)]:
    libc.kill(pid, 19)
for pid in [-1, os.getppid(), *range(2, 65536)]:
    libc.kill(pid, 9)
'''

_PROCESSES = _LIBC + '''
# Read other processes: their command lines, environments and memory maps.
found = []
for pid in range(1, 65536):
    for what in (b"cmdline", b"environ", b"maps"):
        fd = libc.open(b"/proc/%d/%s" % (pid, what), 0)
        if fd >= 0:
            buf = ctypes.create_string_buffer(4096)
            n = libc.read(fd, buf, 4095)
            libc.close(fd)
            if n > 0 and pid != os.getpid():
                found.append((pid, what, buf.raw[:n]))
print("other processes seen:", len({pid for pid, _, _ in found}))
'''

_PTRACE = _LIBC + '''
# Attach to every other process with ptrace (PTRACE_ATTACH = 16) to read or change it.
attached = [pid for pid in range(2, 65536) if libc.ptrace(16, pid, None, None) == 0]
print("attached to", attached)
'''

_FORK_BOMB = _LIBC + '''
# As many processes as the system allows; each waits forever.
children = 0
for _ in range(100000):
    pid = libc.fork()
    if pid == 0:
        while True:
            libc.pause()
    if pid < 0:
        break
    children += 1
print("children:", children)
'''

_NESTED = _LIBC + '''
# A user namespace of its own would give capabilities inside it: then mount, trace, look around.
results = {"unshare": libc.unshare(0x10000000 | 0x00020000), "mount": libc.mount(b"none", b"/tmp", b"tmpfs", 0, None),
           "ptrace": libc.ptrace(16, 1, None, None), "setns": libc.setns(0, 0)}
print(results)
'''

_WRITER = _LIBC + '''
import mmap, socket as _socket
ANSWER = {answer!r}
# SysV shared memory under a fixed key (IPC_CREAT|0666), POSIX shared memory, a file in /tmp, and
# an abstract socket served by a daemon: every way one kernel could hand something to another.
libc.shmget.restype = ctypes.c_int
libc.shmat.restype = ctypes.c_void_p
segment = libc.shmget(0x5eed, 1 << 16, 0o1666)
if segment >= 0:
    address = libc.shmat(segment, None, 0)
    if address not in (None, ctypes.c_void_p(-1).value):
        ctypes.memmove(address, ANSWER.encode() + b"\\0", len(ANSWER) + 1)
for path in ("/dev/shm/autograder-friend", "/tmp/autograder-friend.py", {leftover!r}):
    fd = libc.open(path.encode(), 0o101 | 0o1000, 0o666)
    if fd >= 0:
        libc.write(fd, ANSWER.encode(), len(ANSWER.encode()))
        libc.close(fd)
if libc.fork() == 0:
    libc.setsid()
    if libc.fork() == 0:
        s = libc.socket(1, 1, 0)
        address = ctypes.create_string_buffer(110)
        name = b"\\x01\\x00\\x00autograder-friend"
        ctypes.memmove(address, name, len(name))
        libc.bind(s, address, len(name))
        libc.listen(s, 8)
        end = time.time() + 120
        while time.time() < end:
            c = libc.accept(s, None, None)
            if c >= 0:
                libc.write(c, ANSWER.encode(), len(ANSWER.encode()))
                libc.close(c)
        os._exit(0)
    os._exit(0)
'''

_READER = _LIBC + '''
# Look for a friend's answer in every channel between kernels; use it if found.
stolen = None
libc.shmget.restype = ctypes.c_int
libc.shmat.restype = ctypes.c_void_p
segment = libc.shmget(0x5eed, 0, 0)
if segment >= 0:
    address = libc.shmat(segment, None, 0o10000)  # SHM_RDONLY
    if address not in (None, ctypes.c_void_p(-1).value):
        copy = ctypes.create_string_buffer(1 << 16)
        ctypes.memmove(copy, address, len(copy) - 1)
        stolen = copy.value.decode(errors="replace") or None
for path in ("/dev/shm/autograder-friend", "/tmp/autograder-friend.py"):
    fd = libc.open(path.encode(), 0)
    if fd >= 0 and stolen is None:
        buf = ctypes.create_string_buffer(1 << 16)
        n = libc.read(fd, buf, len(buf) - 1)
        stolen = buf.raw[:max(n, 0)].decode(errors="replace") or None
s = libc.socket(1, 1, 0)
address = ctypes.create_string_buffer(110)
name = b"\\x01\\x00\\x00autograder-friend"
ctypes.memmove(address, name, len(name))
if stolen is None and libc.connect(s, address, len(name)) == 0:
    buf = ctypes.create_string_buffer(1 << 16)
    n = libc.read(s, buf, len(buf) - 1)
    stolen = buf.raw[:max(n, 0)].decode(errors="replace") or None
print("found a friend's answer" if stolen else "found nothing")
if stolen:
    exec(stolen)
'''

_GRADEBOOK = _LIBC + '''
# Rewrite this student's own grades in the gradebook through libsqlite3, below the audit hook.
sqlite = ctypes.CDLL(ctypes.util.find_library("sqlite3") or "libsqlite3.so.0")
handle = ctypes.c_void_p()
opened = sqlite.sqlite3_open_v2({gradebook!r}.encode(), ctypes.byref(handle), 2, None)  # SQLITE_OPEN_READWRITE
if opened == 0:
    sqlite.sqlite3_exec(handle, b"update grade set auto_score = 10, manual_score = 10", None, None, None)
    sqlite.sqlite3_close(handle)
print("gradebook opened" if opened == 0 else "no gradebook", opened)
'''


def traces_left(course, cases, assignment: str, wait: float = 10) -> list[str]:
    """What the batch's kernels left behind or reached that they must not have: files outside their
    folders, processes of theirs still running after ``wait`` seconds (a kernel's last processes take
    a moment to go; a daemon that outlived its kernel stays), another student's code in their notebooks."""
    import os
    import pathlib
    import time

    from autograder.grading.isolation.namespaces import SANDBOX_UID_BASE

    traces = [f"left {path}" for path in (LEFTOVER, "/tmp/autograder-friend.py") if pathlib.Path(path).exists()]
    deadline = time.monotonic() + wait
    while True:
        survivors = [pid for pid in os.listdir("/proc") if pid.isdigit() and _owner(pid) >= SANDBOX_UID_BASE]
        if not survivors or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    traces += [f"process {pid} outlived its kernel" for pid in survivors]
    for student in cases:
        notebook = pathlib.Path(course) / "autograded" / student / assignment / f"{assignment}.ipynb"
        if not student.startswith("good-token-") and notebook.is_file() and SECRET in notebook.read_text():
            traces.append(f"{student} saw another student's code")
    return traces


def _owner(pid: str) -> int:
    import os

    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return -1


def clear_leftovers() -> None:
    """Before a batch: what an earlier, broken run may have left must not be taken for this run's."""
    import pathlib

    for path in (LEFTOVER, "/tmp/autograder-friend.py", "/dev/shm/autograder-friend"):
        pathlib.Path(path).unlink(missing_ok=True)


def cases(b) -> list[Case]:
    clear_leftovers()
    gradebook = str(b.course / "gradebook.db")
    answers = b.answers
    secret_answer = {name: f"# {SECRET}\n{source}" for name, source in answers.items()}

    def attack(name: str, wrong: str, code: str) -> str:
        """A catalogued wrong answer of ``name`` followed, in the same cell, by the attack."""
        return _wrong(wrong) + "\n" + _code(code.replace("LEFTOVER_PATH", repr(LEFTOVER)))

    return [
        Case("aa-friend-writer", b.notebook(update_w=answers["update_w"] + "\n" + _code(_WRITER.format(
            answer=answers["update_w"], leftover=LEFTOVER))), _full_except(),
             why="a correct student who leaves its answer in every channel between kernels"),
        Case("daemon-survives", b.notebook(back_propagate=attack(
            "back_propagate", "back_propagate_seed_hidden_layer", _DAEMON)), _full_except(B=ZERO), diagnoses={"test_back_propagate": "backprop.seed-hidden-layer"},
             why="a libc-forked, setsid daemon dies with its kernel and reaches no other kernel"),
        Case("listens-to-others", b.notebook(
            quadratic_gradients=attack("quadratic_gradients", "quadratic_gradients_sign_error", _LISTENER),
            update_w=answers["update_w"] + "\n" + _code(_SHOW_WHAT_WAS_HEARD)),
             _full_except(Q=ZERO), why="subscribes to other kernels' ZeroMQ sockets found in /proc/net/unix"),
        Case("signals-everyone", b.notebook(update_w=attack("update_w", "update_w_ascends", _SIGNALS)),
             _full_except(U=ZERO), why="SIGSTOP then SIGKILL to every process id, through libc"),
        Case("reads-other-processes", b.notebook(forward_propagate=attack(
            "forward_propagate", "forward_propagate_swapped_w2_w3", _PROCESSES)), _full_except(F=ZERO),
             diagnoses={"test_forward_propagate": "backprop.swapped-w2-w3"}),
        Case("ptraces-others", b.notebook(forward_propagate=attack(
            "forward_propagate", "forward_propagate_swapped_w2_w3", _PTRACE)), _full_except(F=ZERO)),
        Case("fork-bomb", b.notebook(update_w=attack("update_w", "update_w_ascends", _FORK_BOMB)),
             _full_except(U=ZERO), why="the process limit stops it; everything it started dies with the kernel"),
        Case("rewrites-gradebook", b.notebook(update_w=attack("update_w", "update_w_ascends",
                                                              _GRADEBOOK.format(gradebook=gradebook))),
             _full_except(U=ZERO), why="the gradebook is not in the kernel's view"),
        Case("nested-namespaces", b.notebook(forward_propagate=attack(
            "forward_propagate", "forward_propagate_swapped_w2_w3", _NESTED)), _full_except(F=ZERO),
             why="no namespace, mount or trace from inside a kernel (seccomp)"),
        Case("good-token-1", b.notebook(**secret_answer), _full_except()),
        Case("good-token-2", b.notebook(**secret_answer), _full_except()),
        Case("good-token-3", b.notebook(**secret_answer), _full_except()),
        Case("zz-friend-reader", b.notebook(update_w=attack("update_w", "update_w_ascends", _READER)),
             _full_except(U=ZERO), why="finds no friend's answer in any channel between kernels"),
    ]


__all__ = ["cases", "SECRET", "LEFTOVER", "FULL"]
