"""Answers that are values the grader must not take in: too large, too deep, or pretending to be modules.

The hidden checks run in the grader's process (the referee) and receive the
student's return values as data (``autograder.grading.judging.rpc``). Each answer here
would once have made the grader import a module by name (``venv.__main__``
ends the process that imports it) or allocate gigabytes from a few bytes
(``np.asarray(range(0, 200_000_000))``). Now each one only fails its own cell,
with a message that says why; every other cell keeps its points, and the
notebook is graded.

The last case does not rely on the kernel's honest encoder: it replaces the
kernel's ``encode`` to send a forged ``{"$": "module"}`` on the wire, which the
referee refuses as a protocol error.
"""

from __future__ import annotations

from tests.hostile.corpus import ZERO, Case, _full_except

_FORGED_MODULE = '''
import sys

# The kernel's end of the protocol, which the student controls like everything else in the kernel.
_channel = sys.modules["autograder.grading.judging.kernelside"]._channel
_honest_encode = _channel.encode
_FORGED = object()

def _forging_encode(value, *args, **kwargs):
    if value is _FORGED:
        return {"$": "module", "name": "venv.__main__"}
    return _honest_encode(value, *args, **kwargs)

_channel.encode = _forging_encode

def update_w(w, grads, step):
    return _FORGED
'''


def cases(b) -> list[Case]:
    return [
        Case("value-huge-range", b.notebook(forward_propagate="""
                def forward_propagate(x, y, w):
                    return range(0, 200_000_000)
                """), _full_except(F=ZERO),
             why="three numbers that np.asarray would turn into 1.6 GB in the grader"),
        Case("value-fake-module", b.notebook(update_w="""
                import types
                def update_w(w, grads, step):
                    return types.ModuleType("venv.__main__")
                """), _full_except(U=ZERO),
             why="a module object named like one whose import ends the grader's process: it travels as a handle"),
        Case("value-real-module", b.notebook(quadratic_gradients="""
                def quadratic_gradients(x, y, w1, w2, b):
                    return __import__("venv")
                """), _full_except(Q=ZERO)),
        Case("value-class", b.notebook(back_propagate="""
                def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
                    return type("this", (), {})
                """), _full_except(B=ZERO), why="a class named like a module that prints when imported"),
        Case("value-function", b.notebook(update_w="""
                def update_w(w, grads, step):
                    return lambda *args: w
                """), _full_except(U=ZERO)),
        Case("value-huge-array", b.notebook(back_propagate="""
                def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
                    return np.zeros(10**8, dtype=np.uint8)
                """), _full_except(B=ZERO), why="100 million numbers: refused in the kernel before it is encoded"),
        Case("value-huge-string", b.notebook(update_w="""
                _TEXT = "0" * (100 * 2**20)
                def update_w(w, grads, step):
                    return _TEXT
                """), _full_except(U=ZERO)),
        Case("value-deep-lists", b.notebook(quadratic_gradients="""
                _DEEP = []
                for _ in range(100_000):
                    _DEEP = [_DEEP]
                def quadratic_gradients(x, y, w1, w2, b):
                    return _DEEP
                """), _full_except(Q=ZERO)),
        Case("value-many-keys", b.notebook(forward_propagate="""
                _KEYS = dict.fromkeys(range(2_500_000))
                def forward_propagate(x, y, w):
                    return _KEYS
                """), _full_except(F=ZERO), why="refused before its 2.5 million [key, value] pairs are built"),
        Case("value-forged-module", b.notebook(update_w=_FORGED_MODULE), _full_except(U=ZERO),
             why="the kernel's encoder replaced to send {'$': 'module', 'name': 'venv.__main__'} on the wire"),
    ]
