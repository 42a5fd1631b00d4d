"""Unit-level tests of the gradient descent hidden checks, the catalogue of mistakes,
the alternative correct answers and the exercise notebook (in process, fast)."""

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

from autograder.diagnosis import CheckFailed
from autograder.hidden import gradient_descent as hidden
from autograder.mistakes import gradient_descent as mistakes_module
from autograder.mistakes.gradient_descent import MISTAKES
from autograder.reference import gradient_descent as reference

try:
    from tests.submissions import gradient_descent_alternatives
except ImportError:  # tests/ run as a rootdir-less folder
    from submissions import gradient_descent_alternatives

ALTERNATIVES = gradient_descent_alternatives.ALTERNATIVES

ROOT = Path(__file__).resolve().parents[1]
NAME = "gradient_descent"
NOTEBOOK = ROOT / "solutions" / NAME / f"{NAME}.ipynb"
RELEASE = ROOT / "exercises" / NAME / f"{NAME}.ipynb"
GRADED = ("mse_loss", "mse_gradient", "gradient_step", "minibatch_indices", "train")
HELPERS = ("mse_loss", "mse_gradient", "gradient_step", "minibatch_indices")


def run_hidden_check(function_name: str, implementation) -> None:
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


def allowed_globals(function_name: str) -> set[str]:
    """What a pasted answer may use: np, and for the training loop the four helpers."""
    return {"np", *HELPERS} if function_name == "train" else {"np"}


def pasted(function, helpers=None):
    """The function as a notebook would define it from its source, with np and the helpers around it."""
    namespace = {"np": np, **{name: getattr(reference, name) for name in HELPERS}, **(helpers or {})}
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


@pytest.mark.parametrize("train", ALTERNATIVES["train"], ids=lambda f: f.__name__)
def test_alternative_loops_agree_with_every_alternative_helper(train):
    # In a submission the loop runs with the student's own helpers, whichever way they are written.
    X, y = np.random.default_rng(5).normal(0, 1, (11, 3)), np.random.default_rng(6).normal(0, 1, 11)
    expected = reference.train(X, y, np.ones(3), 0.5, 0.05, 3, 4, np.random.default_rng(7))
    for index in range(4):
        helpers = {name: ALTERNATIVES[name][index] for name in HELPERS}
        w, b, losses = pasted(train, helpers)(X, y, np.ones(3), 0.5, 0.05, 3, 4, np.random.default_rng(7))
        np.testing.assert_allclose(w, expected[0], rtol=1e-12)
        np.testing.assert_allclose(b, expected[1], rtol=1e-12)
        np.testing.assert_allclose(losses, expected[2], rtol=1e-12)


def test_alternatives_cover_every_graded_function_three_ways():
    assert set(ALTERNATIVES) == set(GRADED)
    for name, functions in ALTERNATIVES.items():
        assert len(functions) >= 3, name
        assert len({f.__name__ for f in functions}) == len(functions), name
        for function in functions:
            assert re.fullmatch(rf"{name}__[a-z0-9_]+", function.__name__), function.__name__
            assert function.__module__ == gradient_descent_alternatives.__name__
            assert getattr(gradient_descent_alternatives, function.__name__) is function


def test_alternatives_module_has_only_allowed_top_level_names():
    module_names = {n for n in vars(gradient_descent_alternatives) if not n.startswith("__")}
    graded_functions = {f.__name__ for functions in ALTERNATIVES.values() for f in functions}
    assert module_names == graded_functions | {"np", "ALTERNATIVES", *HELPERS}
    for name in HELPERS:
        assert getattr(gradient_descent_alternatives, name) is getattr(reference, name)


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_uses_only_the_notebooks_names(function_name, alternative):
    unknown = global_names(alternative) - allowed_globals(function_name) - set(dir(builtins))
    assert not unknown, f"{alternative.__name__} uses module-level names {sorted(unknown)}"


def test_alternatives_are_distinct_from_the_reference_source():
    reference_bodies = {name: inspect.getsource(getattr(reference, name)).split('"""')[-1] for name in GRADED}
    for name, functions in ALTERNATIVES.items():
        for function in functions:
            body = inspect.getsource(function).split(":", 1)[1]
            assert body.strip() != reference_bodies[name].strip(), function.__name__


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
def test_mistake_uses_only_the_notebooks_names(function_name, mistake):
    unknown = global_names(mistake.implementation) - allowed_globals(function_name) - set(dir(builtins))
    assert not unknown, f"{mistake.id} uses module-level names {sorted(unknown)}"


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_is_named_and_its_message_is_short(function_name, mistake):
    # The message is read in the feedback: two or three lines.
    assert mistake.function == function_name
    assert mistake.id.startswith("gradient_descent.")
    assert 40 < len(mistake.message) < 330, len(mistake.message)


