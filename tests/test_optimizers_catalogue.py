"""The optimizers exercise in process: hidden checks, the catalogue of mistakes, the
alternative correct answers and the solution notebook (fast, no nbgrader)."""

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

from autograder.diagnosis import CheckFailed, Mistake
from autograder.hidden import optimizers as hidden
from autograder.mistakes.optimizers import MISTAKES
from autograder.reference import optimizers as reference
from tests.course_folder import make_course, reference_answers, source_as
from tests.submissions import optimizers_alternatives

ALTERNATIVES = optimizers_alternatives.ALTERNATIVES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "solutions" / "optimizers" / "optimizers.ipynb"
RELEASE = ROOT / "exercises" / "optimizers" / "optimizers.ipynb"
GRADED = tuple(cls.__name__ for cls in reference.OPTIMIZERS)
HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n", re.S)

ALTERNATIVE_PARAMS = [
    pytest.param(name, cls, id=cls.__name__) for name, classes in ALTERNATIVES.items() for cls in classes
]
MISTAKE_PARAMS = [pytest.param(name, mistake, id=mistake.id) for name, group in MISTAKES.items() for mistake in group]


def run_hidden_check(name: str, cls) -> None:
    getattr(hidden, f"check_{name}")(cls)


def global_names(cls) -> set[str]:
    """Every global (module-level or builtin) name that the class's methods load."""
    names: set[str] = set()
    stack = [value.__code__ for value in vars(cls).values() if isinstance(value, types.FunctionType)]
    while stack:
        code = stack.pop()
        for instruction in dis.get_instructions(code):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_GLOBAL", "DELETE_GLOBAL"):
                names.add(instruction.argval)
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return names


def pasted(cls):
    """The class as a notebook would define it from its source, with only np around it."""
    namespace = {"np": np}
    exec(inspect.getsource(cls), namespace)
    return namespace[cls.__name__]


# --------------------------------------------------------------------------
# alternative correct answers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name, cls", ALTERNATIVE_PARAMS)
def test_alternative_passes_its_hidden_check(name, cls):
    run_hidden_check(name, cls)


@pytest.mark.parametrize("name, cls", ALTERNATIVE_PARAMS)
def test_alternative_pasted_alone_passes_its_hidden_check(name, cls):
    run_hidden_check(name, pasted(cls))


def test_alternatives_cover_every_graded_class_three_ways():
    assert set(ALTERNATIVES) == set(GRADED)
    for name, classes in ALTERNATIVES.items():
        assert len(classes) >= 3, name
        assert len({cls.__name__ for cls in classes}) == len(classes), name
        for cls in classes:
            assert isinstance(cls, type)
            assert re.fullmatch(rf"{name}__[a-z0-9_]+", cls.__name__), cls.__name__
            assert getattr(optimizers_alternatives, cls.__name__) is cls


def test_alternatives_module_has_only_allowed_top_level_names():
    module_names = {n for n in vars(optimizers_alternatives) if not n.startswith("__")}
    classes = {cls.__name__ for group in ALTERNATIVES.values() for cls in group}
    assert module_names == classes | {"np", "ALTERNATIVES"}


@pytest.mark.parametrize("name, cls", ALTERNATIVE_PARAMS)
def test_alternative_uses_only_np(name, cls):
    unknown = global_names(cls) - {"np"} - set(dir(builtins))
    assert not unknown, f"{cls.__name__} uses module-level names {sorted(unknown)}"


def test_alternatives_are_distinct_from_the_reference_source():
    for name, classes in ALTERNATIVES.items():
        reference_update = inspect.getsource(getattr(reference, name).update).split(":", 1)[1]
        for cls in classes:
            assert inspect.getsource(cls.update).split(":", 1)[1] != reference_update, cls.__name__


# --------------------------------------------------------------------------
# the catalogue of mistakes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name, mistake", MISTAKE_PARAMS)
def test_mistake_fails_its_hidden_check_with_its_own_diagnosis(name, mistake):
    with pytest.raises(CheckFailed) as info:
        run_hidden_check(name, mistake.implementation)
    assert info.value.diagnosis == mistake.id, str(info.value)
    assert mistake.message in str(info.value)
    assert str(info.value).endswith(f"[diagnosis: {mistake.id}]")


@pytest.mark.parametrize("name, mistake", MISTAKE_PARAMS)
def test_mistake_pasted_alone_is_still_diagnosed(name, mistake):
    with pytest.raises(CheckFailed) as info:
        run_hidden_check(name, pasted(mistake.implementation))
    assert info.value.diagnosis == mistake.id


@pytest.mark.parametrize("name, mistake", MISTAKE_PARAMS)
def test_mistake_uses_only_np(name, mistake):
    unknown = global_names(mistake.implementation) - {"np"} - set(dir(builtins))
    assert not unknown, f"{mistake.id} uses module-level names {sorted(unknown)}"


