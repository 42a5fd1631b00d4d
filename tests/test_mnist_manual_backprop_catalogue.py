"""Unit-level tests of the MNIST manual-backprop hidden checks, the catalogue of mistakes,
the alternative correct answers and the exercise notebook (in process, except one run
that uses the public modules alone)."""

from __future__ import annotations

import builtins
import dis
import inspect
import os
import re
import shutil
import site
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
import torch

from autograder.diagnosis import CheckFailed, Mistake
from autograder.hidden import mnist_manual_backprop as hidden
from autograder.mistakes import mnist_manual_backprop as mistakes_module
from autograder.mistakes.mnist_manual_backprop import MISTAKES
from autograder.reference import mnist_manual_backprop as reference

try:
    from tests.submissions import mnist_manual_backprop_alternatives as alternatives_module
except ImportError:  # tests/ run as a rootdir-less folder
    from submissions import mnist_manual_backprop_alternatives as alternatives_module

ROOT = Path(__file__).resolve().parents[1]
NAME = "mnist_manual_backprop"
SOLUTION = ROOT / "solutions" / NAME / f"{NAME}.ipynb"
RELEASE = ROOT / "exercises" / NAME / f"{NAME}.ipynb"
ALTERNATIVES = alternatives_module.ALTERNATIVES["SimpleNN"]
CATALOGUE = MISTAKES["SimpleNN"]
CHECKS = {
    "forward": hidden.check_forward,
    "backward": hidden.check_backward,
    "train_epoch": hidden.check_train_epoch,
    "evaluate": hidden.check_evaluate,
}
# Where each mistake shows: a slip in one method can spoil the methods that use it.
FAILS_IN = {
    "no-max-subtraction": {"forward"},
    "softmax-over-batch": {"forward", "train_epoch", "evaluate"},
    "gradient-not-averaged": {"backward", "train_epoch"},
    "no-relu-mask": {"backward", "train_epoch"},
    "relu-after-update": {"backward", "train_epoch"},
    "update-before-hidden-gradient": {"backward", "train_epoch"},
    "one-hot-wrong-dimension": {"train_epoch"},
    "one-hot-classes-from-batch": {"train_epoch"},
    "batch-not-moved": {"train_epoch", "evaluate"},
    "evaluate-records-autograd": {"evaluate"},
    "evaluate-mean-of-batch-accuracies": {"evaluate"},
}
NOTEBOOK_NAMES = {"torch", "DEVICE"}  # what the setup cell gives a pasted class besides builtins

MISTAKE_PARAMS = [pytest.param(m, id=m.id.split(".", 1)[1]) for m in CATALOGUE]
ALTERNATIVE_PARAMS = [pytest.param(a, id=a.__name__) for a in ALTERNATIVES]


def slug(mistake: Mistake) -> str:
    return mistake.id.split(".", 1)[1]


def outcome(network_class) -> dict[str, str]:
    """check name -> 'ok' or the diagnosis of its failure."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check(network_class)
            results[name] = "ok"
        except CheckFailed as failure:
            results[name] = failure.diagnosis
    return results


def global_names(cls) -> set[str]:
    """Every global or builtin name that the methods of ``cls`` load."""
    names: set[str] = set()
    stack = [member.__code__ for member in vars(cls).values() if isinstance(member, types.FunctionType)]
    while stack:
        code = stack.pop()
        for instruction in dis.get_instructions(code):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_GLOBAL", "DELETE_GLOBAL"):
                names.add(instruction.argval)
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return names


def notebook_cells(path=SOLUTION):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


@pytest.fixture(autouse=True)
def restore_threads():
    # The notebook's setup cell, run in this process, sets torch's thread count for everyone.
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def setup_namespace():
    """The namespace that the notebook's setup cell builds (the data included)."""
    namespace: dict = {"__name__": "__main__"}
    exec(compile(next(c for c in notebook_cells() if grade_id(c) == "setup").source, "setup", "exec"), namespace)
    return namespace


def pasted(cls, setup_namespace):
    """The class as the notebook defines it from its source, with only the setup's names around it."""
    namespace = dict(setup_namespace)
    exec(compile(inspect.getsource(cls), cls.__name__, "exec"), namespace)
    return namespace[cls.__name__]


# --------------------------------------------------------------------------
# the reference and the alternatives pass
# --------------------------------------------------------------------------


def test_the_reference_passes_every_check():
    assert outcome(reference.SimpleNN) == {name: "ok" for name in CHECKS}