@pytest.mark.parametrize("function_name", GRADED)
def test_reference_passes_its_hidden_check(function_name):
    run_hidden_check(function_name, getattr(reference, function_name))


def test_catalogue_has_the_issues_mistakes():
    ids = {mistake.id for group in MISTAKES.values() for mistake in group}
    assert len(ids) >= 5
    required = {
        "mse_gradient": {"gradient_descent.gradient-summed", "gradient_descent.bias-gradient-forgotten"},
        "minibatch_indices": {"gradient_descent.sampled-with-replacement", "gradient_descent.last-batch-dropped"},
        "train": {"gradient_descent.inputs-shuffled-not-targets"},
    }
    for function_name, expected in required.items():
        assert expected <= {m.id for m in MISTAKES[function_name]}
    assert set(MISTAKES) == set(GRADED)
    for function_name, group in MISTAKES.items():
        assert len(group) >= 2, function_name


def test_summed_gradient_is_n_times_the_mean_one():
    # The catalogue's "sum instead of mean" is the same direction with an n times longer step.
    X, y, w, b = next(hidden._problems(seed=3))
    dw_sum, db_sum = mistakes_module.mse_gradient_summed(X, y, w, b)
    dw, db = reference.mse_gradient(X, y, w, b)
    np.testing.assert_allclose(dw_sum, len(y) * dw, rtol=1e-12)
    np.testing.assert_allclose(db_sum, len(y) * db, rtol=1e-12)


def test_dropping_the_last_batch_leaves_samples_unused():
    batches = list(mistakes_module.minibatch_indices_drop_last(10, 4, np.random.default_rng(0)))
    assert [len(batch) for batch in batches] == [4, 4]
    kept = list(reference.minibatch_indices(10, 4, np.random.default_rng(0)))
    assert [len(batch) for batch in kept] == [4, 4, 2]


# --------------------------------------------------------------------------
# the hidden check of train grades the loop alone
# --------------------------------------------------------------------------


WRONG_HELPERS = {
    "mse_loss": mistakes_module.mse_loss_summed,
    "mse_gradient": mistakes_module.mse_gradient_bias_forgotten,
    "gradient_step": mistakes_module.gradient_step_ascends,
    "minibatch_indices": mistakes_module.minibatch_indices_drop_last,
}


def test_train_check_uses_the_reference_helpers_and_restores_the_students():
    namespace = {"np": np, **WRONG_HELPERS}
    exec(inspect.getsource(reference.train), namespace)
    hidden.check_train(namespace["train"])  # passes although every helper is wrong
    assert {name: namespace[name] for name in HELPERS} == WRONG_HELPERS


def test_train_check_removes_helpers_that_the_student_never_defined():
    namespace = {"np": np}
    exec(inspect.getsource(reference.train), namespace)
    hidden.check_train(namespace["train"])
    assert not set(HELPERS) & set(namespace)


def test_train_check_restores_the_helpers_when_it_fails():
    namespace = {"np": np, **WRONG_HELPERS}
    exec(inspect.getsource(mistakes_module.train_shuffles_once), namespace)
    with pytest.raises(CheckFailed) as info:
        hidden.check_train(namespace["train_shuffles_once"])
    assert info.value.diagnosis == "gradient_descent.shuffled-once"
    assert {name: namespace[name] for name in HELPERS} == WRONG_HELPERS


def test_train_check_counts_updates_and_compares_with_torch():
    # A loop that is right on the small cases but stops one epoch early on long runs
    # is caught by the update count of the sources' example.
    def train_stops_early(X, y, w0, b0, lr, epochs, batch_size, rng):
        return reference.train(X, y, w0, b0, lr, epochs if epochs < 10 else epochs - 1, batch_size, rng)

    with pytest.raises(CheckFailed) as info:
        hidden.check_train(train_stops_early)
    assert info.value.diagnosis == "update-count" and "should make 50 updates" in str(info.value)


def test_train_check_compares_with_torch():
    # A loop that agrees with the reference on the graded cases but not on the torch case.
    def train_off_for_six(X, y, w0, b0, lr, epochs, batch_size, rng):
        w, b, losses = reference.train(X, y, w0, b0, lr, epochs, batch_size, rng)
        return w, b + (1e-3 if batch_size == 6 else 0.0), losses

    with pytest.raises(CheckFailed) as info:
        hidden.check_train(train_off_for_six)
    assert info.value.diagnosis == "torch-trajectory"


