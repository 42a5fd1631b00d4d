"""The computational-graph exercise's hidden checks, catalogue of mistakes,
alternative correct answers and solution notebook, in process (fast)."""

from __future__ import annotations

import builtins
import dis
import inspect
import math
import re
import types
from pathlib import Path

import nbformat
import pytest

from autograder.diagnosis import CheckFailed, Mistake
from autograder.hidden import computational_graph as hidden
from autograder.mistakes import computational_graph as mistakes_module
from autograder.mistakes.computational_graph import MISTAKES
from autograder.reference import backprop as backprop_reference
from autograder.reference import computational_graph as reference

try:
    from tests.submissions import computational_graph_alternatives as alternatives_module
except ImportError:  # tests/ run as a rootdir-less folder
    from submissions import computational_graph_alternatives as alternatives_module

ALTERNATIVES = alternatives_module.ALTERNATIVES
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "solutions" / "computational_graph" / "computational_graph.ipynb"
GRADED = ("Value", "quadratic_gradients_with_values", "network_step_with_values")
VALUE_CHECKS = (hidden.check_Value_arithmetic, hidden.check_Value_functions, hidden.check_Value_backward)
FUNCTION_CHECKS = {
    "quadratic_gradients_with_values": hidden.check_quadratic_gradients_with_values,
    "network_step_with_values": hidden.check_network_step_with_values,
}
TEST_CELLS = {
    "Value": ("test_Value_arithmetic", "test_Value_functions", "test_Value_backward"),
    "quadratic_gradients_with_values": ("test_quadratic_gradients_with_values",),
    "network_step_with_values": ("test_network_step_with_values",),
}


def run_hidden_checks(part: str, implementation) -> None:
    """Every hidden check of one graded part; the first failure propagates."""
    if part == "Value":
        for check in VALUE_CHECKS:
            check(implementation)
    else:
        FUNCTION_CHECKS[part](implementation)


def global_names(code_object) -> set[str]:
    """Every global or builtin name that the code (or code nested in it) loads."""
    names: set[str] = set()
    stack = [code_object]
    while stack:
        code = stack.pop()
        for instruction in dis.get_instructions(code):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_GLOBAL", "DELETE_GLOBAL"):
                names.add(instruction.argval)
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return names


def source_names(implementation) -> set[str]:
    """The module-level names that pasting this class or function alone would need."""
    code = compile(inspect.getsource(implementation), "<pasted>", "exec")
    return global_names(code) - set(dir(builtins)) - {implementation.__name__}


def pasted(implementation):
    """The class or function as a notebook defines it from its source: only math around it."""
    namespace = {"math": math}
    exec(inspect.getsource(implementation), namespace)
    return namespace[implementation.__name__]


ALTERNATIVE_PARAMS = [
    pytest.param(part, implementation, id=implementation.__name__)
    for part, implementations in ALTERNATIVES.items()
    for implementation in implementations
]
MISTAKE_PARAMS = [pytest.param(part, mistake, id=mistake.id) for part, group in MISTAKES.items() for mistake in group]


# --------------------------------------------------------------------------
# alternative correct answers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("part, alternative", ALTERNATIVE_PARAMS)
def test_alternative_passes_its_hidden_checks(part, alternative):
    run_hidden_checks(part, alternative)


@pytest.mark.parametrize("part, alternative", ALTERNATIVE_PARAMS)
def test_alternative_pasted_alone_passes_its_hidden_checks(part, alternative):
    run_hidden_checks(part, pasted(alternative))


@pytest.mark.parametrize("engine", [reference.Value, *ALTERNATIVES["Value"]], ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    "function", ALTERNATIVES["quadratic_gradients_with_values"] + ALTERNATIVES["network_step_with_values"],
    ids=lambda f: f.__name__,
)
def test_alternative_functions_work_with_every_correct_engine(function, engine):
    # In a submission the functions run with the student's own Value (in the visible tests).
    namespace = {"math": math, "Value": engine}
    exec(inspect.getsource(function), namespace)
    if function.__name__.startswith("quadratic"):
        assert namespace[function.__name__](1.0, 2.0, 1.0, 2.0, 2.0) == pytest.approx((6.0, 6.0, 6.0), rel=1e-12)
        return
    x, y, w = reference.SEED_X, reference.SEED_Y, reference.SEED_W
    error, gradients, new_weights = namespace[function.__name__](x, y, w, reference.SEED_STEP)
    expected = reference.network_step_with_values(x, y, w, reference.SEED_STEP)
    assert error == pytest.approx(expected[0], rel=1e-12)
    assert list(gradients) == pytest.approx(expected[1], rel=1e-10)
    assert list(new_weights) == pytest.approx(expected[2], rel=1e-12)


