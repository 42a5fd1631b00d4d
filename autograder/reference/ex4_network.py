"""Reference answers for the ex4 network exercise (a 400-25-10 sigmoid network).

Conventions, the same as the exercise's:

- ``sizes = (n, hidden, k)`` counts the units of the input, hidden and output
  layers without the bias units; the ex4 network is (400, 25, 10).
- ``X`` holds one example per row, **without** a bias column: ``feed_forward``
  puts the column of ones in front of the inputs and of the hidden activations.
- ``Theta1`` is (hidden, n + 1) and ``Theta2`` is (k, hidden + 1); row j holds
  the weights into unit j, column 0 is the bias. ``theta`` is both matrices
  flattened row by row and joined, Theta1 first.
- ``y`` in the cost and gradients is one-hot, (m, k); labels 1..k map to
  columns 0..k-1 (in ex4, label 10 is the digit 0).
- The cost is the mean over the m examples of the cross-entropy summed over the
  k outputs; the gradients are the derivatives of exactly that mean.
"""

from __future__ import annotations

import time
import warnings

import numpy as np

EX4_SIZES = (400, 25, 10)


def expand_y(y, num_labels=10):
    """One-hot rows (m, num_labels) for labels 1..num_labels."""
    labels = np.asarray(y).reshape(-1).astype(int)
    return np.eye(num_labels)[labels - 1]


def serialize(theta1, theta2):
    """Both weight matrices as one flat vector, row by row, theta1 first."""
    return np.concatenate((np.ravel(theta1), np.ravel(theta2)))


def deserialize(theta, sizes=EX4_SIZES):
    """The inverse of ``serialize``: Theta1 (hidden, n + 1) and Theta2 (k, hidden + 1).

    Returns views into ``theta``: writing into them writes into ``theta``.
    """
    n, hidden, k = sizes
    split = hidden * (n + 1)
    theta = np.asarray(theta)
    return theta[:split].reshape(hidden, n + 1), theta[split:].reshape(k, hidden + 1)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def feed_forward(theta, X, sizes=EX4_SIZES):
    """(a1, z2, a2, z3, h): the activations with their bias columns, the weighted inputs, the outputs."""
    theta1, theta2 = deserialize(theta, sizes)
    a1 = np.insert(np.asarray(X, dtype=float), 0, 1.0, axis=1)  # (m, n + 1)
    z2 = a1 @ theta1.T  # (m, hidden)
    a2 = np.insert(sigmoid(z2), 0, 1.0, axis=1)  # (m, hidden + 1)
    z3 = a2 @ theta2.T  # (m, k)
    h = sigmoid(z3)
    return a1, z2, a2, z3, h


def cost(theta, X, y, sizes=EX4_SIZES):
    """Mean cross-entropy, computed from z3 so that saturated outputs give no nan.

    -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)) = log(1 + e^z) - y z, and
    np.logaddexp(0, z) evaluates log(1 + e^z) without overflow.
    """
    z3 = feed_forward(theta, X, sizes)[3]
    return float(np.sum(np.logaddexp(0, z3) - y * z3) / X.shape[0])


def regularized_cost(theta, X, y, lambda_=1.0, sizes=EX4_SIZES):
    """``cost`` plus lambda / (2m) times the squared weights, bias columns excluded."""
    theta1, theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty = (np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2)) * lambda_ / (2 * m)
    return cost(theta, X, y, sizes) + penalty


def sigmoid_gradient(z):
    """The derivative of the sigmoid at the weighted input z (not at an activation)."""
    s = sigmoid(z)
    return s * (1 - s)


def gradient(theta, X, y, sizes=EX4_SIZES):
    """The gradient of ``cost`` by backpropagation, all examples at once."""
    _, theta2 = deserialize(theta, sizes)
    a1, z2, a2, _, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y  # (m, k)
    delta2 = (delta3 @ theta2[:, 1:]) * sigmoid_gradient(z2)  # (m, hidden): the bias unit has no input
    return serialize(delta2.T @ a1 / m, delta3.T @ a2 / m)


def regularized_gradient(theta, X, y, lambda_=1.0, sizes=EX4_SIZES):
    """The gradient of ``regularized_cost``; ``theta`` is left as it was."""
    grad1, grad2 = deserialize(gradient(theta, X, y, sizes), sizes)
    theta1, theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    # theta * (lambda / m) is a new array, so zeroing its bias column leaves theta alone.
    penalty1 = theta1 * (lambda_ / m)
    penalty2 = theta2 * (lambda_ / m)
    penalty1[:, 0] = 0
    penalty2[:, 0] = 0
    return serialize(grad1 + penalty1, grad2 + penalty2)


def random_init(sizes=EX4_SIZES, rng=None):
    """Weights drawn uniformly from [-eps, eps], eps = sqrt(6) / sqrt(L_in + L_out) per layer."""
    rng = np.random.default_rng() if rng is None else rng
    n, hidden, k = sizes
    layers = []
    for fan_in, fan_out in ((n, hidden), (hidden, k)):
        eps = np.sqrt(6) / np.sqrt(fan_in + fan_out)
        layers.append(rng.uniform(-eps, eps, size=(fan_out, fan_in + 1)))
    return serialize(*layers)