@pytest.mark.parametrize("alternative", ALTERNATIVE_PARAMS)
def test_alternative_pasted_alone_passes_every_check(alternative, setup_namespace):
    assert outcome(pasted(alternative, setup_namespace)) == {name: "ok" for name in CHECKS}


def test_alternatives_are_enough_and_well_named():
    assert set(alternatives_module.ALTERNATIVES) == {"SimpleNN"}
    assert len(ALTERNATIVES) >= 3
    for alternative in ALTERNATIVES:
        assert re.fullmatch(r"SimpleNN__[a-z0-9_]+", alternative.__name__), alternative.__name__
        assert getattr(alternatives_module, alternative.__name__) is alternative
    module_names = {n for n in vars(alternatives_module) if not n.startswith("__")}
    assert module_names == {a.__name__ for a in ALTERNATIVES} | {"torch", "DEVICE", "ALTERNATIVES"}


@pytest.mark.parametrize("method", ["__init__", "forward", "backward", "train_epoch", "evaluate"])
def test_each_method_has_three_alternatives_that_differ_from_the_reference_and_each_other(method):
    def body(cls):
        return inspect.getsource(getattr(cls, method)).split(":", 1)[1]

    bodies = [body(a) for a in ALTERNATIVES]
    assert len(set(bodies)) == len(bodies) >= 3
    assert body(reference.SimpleNN) not in bodies


@pytest.mark.parametrize("cls", [*ALTERNATIVES, *(m.implementation for m in CATALOGUE)], ids=lambda c: c.__name__)
def test_pasted_classes_use_only_the_notebooks_names(cls):
    unknown = global_names(cls) - NOTEBOOK_NAMES - set(dir(builtins))
    assert not unknown, f"{cls.__name__} uses module-level names {sorted(unknown)}"


# --------------------------------------------------------------------------
# the catalogue of mistakes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("mistake", MISTAKE_PARAMS)
def test_mistake_fails_where_expected_with_its_own_diagnosis(mistake, setup_namespace):
    results = outcome(pasted(mistake.implementation, setup_namespace))
    failing = {name for name, result in results.items() if result != "ok"}
    assert failing == FAILS_IN[slug(mistake)], results
    assert all(results[name] == mistake.id for name in failing), results


@pytest.mark.parametrize("mistake", MISTAKE_PARAMS)
def test_mistake_message_reaches_the_student_and_is_short(mistake):
    check = CHECKS[sorted(FAILS_IN[slug(mistake)])[0]]
    with pytest.raises(CheckFailed) as info:
        check(mistake.implementation)
    text = str(info.value)
    assert mistake.message in text and text.endswith(f"[diagnosis: {mistake.id}]")
    assert len(mistake.message) < 420, "a message is two or three lines"


def test_catalogue_holds_the_issues_mistakes_and_sound_ids():
    assert set(MISTAKES) == {"SimpleNN"}
    ids = [m.id for m in CATALOGUE]
    assert len(ids) == len(set(ids)) and set(map(slug, CATALOGUE)) == set(FAILS_IN)
    for required in (
        "no-max-subtraction",  # softmax without the maximum subtracted
        "gradient-not-averaged",  # gradient not divided by the batch size
        "relu-after-update",  # the ReLU (and its mask) taken after the update
        "one-hot-wrong-dimension",
        "update-before-hidden-gradient",  # W -= lr * dW before dW1 is computed from the old W2
        "evaluate-records-autograd",
    ):
        assert f"{NAME}.{required}" in ids
    for mistake in CATALOGUE:
        assert re.fullmatch(rf"{NAME}\.[a-z0-9-]+", mistake.id) and mistake.function == "SimpleNN"
        assert mistake.implementation.__name__ == "SimpleNN__" + slug(mistake).replace("-", "_")
        assert getattr(mistakes_module, mistake.implementation.__name__) is mistake.implementation


def test_mistakes_differ_from_the_reference_in_one_method_only():
    methods = ("__init__", "forward", "backward", "train_epoch", "evaluate")
    template = CATALOGUE[-1].implementation  # differs in evaluate only
    for mistake in CATALOGUE[:-1]:
        changed = [
            m for m in methods
            if inspect.getsource(getattr(mistake.implementation, m)) != inspect.getsource(getattr(template, m))
        ]
        expected = {"batch-not-moved": 3}.get(slug(mistake), 2)  # its own method, and evaluate of the template
        assert len(changed) <= expected, (mistake.id, changed)