def test_alternatives_cover_every_graded_part_three_ways():
    assert set(ALTERNATIVES) == set(GRADED)
    for part, implementations in ALTERNATIVES.items():
        assert len(implementations) >= 3, part
        assert len({i.__name__ for i in implementations}) == len(implementations), part
        for implementation in implementations:
            assert re.fullmatch(rf"{part}__[a-z0-9_]+", implementation.__name__), implementation.__name__
            assert getattr(alternatives_module, implementation.__name__) is implementation


@pytest.mark.parametrize("part, alternative", ALTERNATIVE_PARAMS)
def test_alternative_needs_only_the_notebooks_names(part, alternative):
    allowed = {"math"} if part == "Value" else {"Value"}
    assert source_names(alternative) <= allowed, sorted(source_names(alternative) - allowed)


def test_alternative_engines_differ_from_the_reference():
    reference_backward = inspect.getsource(reference.Value.backward).split(":", 1)[1]
    for engine in ALTERNATIVES["Value"]:
        assert inspect.getsource(engine.backward).split(":", 1)[1] != reference_backward, engine.__name__


# --------------------------------------------------------------------------
# the catalogue of mistakes
# --------------------------------------------------------------------------


def failures(part: str, implementation) -> list[CheckFailed]:
    """The failure of every hidden check of the part that fails."""
    checks = VALUE_CHECKS if part == "Value" else (FUNCTION_CHECKS[part],)
    found = []
    for check in checks:
        try:
            check(implementation)
        except CheckFailed as failure:
            found.append(failure)
    return found


@pytest.mark.parametrize("part, mistake", MISTAKE_PARAMS)
def test_mistake_fails_with_its_own_diagnosis_wherever_it_fails(part, mistake):
    found = failures(part, mistake.implementation)
    assert found, f"{mistake.id} passes every hidden check"
    for failure in found:
        assert failure.diagnosis == mistake.id, str(failure)
        text = str(failure)
        assert mistake.message in text and text.endswith(f"[diagnosis: {mistake.id}]")
        assert "seen with" in text, "the message should show where it was seen"


@pytest.mark.parametrize("part, mistake", MISTAKE_PARAMS)
def test_mistake_pasted_alone_is_still_diagnosed(part, mistake):
    found = failures(part, pasted(mistake.implementation))
    assert found and all(failure.diagnosis == mistake.id for failure in found)


@pytest.mark.parametrize("part, mistake", MISTAKE_PARAMS)
def test_mistake_needs_only_the_notebooks_names(part, mistake):
    allowed = {"math"} if part == "Value" else {"Value", "math"}
    assert source_names(mistake.implementation) <= allowed


def test_catalogue_has_the_issues_mistakes_and_two_per_part():
    ids = {mistake.id for group in MISTAKES.values() for mistake in group}
    assert {
        "computational_graph.overwrites-gradient",
        "computational_graph.order-not-reversed",
        "computational_graph.no-upstream-gradient",
        "computational_graph.tanh-derivative-of-input",
        "computational_graph.no-reflected-operators",
    } <= {m.id for m in MISTAKES["Value"]}
    assert set(MISTAKES) == set(GRADED)
    for part, group in MISTAKES.items():
        assert len(group) >= 2, part
        for mistake in group:
            assert isinstance(mistake, Mistake) and mistake.function == part
            # <chapter>.<slug> (CONTRIBUTING.md), so that `pytest -k computational_graph` selects it
            assert re.fullmatch(r"computational_graph\.[a-z0-9-]+", mistake.id), mistake.id
            assert mistake.message.endswith(".") and len(mistake.message) < 330, mistake.id
    assert len(ids) == sum(len(group) for group in MISTAKES.values())


def test_each_catalogued_value_mistake_is_a_class_like_a_submission():
    for mistake in MISTAKES["Value"]:
        assert inspect.isclass(mistake.implementation), mistake.id
        assert mistake.implementation.__name__.startswith("Value_")
        assert getattr(mistakes_module, mistake.implementation.__name__) is mistake.implementation


