"""Unit-level tests of the backpropagation hidden checks, the catalogue of
mistakes and the alternative correct answers (in process, fast)."""

from __future__ import annotations

import builtins
import dis
import importlib
import inspect
import pkgutil
import re
import types
from pathlib import Path

import nbformat
import numpy as np
import pytest

import autograder.mistakes
from autograder.diagnosis import CheckFailed, Mistake
from autograder.hidden import backprop as hidden
from autograder.mistakes.backprop import MISTAKES
from autograder.reference import backprop as reference
try:
    from tests.submissions import backprop_alternatives
except ImportError:  # tests/ run as a rootdir-less folder
    from submissions import backprop_alternatives

ALTERNATIVES = backprop_alternatives.ALTERNATIVES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "solutions" / "backprop" / "backprop.ipynb"
GRADED = ("quadratic_gradients", "forward_propagate", "back_propagate", "update_w")
NOTEBOOK_SIGMOID = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"


def run_hidden_check(function_name: str, implementation, forward_propagate=reference.forward_propagate) -> None:
    if function_name == "back_propagate":
        hidden.check_back_propagate(implementation, forward_propagate)
    else:
        getattr(hidden, f"check_{function_name}")(implementation)


def global_names(function) -> set[str]:
    """Every global (module-level or builtin) name the function's code loads."""
    names: set[str] = set()
    stack = [function.__code__]
    while stack:
        code = stack.pop()
        for instruction in dis.get_instructions(code):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_GLOBAL", "DELETE_GLOBAL"):
                names.add(instruction.argval)
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return names


def pasted(function):
    """The function as a notebook would define it from its source: only np and sigmoid around it."""
    namespace = {"np": np}
    exec(NOTEBOOK_SIGMOID, namespace)
    exec(inspect.getsource(function), namespace)
    return namespace[function.__name__]


ALTERNATIVE_PARAMS = [
    pytest.param(name, function, id=function.__name__) for name, functions in ALTERNATIVES.items() for function in functions
]
MISTAKE_PARAMS = [pytest.param(name, mistake, id=mistake.id) for name, group in MISTAKES.items() for mistake in group]


# --------------------------------------------------------------------------
# alternative correct answers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_passes_its_hidden_check(function_name, alternative):
    run_hidden_check(function_name, alternative)


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_pasted_alone_passes_its_hidden_check(function_name, alternative):
    run_hidden_check(function_name, pasted(alternative))


@pytest.mark.parametrize("forward", ALTERNATIVES["forward_propagate"], ids=lambda f: f.__name__)
@pytest.mark.parametrize("backward", ALTERNATIVES["back_propagate"], ids=lambda f: f.__name__)
def test_alternative_back_propagate_agrees_with_alternative_forward(backward, forward):
    # The numerical-gradient part of the check uses the student's own forward pass.
    hidden.check_back_propagate(backward, forward)


def test_alternatives_cover_every_graded_function_three_ways():
    assert set(ALTERNATIVES) == set(GRADED)
    for name, functions in ALTERNATIVES.items():
        assert len(functions) >= 3, name
        assert len({f.__name__ for f in functions}) == len(functions), name
        for function in functions:
            assert re.fullmatch(rf"{name}__[a-z0-9_]+", function.__name__), function.__name__
            assert function.__module__ == backprop_alternatives.__name__
            assert getattr(backprop_alternatives, function.__name__) is function


def test_alternatives_module_has_only_allowed_top_level_names():
    module_names = {n for n in vars(backprop_alternatives) if not n.startswith("__")}
    graded_functions = {f.__name__ for functions in ALTERNATIVES.values() for f in functions}
    assert module_names == graded_functions | {"np", "sigmoid", "ALTERNATIVES"}
    assert backprop_alternatives.np is np
    assert inspect.getsource(backprop_alternatives.sigmoid) == NOTEBOOK_SIGMOID


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_uses_only_np_and_sigmoid(function_name, alternative):
    unknown = global_names(alternative) - {"np", "sigmoid"} - set(dir(builtins))
    assert not unknown, f"{alternative.__name__} uses module-level names {sorted(unknown)}"