# --------------------------------------------------------------------------
# the checks can fail in ways the catalogue does not name
# --------------------------------------------------------------------------


class ReturnsTuple(reference.SimpleNN):
    def backward(self, X, y, output, learning_rate):
        gradients = super().backward(X, y, output, learning_rate)
        return tuple(gradients[name] for name in reference.PARAMETER_NAMES)


class FlatBiasGradients(reference.SimpleNN):
    def backward(self, X, y, output, learning_rate):
        gradients = super().backward(X, y, output, learning_rate)
        return {**gradients, "b1": gradients["b1"].flatten()}


class NoStep(reference.SimpleNN):
    def backward(self, X, y, output, learning_rate):
        return super().backward(X, y, output, 0.0)


class Percent(reference.SimpleNN):
    def evaluate(self, batches):
        return 100 * super().evaluate(batches)


class TrainsOnTestData(reference.SimpleNN):
    def evaluate(self, batches):
        batches = list(batches)
        accuracy = super().evaluate(batches)
        self.train_epoch(batches[:1])
        return accuracy


class Unseeded(reference.SimpleNN):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.W1 = torch.randn_like(self.W1) * 0.01


class Unscaled(reference.SimpleNN):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.W1 = self.W1 * 100


class ReturnsLogits(reference.SimpleNN):
    def forward(self, X):
        super().forward(X)
        return self.z2


class LossOfLastBatch(reference.SimpleNN):
    def train_epoch(self, batches, learning_rate=0.1):
        for images, labels in batches:
            last = super().train_epoch([(images, labels)], learning_rate)
        return last


class Raises(reference.SimpleNN):
    def forward(self, X):
        raise RuntimeError("something broke")