def gradient_checking(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=EX4_SIZES):
    """Relative difference |num - ana| / |num + ana| between central differences and backpropagation.

    Two cost evaluations per parameter: fine for a small network, minutes for
    the full one.
    """
    if regularized:
        objective = lambda t: regularized_cost(t, X, y, lambda_, sizes)  # noqa: E731
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        objective = lambda t: cost(t, X, y, sizes)  # noqa: E731
        analytic = gradient(theta, X, y, sizes)
    shifted = np.array(theta, dtype=float)
    numeric = np.zeros(shifted.size)
    for i in range(shifted.size):
        original = shifted[i]
        shifted[i] = original + epsilon
        upper = objective(shifted)
        shifted[i] = original - epsilon
        lower = objective(shifted)
        shifted[i] = original
        numeric[i] = (upper - lower) / (2 * epsilon)
    return float(np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic))


# --------------------------------------------------------------------------
# Not graded: what the chapter and the benchmark use besides the answers.
# --------------------------------------------------------------------------


def gradient_per_sample_loop(theta, X, y, sizes=EX4_SIZES):
    """The source's backpropagation, one example at a time, divided by m as it should be.

    Equal to ``gradient`` up to rounding, and far slower: the loop runs m times
    through Python with small NumPy operations.
    """
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, _, h = feed_forward(theta, X, sizes)
    total1 = np.zeros(theta1.shape)
    total2 = np.zeros(theta2.shape)
    m = X.shape[0]
    for i in range(m):
        delta3 = h[i] - y[i]
        delta2 = (theta2[:, 1:].T @ delta3) * sigmoid_gradient(z2[i])
        total2 += np.outer(delta3, a2[i])
        total1 += np.outer(delta2, a1[i])
    return serialize(total1 / m, total2 / m)


def gradient_source_loop(theta, X, y, sizes=EX4_SIZES):
    """The source post's per-sample loop as it is written (``np.matrix`` outer
    products, a bias entry put in front of every z2 row), divided by m at the end.
    Kept to time it against ``gradient``."""
    t1, t2 = deserialize(theta, sizes)
    m = X.shape[0]
    delta1 = np.zeros(t1.shape)
    delta2 = np.zeros(t2.shape)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    with warnings.catch_warnings():
        # np.matrix is on its way out of NumPy; the post still uses it.
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        for i in range(m):
            a1i = a1[i]
            z2i = z2[i]
            a2i = a2[i]
            hi = h[i]
            yi = y[i]
            d3i = hi - yi
            z2i = np.insert(z2i, 0, np.ones(1))
            d2i = t2.T @ d3i * sigmoid_gradient(z2i)
            delta2 += np.matrix(d3i).T @ np.matrix(a2i)
            delta1 += np.matrix(d2i[1:]).T @ np.matrix(a1i)
    return serialize(delta1 / m, delta2 / m)


def directional_gradient_check(objective, theta, analytic, directions=5, epsilon=1e-4, seed=0):
    """Largest relative difference between the slope of ``objective`` along random unit
    directions d (central differences) and ``analytic @ d``.

    Two evaluations of ``objective`` per direction, whatever the number of
    parameters: a wrong gradient differs from the true one in some direction,
    and a random direction almost surely sees it.
    """
    theta = np.asarray(theta, dtype=float)
    analytic = np.asarray(analytic, dtype=float)
    generator = np.random.default_rng(seed)
    worst = 0.0
    for _ in range(directions):
        direction = generator.standard_normal(theta.size)
        direction /= np.linalg.norm(direction)
        slope = (objective(theta + epsilon * direction) - objective(theta - epsilon * direction)) / (2 * epsilon)
        predicted = float(analytic @ direction)
        scale = max(abs(slope) + abs(predicted), 1e-300)
        worst = max(worst, abs(slope - predicted) / scale)
    return worst


def cost_and_gradient(theta, X, y, lambda_=1.0, sizes=EX4_SIZES):
    """(regularized_cost, regularized_gradient) from one forward pass, for training."""
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    data_cost = np.sum(np.logaddexp(0, z3) - y * z3) / m
    penalty = (np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2)) * lambda_ / (2 * m)
    delta3 = h - y
    delta2 = (delta3 @ theta2[:, 1:]) * sigmoid_gradient(z2)
    grad1 = delta2.T @ a1 / m
    grad2 = delta3.T @ a2 / m
    grad1[:, 1:] += theta1[:, 1:] * (lambda_ / m)
    grad2[:, 1:] += theta2[:, 1:] * (lambda_ / m)
    return float(data_cost + penalty), serialize(grad1, grad2)


def predict(theta, X, sizes=EX4_SIZES):
    """The label 1..k of the largest output for every row of X."""
    return np.argmax(feed_forward(theta, X, sizes)[4], axis=1) + 1


def train(X, labels, lambda_=1.0, sizes=EX4_SIZES, max_iterations=200, seed=0, method="L-BFGS-B"):
    """Fit the network with scipy.optimize.minimize from a seeded random start.

    ``labels`` are 1..k. Returns (theta, the OptimizeResult, seconds taken).
    """
    from scipy.optimize import minimize

    targets = expand_y(labels, sizes[2])
    start = random_init(sizes, np.random.default_rng(seed))
    began = time.perf_counter()
    result = minimize(
        cost_and_gradient,
        start,
        args=(X, targets, lambda_, sizes),
        jac=True,
        method=method,
        options={"maxiter": max_iterations},
    )
    return result.x, result, time.perf_counter() - began
