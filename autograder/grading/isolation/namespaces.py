"""Each kernel in its own world: Linux namespaces, a root built from an allow-list, no privileges.

``enter(view)`` is called in a process freshly forked from the zygote, before
any student code exists. It unshares the mount, PID, network, IPC and UTS
namespaces (and the user namespace when the grader is not root), then forks:

- the calling process stays outside as the *warden*: it forwards the grader's
  interrupts to the kernel and, when the kernel ends, ends the same way, so the
  grader sees the kernel's own exit status; it never returns;
- the child returns from ``enter`` as process 1 of the new PID namespace. When
  it ends, the Linux kernel kills everything it started, daemons included.

The child sees a new root: an empty tmpfs on which exactly the paths of the
``View`` are bind-mounted at their own paths (read-only, or read-write for
the kernel's own folder), a fresh ``/proc`` that shows only its namespace,
private ``/tmp`` and ``/dev/shm``, and four devices. Everything else (the
course folder, the gradebook, other kernels' folders and sockets, the
grader's processes) is absent, not merely refused. It has no network at all:
its network namespace has only a loopback interface, which is down. Finally
it drops every privilege: as root, it becomes a user id of its own (so that
the limit on processes counts its processes only); otherwise it keeps the
instructor's user id without any capability.

This is what bubblewrap does, done with the same system calls inside the
zygote's fork, so that a kernel still starts in a fraction of a second.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
from dataclasses import dataclass

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC = 32, 1024, 2048, 4096, 16384
MS_PRIVATE, MS_RELATIME = 1 << 18, 1 << 21
MNT_DETACH = 2
_PR_SET_PDEATHSIG = 1
_SYSCALLS = {"x86_64": {"pivot_root": 155, "capset": 126}, "aarch64": {"pivot_root": 41, "capset": 91}}

# As root, each kernel runs as a user id of its own, derived from its warden's process id
# (unique among running processes), far above the ids that systems hand out.
SANDBOX_UID_BASE = 1_500_000_000
DEVICES = ("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom")
PRIVATE_TMPFS = {"/tmp": "size=64m,mode=1777", "/dev/shm": "size=64m,mode=1777"}


class IsolationError(OSError):
    """A namespace, mount or privilege step failed: the kernel must not start."""


@dataclass(frozen=True)
class View:
    """What the kernel's root contains: paths (and everything below them) at their own place."""

    read: tuple[str, ...]
    write: tuple[str, ...]
    staging: str  # an empty folder outside ``write``'s insides, where the new root is assembled
    process_limit: int = 128


def sandbox_uid(warden_pid: int) -> int:
    """The user id a kernel runs as when the grader is root."""
    return SANDBOX_UID_BASE + warden_pid


def enter(view: View) -> int:
    """See the module's docstring. Returns, in the kernel, the user id it now runs as."""
    libc = _libc()
    outer_uid, outer_gid = os.getuid(), os.getgid()
    as_root = outer_uid == 0
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    if not as_root:
        flags |= CLONE_NEWUSER
    _check(libc.unshare(flags), "unshare (new mount, PID, network, IPC and UTS namespaces)")
    if not as_root:
        _map_own_ids(outer_uid, outer_gid)
    uid = sandbox_uid(os.getpid()) if as_root else outer_uid
    child = os.fork()
    if child:
        _warden(child)
    _check(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PR_SET_PDEATHSIG)")
    if as_root:
        for path in view.write:
            _chown_tree(path, uid, uid, skip=view.staging)
    _build_root(libc, view)
    _drop_privileges(libc, uid, view.process_limit, as_root)
    return uid


# -- the warden --------------------------------------------------------------


