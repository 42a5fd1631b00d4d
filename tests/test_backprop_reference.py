"""The reference answers of the backpropagation exercise against torch autograd
(float64) and against central differences."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from autograder.checking import numerical_gradient, relative_error
from autograder.mistakes.backprop import back_propagate_seed_hidden_layer
from autograder.reference import backprop as reference

RANDOM_CASES = 25


# --------------------------------------------------------------------------
# torch versions, built independently from the numbering in the reference docstring
# --------------------------------------------------------------------------


def torch_quadratic(x, y, w1, w2, b):
    """Loss and (d_w1, d_w2, d_b) of (w1*x**2 + w2*x + b - y)**2 by autograd."""
    params = torch.tensor([w1, w2, b], dtype=torch.float64, requires_grad=True)
    y_hat = params[0] * x**2 + params[1] * x + params[2]
    loss = (y_hat - y) ** 2
    loss.backward()
    return loss.item(), params.grad.numpy().copy()


def torch_network(x, y, w):
    """Forward values and the gradient of the 2-2-2 network's error by autograd.

    h1 = s(w1*x1 + w3*x2), h2 = s(w2*x1 + w4*x2),
    o1 = s(w5*h1 + w7*h2), o2 = s(w6*h1 + w8*h2), E = 1/2 * sum((o - y)**2).
    """
    x_t = torch.tensor(np.asarray(x, dtype=float), dtype=torch.float64)
    y_t = torch.tensor(np.asarray(y, dtype=float), dtype=torch.float64)
    w_t = torch.tensor(np.asarray(w, dtype=float), dtype=torch.float64, requires_grad=True)
    # rows: receiving unit, columns: sending unit (w is 0-based: w_t[0] is w1)
    w_hidden = torch.stack([torch.stack([w_t[0], w_t[2]]), torch.stack([w_t[1], w_t[3]])])
    w_output = torch.stack([torch.stack([w_t[4], w_t[6]]), torch.stack([w_t[5], w_t[7]])])
    hidden = torch.sigmoid(w_hidden @ x_t)
    output = torch.sigmoid(w_output @ hidden)
    error = 0.5 * torch.sum((output - y_t) ** 2)
    error.backward()
    values = (output[0].item(), output[1].item(), hidden[0].item(), hidden[1].item(), error.item())
    return values, w_t.grad.numpy().copy()


def network_cases():
    yield np.array(reference.SEED_X), np.array(reference.SEED_Y), np.array(reference.SEED_W)
    rng = np.random.default_rng(20240531)
    for _ in range(RANDOM_CASES):
        # |x| >= 0.2 keeps d_w1..d_w4 away from 0, where a relative error means little.
        x = rng.uniform(0.2, 1.0, 2) * rng.choice([-1.0, 1.0], 2)
        yield x, rng.uniform(0.05, 0.95, 2), rng.normal(0.0, 1.0, 8)


def quadratic_cases():
    yield (reference.QUADRATIC_X, reference.QUADRATIC_Y, reference.QUADRATIC_W1, reference.QUADRATIC_W2, reference.QUADRATIC_B)
    rng = np.random.default_rng(1234)
    for _ in range(RANDOM_CASES):
        x = float(rng.uniform(0.3, 2.0) * rng.choice([-1.0, 1.0]))
        yield (x, *(float(v) for v in rng.normal(0.0, 2.0, 4)))


NETWORK_CASES = list(network_cases())
QUADRATIC_CASES = list(quadratic_cases())


def reference_gradients(x, y, w, back_propagate=reference.back_propagate):
    out_o1, out_o2, out_h1, out_h2, _ = reference.forward_propagate(x, y, w)
    return np.array(back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2), dtype=float)


def central_differences(x, y, w):
    weights = np.array(w, dtype=float)
    return numerical_gradient(lambda: reference.forward_propagate(x, y, weights)[4], weights)


# --------------------------------------------------------------------------
# the quadratic model
# --------------------------------------------------------------------------


def test_quadratic_seed_gradients_are_six_by_torch_and_by_the_reference():
    x, y, w1, w2, b = QUADRATIC_CASES[0]
    assert (x, y, w1, w2, b) == (1.0, 2.0, 1.0, 2.0, 2.0)
    loss, torch_grads = torch_quadratic(x, y, w1, w2, b)
    np.testing.assert_allclose(torch_grads, [6.0, 6.0, 6.0], rtol=1e-15)
    assert loss == pytest.approx(9.0, rel=1e-15)
    np.testing.assert_allclose(reference.quadratic_gradients(x, y, w1, w2, b), torch_grads, rtol=1e-15)


@pytest.mark.parametrize("case", QUADRATIC_CASES, ids=lambda c: f"x={c[0]:.3f}")
def test_quadratic_gradients_match_torch_and_central_differences(case):
    x, y, w1, w2, b = case
    analytic = np.array(reference.quadratic_gradients(*case), dtype=float)
    _, torch_grads = torch_quadratic(*case)
    np.testing.assert_allclose(analytic, torch_grads, rtol=1e-12, atol=1e-14)

    params = np.array([w1, w2, b])
    numerical = numerical_gradient(lambda: (params[0] * x**2 + params[1] * x + params[2] - y) ** 2, params)
    assert relative_error(analytic, numerical) < 1e-7


# --------------------------------------------------------------------------
# the 2-2-2 network
# --------------------------------------------------------------------------


def test_seed_initial_loss_matches_torch():
    x, y, w = NETWORK_CASES[0]
    torch_values, _ = torch_network(x, y, w)
    reference_values = reference.forward_propagate(x, y, w)
    np.testing.assert_allclose(reference_values, torch_values, rtol=1e-14)
    assert torch_values[4] == pytest.approx(0.2097097937, abs=1e-10)  # the notebook's number


@pytest.mark.parametrize("index", range(len(NETWORK_CASES)), ids=lambda i: "seed" if i == 0 else f"random-{i}")
def test_network_forward_and_gradients_match_torch(index):
    x, y, w = NETWORK_CASES[index]
    torch_values, torch_grads = torch_network(x, y, w)
    np.testing.assert_allclose(reference.forward_propagate(x, y, w), torch_values, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(reference_gradients(x, y, w), torch_grads, rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("index", range(len(NETWORK_CASES)), ids=lambda i: "seed" if i == 0 else f"random-{i}")
def test_network_gradients_match_central_differences(index):
    x, y, w = NETWORK_CASES[index]
    error = relative_error(reference_gradients(x, y, w), central_differences(x, y, w))
    assert error < 1e-7, f"relative error {error:.3g}"


def test_torch_network_uses_the_docstring_numbering():
    # Guards the torch model itself: with only w3 nonzero among the hidden weights,
    # h1 depends on x2 and h2 is sigmoid(0) = 1/2.
    (_, _, h1, h2, _), _ = torch_network((0.0, 2.0), (0.5, 0.5), (0, 0, 1.0, 0, 0, 0, 0, 0))
    assert h1 == pytest.approx(1 / (1 + np.exp(-2.0))) and h2 == 0.5
    # With only w7 nonzero among the output weights, o1 receives w7*h2 and o2 receives 0.
    (o1, o2, _, h2, _), _ = torch_network((0.0, 0.0), (0.5, 0.5), (0, 0, 0, 0, 0, 0, 3.0, 0))
    assert o1 == pytest.approx(1 / (1 + np.exp(-3.0 * h2))) and o2 == 0.5


# --------------------------------------------------------------------------
# training, and the seed's wrong hidden layer
# --------------------------------------------------------------------------


def train(back_propagate):
    x, y, w = NETWORK_CASES[0]
    return reference.train(x, y, w, reference.SEED_STEP, reference.SEED_ITERATIONS, back_propagate=back_propagate)


def test_training_ten_iterations_makes_the_loss_fall():
    assert (reference.SEED_STEP, reference.SEED_ITERATIONS) == (10.0, 10)
    losses, final_w = train(reference.back_propagate)
    assert len(losses) == 10
    assert all(later < earlier for earlier, later in zip(losses, losses[1:])), losses
    x, y, _ = NETWORK_CASES[0]
    final_loss = reference.forward_propagate(x, y, final_w)[4]
    assert final_loss < losses[-1] and final_loss < 0.05 * losses[0]
    # The first loss is torch's initial loss.
    assert losses[0] == pytest.approx(torch_network(*NETWORK_CASES[0])[0][4], rel=1e-14)


@pytest.mark.parametrize("index", range(len(NETWORK_CASES)), ids=lambda i: "seed" if i == 0 else f"random-{i}")
def test_seed_hidden_layer_has_right_output_gradients_and_wrong_hidden_ones(index):
    x, y, w = NETWORK_CASES[index]
    right = reference_gradients(x, y, w)
    wrong = reference_gradients(x, y, w, back_propagate_seed_hidden_layer)
    np.testing.assert_allclose(wrong[4:], right[4:], rtol=1e-12, atol=1e-15)
    assert relative_error(wrong[:4], right[:4]) > 1e-2
    if index == 0:  # at the seed every hidden-layer gradient is off
        assert all(relative_error(wrong[i], right[i]) > 1e-2 for i in range(4))


def test_seed_hidden_layer_also_lowers_the_loss_only_a_gradient_check_tells():
    right_losses, _ = train(reference.back_propagate)
    wrong_losses, _ = train(back_propagate_seed_hidden_layer)
    assert all(later < earlier for earlier, later in zip(wrong_losses, wrong_losses[1:])), wrong_losses
    assert wrong_losses[-1] < 0.1 * wrong_losses[0]
    assert wrong_losses != right_losses
    # The gradient check is what tells them apart.
    x, y, w = NETWORK_CASES[0]
    numerical = central_differences(x, y, w)
    assert relative_error(reference_gradients(x, y, w), numerical) < 1e-7
    assert relative_error(reference_gradients(x, y, w, back_propagate_seed_hidden_layer), numerical) > 1e-2