@pytest.mark.parametrize("name, mistake", MISTAKE_PARAMS)
def test_mistake_is_wrong_for_another_reason_than_every_other_mistake(name, mistake):
    # Two catalogued mistakes that always take the same steps could not be told apart.
    for other in MISTAKES[name]:
        if other is mistake:
            continue
        runs = []
        for case in hidden.cases(name):
            try:
                runs.append((hidden.run_numpy(mistake.implementation, case), hidden.run_numpy(other.implementation, case)))
            except hidden.UpdateFailed:
                runs.append(None)
        assert not all(pair is not None and hidden.same_run(*pair) for pair in runs), (mistake.id, other.id)


def test_catalogue_has_the_issues_mistakes_and_two_per_class():
    assert set(MISTAKES) == set(GRADED)
    ids = [mistake.id for group in MISTAKES.values() for mistake in group]
    assert len(ids) == len(set(ids))
    for name, group in MISTAKES.items():
        assert len(group) >= 2, name
        for mistake in group:
            assert isinstance(mistake, Mistake) and mistake.function == name
            assert re.fullmatch(r"optimizers\.[a-z0-9-]+", mistake.id), mistake.id
            assert isinstance(mistake.implementation, type)
            assert mistake.implementation.__name__.startswith(f"{name}__")
            assert 1 <= mistake.message.count(". ") + 1 <= 4, mistake.id  # two or three sentences
    for required in (
        "optimizers.adam-no-bias-correction",
        "optimizers.adam-step-off-by-one",  # bias correction with the wrong step count
        "optimizers.adam-eps-inside-sqrt",
        "optimizers.momentum-ema",
        "optimizers.momentum-shared-state",
        "optimizers.sgd-grads-in-place",
        "optimizers.adagrad-no-gradient-factor",  # the source's formula
    ):
        assert required in ids, required


def test_reference_passes_its_hidden_checks():
    for cls in reference.OPTIMIZERS:
        run_hidden_check(cls.__name__, cls)


# --------------------------------------------------------------------------
# what the hidden checks say about mistakes that are not in the catalogue
# --------------------------------------------------------------------------


class StateInTheClassBody:
    velocity = {}  # one dict for every object of the class

    def __init__(self, lr=1e-3, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        for key in params:
            self.velocity[key] = self.momentum * self.velocity.get(key, 0.0) + grads[key]
            params[key] -= self.lr * self.velocity[key]


class AdamWithNewArrays(reference.Adam):
    def update(self, params, grads):
        moved = {key: value.copy() for key, value in params.items()}
        super().update(moved, grads)
        params.update(moved)


class AdaGradZeroingGrads(reference.AdaGrad):
    def update(self, params, grads):
        super().update(params, grads)
        for key in grads:
            grads[key][...] = 0.0


class AdamWithTheWrongDefaultLr(reference.Adam):
    def __init__(self, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(lr, betas, eps)


class RMSPropForgetsItsAverage(reference.RMSProp):
    def update(self, params, grads):
        self.mean_square = {key: value for key, value in self.mean_square.items() if key != "W"}
        super().update(params, grads)


class SGDReturningNewParams:
    def __init__(self, lr=1e-3):
        self.lr = lr

    def update(self, params, grads):
        return {key: params[key] - self.lr * grads[key] for key in params}


class AdamWithoutEps:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999)):
        self.inner = reference.Adam(lr, betas)

    def update(self, params, grads):
        self.inner.update(params, grads)