def test_train_check_measures_the_distance_to_least_squares():
    def train_that_forgets_the_last_epochs(X, y, w0, b0, lr, epochs, batch_size, rng):
        if epochs == 60:  # the least-squares runs only
            return reference.train(X, y, w0, b0, lr, 2, batch_size, rng)
        return reference.train(X, y, w0, b0, lr, epochs, batch_size, rng)

    with pytest.raises(CheckFailed) as info:
        hidden.check_train(train_that_forgets_the_last_epochs)
    assert info.value.diagnosis == "least-squares" and "lstsq" in str(info.value)


def test_torch_trajectory_matches_the_reference_in_float64():
    X, y = hidden._regression(3, 17, 4)
    for batch_size in (17, 1, 5):
        w_t, b_t, losses_t = hidden.torch_trajectory(X, y, np.zeros(4), 0.2, 0.03, 3, batch_size, np.random.default_rng(4))
        w, b, losses = reference.train(X, y, np.zeros(4), 0.2, 0.03, 3, batch_size, np.random.default_rng(4))
        np.testing.assert_allclose(losses_t, losses, rtol=1e-10)
        np.testing.assert_allclose(np.append(w_t, b_t), np.append(w, b), rtol=1e-10, atol=1e-12)


def test_wrong_return_shapes_are_reported_not_crashed():
    with pytest.raises(CheckFailed) as info:
        hidden.check_train(lambda X, y, w0, b0, lr, epochs, batch_size, rng: [0.0])
    assert info.value.diagnosis == "wrong-type" and "(w, b, losses)" in str(info.value)
    with pytest.raises(CheckFailed) as info:
        hidden.check_gradient_step(lambda w, b, dw, db, lr: w - lr * dw)
    assert info.value.diagnosis == "wrong-type"
    with pytest.raises(CheckFailed) as info:
        hidden.check_minibatch_indices(lambda n, size, rng: [rng.permutation(n).astype(float)])
    assert info.value.diagnosis == "wrong-type" and "integers" in str(info.value)


def test_minibatch_check_notices_an_extra_draw_from_the_generator():
    def draws_twice(n_samples, batch_size, rng):
        rng.random()  # an extra draw shifts every later epoch's permutation
        return reference.minibatch_indices(n_samples, batch_size, rng)

    with pytest.raises(CheckFailed):
        hidden.check_minibatch_indices(draws_twice)


# --------------------------------------------------------------------------
# the solution notebook and its release
# --------------------------------------------------------------------------


def notebook_cells():
    return [c for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]


def notebook_solutions() -> dict:
    cells = notebook_cells()
    setup = [c for c in cells if c.metadata["nbgrader"]["grade_id"] == "setup"]
    answers = [c for c in cells if c.metadata["nbgrader"].get("solution")]
    assert len(setup) == 1
    assert [c.metadata["nbgrader"]["grade_id"] for c in answers] == list(GRADED)
    namespace: dict = {}
    exec(compile(setup[0].source, "setup", "exec"), namespace)
    for cell in answers:
        source = cell.source
        assert source.count("### BEGIN SOLUTION") == 1 and source.count("### END SOLUTION") == 1
        _, rest = source.split("### BEGIN SOLUTION")
        solution, tail = rest.split("### END SOLUTION")
        assert solution.strip() and not tail.strip(), cell.metadata["nbgrader"]["grade_id"]
        exec(compile(source, cell.metadata["nbgrader"]["grade_id"], "exec"), namespace)
    return namespace


def test_notebook_metadata_follows_the_conventions():
    points = {}
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        grading = cell.metadata["nbgrader"]
        assert grading["schema_version"] == 3 and cell.id == grading["grade_id"]
        if grading["solution"]:
            assert not grading["locked"] and grading["grade_id"] in GRADED
        else:
            assert grading["locked"]
        if grading["grade"]:
            points[grading["grade_id"]] = grading["points"]
            assert cell.source.startswith("### BEGIN HIDDEN TESTS\nfrom autograder.hidden.gradient_descent import")
    assert points == {"test_mse_loss": 1, "test_mse_gradient": 3, "test_gradient_step": 1,
                      "test_minibatch_indices": 2, "test_train": 3}


def test_solution_notebook_answers_pass_all_hidden_checks():
    namespace = notebook_solutions()
    for name in GRADED:
        run_hidden_check(name, namespace[name])


def test_solution_answers_are_the_reference():
    namespace = notebook_solutions()
    X, y, w, b = next(hidden._problems(seed=9))
    assert namespace["mse_loss"](X, y, w, b) == reference.mse_loss(X, y, w, b)
    np.testing.assert_array_equal(namespace["mse_gradient"](X, y, w, b)[0], reference.mse_gradient(X, y, w, b)[0])