def test_mistake_module_does_not_keep_a_value_after_the_checks():
    # The function mistakes use the notebook's Value, which the checks lend them.
    for part in FUNCTION_CHECKS:
        failures(part, MISTAKES[part][0].implementation)
    assert "Value" not in vars(mistakes_module)


# --------------------------------------------------------------------------
# the reference and the hidden checks' own behaviour
# --------------------------------------------------------------------------


@pytest.mark.parametrize("part", GRADED)
def test_reference_passes_its_hidden_checks(part):
    implementation = reference.Value if part == "Value" else getattr(reference, part)
    run_hidden_checks(part, implementation)


def test_unrecognised_wrong_engine_gets_a_readable_message():
    class SigmoidSlopeOfInput(reference.Value):
        def sigmoid(self):
            out = reference.Value(1 / (1 + math.exp(-self.data)), (self,), "sigmoid")

            def _backward():
                self.grad += self.data * (1 - self.data) * out.grad

            out._backward = _backward
            return out

    with pytest.raises(CheckFailed) as info:
        hidden.check_Value_functions(SigmoidSlopeOfInput)
    text = str(info.value)
    assert info.value.diagnosis == "unrecognised"
    assert "v0.grad is 0.72" in text and "torch.autograd gives 0.7207" in text, text
    assert len(text.splitlines()) == 3, text


def test_a_crashing_engine_is_reported_as_raised():
    class NoLog(reference.Value):
        def log(self):
            raise NotImplementedError()

    with pytest.raises(CheckFailed) as info:
        hidden.check_Value_functions(NoLog)
    assert info.value.diagnosis == "raised" and "NotImplementedError" in str(info.value)


def test_grad_that_is_not_a_number_is_reported_as_wrong_type():
    # Seeding backward() with a Value makes every .grad a Value.
    source = inspect.getsource(reference.Value).replace("self.grad = 1.0", "self.grad = Value(1.0)")
    namespace = {"math": math}
    exec(source, namespace)
    with pytest.raises(CheckFailed) as info:
        hidden.check_Value_arithmetic(namespace["Value"])
    assert info.value.diagnosis == "wrong-type" and ".grad should be a plain number" in str(info.value)


def test_functions_are_graded_with_the_reference_engine_and_the_notebook_keeps_its_own():
    def engine_gradients(x, y, w1, w2, b):
        assert issubclass(Value, reference.Value), "graded with the reference engine"  # noqa: F821
        w1, w2, b = Value(w1), Value(w2), Value(b)  # noqa: F821
        loss = (w1 * x**2 + w2 * x + b - y) ** 2
        loss.backward()
        return w1.grad, w2.grad, b.grad

    notebook = {"Value": "the student's engine", "reference": reference}
    hidden.check_quadratic_gradients_with_values(types.FunctionType(engine_gradients.__code__, notebook))
    assert notebook == {"Value": "the student's engine", "reference": reference}
    without_value = {"reference": reference}
    hidden.check_quadratic_gradients_with_values(types.FunctionType(engine_gradients.__code__, without_value))
    assert without_value == {"reference": reference}


def test_a_function_that_raises_is_reported_as_raised_and_globals_are_restored():
    def broken(x, y, w, step):
        raise ZeroDivisionError("no")

    namespace = {}
    function = types.FunctionType(broken.__code__, namespace)
    with pytest.raises(CheckFailed) as info:
        hidden.check_network_step_with_values(function)
    assert info.value.diagnosis == "raised" and namespace == {}


# --------------------------------------------------------------------------
# the solution notebook
# --------------------------------------------------------------------------


def solution_namespace() -> dict:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
    answers = [c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]
    assert sorted(c.metadata["nbgrader"]["grade_id"] for c in answers) == sorted(GRADED)
    namespace: dict = {}
    exec(compile(by_id["setup"].source, "setup", "exec"), namespace)
    for cell in answers:
        assert cell.source.count("### BEGIN SOLUTION") == 1 == cell.source.count("### END SOLUTION")
        exec(compile(cell.source, cell.metadata["nbgrader"]["grade_id"], "exec"), namespace)
    return namespace


def test_solution_notebook_answers_pass_all_hidden_checks():
    namespace = solution_namespace()
    for part in GRADED:
        run_hidden_checks(part, namespace[part])


