"""The reference answers of the ex4 network exercise against torch autograd (float64),
central differences and the source's per-sample loop; the directional gradient check;
and training on the ex4 digits."""

from __future__ import annotations

import types

import numpy as np
import pytest
import torch

from autograder.checking import numerical_gradient, relative_error
from autograder.hidden.ex4_network import isolated
from autograder.mistakes.ex4_network import MISTAKES
from autograder.reference import ex4_network as reference

SIZES = [(4, 5, 3), (3, 4, 2), (7, 6, 5), (400, 25, 10)]


def parameter_count(sizes):
    n, hidden, k = sizes
    return hidden * (n + 1) + k * (hidden + 1)


def random_problem(sizes, seed, m=9, scale=None):
    rng = np.random.default_rng(seed)
    n, hidden, k = sizes
    scale = scale if scale is not None else (1.0 if n < 50 else 0.1)
    theta = rng.normal(0.0, scale, parameter_count(sizes))
    X = rng.uniform(0.0, 1.0, (m, n))
    labels = rng.integers(1, k + 1, m)
    return theta, X, np.eye(k)[labels - 1], labels


CASES = [pytest.param(sizes, seed, id=f"{sizes}-{seed}") for sizes in SIZES for seed in (1, 2)]


# --------------------------------------------------------------------------
# torch, built from the docstring's conventions, not from the reference code
# --------------------------------------------------------------------------


def torch_network(theta, X, y, sizes, lambda_=0.0):
    """Outputs, cost and gradient of the network by autograd.

    theta: Theta1 (hidden, n + 1) row by row, then Theta2 (k, hidden + 1); column 0 is the bias.
    """
    n, hidden, k = sizes
    weights = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    theta1 = weights[: hidden * (n + 1)].view(hidden, n + 1)
    theta2 = weights[hidden * (n + 1) :].view(k, hidden + 1)
    inputs = torch.tensor(X, dtype=torch.float64)
    targets = torch.tensor(y, dtype=torch.float64)
    hidden_units = torch.sigmoid(inputs @ theta1[:, 1:].T + theta1[:, 0])
    logits = hidden_units @ theta2[:, 1:].T + theta2[:, 0]
    m = X.shape[0]
    data_cost = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction="sum") / m
    penalty = lambda_ / (2 * m) * (theta1[:, 1:].pow(2).sum() + theta2[:, 1:].pow(2).sum())
    total = data_cost + penalty
    total.backward()
    return torch.sigmoid(logits).detach().numpy(), total.item(), weights.grad.numpy().copy()


