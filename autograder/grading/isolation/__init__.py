"""The trust boundary's operating-system side: what confines a student's kernel.

- ``namespaces``: each kernel in its own mount, PID, network, IPC and UTS
  namespaces, with a root built from an allow-list and no privileges;
- ``probe``: whether this machine can do that, and if not, what is missing.
"""
