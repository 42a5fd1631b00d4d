"""The bad submissions, each with what grading it must give.

``build(course, repo)`` returns ``Case``s: a student id, the bytes of the file
the student submits, and the expected outcome: per graded cell ``FULL``,
``ZERO`` or ``ANY``, the status, the kinds of flag the instructor must see, and
diagnoses that must be named. Most cases keep the reference answers in the
other cells, so that "only this cell lost points" is checkable.

Attempts at the checks come with a *wrong* answer: the attempt must not turn
that wrong answer's zero into points.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tests.course_folder import cell_by_grade_id, filled_in, reference_answers
from tests.hostile import warmup

ASSIGNMENT = "backprop"
FULL, ZERO, ANY = "full", "zero", "any"
Q, F, B, U = "test_quadratic_gradients", "test_forward_propagate", "test_back_propagate", "test_update_w"
ALL_TESTS = (Q, F, B, U)
GRADED = ("quadratic_gradients", "forward_propagate", "back_propagate", "update_w")


@dataclass
class Case:
    student: str
    content: bytes
    scores: dict[str, str]
    status: str = "graded"
    flags: frozenset[str] = frozenset()
    diagnoses: dict[str, str] = field(default_factory=dict)
    why: str = ""


# A forward pass that returns 1x1 np.matrix values: a correct answer in an unusual type.
MATRIX_FORWARD = """
def forward_propagate(x, y, w):
    W_hidden = np.matrix([[w[0], w[2]], [w[1], w[3]]])
    W_output = np.matrix([[w[4], w[6]], [w[5], w[7]]])
    h = sigmoid(W_hidden @ np.matrix(x, dtype=float).T)
    o = sigmoid(W_output @ h)
    error = 0.5 * np.sum(np.square(o - np.matrix(y, dtype=float).T))
    return o[0], o[1], h[0], h[1], error
