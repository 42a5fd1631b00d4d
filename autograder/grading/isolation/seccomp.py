"""A seccomp filter for kernels: the system calls a notebook never needs, refused.

The namespaces already give a kernel nothing to see; this removes the
doors into the Linux kernel itself that sandboxes commonly close (as
Docker's and Flatpak's default profiles do): making new namespaces (a user
namespace would give the student capabilities inside it), mounting, tracing
other processes or reading their memory, loading modules, BPF, io_uring,
keyrings, userfaultfd and the new mount API. ``clone3`` answers "not
implemented", so that the C library falls back to ``clone``, whose flags
the filter can read.

The filter is a classic BPF program, built here and installed with
``prctl(PR_SET_SECCOMP)``; on an architecture it does not know, nothing is
installed and ``install`` says so by returning False.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000

_ARCHES = {
    "x86_64": {
        "audit": 0xC000003E, "clone": 56, "clone3": 435,
        "denied": {
            "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "unshare": 272, "setns": 308,
            "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "kexec_load": 246,
            "kexec_file_load": 320, "init_module": 175, "finit_module": 313, "delete_module": 176, "bpf": 321,
            "perf_event_open": 298, "userfaultfd": 323, "keyctl": 250, "add_key": 248, "request_key": 249,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427, "open_by_handle_at": 304,
            "name_to_handle_at": 303, "swapon": 167, "swapoff": 168, "reboot": 169, "acct": 163, "syslog": 103,
            "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
            "mount_setattr": 442,
        },
    },
    "aarch64": {
        "audit": 0xC00000B7, "clone": 220, "clone3": 435,
        "denied": {
            "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51, "unshare": 97, "setns": 268,
            "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "kexec_load": 104,
            "kexec_file_load": 294, "init_module": 105, "finit_module": 273, "delete_module": 106, "bpf": 280,
            "perf_event_open": 241, "userfaultfd": 282, "keyctl": 219, "add_key": 217, "request_key": 218,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427, "open_by_handle_at": 265,
            "name_to_handle_at": 264, "swapon": 224, "swapoff": 225, "reboot": 142, "acct": 89, "syslog": 116,
            "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
            "mount_setattr": 442,
        },
    },
}


def program(arch: str) -> list[tuple[int, int, int, int]]:
    """The filter as (code, jump if true, jump if false, k) instructions."""
    table = _ARCHES[arch]
    deny, allow = ("deny",), ("allow",)
    steps: list = [
        (_LD_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, None, deny, table["audit"]),
        (_LD_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JGE, deny, None, 0x40000000),  # the x32 numbering on x86_64
        *((_JEQ, deny, None, number) for number in sorted(table["denied"].values())),
        (_JEQ, ("enosys",), None, table["clone3"]),
        (_JEQ, None, allow, table["clone"]),
        (_LD_ABS, 0, 0, 16),  # clone's flags: the low half of its first argument
        (_JSET, deny, allow, _NAMESPACE_FLAGS),
    ]
    labels = {"allow": len(steps), "deny": len(steps) + 1, "enosys": len(steps) + 2}
    steps += [(_RET, 0, 0, _ALLOW), (_RET, 0, 0, _ERRNO | errno.EPERM), (_RET, 0, 0, _ERRNO | errno.ENOSYS)]

    def offset(index: int, target) -> int:
        return 0 if target is None else labels[target[0]] - index - 1

    return [(code, offset(i, jt) if isinstance(jt, tuple) or jt is None else jt,
             offset(i, jf) if isinstance(jf, tuple) or jf is None else jf, k)
            for i, (code, jt, jf, k) in enumerate(steps)]


class _Program(ctypes.Structure):
    _fields_ = [("length", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install() -> bool:
    """Install the filter on the calling thread (and everything it starts). False: unknown machine."""
    arch = platform.machine()
    if arch not in _ARCHES:
        return False
    instructions = program(arch)
    raw = b"".join(struct.pack("=HBBI", code, jt, jf, k) for code, jt, jf, k in instructions)
    buffer = ctypes.create_string_buffer(raw, len(raw))
    prog = _Program(len(instructions), ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "installing the seccomp filter failed")
    return True