def _warden(child: int) -> None:
    """Outside the namespaces: relay signals to the kernel, then end as it ended."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(number, lambda received, _frame: _forward(child, received))
    os.closerange(3, 1 << 16)  # the kernel's channels must close when the kernel ends, not later
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except ChildProcessError:
            os._exit(70)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        os._exit(128 + number)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def _forward(child: int, number: int) -> None:
    try:
        os.kill(child, number)
    except OSError:
        pass


# -- the new root ------------------------------------------------------------


def _build_root(libc, view: View) -> None:
    root = view.staging
    _mount(libc, None, "/", None, MS_REC | MS_PRIVATE, what="make the mounts private")
    _mount(libc, "tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0755", what="a root for the kernel")
    for path, kind in _plan(view):
        target = root + path
        if kind == "link":
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if not os.path.lexists(target):
                os.symlink(os.readlink(path), target)
        elif kind == "tmpfs":
            os.makedirs(target, exist_ok=True)
            _mount(libc, "tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, PRIVATE_TMPFS[path], what=path)
        else:
            _mount_point(path, target)
            recursive = MS_REC if kind == "read" else 0
            _mount(libc, path, target, None, MS_BIND | recursive, what=f"bind {path}")
            _remount(libc, target, read_only=kind != "write", device=kind == "device")
    # Before the old root goes: in a user namespace, Linux mounts a new /proc only while another
    # one is fully visible.
    os.makedirs(root + "/proc", exist_ok=True)
    _mount(libc, "proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, what="a /proc of its own")
    os.makedirs(root + "/.old", exist_ok=True)
    _check(libc.syscall(_syscall("pivot_root"), root.encode(), (root + "/.old").encode()), "pivot_root")
    os.chdir("/")
    _check(libc.umount2(b"/.old", MNT_DETACH), "detach the old root")
    os.rmdir("/.old")
    _mount(libc, None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, what="a read-only root")


def _plan(view: View) -> list[tuple[str, str]]:
    """(path, kind) in mounting order: parents before what is mounted inside them."""
    entries: dict[str, str] = {path: "tmpfs" for path in PRIVATE_TMPFS}
    entries.update({path: "device" for path in DEVICES if os.path.exists(path)})
    pending = [(path, "read") for path in view.read] + [(path, "write") for path in view.write]
    while pending:
        path, kind = pending.pop(0)
        path = os.path.normpath(path)
        if path == "/" or path.startswith("/proc") or path in entries or not os.path.lexists(path):
            continue
        if path.startswith("/dev/") and kind == "read":
            continue  # only the devices above
        if os.path.islink(path):
            entries[path] = "link"
            pending.append((os.path.realpath(path), kind))
            continue
        entries[path] = kind
    covered = []
    for path in sorted(entries, key=lambda p: (p.count("/"), p)):
        kind = entries[path]
        # A path inside one already mounted read-only, or readable inside a writable one, is already there.
        if kind == "read" and any(_inside(path, c) and entries[c] in ("read", "write") for c in covered):
            continue
        covered.append(path)
    return [(path, entries[path]) for path in covered]


def folders_of(view: View) -> list[str]:
    """The folders that hold the view's entries in the new root (but "/"): inside the view they hold
    nothing else, so they may be listed. Python's importer lists them to find a module; in the real
    root it may not (Landlock), since there they hold the instructor's files too."""
    folders = set()
    for path, _ in _plan(view):
        parent = os.path.dirname(path)
        while parent not in ("/", ""):
            folders.add(parent)
            parent = os.path.dirname(parent)
    return sorted(folders)


def _inside(path: str, folder: str) -> bool:
    return path != folder and path.startswith(folder.rstrip("/") + "/")


def _mount_point(source: str, target: str) -> None:
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            with open(target, "w"):
                pass


def _remount(libc, target: str, read_only: bool, device: bool) -> None:
    """Read-only (or not), and without set-user-id files or (but for the devices) device
    files, keeping the flags the mount already has (a user namespace may not clear them)."""
    current = os.statvfs(target).f_flag
    flags = MS_BIND | MS_REMOUNT | MS_NOSUID | (MS_RDONLY if read_only else 0)
    flags |= current & (MS_NOEXEC | MS_NOATIME | MS_NODIRATIME)
    if current & os.ST_RELATIME:
        flags |= MS_RELATIME
    if not device or current & os.ST_NODEV:
        flags |= MS_NODEV
    _mount(libc, None, target, None, flags, what=f"remount {target}")


# -- privileges ---------------------------------------------------------------


def _map_own_ids(uid: int, gid: int) -> None:
    """In a new user namespace: keep the same user and group ids inside."""
    with open("/proc/self/setgroups", "w") as file:
        file.write("deny")
    with open("/proc/self/uid_map", "w") as file:
        file.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as file:
        file.write(f"{gid} {gid} 1")


def _drop_privileges(libc, uid: int, process_limit: int, as_root: bool) -> None:
    resource.setrlimit(resource.RLIMIT_NPROC, (process_limit, process_limit))
    if as_root:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)  # from root to another user: every capability goes
    _clear_capabilities(libc)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _clear_capabilities(libc) -> None:
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (_CapData * 2)()
    _check(libc.syscall(_syscall("capset"), ctypes.byref(header), data), "drop capabilities")


def _chown_tree(path: str, uid: int, gid: int, skip: str) -> None:
    os.chown(path, uid, gid, follow_symlinks=False)
    for folder, names, files in os.walk(path):
        names[:] = [name for name in names if os.path.join(folder, name) != skip]
        for name in names + files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def chown_tree(path: str, uid: int) -> None:
    """Give a kernel's user the files that were put in its folder after it started."""
    _chown_tree(path, uid, uid, skip="")


# -- system calls ---------------------------------------------------------------


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p)
    libc.umount2.argtypes = (ctypes.c_char_p, ctypes.c_int)
    libc.unshare.argtypes = (ctypes.c_int,)
    return libc


def _syscall(name: str) -> int:
    numbers = _SYSCALLS.get(platform.machine())
    if numbers is None:
        raise IsolationError(0, f"kernel isolation is not implemented for {platform.machine()}")
    return numbers[name]


def _mount(libc, source, target, fstype, flags, data=None, *, what: str) -> None:
    encode = (lambda text: None if text is None else text.encode())
    result = libc.mount(encode(source), encode(target), encode(fstype), flags,
                        None if data is None else ctypes.c_char_p(data.encode()))
    _check(result, f"mount ({what})")


def _check(result: int, what: str) -> None:
    if result != 0:
        number = ctypes.get_errno()
        raise IsolationError(number, f"{what} failed: {os.strerror(number)}")
