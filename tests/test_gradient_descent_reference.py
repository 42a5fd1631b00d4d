"""The reference answers of the gradient descent exercise against torch (float64),
central differences, numpy.linalg.lstsq and the sources' numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from autograder.checking import numerical_gradient, relative_error
from autograder.reference import gradient_descent as reference

RANDOM_CASES = 20


def random_problems(seed=20260101):
    rng = np.random.default_rng(seed)
    for index in range(RANDOM_CASES):
        n_samples = [1, 2, 7, 40][index % 4]
        n_features = [1, 3, 5][index % 3]
        X = rng.normal(0, 1, (n_samples, n_features))
        yield X, rng.normal(0, 2, n_samples), rng.normal(0, 1, n_features), float(rng.normal())


PROBLEMS = list(random_problems())
PROBLEM_IDS = [f"n{X.shape[0]}-d{X.shape[1]}-{i}" for i, (X, *_) in enumerate(PROBLEMS)]


def torch_loss_and_gradient(X, y, w, b):
    """nn.Linear + nn.MSELoss() in float64: the loss and (dw, db) by autograd."""
    layer = torch.nn.Linear(X.shape[1], 1).double()
    with torch.no_grad():
        layer.weight.copy_(torch.as_tensor(w).reshape(1, -1))
        layer.bias.fill_(b)
    loss = torch.nn.MSELoss()(layer(torch.as_tensor(X)), torch.as_tensor(y).reshape(-1, 1))
    loss.backward()
    return loss.item(), layer.weight.grad.numpy().reshape(-1).copy(), layer.bias.grad.item()


# --------------------------------------------------------------------------
# loss, gradient, step
# --------------------------------------------------------------------------


@pytest.mark.parametrize("problem", PROBLEMS, ids=PROBLEM_IDS)
def test_loss_and_gradient_match_torch(problem):
    loss_t, dw_t, db_t = torch_loss_and_gradient(*problem)
    assert reference.mse_loss(*problem) == pytest.approx(loss_t, rel=1e-13)
    dw, db = reference.mse_gradient(*problem)
    assert dw.shape == problem[2].shape and isinstance(db, float)
    np.testing.assert_allclose(dw, dw_t, rtol=1e-11, atol=1e-13)
    assert db == pytest.approx(db_t, rel=1e-11, abs=1e-13)


@pytest.mark.parametrize("problem", PROBLEMS, ids=PROBLEM_IDS)
def test_gradient_matches_central_differences(problem):
    X, y, w, b = problem
    parameters = np.append(w, b)
    numerical = numerical_gradient(lambda: reference.mse_loss(X, y, parameters[:-1], parameters[-1]), parameters)
    assert relative_error(np.append(*reference.mse_gradient(X, y, w, b)), numerical) < 1e-7


def test_loss_is_zero_at_an_exact_fit_and_the_gradient_vanishes_at_least_squares():
    X, y, w, b = PROBLEMS[-1]
    assert reference.mse_loss(X, X @ w + b, w, b) == 0.0
    w_best, b_best = reference.least_squares(X, y)
    assert np.linalg.norm(np.append(*reference.mse_gradient(X, y, w_best, b_best))) < 1e-12


def test_least_squares_solves_the_normal_equations():
    X, y, *_ = PROBLEMS[-1]
    w_best, b_best = reference.least_squares(X, y)
    A = np.column_stack([X, np.ones(len(X))])
    np.testing.assert_allclose(np.append(w_best, b_best), np.linalg.solve(A.T @ A, A.T @ y), rtol=1e-10)


def test_gradient_step_returns_new_values_and_keeps_w():
    w = np.array([1.0, 2.0])
    w_new, b_new = reference.gradient_step(w, 0.5, np.array([10.0, -10.0]), 2.0, 0.1)
    np.testing.assert_array_equal(w_new, [0.0, 3.0])
    assert b_new == pytest.approx(0.3) and w_new is not w
    np.testing.assert_array_equal(w, [1.0, 2.0])


# --------------------------------------------------------------------------
# mini-batches
# --------------------------------------------------------------------------


@pytest.mark.parametrize("n_samples, batch_size", [(10, 3), (10, 5), (7, 1), (5, 8), (100, 20), (1, 1)])
def test_minibatches_partition_one_permutation(n_samples, batch_size):
    batches = list(reference.minibatch_indices(n_samples, batch_size, np.random.default_rng(1)))
    sizes = [len(batch) for batch in batches]
    assert len(batches) == math.ceil(n_samples / batch_size) == reference.updates_per_epoch(n_samples, batch_size)
    assert all(size == batch_size for size in sizes[:-1]) and 0 < sizes[-1] <= batch_size
    np.testing.assert_array_equal(np.concatenate(batches), np.random.default_rng(1).permutation(n_samples))
    # One epoch uses exactly one permutation of the generator.
    rng = np.random.default_rng(1)
    list(reference.minibatch_indices(n_samples, batch_size, rng))
    after = np.random.default_rng(1)
    after.permutation(n_samples)
    assert rng.random() == after.random()


def test_shuffling_an_arange_is_the_same_permutation():
    # The alternatives rely on it: Generator.permutation(n) shuffles an arange.
    for n_samples in (1, 5, 100, 1000):
        indices = np.arange(n_samples)
        np.random.default_rng(3).shuffle(indices)
        np.testing.assert_array_equal(indices, np.random.default_rng(3).permutation(n_samples))


def test_the_sources_update_counts():
    # 100 samples, 50 epochs: 50 (batch), 5000 (stochastic), 250 (batches of 20).
    X = np.random.default_rng(2).normal(0, 1, (reference.COUNT_SAMPLES, 2))
    y = X @ np.array([1.0, -2.0])
    counts = []
    for batch_size in (reference.COUNT_SAMPLES, 1, reference.COUNT_MINIBATCH):
        _, _, losses = reference.train(X, y, np.zeros(2), 0.0, 0.01, reference.COUNT_EPOCHS, batch_size,
                                       np.random.default_rng(0))
        counts.append(len(losses))
    assert counts == [50, 5000, 250]


# --------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------


def torch_sgd(X, y, w0, b0, lr, epochs, batch_size, rng):
    """An independent torch loop: DataLoader-free, but torch.randperm is not NumPy's, so the
    batches are the reference's index arrays; losses before each step, as loss.item()."""
    model = torch.nn.Linear(X.shape[1], 1).double()
    with torch.no_grad():
        model.weight.copy_(torch.as_tensor(w0).reshape(1, -1))
        model.bias.fill_(b0)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    inputs, targets = torch.as_tensor(X), torch.as_tensor(y).reshape(-1, 1)
    losses = []
    for _ in range(epochs):
        order = torch.as_tensor(rng.permutation(len(y)))
        for batch in torch.split(order, batch_size):
            loss = torch.nn.functional.mse_loss(model(inputs[batch]), targets[batch])
            losses.append(loss.item())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.weight.detach().numpy().reshape(-1), model.bias.item(), losses