@pytest.mark.parametrize("sizes, seed", CASES)
def test_forward_cost_and_gradient_match_torch(sizes, seed):
    theta, X, y, _ = random_problem(sizes, seed)
    outputs, torch_cost, torch_gradient = torch_network(theta, X, y, sizes)
    np.testing.assert_allclose(reference.feed_forward(theta, X, sizes)[4], outputs, rtol=1e-12)
    assert reference.cost(theta, X, y, sizes) == pytest.approx(torch_cost, rel=1e-12)
    np.testing.assert_allclose(reference.gradient(theta, X, y, sizes), torch_gradient, rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("lambda_", [0.0, 1.0, 3.7])
@pytest.mark.parametrize("sizes, seed", CASES)
def test_regularized_cost_and_gradient_match_torch(sizes, seed, lambda_):
    theta, X, y, _ = random_problem(sizes, seed)
    _, torch_cost, torch_gradient = torch_network(theta, X, y, sizes, lambda_)
    assert reference.regularized_cost(theta, X, y, lambda_, sizes) == pytest.approx(torch_cost, rel=1e-12)
    np.testing.assert_allclose(
        reference.regularized_gradient(theta, X, y, lambda_, sizes), torch_gradient, rtol=1e-10, atol=1e-15
    )
    cost, grad = reference.cost_and_gradient(theta, X, y, lambda_, sizes)
    assert cost == pytest.approx(torch_cost, rel=1e-12)
    np.testing.assert_allclose(grad, torch_gradient, rtol=1e-10, atol=1e-15)


def test_forward_pass_shapes_and_bias_columns():
    theta, X, _, _ = random_problem((400, 25, 10), 3, m=7)
    a1, z2, a2, z3, h = reference.feed_forward(theta, X)
    assert [a.shape for a in (a1, z2, a2, z3, h)] == [(7, 401), (7, 25), (7, 26), (7, 10), (7, 10)]
    np.testing.assert_array_equal(a1[:, 0], 1.0)
    np.testing.assert_array_equal(a2[:, 0], 1.0)
    np.testing.assert_array_equal(a1[:, 1:], X)


def test_cost_is_finite_and_exact_when_outputs_saturate():
    theta, X, y, _ = random_problem((4, 5, 3), 4, scale=60.0)
    h = reference.feed_forward(theta, X, (4, 5, 3))[4]
    assert np.any(h == 1.0)  # the case really saturates
    with np.errstate(all="ignore"):
        naive = np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / len(X)
    assert not np.isfinite(naive)
    _, torch_cost, _ = torch_network(theta, X, y, (4, 5, 3))
    assert reference.cost(theta, X, y, (4, 5, 3)) == pytest.approx(torch_cost, rel=1e-12)


def test_cost_at_a_random_start_is_about_k_log_2():
    # Every output is near 1/2 at a small random start, so each of the k terms is near log 2.
    theta = reference.random_init(rng=np.random.default_rng(0)) * 0.01
    X = np.random.default_rng(1).uniform(0, 1, (50, 400))
    y = reference.expand_y(np.arange(50) % 10 + 1)
    assert reference.cost(theta, X, y) == pytest.approx(10 * np.log(2), rel=5e-3)


# --------------------------------------------------------------------------
# the small pieces
# --------------------------------------------------------------------------


def test_expand_y_puts_label_k_in_column_k_minus_1():
    np.testing.assert_array_equal(reference.expand_y(np.array([1, 10, 3])), np.eye(10)[[0, 9, 2]])
    assert reference.expand_y(np.array([2, 1]), 2).tolist() == [[0, 1], [1, 0]]


@pytest.mark.parametrize("sizes", SIZES)
def test_deserialize_inverts_serialize_and_returns_views(sizes):
    theta, _, _, _ = random_problem(sizes, 5)
    theta1, theta2 = reference.deserialize(theta, sizes)
    n, hidden, k = sizes
    assert theta1.shape == (hidden, n + 1) and theta2.shape == (k, hidden + 1)
    np.testing.assert_array_equal(reference.serialize(theta1, theta2), theta)
    assert np.shares_memory(theta1, theta) and np.shares_memory(theta2, theta)  # what the source trips over
    assert theta1[0, 1] == theta[1] and theta1[1, 0] == theta[n + 1]  # row by row


def test_sigmoid_gradient_is_the_derivative_at_z():
    z = np.linspace(-8, 8, 33)
    numeric = numerical_gradient(lambda: float(np.sum(reference.sigmoid(z))), z)
    assert relative_error(reference.sigmoid_gradient(z), numeric) < 1e-6
    assert reference.sigmoid_gradient(0.0) == 0.25


@pytest.mark.parametrize("sizes, seed", CASES[:6])
def test_gradients_match_central_differences(sizes, seed):
    theta, X, y, _ = random_problem(sizes, seed)
    weights = theta.copy()
    numeric = numerical_gradient(lambda: reference.regularized_cost(weights, X, y, 2.0, sizes), weights)
    assert relative_error(reference.regularized_gradient(theta, X, y, 2.0, sizes), numeric) < 1e-6


@pytest.mark.parametrize("loop", [reference.gradient_per_sample_loop, reference.gradient_source_loop])
def test_per_sample_loops_equal_the_vectorised_gradient(loop):
    theta, X, y, _ = random_problem((400, 25, 10), 6, m=40)
    np.testing.assert_allclose(loop(theta, X, y), reference.gradient(theta, X, y), rtol=1e-12, atol=1e-16)


def test_regularized_gradient_leaves_theta_alone_and_spares_the_bias():
    theta, X, y, _ = random_problem((4, 5, 3), 7)
    kept = theta.copy()
    with_penalty = reference.regularized_gradient(theta, X, y, 5.0, (4, 5, 3))
    np.testing.assert_array_equal(theta, kept)
    without = reference.gradient(theta, X, y, (4, 5, 3))
    bias = [0, 5, 10, 15, 20, 25, 31, 37]
    np.testing.assert_array_equal(with_penalty[bias], without[bias])
    others = np.setdiff1d(np.arange(43), bias)
    np.testing.assert_allclose(with_penalty[others] - without[others], 5.0 / len(X) * theta[others], rtol=1e-12)


def test_random_init_draws_each_layer_from_its_own_range():
    theta = reference.random_init(rng=np.random.default_rng(8))
    assert theta.shape == (10285,)
    theta1, theta2 = reference.deserialize(theta)
    for layer, fan_in, fan_out in ((theta1, 400, 25), (theta2, 25, 10)):
        eps = np.sqrt(6) / np.sqrt(fan_in + fan_out)
        assert 0.95 * eps < np.abs(layer).max() <= eps
        assert abs(layer.mean()) < 0.1 * eps
        assert np.std(layer) == pytest.approx(eps / np.sqrt(3), rel=0.15)  # the spread of a uniform
    assert np.sqrt(6) / np.sqrt(425) == pytest.approx(0.12, abs=0.002)  # the source's 0.12 is layer 1's
    again = reference.random_init(rng=np.random.default_rng(8))
    np.testing.assert_array_equal(again, theta)


# --------------------------------------------------------------------------
# gradient checking: the full check and the directional one
# --------------------------------------------------------------------------


@pytest.mark.parametrize("regularized", [False, True])
def test_full_gradient_check_is_below_the_sources_threshold(regularized):
    # The source expects "smaller than 10e-9" with epsilon = 1e-4 (the seeds' notes: 1e-9).
    for sizes in SIZES[:3]:
        theta, X, y, _ = random_problem(sizes, 9)
        assert reference.gradient_checking(theta, X, y, 1e-4, regularized, 2.0, sizes) < 1e-9


def test_full_gradient_check_sees_the_sources_undivided_gradient():
    theta, X, y, _ = random_problem((4, 5, 3), 10)
    wrong = isolated(reference.gradient_checking, "gradient_checking",
                     gradient=MISTAKES_BY_ID["ex4_network.gradient.not-averaged"])
    m = len(X)
    # numeric g against m * g: |g - m g| / |g + m g| = (m - 1) / (m + 1)
    assert wrong(theta, X, y, 1e-4, False, 1.0, (4, 5, 3)) == pytest.approx((m - 1) / (m + 1), rel=1e-6)


MISTAKES_BY_ID = {mistake.id: mistake.implementation for group in MISTAKES.values() for mistake in group}
# Mistakes whose gradient values are wrong, with the gradient they produce.
GRADIENT_MISTAKES = [mistake for name in ("gradient", "regularized_gradient", "sigmoid_gradient") for mistake in MISTAKES[name]]


def wrong_regularized_gradient(mistake):
    """The regularised gradient that a submission with this one mistake computes."""
    if mistake.function == "regularized_gradient":
        return mistake.implementation
    if mistake.function == "gradient":
        return isolated(reference.regularized_gradient, "regularized_gradient", gradient=mistake.implementation)
    slope = mistake.implementation
    backprop = isolated(reference.gradient, "gradient", sigmoid_gradient=slope)
    return isolated(reference.regularized_gradient, "regularized_gradient", gradient=backprop)


@pytest.fixture(scope="module")
def medium_problem():
    sizes = (60, 12, 10)
    rng = np.random.default_rng(11)
    theta = reference.random_init(sizes, rng)
    X = rng.uniform(0, 1, (200, 60))
    y = reference.expand_y(np.arange(200) % 10 + 1)
    return theta, X, y, sizes


def test_directional_check_passes_a_right_gradient(medium_problem):
    theta, X, y, sizes = medium_problem
    objective = lambda t: reference.regularized_cost(t, X, y, 3.0, sizes)  # noqa: E731
    analytic = reference.regularized_gradient(theta, X, y, 3.0, sizes)
    assert reference.directional_gradient_check(objective, theta, analytic) < 1e-7


@pytest.mark.parametrize("mistake", GRADIENT_MISTAKES, ids=lambda m: m.id)
def test_directional_check_fails_every_catalogued_gradient_mistake(medium_problem, mistake):
    theta, X, y, sizes = medium_problem
    point = theta.copy()
    objective = lambda t: reference.regularized_cost(t, X, y, 3.0, sizes)  # noqa: E731
    # As in a real check: the gradient first, then the cost around the same point
    # (a gradient that writes into theta moves that point).
    analytic = wrong_regularized_gradient(mistake)(point, X, y, 3.0, sizes)
    assert reference.directional_gradient_check(objective, point, analytic) > 1e-6, mistake.id


def test_isolated_replaces_the_other_graded_functions_only():
    namespace = {"np": np, "sigmoid": lambda z: 0 * z, "feed_forward": None}
    exec(
        "def helper(z):\n    return sigmoid(z)\n\n"
        "def sigmoid_gradient(z):\n    return helper(z) * (1 - helper(z))\n",
        namespace,
    )
    student = namespace["sigmoid_gradient"]
    assert student(0.0) == 0.0  # with the student's broken sigmoid
    assert isolated(student, "sigmoid_gradient")(0.0) == 0.25  # the helper sees the reference sigmoid
    assert namespace["sigmoid"](1.0) == 0.0  # and the notebook's namespace is untouched
    assert isolated(student, "sigmoid_gradient", sigmoid=lambda z: 2.0)(0.0) == -2.0
    builtin = np.tanh
    assert isolated(builtin, "sigmoid") is builtin
    assert isinstance(isolated(student, "sigmoid_gradient"), types.FunctionType)


# --------------------------------------------------------------------------
# training on the ex4 digits
# --------------------------------------------------------------------------


def test_training_reaches_the_hidden_checks_accuracy():
    from threadpoolctl import threadpool_limits

    from autograder.hidden.ex4_network import training_data

    X, labels = training_data()
    with threadpool_limits(limits=1):
        theta, result, _ = reference.train(X, labels, 1.0, max_iterations=100, seed=0)
    assert np.mean(reference.predict(theta, X) == labels) >= 0.97
    assert result.fun < reference.regularized_cost(reference.random_init(rng=np.random.default_rng(0)), X, reference.expand_y(labels))
