"""Reference answers for the gradient descent exercise, and the runs the chapter plots.

The model is linear, ``y_hat = X @ w + b``, and the loss is the mean squared
error ``L(w, b) = mean((X @ w + b - y) ** 2)``, the loss of ``torch.nn.MSELoss()``
(no factor 1/2). Shapes: ``X`` is (n, d), ``y`` is (n,), ``w`` is (d,), ``b`` is
a float.

Randomness is always a ``numpy.random.Generator`` passed in: one epoch draws
exactly one ``rng.permutation(n_samples)``, so two runs that start from equal
generators visit the samples in the same order, whoever wrote the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# The sources' set-up: standard normal data of 1000 samples with 10 features,
# plain SGD with lr 0.01 for 100 epochs, mini-batches of 100.
N_SAMPLES, N_FEATURES = 1000, 10
SOURCE_LR = 0.01
SOURCE_EPOCHS = 100
SOURCE_MINIBATCH = 100
# The sources draw the targets independently of X (y = randn(1000, 1)), which
# leaves nothing to learn; the chapter plants a linear relation plus noise.
NOISE_STD = 0.5
BIAS_TRUE = 0.5

# The sources' counting example: 100 samples, 50 epochs, mini-batches of 20.
COUNT_SAMPLES, COUNT_EPOCHS, COUNT_MINIBATCH = 100, 50, 20

# The homework post's torch example: LinearModel on x = [1, 2, 3], y = [2, 4, 6]
# with MSELoss(reduction='sum'), SGD lr 0.01, 100 epochs.
LINEAR_X = (1.0, 2.0, 3.0)
LINEAR_Y = (2.0, 4.0, 6.0)
LINEAR_LR = 0.01
LINEAR_EPOCHS = 100


def mse_loss(X, y, w, b):
    """Mean squared error of the linear model on (X, y), a float."""
    residual = X @ w + b - y
    return float(np.mean(residual**2))


def mse_gradient(X, y, w, b):
    """Gradient ``(dw, db)`` of ``mse_loss``: dw has the shape of w, db is a float."""
    residual = X @ w + b - y
    scale = 2.0 / len(y)  # d/dr of mean(r**2) is 2 r / n
    return scale * (X.T @ residual), scale * float(np.sum(residual))


def gradient_step(w, b, dw, db, lr):
    """One step against the gradient; returns new ``(w, b)`` and leaves ``w`` as it was."""
    return np.asarray(w, dtype=float) - lr * np.asarray(dw, dtype=float), float(b) - lr * float(db)


def minibatch_indices(n_samples, batch_size, rng):
    """Yield the index arrays of one epoch: consecutive slices of one permutation.

    The last batch keeps what is left over, so every sample is used exactly once.
    """
    order = rng.permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        yield order[start : start + batch_size]


def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    """Mini-batch gradient descent; returns ``(w, b, losses)``.

    ``losses[k]`` is the loss of the k-th mini-batch just before the k-th update,
    which is what a torch loop's ``loss.item()`` reports. ``batch_size = len(y)``
    is batch gradient descent and ``batch_size = 1`` stochastic gradient descent.
    """
    w, b = np.array(w0, dtype=float), float(b0)
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            X_batch, y_batch = X[batch], y[batch]
            losses.append(mse_loss(X_batch, y_batch, w, b))
            dw, db = mse_gradient(X_batch, y_batch, w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses


# --------------------------------------------------------------------------
# What the chapter needs beyond the graded functions
# --------------------------------------------------------------------------


def updates_per_epoch(n_samples, batch_size):
    """How many batches ``minibatch_indices`` yields in one epoch (counted, not computed)."""
    return sum(1 for _ in minibatch_indices(n_samples, batch_size, np.random.default_rng(0)))


def least_squares(X, y):
    """The minimiser ``(w, b)`` of ``mse_loss``, by ``numpy.linalg.lstsq``."""
    with_ones = np.column_stack([X, np.ones(len(X))])
    solution = np.linalg.lstsq(with_ones, y, rcond=None)[0]
    return solution[:-1], float(solution[-1])


def regression_data(rng, n_samples=N_SAMPLES, n_features=N_FEATURES):
    """Standard normal ``X`` and ``y = X @ w_true + BIAS_TRUE + noise``; returns (X, y, w_true)."""
    X = rng.standard_normal((n_samples, n_features))
    w_true = rng.standard_normal(n_features)
    y = X @ w_true + BIAS_TRUE + NOISE_STD * rng.standard_normal(n_samples)
    return X, y, w_true


@dataclass
class Run:
    """What the chapter records of one run of mini-batch gradient descent."""

    w: np.ndarray
    b: float
    batch_losses: list = field(default_factory=list)  # before each update, as ``train`` returns
    full_losses: dict = field(default_factory=dict)  # update count -> loss on all the data after it
    epoch_losses: list = field(default_factory=list)  # on all the data, at the start and after each epoch
    epoch_params: list = field(default_factory=list)  # (w, b) at the start and after each epoch


def train_recording(X, y, w0, b0, learning_rates, batch_size, rng, record_after=()):
    """``train`` with one step size per epoch (``len(learning_rates)`` epochs), recording a ``Run``.

    With a constant step size it follows ``train`` exactly (the unit tests check
    that). The loss on all the data is recorded after each epoch, and after the
    updates whose counts are in ``record_after`` (0 is the start): each costs a
    pass over the data.
    """
    record_after = set(record_after)
    w, b = np.array(w0, dtype=float), float(b0)
    run = Run(w, b)
    run.epoch_losses.append(mse_loss(X, y, w, b))
    run.epoch_params.append((w, b))
    if 0 in record_after:
        run.full_losses[0] = run.epoch_losses[0]
    for lr in learning_rates:
        for batch in minibatch_indices(len(y), batch_size, rng):
            X_batch, y_batch = X[batch], y[batch]
            run.batch_losses.append(mse_loss(X_batch, y_batch, w, b))
            dw, db = mse_gradient(X_batch, y_batch, w, b)
            w, b = gradient_step(w, b, dw, db, lr)
            if len(run.batch_losses) in record_after:
                run.full_losses[len(run.batch_losses)] = mse_loss(X, y, w, b)
        run.epoch_losses.append(mse_loss(X, y, w, b))
        run.epoch_params.append((w, b))
    run.w, run.b = w, b
    return run