@pytest.mark.parametrize("batch_size", [23, 1, 5, 8, 100])
def test_train_follows_torch_sgd_step_by_step(batch_size):
    rng = np.random.default_rng(11)
    X = rng.normal(0, 1, (23, 4))
    y = X @ rng.normal(0, 1, 4) + 0.3 * rng.normal(0, 1, 23)
    w0, b0 = rng.normal(0, 1, 4), 0.7
    w, b, losses = reference.train(X, y, w0, b0, 0.05, 4, batch_size, np.random.default_rng(12))
    w_t, b_t, losses_t = torch_sgd(X, y, w0, b0, 0.05, 4, batch_size, np.random.default_rng(12))
    assert len(losses) == 4 * math.ceil(23 / batch_size)
    np.testing.assert_allclose(losses, losses_t, rtol=1e-10)
    np.testing.assert_allclose(np.append(w, b), np.append(w_t, b_t), rtol=1e-10, atol=1e-12)


def test_train_leaves_w0_and_accepts_lists():
    X = np.random.default_rng(4).normal(0, 1, (6, 2))
    y = X.sum(axis=1)
    w0 = np.array([0.1, 0.2])
    w, b, _ = reference.train(X, y, w0, 0, 0.1, 2, 4, np.random.default_rng(0))
    np.testing.assert_array_equal(w0, [0.1, 0.2])
    w_list, b_list, _ = reference.train(X, y, [0.1, 0.2], 0, 0.1, 2, 4, np.random.default_rng(0))
    np.testing.assert_array_equal(w, w_list)
    assert b == b_list


