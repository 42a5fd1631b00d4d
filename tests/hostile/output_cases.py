"""Forged outputs: a thread in the kernel publishes iopub messages into whichever cell is running.

The kernel is the student's: a background thread can send ``execute_result``,
``display_data``, ``stream``, ``error`` and ``clear_output`` messages with the
parent header of the request the kernel is busy with, and they land in that
cell's outputs as if the cell had produced them. nbgrader reads a test cell's
score from its outputs (an error: zero; a number as ``execute_result``:
partial credit; otherwise full), so none of these may change a score: the
grader's verdict (the referee's, and the status of the kernel's reply to each
request) decides, and the outputs are rewritten to say exactly that.

Each forger starts in the answer cell of ``quadratic_gradients`` (after the
reference answer) and then forges into every later request, test cells
included. Each comes with a *wrong* answer elsewhere that must stay at zero,
while the cells with correct answers keep their full points.
"""

from __future__ import annotations

from tests.hostile.corpus import ANY, FULL, MATRIX_FORWARD, ZERO, Case, _code, _full_except, _wrong

_FORGER = '''
import sys as _sys, threading as _threading, time as _time

def _forge(kind, content, per_request):
    kernel = get_ipython().kernel
    seen, sent = None, 0
    while True:
        try:
            parent = kernel.get_parent("shell") or {}
        except Exception:
            parent = {}
        msg_id = parent.get("header", {}).get("msg_id")
        if msg_id != seen:
            seen, sent = msg_id, 0
        if msg_id and sent < per_request:
            try:
                kernel.session.send(kernel.iopub_socket, kind, content, parent=parent)
            except Exception:
                pass
            sent += 1
        _time.sleep(0.0005)

_sys.setswitchinterval(1e-5)  # so that the forger gets its turn even in a short test cell
_threading.Thread(target=_forge, args=(KIND, CONTENT, PER_REQUEST), daemon=True).start()
'''


def _forger(kind: str, content: dict, per_request: int = 3) -> str:
    return _code(_FORGER.replace("KIND", repr(kind)).replace("CONTENT", repr(content))
                 .replace("PER_REQUEST", str(per_request)))


def _result(text: str) -> dict:
    return {"execution_count": 1, "data": {"text/plain": text}, "metadata": {}}


def cases(b) -> list[Case]:
    def forging(kind: str, content: dict, per_request: int = 3) -> str:
        return b.with_answer_suffix("quadratic_gradients", _forger(kind, content, per_request))

    wrong_update = _wrong("update_w_ascends")
    matrix_forward = _code(MATRIX_FORWARD)
    return [
        Case("forges-partial-credit-4", b.notebook(quadratic_gradients=forging("execute_result", _result("4")),
                                                   update_w=wrong_update),
             _full_except(U=ZERO), diagnoses={"test_update_w": "backprop.update-ascends"},
             why='"4" as the result of a 2-point test cell made nbgrader raise and stopped the whole class'),
        Case("forges-partial-credit-1-5", b.notebook(quadratic_gradients=forging("execute_result", _result("1.5")),
                                                     update_w=wrong_update),
             _full_except(U=ZERO), why="a forged number as a test cell's result is partial credit for nbgrader"),
        Case("forges-clear-output", b.notebook(quadratic_gradients=forging("clear_output", {"wait": False}, 20),
                                               update_w=wrong_update),
             _full_except(U=ZERO), why="clearing a test cell's outputs must not erase its failure"),
        Case("forges-clear-output-visible-failure", b.notebook(
                quadratic_gradients=forging("clear_output", {"wait": False}, 20), forward_propagate=matrix_forward),
             _full_except(F=ANY, B=ZERO),
             why="back_propagate's visible test fails (see answer-as-matrix): clearing its error changes nothing"),
        Case("forges-display-data", b.notebook(
                quadratic_gradients=forging("display_data", {"data": {"text/plain": "4"}, "metadata": {},
                                                             "transient": {}}),
                back_propagate=_wrong("back_propagate_seed_hidden_layer")),
             _full_except(B=ZERO), diagnoses={"test_back_propagate": "backprop.seed-hidden-layer"}),
        Case("forges-stream", b.notebook(
                quadratic_gradients=forging("stream", {"name": "stdout", "text": "forward_propagate looks right.\n"}),
                forward_propagate=_wrong("forward_propagate_swapped_w2_w3")),
             _full_except(F=ZERO), diagnoses={"test_forward_propagate": "backprop.swapped-w2-w3"}),
        Case("forges-error-into-good-answers", b.notebook(quadratic_gradients=forging(
                "error", {"ename": "AssertionError", "evalue": "forged by the notebook", "traceback": ["forged"]})),
             _full_except(),
             why="an error the kernel publishes while a test cell passes is not the grader's verdict: removed"),
    ]
