"""The ex4 network exercise in process: the hidden checks against the catalogue of
mistakes and the alternative correct answers, and the solution notebook's cells."""

from __future__ import annotations

import builtins
import dis
import inspect
import re
import types
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder import checking
from autograder.data import ex4 as data
from autograder.diagnosis import CheckFailed, Mistake
from autograder.hidden import ex4_network as hidden
from autograder.mistakes.ex4_network import MISTAKES
from autograder.reference import ex4_network as reference

try:
    from tests.submissions import ex4_network_alternatives
except ImportError:  # tests/ run as a rootdir-less folder
    from submissions import ex4_network_alternatives

ALTERNATIVES = ex4_network_alternatives.ALTERNATIVES
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "solutions" / "ex4_network" / "ex4_network.ipynb"
RELEASE = ROOT / "exercises" / "ex4_network" / "ex4_network.ipynb"
GRADED = hidden.GRADED
SETUP_NAMES = {"np", "assert_close", "numerical_gradient", "relative_error", "load_ex4_digits",
               "train_test_split_ex4", "PASSED_TESTS", "ready"}


def run_hidden_check(function_name: str, implementation, cost=reference.cost) -> None:
    if function_name == "gradient":
        hidden.check_gradient(implementation, cost)
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


def notebook_namespace() -> dict:
    """What a notebook holds around a pasted answer: np, the setup's helpers, the reference's answers."""
    namespace = {"np": np, "numerical_gradient": checking.numerical_gradient, "EX4_SIZES": reference.EX4_SIZES}
    namespace.update({name: getattr(reference, name) for name in GRADED})
    return namespace


def pasted(function):
    namespace = notebook_namespace()
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


@pytest.mark.parametrize("alternative", ALTERNATIVES["cost"], ids=lambda f: f.__name__)
def test_gradient_check_against_each_alternative_cost(alternative):
    # The numerical part of check_gradient differentiates the student's own cost.
    hidden.check_gradient(reference.gradient, alternative)


def test_alternatives_cover_every_graded_function_three_ways():
    assert set(ALTERNATIVES) == set(GRADED)
    for name, functions in ALTERNATIVES.items():
        assert len(functions) >= 3, name
        assert len({f.__name__ for f in functions}) == len(functions), name
        for function in functions:
            assert re.fullmatch(rf"{name}__[a-z0-9_]+", function.__name__), function.__name__
            assert function.__module__ == ex4_network_alternatives.__name__
            assert getattr(ex4_network_alternatives, function.__name__) is function


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_uses_only_the_notebooks_names(function_name, alternative):
    unknown = global_names(alternative) - SETUP_NAMES - set(GRADED) - set(dir(builtins))
    assert not unknown, f"{alternative.__name__} uses module-level names {sorted(unknown)}"
    assert function_name not in global_names(alternative), "an answer may not call itself through the notebook"


def test_alternatives_are_distinct_from_the_reference_source():
    for name, functions in ALTERNATIVES.items():
        reference_body = inspect.getsource(getattr(reference, name)).split(":", 1)[1]
        for function in functions:
            assert inspect.getsource(function).split(":", 1)[1] != reference_body, function.__name__


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
def test_mistake_pasted_alone_is_diagnosed_the_same(function_name, mistake):
    with pytest.raises(CheckFailed) as info:
        run_hidden_check(function_name, pasted(mistake.implementation))
    assert info.value.diagnosis == mistake.id, str(info.value)


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_uses_only_the_notebooks_names(function_name, mistake):
    unknown = global_names(mistake.implementation) - SETUP_NAMES - set(GRADED) - set(dir(builtins))
    assert not unknown, f"{mistake.id} uses module-level names {sorted(unknown)}"


@pytest.mark.parametrize("function_name", GRADED)
def test_reference_passes_its_hidden_check(function_name):
    run_hidden_check(function_name, getattr(reference, function_name))


def test_catalogue_covers_every_function_and_the_issues_mistakes():
    assert set(MISTAKES) == set(GRADED)
    ids = [mistake.id for group in MISTAKES.values() for mistake in group]
    assert len(ids) == len(set(ids)) >= 8
    for name, group in MISTAKES.items():
        assert len(group) >= 2, name
        for mistake in group:
            assert isinstance(mistake, Mistake) and mistake.function == name
            assert re.fullmatch(r"ex4_network\.[a-z0-9-]+\.[a-z0-9-]+", mistake.id), mistake.id
            assert mistake.id.split(".")[1] == name.replace("_", "-")
            assert 40 < len(mistake.message) < 400, mistake.id
    for required in (
        "ex4_network.regularized-cost.lambda-ignored",
        "ex4_network.regularized-gradient.lambda-ignored",
        "ex4_network.regularized-cost.bias-regularized",
        "ex4_network.regularized-gradient.bias-regularized",
        "ex4_network.regularized-gradient.mutates-theta",
        "ex4_network.gradient.not-averaged",
        "ex4_network.expand-y.off-by-one",
        "ex4_network.gradient.activation-derivative",
        "ex4_network.deserialize.transposed",
        "ex4_network.gradient.transposed",
        "ex4_network.feed-forward.no-hidden-bias",
        "ex4_network.feed-forward.no-input-bias",
        "ex4_network.cost.unstable-log",
    ):
        assert required in ids