@pytest.mark.parametrize("batch_size", [1, 7, 50])
def test_recording_with_a_constant_step_is_train(batch_size):
    X, y, _ = reference.regression_data(np.random.default_rng(5), n_samples=50, n_features=3)
    w, b, losses = reference.train(X, y, np.zeros(3), 0.0, 0.02, 3, batch_size, np.random.default_rng(6))
    run = reference.train_recording(X, y, np.zeros(3), 0.0, [0.02] * 3, batch_size, np.random.default_rng(6),
                                    record_after=range(1000))
    np.testing.assert_array_equal(run.w, w)
    assert run.b == b and run.batch_losses == losses
    assert len(run.epoch_params) == len(run.epoch_losses) == 4
    assert sorted(run.full_losses) == list(range(len(losses) + 1))
    assert run.full_losses[len(losses)] == run.epoch_losses[-1] == reference.mse_loss(X, y, w, b)


def test_regression_data_is_the_sources_shape():
    X, y, w_true = reference.regression_data(np.random.default_rng(0))
    assert X.shape == (reference.N_SAMPLES, reference.N_FEATURES) == (1000, 10)
    assert abs(X.mean()) < 0.05 and abs(X.std() - 1) < 0.05  # standard normal
    residual_std = np.std(y - X @ w_true - reference.BIAS_TRUE)
    assert residual_std == pytest.approx(reference.NOISE_STD, rel=0.1)


def test_each_batch_size_reaches_least_squares():
    X, y, _ = reference.regression_data(np.random.default_rng(7), n_samples=200, n_features=4)
    best = np.append(*reference.least_squares(X, y))
    batch = reference.train(X, y, np.zeros(4), 0.0, 0.5, 80, 200, np.random.default_rng(1))
    assert np.linalg.norm(np.append(batch[0], batch[1]) - best) < 1e-10
    mini = reference.train(X, y, np.zeros(4), 0.0, 0.02, 40, 20, np.random.default_rng(1))
    assert np.linalg.norm(np.append(mini[0], mini[1]) - best) < 0.02


def test_stochastic_descent_settles_only_with_a_decaying_step():
    # The page's claim: a constant step leaves SGD jittering, a decaying one lets it settle.
    X, y, _ = reference.regression_data(np.random.default_rng(8), n_samples=200, n_features=4)
    best = np.append(*reference.least_squares(X, y))

    def distances(rates):
        run = reference.train_recording(X, y, np.zeros(4), 0.0, rates, 1, np.random.default_rng(2))
        return [np.linalg.norm(np.append(w, b) - best) for w, b in run.epoch_params]

    constant = distances([0.01] * 20)
    decaying = distances([0.01 / (1 + epoch) for epoch in range(20)])
    assert min(constant[5:]) > 0.02  # it never gets closer than the noise allows
    assert decaying[-1] < 0.5 * min(constant[5:])


def test_summed_loss_with_lr_equals_mean_loss_with_n_times_lr():
    # The homework's LinearModel: MSELoss(reduction='sum'), SGD lr 0.01, 100 epochs.
    x = torch.tensor(reference.LINEAR_X, dtype=torch.float64).reshape(-1, 1)
    y = torch.tensor(reference.LINEAR_Y, dtype=torch.float64).reshape(-1, 1)
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1).double()
    w0, b0 = model.weight.item(), model.bias.item()
    optimizer = torch.optim.SGD(model.parameters(), lr=reference.LINEAR_LR)
    summed = []
    for _ in range(reference.LINEAR_EPOCHS):
        loss = torch.nn.MSELoss(reduction="sum")(model(x), y)
        summed.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    n = len(reference.LINEAR_X)
    w, b, losses = reference.train(x.numpy(), y.numpy().reshape(-1), np.array([w0]), b0, n * reference.LINEAR_LR,
                                   reference.LINEAR_EPOCHS, n, np.random.default_rng(0))
    np.testing.assert_allclose(n * np.array(losses), summed, rtol=1e-10)
    assert w[0] == pytest.approx(model.weight.item(), rel=1e-10) and b == pytest.approx(model.bias.item(), rel=1e-10)
    # size_average=False, the deprecated spelling, is the same sum.
    with pytest.warns(UserWarning):
        legacy = torch.nn.MSELoss(size_average=False)
    assert legacy.reduction == "sum"