def test_solution_value_is_the_reference_without_its_drawing_label():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in notebook.cells if c.metadata["nbgrader"]["grade_id"] == "Value").source
    for name, member in vars(reference.Value).items():
        if inspect.isfunction(member) and name not in ("__init__", "__repr__"):
            assert inspect.getsource(member) in cell, name
    assert "label" not in cell


def test_unanswered_stubs_fail_every_hidden_check_with_raised():
    namespace = {"math": math}
    exec("class Value:\n    def __init__(self, data):\n        raise NotImplementedError()\n", namespace)
    for part in GRADED:
        stub = namespace["Value"]
        if part != "Value":
            exec(f"def {part}(*args):\n    raise NotImplementedError()\n", namespace)
            stub = namespace[part]
        with pytest.raises(CheckFailed) as info:
            run_hidden_checks(part, stub)
        assert info.value.diagnosis == "raised" and "NotImplementedError" in str(info.value)


HIDDEN_PART = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n", re.S)


def run_notebook(replacements: dict[str, str], visible_only: bool = False) -> dict[str, str]:
    """Execute the solution notebook's code cells in order, as nbgrader does, with some
    answer cells replaced (and, if asked, without the hidden tests, as a student runs
    it); return the error of every graded cell that failed."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    namespace: dict = {"__name__": "__main__"}
    failed = {}
    for cell in (c for c in notebook.cells if c.cell_type == "code"):
        meta = cell.metadata.get("nbgrader", {})
        source = replacements.get(meta.get("grade_id"), cell.source)
        if visible_only:
            source = HIDDEN_PART.sub("", source)
        try:
            exec(compile(source, str(meta.get("grade_id")), "exec"), namespace)
        except Exception as error:  # recorded, and the next cell runs, as in nbgrader autograde
            if meta.get("grade"):
                failed[meta["grade_id"]] = f"{type(error).__name__}: {error}"
    return failed


def submission(part: str, implementation) -> dict[str, str]:
    source = inspect.getsource(implementation)
    return {part: f"{source}\n\n{part} = {implementation.__name__}\n"}


def test_solution_notebook_passes_all_its_test_cells():
    assert run_notebook({}) == {}


@pytest.mark.parametrize("index", range(3))
def test_each_alternative_submission_passes_every_test_cell(index):
    answers = {}
    for part, implementations in ALTERNATIVES.items():
        answers.update(submission(part, implementations[index]))
    assert run_notebook(answers) == {}


@pytest.mark.parametrize("part, mistake", MISTAKE_PARAMS)
def test_mistake_submission_fails_only_its_own_test_cells_and_names_itself(part, mistake):
    failed = run_notebook(submission(part, mistake.implementation))
    assert failed, f"{mistake.id} passed the notebook"
    assert set(failed) <= set(TEST_CELLS[part]), failed
    assert any(f"[diagnosis: {mistake.id}]" in text for text in failed.values()), failed


@pytest.mark.parametrize("part, mistake", MISTAKE_PARAMS)
def test_visible_tests_alone_catch_each_wrong_answer(part, mistake):
    # What a student sees before submitting: every catalogued mistake fails a visible
    # test, except the two that compute the right numbers without the engine.
    failed = run_notebook(submission(part, mistake.implementation), visible_only=True)
    if mistake.id.endswith("-by-hand"):
        assert failed == {}
    else:
        assert failed and set(failed) <= set(TEST_CELLS[part]), failed


def test_visible_network_numbers_are_the_backprop_chapters():
    # The visible test of Part 3 types the backprop chapter's gradients; they must be its reference's.
    import numpy as np

    x, y, w = (np.array(v) for v in (backprop_reference.SEED_X, backprop_reference.SEED_Y, backprop_reference.SEED_W))
    outputs = backprop_reference.forward_propagate(x, y, w)
    expected = backprop_reference.back_propagate(x, y, w, *outputs[:4])
    source = nbformat.read(NOTEBOOK, as_version=4)
    test_cell = next(c for c in source.cells if c.metadata["nbgrader"]["grade_id"] == "test_network_step_with_values")
    typed = [float(v) for v in re.findall(r"-?0\.\d{8,}", test_cell.source)]
    assert typed[0] == pytest.approx(outputs[4], rel=1e-9)
    assert typed[1:] == pytest.approx(list(expected), rel=1e-10)