def test_unanswered_stubs_fail_every_check_with_raised():
    for name in GRADED:
        namespace = notebook_namespace()
        exec(f"def {name}(*args, **kwargs):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n", namespace)
        with pytest.raises(CheckFailed) as info:
            run_hidden_check(name, namespace[name])
        assert info.value.diagnosis == "raised" and "NotImplementedError" in str(info.value), name


def test_one_wrong_function_costs_only_its_own_check():
    # A wrong sigmoid in the namespace does not fail the checks of the functions that call it.
    namespace = notebook_namespace()
    namespace["sigmoid"] = MISTAKES["sigmoid"][0].implementation
    exec(inspect.getsource(reference.feed_forward), namespace)
    exec(inspect.getsource(reference.cost), namespace)
    hidden.check_feed_forward(namespace["feed_forward"])
    hidden.check_cost(namespace["cost"])
    with pytest.raises(CheckFailed):
        hidden.check_sigmoid(namespace["sigmoid"])


def test_cost_that_is_nan_at_saturation_is_explained_even_when_not_catalogued():
    namespace = notebook_namespace()
    exec(
        "def regularized_cost(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):\n"
        "    theta1, theta2 = deserialize(theta, sizes)\n"
        "    h = feed_forward(theta, X, sizes)[4]\n"
        "    m = X.shape[0]\n"
        "    data_term = np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / m\n"
        "    return data_term + lambda_ / (2 * m) * (np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2))\n",
        namespace,
    )
    with pytest.raises(CheckFailed) as info:
        hidden.check_regularized_cost(namespace["regularized_cost"])
    assert info.value.diagnosis == "unrecognised"
    assert "saturate" in str(info.value) and "np.logaddexp(0, z3)" in str(info.value)