def test_unanswered_stubs_fail_the_hidden_checks_with_raised():
    # Guards the previous tests: stubs like the released notebook's fail every check with "raised".
    released: dict = {"np": np}
    for name in GRADED:
        exec(f"def {name}(*args):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n", released)
        with pytest.raises(CheckFailed) as info:
            run_hidden_check(name, released[name])
        assert info.value.diagnosis == "raised" and "NotImplementedError" in str(info.value)


def run_notebook_like_the_autograder(replacements: dict) -> tuple[dict, dict]:
    """Execute the solution notebook's code cells in order, with some answer cells replaced,
    carrying on after a failing cell as nbgrader does. Returns (namespace, failures by cell)."""
    namespace: dict = {"__name__": "__main__"}
    failures = {}
    cells = notebook_cells()
    last_graded = max(i for i, c in enumerate(cells) if c.metadata["nbgrader"].get("grade"))
    for cell in cells[: last_graded + 1]:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        try:
            exec(compile(replacements.get(grade_id, cell.source), grade_id, "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - the failure is what the test looks at
            failures[grade_id] = error
    return namespace, failures


@pytest.mark.parametrize("function_name, alternative", ALTERNATIVE_PARAMS)
def test_alternative_passes_the_notebooks_own_test_cells(function_name, alternative):
    source = f"{inspect.getsource(alternative)}\n\n{function_name} = {alternative.__name__}\n"
    namespace, failures = run_notebook_like_the_autograder({function_name: source})
    assert not failures, failures
    assert namespace[function_name].__name__ == alternative.__name__


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_mistake_fails_only_its_own_test_cell(function_name, mistake):
    source = f"{inspect.getsource(mistake.implementation)}\n\n{function_name} = {mistake.implementation.__name__}\n"
    _, failures = run_notebook_like_the_autograder({function_name: source})
    assert set(failures) == {f"test_{function_name}"}, failures
    assert f"[diagnosis: {mistake.id}]" in str(failures[f"test_{function_name}"])


def test_train_cell_skips_its_visible_checks_when_a_helper_is_wrong(capsys):
    source = f"{inspect.getsource(mistakes_module.minibatch_indices_not_shuffled)}\n\nminibatch_indices = minibatch_indices_not_shuffled\n"
    _, failures = run_notebook_like_the_autograder({"minibatch_indices": source})
    assert set(failures) == {"test_minibatch_indices"}
    assert "Skipped the checks of train" in capsys.readouterr().out


def test_visible_train_checks_fail_on_a_wrong_loop_without_the_hidden_part():
    # The student sees the visible part only: it must catch a wrong loop by itself.
    visible = {c.metadata["nbgrader"]["grade_id"]: c.source.split("### END HIDDEN TESTS\n")[-1] for c in notebook_cells()
               if c.metadata["nbgrader"].get("grade")}
    for mistake in MISTAKES["train"]:
        replacements = {
            **visible,
            "train": f"{inspect.getsource(mistake.implementation)}\n\ntrain = {mistake.implementation.__name__}\n",
        }
        _, failures = run_notebook_like_the_autograder(replacements)
        assert set(failures) == {"test_train"}, (mistake.id, failures)


@pytest.mark.parametrize("function_name, mistake", MISTAKE_PARAMS)
def test_visible_checks_alone_catch_each_mistake(function_name, mistake):
    visible = {c.metadata["nbgrader"]["grade_id"]: c.source.split("### END HIDDEN TESTS\n")[-1] for c in notebook_cells()
               if c.metadata["nbgrader"].get("grade")}
    source = f"{inspect.getsource(mistake.implementation)}\n\n{function_name} = {mistake.implementation.__name__}\n"
    _, failures = run_notebook_like_the_autograder({**visible, function_name: source})
    assert set(failures) == {f"test_{function_name}"}, failures


def _is_code(line: str) -> bool:
    """Lines distinctive enough to count as a leak (the student kit test's rule)."""
    stripped = line.strip()
    return (
        len(stripped) > 25
        and not stripped.startswith(("#", "import ", "from ", '"""', "def ", "return ", "raise "))
        and not stripped.endswith(('"""', ","))
        and ("=" in stripped or "(" in stripped)
    )


def test_release_shows_no_reference_code():
    release = RELEASE.read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder.hidden", "autograder.reference"):
        assert marker not in release
    sources = [Path(reference.__file__), Path(mistakes_module.__file__)]
    secret = {line.strip() for path in sources for line in path.read_text().splitlines() if _is_code(line)}
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        if cell.metadata["nbgrader"].get("solution"):
            secret.update(line.strip() for line in cell.source.splitlines()[1:] if _is_code(line))
    released_code = "\n".join(c.source for c in nbformat.read(RELEASE, as_version=4).cells)
    leaked = sorted(line for line in secret if line in released_code)
    assert not leaked, leaked
