"""Limits and isolation of one notebook's execution: what a kernel may use, read and write.

A kernel runs in a private working folder: a temporary copy of the
submission's files (never the submitted folder itself), with its HOME and
temporary files inside it. It may write only there. It may read the Python
installation and the system's libraries, but not the course folder, the
gradebook, other kernels' folders, or the instructor-only parts of the
``autograder`` package (reference answers, mistakes, hidden checks).

The same ``Policy`` is enforced twice: by an audit hook inside the kernel
(``guard``) and, where the Linux kernel supports it, by Landlock
(``landlock``), which also binds native code and child processes.
"""

from __future__ import annotations

import os
import resource
import sys
from dataclasses import dataclass, field
from pathlib import Path

import autograder
from autograder.kit import PUBLIC_MODULES

PACKAGE_DIR = Path(autograder.__file__).resolve().parent
# Imported by name in kernels: everything else under autograder/ is refused.
# The grader's own modules that kernels run: readable, so that tracebacks through them show their lines.
KERNEL_SIDE_MODULES = ("kit.py", "grading/__init__.py", "grading/judging/__init__.py", "grading/judging/rpc.py",
                       "grading/judging/kernelside.py", "grading/isolation/__init__.py",
                       "grading/isolation/guard.py", "grading/isolation/sandbox.py", "grading/isolation/landlock.py",
                       "grading/isolation/zygote.py", "grading/isolation/namespaces.py",
                       "grading/isolation/seccomp.py")
SYSTEM_READ_ROOTS = ("/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/opt", "/sys",
                     "/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/proc/self",
                     "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")


@dataclass(frozen=True)
class Limits:
    """Per-notebook limits. Seconds are wall-clock, except that the CPU time of a
    kernel is also capped (at the notebook's limit plus a margin)."""

    cell_seconds: float = 120.0
    notebook_seconds: float = 600.0
    memory_bytes: int = 2 * 2**30
    output_bytes: int = 10 * 2**20
    file_bytes: int = 64 * 2**20


@dataclass(frozen=True)
class Policy:
    """Paths (folders mean everything below them) a kernel may read, and may write."""

    read: tuple[str, ...]
    write: tuple[str, ...]
    own_pid_dirs: tuple[str, ...] = field(default=())


def kernel_policy(workdir: Path) -> Policy:
    workdir = Path(workdir).resolve()
    read = [str(workdir), *SYSTEM_READ_ROOTS, *_python_roots()]
    for module in (*PUBLIC_MODULES, *KERNEL_SIDE_MODULES):
        read.append(str(PACKAGE_DIR / module))
    if (PACKAGE_DIR / "data").is_dir():
        read.append(str(PACKAGE_DIR / "data"))
    return Policy(read=tuple(dict.fromkeys(read)), write=(str(workdir), "/dev/null"))


def _python_roots() -> list[str]:
    """The Python installation (never a source checkout on ``sys.path``), minus any
    copy of the ``autograder`` package in it."""
    prefixes = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    candidates = set(prefixes)
    for entry in sys.path:
        path = Path(entry or ".").resolve()
        if path.is_dir() and any(_is_within(path, prefix) for prefix in prefixes):
            candidates.add(path)
    outermost = [root for root in candidates if not any(root != other and _is_within(root, other) for other in candidates)]
    roots: list[str] = []
    for root in sorted(outermost):
        if _is_within(PACKAGE_DIR, root):
            roots.extend(_entries_avoiding(root, PACKAGE_DIR))
        else:
            roots.append(str(root))
    return roots


def _entries_avoiding(root: Path, hidden: Path) -> list[str]:
    """The entries of ``root``, descending only towards ``hidden`` (which is left out)."""
    result = []
    for entry in root.iterdir():
        entry = entry.resolve() if entry.is_symlink() else entry
        if entry == hidden:
            continue
        if _is_within(hidden, entry):
            result.extend(_entries_avoiding(entry, hidden))
        else:
            result.append(str(entry))
    return result


def _is_within(path: Path, folder: Path) -> bool:
    try:
        Path(path).relative_to(folder)
    except ValueError:
        return False
    return True


def clean_environment(home: Path) -> dict[str, str]:
    """The environment of a kernel: nothing of the instructor's (no database URLs,
    no credentials), one thread for the numerical libraries, files under ``home``."""
    keep = {key: os.environ[key] for key in ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ") if key in os.environ}
    home = str(home)
    return {
        **keep,
        "HOME": home,
        "TMPDIR": home,
        "MPLCONFIGDIR": home,
        "IPYTHONDIR": str(Path(home) / ".ipython"),
        "JUPYTER_RUNTIME_DIR": home,
        "PYTHONNOUSERSITE": "1",
        "NBGRADER_EXECUTION": "autograde",  # as nbgrader's autograder sets it
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def apply_limits(limits: Limits) -> None:
    """Resource limits of the calling process (a kernel, just before it starts)."""
    cpu = int(limits.notebook_seconds) + 30
    _set(resource.RLIMIT_AS, limits.memory_bytes)
    _set(resource.RLIMIT_CPU, cpu, cpu + 5)
    _set(resource.RLIMIT_FSIZE, limits.file_bytes)
    _set(resource.RLIMIT_CORE, 0)


def _set(which: int, soft: int, hard: int | None = None) -> None:
    hard = soft if hard is None else hard
    current_soft, current_hard = resource.getrlimit(which)
    if current_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, current_hard), min(hard, current_hard)
    resource.setrlimit(which, (soft, hard))