@pytest.mark.parametrize(
    "cls, check, diagnosis, words",
    [
        (ReturnsTuple, "backward", "wrong-type", ["dict", "tuple"]),
        (FlatBiasGradients, "backward", "wrong-shape", ["'b1' has shape (128,)", "keepdim=True"]),
        (NoStep, "backward", "unrecognised", ["gradients are right", "W1 after backward"]),
        (Percent, "evaluate", "unrecognised", ["percentage"]),
        (TrainsOnTestData, "evaluate", "unrecognised", ["changed the weights"]),
        (Unseeded, "forward", "unrecognised", ["same seed"]),
        (Unscaled, "forward", "unrecognised", ["standard deviation", "0.01"]),
        (ReturnsLogits, "forward", "unrecognised", ["sum to 1"]),
        (LossOfLastBatch, "train_epoch", "unrecognised", ["returned the loss", "mean cross-entropy per example"]),
        (Raises, "forward", "raised", ["RuntimeError: something broke"]),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
def test_checks_explain_wrong_answers_outside_the_catalogue(cls, check, diagnosis, words):
    with pytest.raises(CheckFailed) as info:
        CHECKS[check](cls)
    assert info.value.diagnosis == diagnosis, str(info.value)
    for word in words:
        assert word in str(info.value), str(info.value)


def test_checks_restore_the_number_of_threads():
    before = torch.get_num_threads()
    with pytest.raises(CheckFailed):
        hidden.check_forward(Raises)
    assert torch.get_num_threads() == before


# --------------------------------------------------------------------------
# the exercise notebook
# --------------------------------------------------------------------------


def test_notebook_has_one_answer_cell_and_four_test_cells():
    cells = nbformat.read(SOLUTION, as_version=4).cells
    answers = [grade_id(c) for c in cells if c.metadata.get("nbgrader", {}).get("solution")]
    tests = {grade_id(c): c.metadata["nbgrader"]["points"] for c in cells if c.metadata.get("nbgrader", {}).get("grade")}
    assert answers == ["SimpleNN"]
    assert tests == {"test_SimpleNN_forward": 2, "test_SimpleNN_backward": 4, "test_SimpleNN_train_epoch": 2, "test_SimpleNN_evaluate": 2}
    for cell in cells:
        assert cell.metadata["nbgrader"]["schema_version"] == 3
        if grade_id(cell).startswith("test_"):
            assert cell.metadata["nbgrader"]["locked"] and cell.source.startswith("### BEGIN HIDDEN TESTS")
            assert f"check_{grade_id(cell).removeprefix('test_SimpleNN_')}(SimpleNN)" in cell.source


def test_release_keeps_the_signatures_and_hides_the_answers():
    answer = next(c for c in nbformat.read(RELEASE, as_version=4).cells if grade_id(c) == "SimpleNN").source
    for method in ("__init__", "forward", "backward", "train_epoch", "evaluate"):
        assert f"def {method}(" in answer
    assert answer.count("raise NotImplementedError()") == 5 and "sub_" not in answer


def run_notebook(replacement: str | None = None, path=SOLUTION) -> dict:
    """Execute the notebook's code cells in order, with the answer cell replaced if given."""
    namespace: dict = {"__name__": "__main__"}
    os.environ.setdefault("MPLBACKEND", "Agg")
    for cell in notebook_cells(path):
        source = replacement if (replacement is not None and grade_id(cell) == "SimpleNN") else cell.source
        exec(compile(source, grade_id(cell), "exec"), namespace)
    return namespace


def test_solution_notebook_runs_and_its_answer_passes_every_check(capsys):
    namespace = run_notebook()
    assert outcome(namespace["SimpleNN"]) == {name: "ok" for name in CHECKS}
    printed = capsys.readouterr().out
    assert printed.count("looks right.") == 4
    assert "expect far below 1e-6" in printed


def test_the_unanswered_release_fails_every_check_with_raised():
    answer = next(c for c in notebook_cells(RELEASE) if grade_id(c) == "SimpleNN").source
    namespace: dict = {"torch": torch, "DEVICE": reference.default_device()}
    exec(answer, namespace)
    assert set(outcome(namespace["SimpleNN"]).values()) == {"raised"}


@pytest.mark.parametrize("alternative", ALTERNATIVE_PARAMS)
def test_alternative_passes_the_notebooks_visible_tests(alternative):
    source = f"{inspect.getsource(alternative)}\n\nSimpleNN = {alternative.__name__}\n"
    assert run_notebook(source)["SimpleNN"].__name__ == alternative.__name__


def test_a_mistake_fails_the_notebooks_visible_tests():
    # Guards the previous test: the same run stops at a wrong answer.
    mistake = next(m for m in CATALOGUE if slug(m) == "no-relu-mask").implementation
    with pytest.raises(AssertionError):
        run_notebook(f"{inspect.getsource(mistake)}\n\nSimpleNN = {mistake.__name__}\n")


# --------------------------------------------------------------------------
# what students get: the public modules only
# --------------------------------------------------------------------------

PUBLIC = ("__init__.py", "checking.py", "data/__init__.py", "data/mnist.py")


def is_distinctive_code(line: str) -> bool:
    """The student kit test's rule for a line that would count as a leak."""
    stripped = line.strip()
    return (
        len(stripped) > 25
        and not stripped.startswith(("#", "import ", "from ", '"""', "def ", "return ", "raise "))
        and not stripped.endswith(('"""', ","))
        and ("=" in stripped or "(" in stripped)
    )


def test_no_line_of_the_reference_or_the_mistakes_reaches_students():
    private = {
        line.strip()
        for module in (reference, mistakes_module)
        for line in Path(module.__file__).read_text().splitlines()
        if is_distinctive_code(line)
    }
    shipped = RELEASE.read_text() + "".join((ROOT / "autograder" / m).read_text() for m in PUBLIC)
    assert not sorted(line for line in private if line in shipped)


def test_visible_tests_pass_with_the_public_modules_alone(tmp_path):
    kit = tmp_path / "kit"
    for module in PUBLIC:
        (kit / "autograder" / module).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "autograder" / module, kit / "autograder" / module)
    cells = notebook_cells(RELEASE)
    answer = next(c for c in notebook_cells(SOLUTION) if grade_id(c) == "SimpleNN").source
    sources = [answer if grade_id(c) == "SimpleNN" else c.source for c in cells]
    guard = (
        "import sys\n"
        f"sys.path[:0] = [{str(kit)!r}]\n"
        f"sys.path += {site.getsitepackages()!r}\n"
        "import autograder, importlib.util\n"
        f"assert autograder.__file__.startswith({str(kit)!r}), autograder.__file__\n"
        "assert importlib.util.find_spec('autograder.reference') is None\n"
    )
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "MNIST_DATA_DIR")}
    env["MPLBACKEND"] = "Agg"
    completed = subprocess.run(
        [sys.executable, "-S", "-c", guard + "\n\n".join(sources)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.count("looks right.") == 4