def test_gradient_checking_that_misses_a_wrong_gradient_is_told_so():
    def always_tiny(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
        return 1e-12

    with pytest.raises(CheckFailed) as info:
        hidden.check_gradient_checking(always_tiny)
    message = str(info.value)
    assert info.value.diagnosis == "unrecognised"
    assert "wrong on purpose" in message and "a value below 1e-07" in message


def test_gradient_checking_that_alarms_on_a_right_gradient_is_told_so():
    def always_large(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
        return 0.5

    with pytest.raises(CheckFailed, match="below 1e-07, because the gradient is right"):
        hidden.check_gradient_checking(always_large)


def test_random_init_problems_are_named_even_when_not_catalogued():
    def two_matrices(sizes=(400, 25, 10), rng=None):
        return np.zeros((25, 401)), np.zeros((10, 26))

    def too_wide(sizes=(400, 25, 10), rng=None):
        rng = np.random.default_rng() if rng is None else rng
        return rng.uniform(-1, 1, 10285)

    with pytest.raises(CheckFailed, match="one flat vector of 10285"):
        hidden.check_random_init(two_matrices)
    with pytest.raises(CheckFailed, match=r"Theta1 has weights outside \[-0.1188, 0.1188\]"):
        hidden.check_random_init(too_wide)


def test_training_check_reports_its_budget_and_accuracy(monkeypatch):
    def no_step(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
        return np.zeros_like(theta)

    with pytest.raises(CheckFailed) as info:
        hidden._check_training(no_step)
    message = str(info.value)
    assert "training accuracy" in message and "at least 95%" in message and "budget of 30 s" in message
    monkeypatch.setattr(hidden, "TRAINING_BUDGET_SECONDS", 0.0)
    with pytest.raises(CheckFailed, match="ran out of time"):
        hidden._check_training(reference.regularized_gradient)


# --------------------------------------------------------------------------
# the solution notebook
# --------------------------------------------------------------------------


def graded_cells(notebook):
    return [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]


def test_notebook_has_one_answer_and_one_test_cell_per_function():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    answers = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.metadata["nbgrader"]["grade_id"] for c in answers] == list(GRADED)
    tests = graded_cells(notebook)
    assert [c.metadata["nbgrader"]["grade_id"] for c in tests] == [f"test_{name}" for name in GRADED]
    for cell in notebook.cells:
        meta = cell.metadata["nbgrader"]
        assert meta["schema_version"] == 3
        assert meta["locked"] == (not meta["solution"])
    for cell, name in zip(tests, GRADED):
        source = cell.source
        assert cell.metadata["nbgrader"]["points"] > 0
        assert source.startswith(f"### BEGIN HIDDEN TESTS\nfrom autograder.hidden.ex4_network import check_{name}\n")
        assert f'PASSED_TESTS.add("{name}")' in source and f'print("{name} looks right.")' in source
    for cell in answers:
        head, rest = cell.source.split("### BEGIN SOLUTION")
        solution, tail = rest.split("### END SOLUTION")
        assert head.startswith(f"def {cell.metadata['nbgrader']['grade_id']}(") and solution.strip() and not tail.strip()


def test_release_has_stubs_and_no_outputs():
    release = nbformat.read(RELEASE, as_version=4)
    for cell in release.cells:
        if cell.cell_type == "code":
            assert not cell.outputs
            if cell.metadata["nbgrader"].get("solution"):
                assert "raise NotImplementedError()" in cell.source


def secret_lines() -> set[str]:
    """Distinctive lines of the instructor's code, as the student-kit test defines them."""
    def distinctive(line: str) -> bool:
        stripped = line.strip()
        return (
            len(stripped) > 25
            and not stripped.startswith(("#", "import ", "from ", '"""', "def ", "return ", "raise "))
            and not stripped.endswith(('"""', ","))
            and ("=" in stripped or "(" in stripped)
        )

    sources = [
        (ROOT / "autograder" / "reference" / "ex4_network.py").read_text(),
        (ROOT / "autograder" / "mistakes" / "ex4_network.py").read_text(),
    ]
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.metadata["nbgrader"].get("solution"):
            sources.append("\n".join(cell.source.splitlines()[1:]))
    return {line.strip() for source in sources for line in source.splitlines() if distinctive(line)}


def test_what_students_get_holds_no_line_of_the_answers():
    shipped = [RELEASE.read_text(), Path(data.__file__).read_text()]
    leaked = sorted(line for line in secret_lines() for text in shipped if line in text)
    assert not leaked, leaked[:5]


def notebook_code_cells():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    return [c for c in notebook.cells if c.cell_type == "code" and c.metadata["nbgrader"]["grade_id"] != "training"]


def run_notebook(replacements: dict) -> dict[str, BaseException | None]:
    """Run the solution notebook's cells in order, some answers replaced, as the
    autograder would: a failing cell is recorded and the next one runs."""
    namespace: dict = {"__name__": "__main__"}
    outcome = {}
    for cell in notebook_code_cells():
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        try:
            exec(compile(replacements.get(grade_id, cell.source), grade_id, "exec"), namespace)
            outcome[grade_id] = None
        except Exception as error:  # noqa: BLE001 - the record is the point
            outcome[grade_id] = error
    return outcome


@pytest.fixture
def no_training(monkeypatch):
    # The training part of check_regularized_gradient is tested above; here it would
    # only repeat the same second for every submission.
    monkeypatch.setattr(hidden, "_check_training", lambda regularized_gradient: None)


def test_solution_notebook_passes_every_cell():
    outcome = run_notebook({})
    assert {cell: error for cell, error in outcome.items() if error is not None} == {}


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_passes_the_notebooks_cells(no_training, function_name, alternative):
    source = f"{inspect.getsource(alternative)}\n\n{function_name} = {alternative.__name__}\n"
    outcome = run_notebook({function_name: source})
    assert {cell: error for cell, error in outcome.items() if error is not None} == {}


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_fails_only_its_own_test_cell(no_training, function_name, mistake):
    source = f"{inspect.getsource(mistake.implementation)}\n\n{function_name} = {mistake.implementation.__name__}\n"
    outcome = run_notebook({function_name: source})
    failed = {cell for cell, error in outcome.items() if error is not None}
    assert failed == {f"test_{function_name}"}, {cell: str(outcome[cell])[:300] for cell in failed}
    assert isinstance(outcome[f"test_{function_name}"], CheckFailed)


@pytest.mark.parametrize("function_name", GRADED)
def test_visible_part_of_each_test_cell_fails_for_a_mistake(function_name):
    # With the hidden part removed, as in the student's copy, the visible checks alone
    # catch the first catalogued mistake of each function (when its inputs are ready).
    visible = {
        cell.metadata["nbgrader"]["grade_id"]: re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n", "", cell.source, flags=re.S)
        for cell in notebook_code_cells()
        if cell.metadata["nbgrader"].get("grade")
    }
    mistake = MISTAKES[function_name][0]
    source = f"{inspect.getsource(mistake.implementation)}\n\n{function_name} = {mistake.implementation.__name__}\n"
    outcome = run_notebook({function_name: source, **visible})
    assert isinstance(outcome[f"test_{function_name}"], AssertionError), mistake.id