"""


def _full_except(**cells: str) -> dict[str, str]:
    scores = {cell: FULL for cell in ALL_TESTS}
    names = {"Q": Q, "F": F, "B": B, "U": U}
    scores.update({names[key]: value for key, value in cells.items()})
    return scores


def _code(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


class _Builder:
    def __init__(self, course: Path, repo: Path):
        self.course = course
        self.repo = repo
        self.answers = reference_answers(ASSIGNMENT)

    def notebook(self, edit=None, **answers: str) -> bytes:
        notebook = filled_in(self.course, ASSIGNMENT, {**self.answers, **{k: _code(v) for k, v in answers.items()}})
        if edit is not None:
            edit(notebook)
        return nbformat.writes(notebook).encode()

    def with_answer_suffix(self, name: str, suffix: str) -> str:
        """The reference answer of ``name`` followed by more code in the same cell."""
        return self.answers[name] + "\n\n" + _code(suffix)


def build(course: Path, repo: Path) -> list[Case]:
    b = _Builder(course, repo)
    gradebook = course / "gradebook.db"
    other_student = course / "submitted" / "good-reference" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    cases = [
        Case("good-reference", b.notebook(), _full_except()),
        Case("invalid-json", b'{"cells": [{"cell_type": "code", "source": ', {c: ZERO for c in ALL_TESTS},
             status="unreadable", flags=frozenset({"submission"})),
        Case("empty-file", b"", {c: ZERO for c in ALL_TESTS}, status="unreadable"),
        Case("other-assignment", (course / "exercises" / warmup.NAME / f"{warmup.NAME}.ipynb").read_bytes(),
             {c: ZERO for c in ALL_TESTS}, status="wrong-notebook"),
        Case("deleted-test-cell", b.notebook(edit=_delete(B)), _full_except(), flags=frozenset({"submission"}),
             why="a deleted test cell is put back and run"),
        Case("duplicated-cells", b.notebook(edit=_duplicate("back_propagate", B)), _full_except(),
             flags=frozenset({"submission"})),
        Case("renamed-cells", b.notebook(edit=_rename({U: "test_update_w_mine", "quadratic_gradients": "my_quad"})),
             _full_except(), flags=frozenset({"submission"})),
        Case("edited-locked-cell", b.notebook(edit=_replace_source(F, "print('forward_propagate looks right.')"),
                                              forward_propagate=_wrong("forward_propagate_swapped_w2_w3")),
             _full_except(F=ZERO), flags=frozenset({"submission"}), diagnoses={F: "backprop.swapped-w2-w3"}),
        Case("syntax-error", b.notebook(back_propagate="def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2)\n"
                                                       "    return 0"), _full_except(B=ZERO)),
        Case("function-raises", b.notebook(update_w="def update_w(w, grads, step):\n"
                                                    "    raise ValueError('not today')"),
             _full_except(U=ZERO), diagnoses={U: "raised"}),
        Case("loop-in-cell", b.notebook(quadratic_gradients=b.with_answer_suffix("quadratic_gradients",
                                                                                 "while True:\n    pass")),
             _full_except(), why="the loop is interrupted; the function above it stays defined"),
        Case("loop-in-function", b.notebook(back_propagate="""
                def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
                    while True:
                        pass
                """), _full_except(B=ZERO)),
        Case("sleep-forever", b.notebook(update_w="""
                import time
                def update_w(w, grads, step):
                    time.sleep(10**6)
                """), _full_except(U=ZERO)),
        Case("sys-exit", b.notebook(update_w="""
                import sys
                def update_w(w, grads, step):
                    sys.exit()
                """), _full_except(U=ZERO)),
        Case("os-exit", b.notebook(back_propagate=b.with_answer_suffix("back_propagate", "import os\nos._exit(0)")),
             _full_except(B=ZERO, U=ZERO), why="the kernel dies in the answer cell of back_propagate"),
        Case("kill-self", b.notebook(forward_propagate=b.with_answer_suffix(
                "forward_propagate", "import os\nos.kill(os.getpid(), 9)")),
             _full_except(), flags=frozenset({"sandbox"}), why="the signal is refused; the kernel lives on"),
        Case("memory-bomb", b.notebook(forward_propagate="""
                def forward_propagate(x, y, w):
                    hog = [bytearray(2**20) for _ in range(10**6)]
                    return hog
                """), _full_except(F=ZERO)),
        Case("gigabyte-of-output", b.notebook(quadratic_gradients=b.with_answer_suffix(
                "quadratic_gradients", "for _ in range(10**7):\n    print('x' * 100)")), _full_except()),
        Case("writes-outside", b.notebook(update_w=b.with_answer_suffix("update_w", f"""
                import os, shutil
                attempts = {{
                    "truncate the gradebook": lambda: open({str(gradebook)!r}, "w").close(),
                    "delete another student's notebook": lambda: os.remove({str(other_student)!r}),
                    "delete another student's folder": lambda: shutil.rmtree({str(other_student.parent)!r}),
                    "write in /tmp": lambda: open("/tmp/autograder-hostile-was-here", "w").write("x"),
                    "write next to the working folder": lambda: open("../escaped.txt", "w").write("x"),
                    "rename the gradebook": lambda: os.rename({str(gradebook)!r}, "/tmp/stolen.db"),
                }}
                for what, attempt in attempts.items():
                    try:
                        attempt()
                        print("DID", what)
                    except Exception as error:
                        print("could not", what, type(error).__name__)
                """)), _full_except(), flags=frozenset({"sandbox"})),
        Case("patches-numpy", b.notebook(back_propagate=_wrong("back_propagate_seed_hidden_layer") + _code("""

                np.allclose = lambda *args, **kwargs: True
                np.testing.assert_allclose = lambda *args, **kwargs: None
                np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
                """)), _full_except(B=ZERO), flags=frozenset({"tampering"}),
             diagnoses={B: "backprop.seed-hidden-layer"}),
        Case("patches-abs", b.notebook(quadratic_gradients=_wrong("quadratic_gradients_without_factor_two") + _code("""

                import builtins
                builtins.abs = lambda value: 0 * value
                """)), _full_except(Q=ZERO), flags=frozenset({"tampering"}),
             diagnoses={Q: "backprop.quadratic-no-factor-two"}),
        Case("patches-autograder", b.notebook(update_w=_wrong("update_w_ascends") + _code("""

                import autograder.checking
                autograder.checking.assert_close = lambda *args, **kwargs: None
                assert_close = autograder.checking.assert_close
                """)), _full_except(U=ZERO), flags=frozenset({"tampering"}), diagnoses={U: "backprop.update-ascends"}),
        Case("patches-assertion-error", b.notebook(forward_propagate=_wrong("forward_propagate_error_without_half") + _code("""

                import builtins
                class Quiet(Exception):
                    pass
                builtins.AssertionError = Quiet
                get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)
                """)), _full_except(F=ZERO), flags=frozenset({"tampering"})),
        Case("imports-reference", b.notebook(back_propagate=_code("""
                try:
                    from autograder.reference.backprop import back_propagate
                except Exception as error:
                    print("no reference:", type(error).__name__)
                    import importlib
                    try:
                        back_propagate = importlib.import_module("autograder.reference.backprop").back_propagate
                    except Exception as error:
                        print("still no reference:", type(error).__name__)
                        def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
                            return (0.0,) * 8
                """)), _full_except(B=ZERO), flags=frozenset({"tampering"})),
        Case("reads-hidden-tests", b.notebook(forward_propagate=_wrong("forward_propagate_swapped_w2_w3") + _code(f"""

                import sqlite3
                stolen = []
                for path in [{str(repo / "autograder" / "hidden" / "backprop.py")!r},
                             {str(repo / "autograder" / "reference" / "backprop.py")!r},
                             {str(course / "solutions" / "backprop" / "backprop.ipynb")!r},
                             "/proc/self/root" + {str(repo / "autograder" / "reference" / "backprop.py")!r}]:
                    try:
                        stolen.append(open(path).read())
                    except Exception as error:
                        print("could not read", path, type(error).__name__)
                try:
                    rows = sqlite3.connect({str(gradebook)!r}).execute("select source from source_cell").fetchall()
                    stolen.append(rows)
                except Exception as error:
                    print("could not open the gradebook", type(error).__name__)
                print("stolen:", len(stolen))
                """)), _full_except(F=ZERO), flags=frozenset({"tampering"}), diagnoses={F: "backprop.swapped-w2-w3"}),
        Case("always-equal", b.notebook(forward_propagate="""
                class AlwaysEqual:
                    def __eq__(self, other):
                        return True
                    def __ne__(self, other):
                        return False
                def forward_propagate(x, y, w):
                    return AlwaysEqual()
                """), _full_except(F=ZERO), flags=frozenset({"tampering"})),
        Case("lying-array", b.notebook(back_propagate="""
                class Agreeable(np.ndarray):
                    def __eq__(self, other):
                        return np.ones(np.shape(self), dtype=bool)
                    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
                        return np.zeros(np.broadcast(*inputs).shape) if ufunc is np.subtract else NotImplemented
                def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
                    return np.zeros(8).view(Agreeable)
                """), _full_except(B=ZERO), flags=frozenset({"tampering"})),
        Case("hides-cells", b.notebook(quadratic_gradients=_wrong("quadratic_gradients_sign_error") + _code("""

                get_ipython().input_transformers_cleanup.append(lambda lines: [])
                """)), _full_except(Q=ZERO, F=ZERO, B=ZERO, U=ZERO), flags=frozenset({"tampering"}),
             why="every later cell runs as an empty cell: nothing can pass, not even the hidden tests"),
        Case("answer-as-matrix", b.notebook(forward_propagate=MATRIX_FORWARD), _full_except(F=ANY, B=ZERO),
             why="forward_propagate is graded as the hidden check grades it in one process; the visible test of "
                 "back_propagate feeds its 1x1 matrices to back_propagate and fails, as it does in the notebook"),
        Case("answer-in-float32", b.notebook(back_propagate="""
                def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
                    x = np.asarray(x, dtype=np.float32)
                    y = np.asarray(y, dtype=np.float32)
                    w = np.asarray(w, dtype=np.float32)
                    o = np.array([out_o1, out_o2], dtype=np.float32)
                    h = np.array([out_h1, out_h2], dtype=np.float32)
                    delta_o = (o - y) * o * (1 - o)
                    delta_h = np.array([delta_o[0] * w[4] + delta_o[1] * w[5],
                                        delta_o[0] * w[6] + delta_o[1] * w[7]], dtype=np.float32) * h * (1 - h)
                    return np.array([delta_h[0] * x[0], delta_h[1] * x[0], delta_h[0] * x[1], delta_h[1] * x[1],
                                     delta_o[0] * h[0], delta_o[1] * h[0], delta_o[0] * h[1], delta_o[1] * h[1]],
                                    dtype=np.float32)
                """), _full_except(B=ANY), why="graded as the hidden check grades it in one process"),
        Case("answer-as-lists", b.notebook(update_w="""
                def update_w(w, grads, step):
                    return [w_i - step * g_i for w_i, g_i in zip(list(w), list(grads))]
                """), _full_except()),
    ]
    for module in _case_modules():
        cases.extend(module.cases(b))
    return [case for case in cases if _selected(case.student)]


def _selected(student: str) -> bool:
    """``HOSTILE_ONLY=a,b`` grades only those cases (and the good submissions): for a quick run while
    working on one attack; CI grades them all."""
    only = os.environ.get("HOSTILE_ONLY", "")
    return not only or student.startswith("good-") or student in only.split(",")


# Further attack classes, one module each, every one with ``cases(builder) -> list[Case]``.
CASE_MODULES = ("isolation_cases", "output_cases", "value_cases")


def _case_modules():
    import importlib

    return [importlib.import_module(f"tests.hostile.{name}") for name in CASE_MODULES]


def case_names() -> list[str]:
    """The students of ``build``'s cases, read from its source: a test can be
    collected before there is a course to build the files in."""
    import ast
    import inspect

    sources = [inspect.getsource(build), *(inspect.getsource(module.cases) for module in _case_modules())]
    return [node.args[0].value for source in sources for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Case"
            and node.args and isinstance(node.args[0], ast.Constant) and _selected(node.args[0].value)]


def _wrong(name: str) -> str:
    """A catalogued mistake's source, defined under its graded function's name."""
    import inspect

    from autograder.mistakes import backprop as mistakes

    function = getattr(mistakes, name)
    graded = max((g for g in GRADED if name.startswith(g)), key=len)
    return inspect.getsource(function) + f"\n\n{graded} = {function.__name__}\n"


def _delete(grade_id: str):
    def edit(notebook):
        notebook.cells.remove(cell_by_grade_id(notebook, grade_id))
    return edit


def _duplicate(answer: str, test: str):
    def edit(notebook):
        for grade_id in (answer, test):
            cell = cell_by_grade_id(notebook, grade_id)
            copy = nbformat.from_dict(cell)
            if grade_id == answer:
                copy = nbformat.from_dict({**cell, "source": cell.source.replace("return", "return 0 *", 1)})
            notebook.cells.insert(notebook.cells.index(cell), copy)
    return edit


def _rename(names: dict[str, str]):
    def edit(notebook):
        for old, new in names.items():
            cell_by_grade_id(notebook, old).metadata.nbgrader["grade_id"] = new
    return edit


def _replace_source(grade_id: str, source: str):
    def edit(notebook):
        cell_by_grade_id(notebook, grade_id).source = source
    return edit
