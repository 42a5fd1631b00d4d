"""The trust boundary's kernel side: what confines a student's kernel, and how kernels are made.

- ``zygote`` and ``kernels``: kernels forked from a warm process, one fresh
  kernel per notebook, and the grader's handle on each;
- ``namespaces``: each kernel in its own mount, PID, network, IPC and UTS
  namespaces, with a root built from an allow-list and no privileges;
- ``seccomp`` and ``landlock``: system calls and files a kernel may not use;
- ``sandbox``: the limits and the policy (what a kernel may read and write);
- ``guard``: the monitor inside the kernel that reports attempts (it decides no grade);
- ``probe``: whether this machine can isolate kernels, and if not, what is missing.
"""