def test_alternatives_are_distinct_from_the_reference_source():
    reference_bodies = {
        name: inspect.getsource(getattr(reference, name)).split(":", 1)[1] for name in GRADED
    }
    for name, functions in ALTERNATIVES.items():
        for function in functions:
            body = inspect.getsource(function).split(":", 1)[1]
            assert body != reference_bodies[name], function.__name__


# --------------------------------------------------------------------------
# the catalogue of mistakes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_fails_its_hidden_check_with_its_own_diagnosis(function_name, mistake):
    with pytest.raises(CheckFailed) as info:
        run_hidden_check(function_name, mistake.implementation)
    assert info.value.diagnosis == mistake.id, str(info.value)
    assert mistake.message in str(info.value)
    assert str(info.value).endswith(f"[diagnosis: {mistake.id}]")


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_pasted_alone_is_still_diagnosed(function_name, mistake):
    with pytest.raises(CheckFailed) as info:
        run_hidden_check(function_name, pasted(mistake.implementation))
    assert info.value.diagnosis == mistake.id


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_uses_only_np_and_sigmoid(function_name, mistake):
    unknown = global_names(mistake.implementation) - {"np", "sigmoid"} - set(dir(builtins))
    assert not unknown, f"{mistake.id} uses module-level names {sorted(unknown)}"


@pytest.mark.parametrize("function_name", GRADED)
def test_reference_passes_its_hidden_check(function_name):
    run_hidden_check(function_name, getattr(reference, function_name))


def all_catalogues() -> dict[str, dict[str, tuple[Mistake, ...]]]:
    found = {}
    for info in pkgutil.iter_modules(autograder.mistakes.__path__):
        module = importlib.import_module(f"autograder.mistakes.{info.name}")
        if hasattr(module, "MISTAKES"):
            found[info.name] = module.MISTAKES
    return found


def test_every_catalogue_has_at_least_two_mistakes_per_function():
    catalogues = all_catalogues()
    assert "backprop" in catalogues
    assert set(catalogues["backprop"]) == set(GRADED)
    ids = []
    for module_name, mistakes in catalogues.items():
        for function_name, group in mistakes.items():
            assert len(group) >= 2, f"{module_name}: {function_name} has {len(group)} mistake(s)"
            for mistake in group:
                assert isinstance(mistake, Mistake) and mistake.function == function_name
                assert re.fullmatch(r"[a-z0-9_-]+(\.[a-z0-9-]+)+", mistake.id), mistake.id
                assert mistake.message.strip() and callable(mistake.implementation)
                ids.append(mistake.id)
    assert len(ids) == len(set(ids)), "mistake ids must be unique"
    assert "unrecognised" not in ids and "raised" not in ids and "wrong-type" not in ids


def test_backprop_catalogue_has_the_chapters_mistakes():
    ids = {mistake.id for group in MISTAKES.values() for mistake in group}
    for required in (
        "backprop.seed-hidden-layer",
        "backprop.sign-error",
        "backprop.no-sigmoid-derivative",
        "backprop.update-in-place",
    ):
        assert required in ids
    assert any("swapped-w2-w3" in mistake_id for mistake_id in ids)
    assert {m.id for m in MISTAKES["back_propagate"]} >= {
        "backprop.seed-hidden-layer",
        "backprop.sign-error",
        "backprop.no-sigmoid-derivative",
    }
    assert "backprop.update-in-place" in {m.id for m in MISTAKES["update_w"]}


# --------------------------------------------------------------------------
# the solution notebook
# --------------------------------------------------------------------------


