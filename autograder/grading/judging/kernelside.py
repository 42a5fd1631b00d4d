"""The part of the grader that lives inside a student's kernel: it answers the referee.

When a test cell's hidden block runs, the grader asks the kernel to execute
``SERVE_CODE``; the kernel then answers the referee's requests (look up a
name, call a function, read an attribute) until the referee says it is done.
The student's code runs here, on the kernel's main thread, exactly as if the
hidden block had called it in the notebook.
"""

from __future__ import annotations

import socket

from autograder.grading.judging.rpc import Channel

_channel: Channel | None = None

SERVE_CODE = "__import__('autograder.grading.judging.kernelside', fromlist=['serve']).serve({session!r})"


def attach(namespace: dict, sock: socket.socket) -> None:
    """Called once, before any student code, with the notebook's namespace."""
    global _channel
    _channel = Channel(sock, serves_everything=True, namespace=namespace)


def serve(session: str) -> None:
    if _channel is None:
        raise RuntimeError("this kernel was not started by the grader")
    _channel.serve(session)