@pytest.mark.parametrize(
    "name, cls, diagnosis, phrases",
    [
        ("Momentum", StateInTheClassBody, "optimizers.state-shared-between-objects", ["__init__", "class body"]),
        ("Adam", AdamWithNewArrays, "optimizers.params-replaced", ["new array", "in place"]),
        ("AdaGrad", AdaGradZeroingGrads, "optimizers.grads-changed", ["changed grads['W1']"]),
        ("Adam", AdamWithTheWrongDefaultLr, "unrecognised", ["after step 1,", "torch.optim.Adam(params)", "defaults"]),
        ("RMSProp", RMSPropForgetsItsAverage, "unrecognised", ["after step 2,", "The first step agrees", "lr=0.01, alpha=0.9, eps=0.001"]),
        ("SGD", SGDReturningNewParams, "optimizers.params-unchanged", ["nothing moved", "in place"]),
        ("Adam", AdamWithoutEps, "raised", ["TypeError", "eps"]),
        ("SGD", lambda lr=1e-3: None, "wrong-type", ["should be a class"]),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_uncatalogued_mistakes_get_a_specific_message(name, cls, diagnosis, phrases):
    with pytest.raises(CheckFailed) as info:
        run_hidden_check(name, cls)
    message = str(info.value)
    assert info.value.diagnosis == diagnosis, message
    for phrase in phrases:
        assert phrase in message, message
    assert len(message.splitlines()) <= 4, message


# --------------------------------------------------------------------------
# the solution notebook and its release
# --------------------------------------------------------------------------


def code_cells() -> list:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def run_cells(replacements: dict, *, hidden_tests: bool = True, until_last_graded: bool = True) -> dict:
    """Execute the solution notebook's code cells in order, with some answer cells replaced."""
    cells = code_cells()
    if until_last_graded:
        last = max(i for i, cell in enumerate(cells) if cell.metadata["nbgrader"].get("grade"))
        cells = cells[: last + 1]
    namespace: dict = {"__name__": "__main__"}
    for cell in cells:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        source = replacements.get(grade_id, cell.source)
        if not hidden_tests:
            source = HIDDEN_BLOCK.sub("", source)
        exec(compile(source, grade_id, "exec"), namespace)
    return namespace


def test_notebook_has_one_answer_and_one_test_cell_per_class():
    cells = code_cells()
    answers = [c.metadata["nbgrader"]["grade_id"] for c in cells if c.metadata["nbgrader"]["solution"]]
    tests = {c.metadata["nbgrader"]["grade_id"]: c for c in cells if c.metadata["nbgrader"]["grade"]}
    assert answers == list(GRADED)
    assert list(tests) == [f"test_{name}" for name in GRADED]
    for name, cell in tests.items():
        assert cell.source.startswith("### BEGIN HIDDEN TESTS\n"), name
        assert f"check_{name.removeprefix('test_')}(" in cell.source
        assert cell.metadata["nbgrader"]["locked"] and cell.metadata["nbgrader"]["points"] > 0


def test_solution_notebook_runs_and_its_answers_are_the_reference():
    namespace = run_cells({}, until_last_graded=False)
    answers = reference_answers("optimizers")
    for cls in reference.OPTIMIZERS:
        run_hidden_check(cls.__name__, namespace[cls.__name__])
        for method in (cls.__init__, cls.update):
            for line in inspect.getsource(method).splitlines()[1:]:
                if line.strip() and not line.strip().startswith("#"):
                    assert line.strip() in answers[cls.__name__], (cls.__name__, line)


def test_unanswered_stubs_fail_the_hidden_checks_with_raised():
    release = nbformat.read(RELEASE, as_version=4)
    namespace: dict = {"np": np}
    for cell in release.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in GRADED:
            assert "raise NotImplementedError()" in cell.source and "BEGIN SOLUTION" not in cell.source
            exec(cell.source, namespace)
            with pytest.raises(CheckFailed) as info:
                run_hidden_check(grade_id, namespace[grade_id])
            assert info.value.diagnosis == "raised" and "NotImplementedError" in str(info.value)


@pytest.mark.parametrize("name, cls", ALTERNATIVE_PARAMS)
def test_alternative_passes_the_notebooks_test_cells(name, cls):
    namespace = run_cells({name: source_as(cls, name)})
    assert namespace[name].__name__ == cls.__name__


@pytest.mark.parametrize("name, mistake", MISTAKE_PARAMS)
def test_mistake_fails_the_notebooks_visible_tests_alone(name, mistake):
    # Students see only the visible tests: they too must catch every catalogued mistake.
    with pytest.raises(AssertionError):
        run_cells({name: source_as(mistake.implementation, name)}, hidden_tests=False)


def test_visible_tests_pass_with_the_reference_and_without_hidden_tests():
    namespace = run_cells({}, hidden_tests=False, until_last_graded=False)
    assert "chosen" in namespace  # the closing, ungraded cell ran too


def test_release_is_fresh_and_hides_the_answers(tmp_path):
    course = make_course(tmp_path / "course", "optimizers")
    fresh = (course / "exercises" / "optimizers" / "optimizers.ipynb").read_bytes()
    assert RELEASE.read_bytes() == fresh, "run `python -m autograder release optimizers`"
    text = RELEASE.read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder.hidden", "autograder.reference"):
        assert marker not in text


def test_release_contains_no_line_of_the_reference_or_the_mistakes():
    # The same rule as the student kit's test (tests/test_student_kit.py), for this exercise.
    def distinctive(line: str) -> bool:
        stripped = line.strip()
        return (
            len(stripped) > 25
            and not stripped.startswith(("#", "import ", "from ", '"""', "def ", "return ", "raise "))
            and not stripped.endswith(('"""', ","))
            and ("=" in stripped or "(" in stripped)
        )

    secret = {
        line.strip()
        for path in (ROOT / "autograder" / "reference" / "optimizers.py", ROOT / "autograder" / "mistakes" / "optimizers.py")
        for line in path.read_text().splitlines()
        if distinctive(line)
    }
    for answer in reference_answers("optimizers").values():
        secret.update(line.strip() for line in answer.splitlines()[1:] if distinctive(line))
    release = RELEASE.read_text()
    assert not [line for line in secret if line in release]