def notebook_solutions() -> dict:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    setup = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"]
    answers = [
        c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
    ]
    assert len(setup) == 1
    assert sorted(c.metadata["nbgrader"]["grade_id"] for c in answers) == sorted(GRADED)
    namespace: dict = {}
    exec(compile(setup[0].source, "setup", "exec"), namespace)
    for cell in answers:
        source = cell.source
        assert source.count("### BEGIN SOLUTION") == 1 and source.count("### END SOLUTION") == 1
        head, rest = source.split("### BEGIN SOLUTION")
        solution, tail = rest.split("### END SOLUTION")
        assert solution.strip() and not tail.strip(), cell.metadata["nbgrader"]["grade_id"]
        exec(compile(source, cell.metadata["nbgrader"]["grade_id"], "exec"), namespace)
    return namespace


def test_solution_notebook_answers_pass_all_hidden_checks():
    namespace = notebook_solutions()
    hidden.check_quadratic_gradients(namespace["quadratic_gradients"])
    hidden.check_forward_propagate(namespace["forward_propagate"])
    hidden.check_back_propagate(namespace["back_propagate"], namespace["forward_propagate"])
    hidden.check_update_w(namespace["update_w"])


def test_unanswered_stubs_fail_the_hidden_checks_with_raised():
    # Guards the previous test: stubs like the released notebook's, in the same
    # namespace, fail every check with "raised".
    namespace = notebook_solutions()
    released: dict = {"np": np, "sigmoid": namespace["sigmoid"]}
    for name in GRADED:
        exec(f"def {name}(*args):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n", released)
        with pytest.raises(CheckFailed) as info:
            run_hidden_check(name, released[name], namespace["forward_propagate"])
        assert info.value.diagnosis == "raised" and "NotImplementedError" in str(info.value)


def run_notebook_until_last_graded_cell(replacements: dict) -> dict:
    """Execute the solution notebook's code cells in order (answers, visible and hidden
    tests), with some answer cells replaced by other source; stop after the last graded
    cell (the plotting cell after it is not graded)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    last_graded = max(i for i, c in enumerate(code_cells) if c.metadata.get("nbgrader", {}).get("grade"))
    namespace: dict = {"__name__": "__main__"}
    for cell in code_cells[: last_graded + 1]:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        source = replacements.get(grade_id, cell.source)
        exec(compile(source, str(grade_id), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_passes_the_notebooks_own_test_cells(function_name, alternative):
    # Any failing assert or hidden check in a test cell raises out of exec.
    source = f"{inspect.getsource(alternative)}\n\n{function_name} = {alternative.__name__}\n"
    namespace = run_notebook_until_last_graded_cell({function_name: source})
    assert namespace[function_name].__name__ == alternative.__name__


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_fails_the_notebooks_test_cells(function_name, mistake):
    # Guards the previous test: the same run fails when the answer is wrong.
    source = f"{inspect.getsource(mistake.implementation)}\n\n{function_name} = {mistake.implementation.__name__}\n"
    with pytest.raises(AssertionError):
        run_notebook_until_last_graded_cell({function_name: source})


@pytest.mark.parametrize("forward", ALTERNATIVES["forward_propagate"], ids=lambda f: f.__name__)
@pytest.mark.parametrize("backward", ALTERNATIVES["back_propagate"], ids=lambda f: f.__name__)
def test_alternatives_train_together_like_the_reference(backward, forward):
    # The notebook's training loop, with every update_w alternative feeding its own
    # return type (list, tuple, array) back into the next iteration.
    x, y = np.array(reference.SEED_X), np.array(reference.SEED_Y)
    expected, _ = reference.train(x, y, np.array(reference.SEED_W), reference.SEED_STEP, reference.SEED_ITERATIONS)
    for update_w in ALTERNATIVES["update_w"]:
        weights = np.array(reference.SEED_W)
        losses = []
        for _ in range(reference.SEED_ITERATIONS):
            out_o1, out_o2, out_h1, out_h2, error = forward(x, y, weights)
            losses.append(error)
            grads = backward(x, y, weights, out_o1, out_o2, out_h1, out_h2)
            weights = update_w(weights, grads, reference.SEED_STEP)
        np.testing.assert_allclose(losses, expected, rtol=1e-9, err_msg=update_w.__name__)
