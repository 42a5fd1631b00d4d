"""Defences inside a kernel, installed before any student code runs.

- An audit hook (``sys.addaudithook``: it cannot be removed once added) that
  enforces the sandbox ``Policy`` on files, and refuses what a notebook never
  needs while it is graded: starting processes, sending signals, loading native
  libraries from anywhere but the Python installation, opening SQLite databases (the gradebook),
  network sockets, walking the garbage collector's objects, and importing the
  instructor-only parts of ``autograder``.
- A monitor that, after every cell, reports which of the functions the checks
  and the student's helpers rely on (NumPy, ``builtins``, ``autograder.checking``,
  IPython's input transformers, ...) have been replaced.

Both report to the grader through a datagram socket; the grader turns the
reports into flags for the instructor. None of this decides a grade: the hidden
checks run outside the kernel (``referee``). A determined student with NumPy can
write the kernel's memory and so get past an in-process guard; Landlock, where
available, still confines files, and the grade stays out of reach.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import types
from importlib.abc import MetaPathFinder

BLOCKED_MODULES = (
    "autograder.reference", "autograder.mistakes", "autograder.hidden", "autograder.diagnosis",
    "_posixsubprocess", "psycopg2", "psycopg",
)
DENIED_EVENTS = {
    "os.kill": "sending signals to processes",
    "os.killpg": "sending signals to processes",
    "signal.pthread_kill": "sending signals to threads",
    "os.system": "running other programs",
    "os.exec": "running other programs",
    "os.posix_spawn": "running other programs",
    "os.spawn": "running other programs",
    "os.fork": "starting processes",
    "os.forkpty": "starting processes",
    "subprocess.Popen": "running other programs",
    "pty.spawn": "running other programs",
    "ctypes.string_at": "reading raw memory",
    "ctypes.wstring_at": "reading raw memory",
    "sqlite3.connect": "opening databases",
    "socket.connect": "network connections",
    "socket.bind": "network connections",
    "socket.sendto": "network connections",
    "gc.get_objects": "walking the interpreter's objects",
    "gc.get_referrers": "walking the interpreter's objects",
    "gc.get_referents": "walking the interpreter's objects",
    "os.symlink": "creating links",
    "os.link": "creating links",
}
# event -> positions of the path arguments it writes to
WRITE_EVENTS = {
    "os.remove": (0,), "os.rmdir": (0,), "os.rename": (0, 1), "os.mkdir": (0,), "os.truncate": (0,),
    "os.chmod": (0,), "os.chown": (0,), "os.utime": (0,), "os.setxattr": (0,), "os.removexattr": (0,),
    "shutil.rmtree": (0,), "shutil.copyfile": (1,), "shutil.copytree": (1,), "shutil.move": (0, 1),
}
READ_EVENTS = {"os.listdir": (0,), "os.scandir": (0,), "shutil.copyfile": (0,), "shutil.copytree": (0,)}


class ImportBlocked(ImportError):
    pass


def _open_writes(mode, flags) -> bool:
    if isinstance(mode, str) and any(char in mode for char in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))


def make_resolver():
    """A ``realpath`` built from primitives that student code cannot replace
    (``os.path.realpath`` reads module globals that it could)."""

    def resolve(path, _getcwd=os.getcwd, _lstat=os.lstat, _readlink=os.readlink, _split=str.split,
                _join="/".join, _startswith=str.startswith, _OSError=OSError, _list=list, _reversed=reversed,
                _PermissionError=PermissionError):
        if not _startswith(path, "/"):
            path = _getcwd() + "/" + path
        todo = _list(_reversed([part for part in _split(path, "/") if part not in ("", ".")]))
        resolved: list = []
        links = 0
        while todo:
            part = todo.pop()
            if part == "..":
                if resolved:
                    resolved.pop()
                continue
            candidate = "/" + _join(resolved + [part])
            try:
                mode = _lstat(candidate).st_mode
            except _OSError:
                resolved.append(part)
                continue
            if mode & 0o170000 == 0o120000:
                links += 1
                if links > 40:
                    raise _PermissionError("too many symbolic links")
                target = _readlink(candidate)
                if _startswith(target, "/"):
                    resolved = []
                todo.extend(_reversed([part for part in _split(target, "/") if part not in ("", ".")]))
            else:
                resolved.append(part)
        return "/" + _join(resolved)

    return resolve


class Reporter:
    """Sends short JSON reports to the grader, without ever blocking the kernel."""

    def __init__(self, channel: "socket.socket | str | None"):
        self.sock = None
        self.sent = 0
        if isinstance(channel, socket.socket):
            self.sock = channel
        elif channel:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self.sock.connect(channel)

    def send(self, report: dict, _dumps=json.dumps, _flags=socket.MSG_DONTWAIT) -> None:
        if self.sock is None or self.sent > 2000:
            return
        self.sent += 1
        try:
            self.sock.send(_dumps(report)[:60000].encode(), _flags)
        except OSError:
            pass


def install_audit_hook(read_roots, write_roots, reporter: Reporter) -> None:
    resolve = make_resolver()
    read_roots = tuple(dict.fromkeys(_resolved_root(resolve, root) for root in read_roots))
    write_roots = tuple(dict.fromkeys(_resolved_root(resolve, root) for root in write_roots))
    # Native libraries (torch loads its own through ctypes) only from where the notebook cannot write.
    library_roots = tuple(root for root in read_roots
                          if not any(root == w or root.startswith(w + "/") for w in write_roots))
    import pathlib

    trusted_paths = (pathlib.PosixPath, pathlib.PurePosixPath)
    original_path_methods = (pathlib.PurePath.__fspath__, pathlib.PurePath.__str__)

    def within(path, roots, _startswith=str.startswith):
        for root in roots:
            if path == root or _startswith(path, root if root == "/" else root + "/"):
                return True
        return False

    def as_text(path, _type=type, _str=str, _bytes=bytes, _int=int, _decode=bytes.decode, _str_add=str.__add__,
                _isinstance=isinstance, _fspath=os.fspath, _trusted=trusted_paths, _original=original_path_methods,
                _PurePath=pathlib.PurePath, _getattr=getattr):
        kind = _type(path)
        if kind is _str:
            return path
        if kind is _int:
            return None  # an open file descriptor: what it may reach was checked when it was opened
        if _isinstance(path, _str):
            return _str_add("", path)
        if _isinstance(path, _bytes):
            return _decode(path, "utf-8", "surrogateescape")
        if kind in _trusted and (_PurePath.__fspath__, _PurePath.__str__) == _original:
            return _fspath(path)
        raise PermissionError("while grading, file paths must be strings or pathlib paths")

    def deny(event, what, detail, _report=reporter.send, _PermissionError=PermissionError):
        __tracebackhide__ = True  # noqa: F841  (IPython leaves this frame out of tracebacks)
        _report({"kind": "denied", "event": event, "what": what, "detail": detail[:300]})
        raise _PermissionError(f"the grader does not allow {what} ({detail[:200]})")

    def check_path(event, raw, writes, _as_text=as_text, _resolve=resolve, _within=within,
                   _read=read_roots, _write=write_roots, _deny=deny, _str=str):
        __tracebackhide__ = True  # noqa: F841
        text = _as_text(raw)
        if text is None:
            return
        path = _resolve(text)
        if writes and not _within(path, _write):
            _deny(event, "writing outside the notebook's folder", path)
        if not writes and not _within(path, _read):
            _deny(event, "reading files outside the notebook's folder and the Python installation", path)

    def check_library(path, _as_text=as_text, _resolve=resolve, _within=within, _roots=library_roots, _deny=deny):
        __tracebackhide__ = True  # noqa: F841
        text = _as_text(path) if path is not None else None
        if text is not None and "/" in text and not _within(_resolve(text), _roots):
            _deny("ctypes.dlopen", "loading native libraries from outside the Python installation", text)

    def hook(event, args, _denied=DENIED_EVENTS, _writes=WRITE_EVENTS, _reads=READ_EVENTS, _check=check_path,
             _deny=deny, _open_writes=_open_writes, _blocked=BLOCKED_MODULES, _startswith=str.startswith,
             _str=str, _type=type, _function=types.FunctionType, _ImportBlocked=ImportBlocked,
             _report=reporter.send, _len=len, _library=check_library):
        __tracebackhide__ = True  # noqa: F841
        if event == "open":
            _check(event, args[0], _open_writes(args[1], args[2]) if _len(args) > 2 else False)
        elif event == "ctypes.dlopen":
            _library(args[0])
        elif event in _denied:
            _deny(event, _denied[event], _str(args[0]) if args else "")
        elif event == "import":
            name = args[0]
            for blocked in _blocked:
                if name == blocked or _startswith(name, blocked + "."):
                    _report({"kind": "denied", "event": "import", "what": "importing instructor code", "detail": name})
                    raise _ImportBlocked(f"{name} is not available to notebooks while they are graded")
        elif event in _writes:
            for position in _writes[event]:
                if position < _len(args) and args[position] is not None:
                    _check(event, args[position], True)
            if event in _reads:
                for position in _reads[event]:
                    _check(event, args[position], False)
        elif event in _reads:
            for position in _reads[event]:
                if position < _len(args) and args[position] is not None:
                    _check(event, args[position], False)
        elif event == "object.__setattr__" and _type(args[0]) is _function and args[1] == "__code__":
            if args[0].__module__ != "__main__":
                _deny(event, "changing the code of library functions", f"{args[0].__module__}.{args[0].__qualname__}")

    sys.addaudithook(hook)


def _resolved_root(resolve, root: str) -> str:
    resolved = resolve(root)
    return resolved.rstrip("/") or "/"


class BlockInstructorModules(MetaPathFinder):
    """Refuses instructor-only modules with a clear message, however they are imported."""

    def __init__(self, reporter: Reporter):
        self.reporter = reporter

    def find_spec(self, name, path=None, target=None):
        if any(name == blocked or name.startswith(blocked + ".") for blocked in BLOCKED_MODULES):
            self.reporter.send({"kind": "denied", "event": "import", "what": "importing instructor code", "detail": name})
            raise ImportBlocked(f"{name} is not available to notebooks while they are graded")
        return None


def _remove_process_spawning() -> None:
    """``_posixsubprocess.fork_exec`` starts processes without an audit event: remove
    every way to reach it that exists before student code runs."""
    sys.modules.pop("_posixsubprocess", None)
    subprocess = sys.modules.get("subprocess")
    for name in ("_posixsubprocess", "_fork_exec"):
        if subprocess is not None and hasattr(subprocess, name):
            delattr(subprocess, name)
    multiprocessing_util = sys.modules.get("multiprocessing.util")
    if multiprocessing_util is not None and hasattr(multiprocessing_util, "_posixsubprocess"):
        delattr(multiprocessing_util, "_posixsubprocess")


# --------------------------------------------------------------------------
# the integrity monitor
# --------------------------------------------------------------------------

WATCHED_MODULES = ("builtins", "numpy", "numpy.testing", "numpy.linalg", "autograder", "autograder.checking", "math")


class IntegrityMonitor:
    """Remembers what the watched modules and the shell's hooks were, and reports changes."""

    def __init__(self, shell, reporter: Reporter):
        self.shell = shell
        self.reporter = reporter
        self.modules = {name: sys.modules[name] for name in WATCHED_MODULES if name in sys.modules}
        self.attributes = {name: dict(vars(module)) for name, module in self.modules.items()}
        self.shell_hooks = self._shell_hooks()

    def _shell_hooks(self) -> dict[str, tuple]:
        shell = self.shell
        hooks = {
            "input transformers": tuple(shell.input_transformers_cleanup) + tuple(shell.input_transformers_post),
            "AST transformers": tuple(shell.ast_transformers),
            "custom exception handlers": tuple(shell.custom_exceptions),
            "sys.excepthook": (sys.excepthook,),
            "sys.meta_path": tuple(sys.meta_path),
        }
        for event, callbacks in shell.events.callbacks.items():
            hooks[f"'{event}' callbacks"] = tuple(callbacks)
        return hooks

    def changes(self) -> list[str]:
        changed = []
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                changed.append(f"sys.modules['{name}']")
            current = vars(module)
            for attribute, original in self.attributes[name].items():
                if (name, attribute) in _CHANGED_BY_IPYKERNEL:
                    continue
                if current.get(attribute, _MISSING) is not original:
                    changed.append(f"{name}.{attribute}")
        for label, original in self.shell_hooks.items():
            try:
                now = self._shell_hooks().get(label)
            except Exception:
                now = None
            if now != original:
                changed.append(label)
        return changed

    def after_cell(self, result=None) -> None:
        try:
            changed = self.changes()
        except Exception as error:  # a shell the student has taken apart
            changed = [f"the shell ({type(error).__name__})"]
        self.reporter.send({"kind": "integrity", "changed": changed[:100]})


_MISSING = object()
# ipykernel swaps these in and out around each execution.
_CHANGED_BY_IPYKERNEL = {("builtins", "input"), ("builtins", "raw_input"), ("builtins", "_")}


def install(shell, read_roots, write_roots, report_channel) -> IntegrityMonitor:
    """Everything above, in the order that keeps the kernel working."""
    reporter = Reporter(report_channel)
    monitor = IntegrityMonitor(shell, reporter)
    shell.events.register("post_run_cell", monitor.after_cell)
    monitor.shell_hooks = monitor._shell_hooks()
    sys.meta_path.insert(0, BlockInstructorModules(reporter))
    monitor.shell_hooks = monitor._shell_hooks()
    _remove_process_spawning()
    sys.dont_write_bytecode = True
    install_audit_hook(read_roots, write_roots, reporter)
    return monitor
