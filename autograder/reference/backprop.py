"""Reference answers for the backpropagation exercise.

The 2-2-2 network of the homework post, with its numbering: hidden unit h1
receives w1*x1 + w3*x2, h2 receives w2*x1 + w4*x2, output o1 receives
w5*h1 + w7*h2 and o2 receives w6*h1 + w8*h2. No biases; every unit is a
sigmoid; the loss is 1/2 * sum of squared errors.
"""

from __future__ import annotations

import numpy as np

# The homework's worked example (x, y, w, step size, iterations).
SEED_X = (0.5, 0.3)
SEED_Y = (0.23, -0.07)
SEED_W = (0.2, -0.4, 0.5, 0.6, 0.1, -0.5, -0.3, 0.8)
SEED_STEP = 10.0
SEED_ITERATIONS = 10

# The quadratic model's worked example: y_hat = w1*x**2 + w2*x + b.
QUADRATIC_X, QUADRATIC_Y = 1.0, 2.0
QUADRATIC_W1, QUADRATIC_W2, QUADRATIC_B = 1.0, 2.0, 2.0


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward_propagate(x, y, w):
    """Return (out_o1, out_o2, out_h1, out_h2, error) of the 2-2-2 network."""
    x1, x2 = x
    y1, y2 = y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    out_h1 = sigmoid(w1 * x1 + w3 * x2)
    out_h2 = sigmoid(w2 * x1 + w4 * x2)
    out_o1 = sigmoid(w5 * out_h1 + w7 * out_h2)
    out_o2 = sigmoid(w6 * out_h1 + w8 * out_h2)
    error = 0.5 * (out_o1 - y1) ** 2 + 0.5 * (out_o2 - y2) ** 2
    return out_o1, out_o2, out_h1, out_h2, error


def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    """Return (d_w1, ..., d_w8), the gradient of the error with respect to w1..w8."""
    x1, x2 = x
    y1, y2 = y
    _, _, _, _, w5, w6, w7, w8 = w
    # delta = d error / d (input of the unit)
    delta_o1 = (out_o1 - y1) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y2) * out_o2 * (1 - out_o2)
    # h1 feeds both outputs, so its delta sums what flows back from each of them.
    delta_h1 = (delta_o1 * w5 + delta_o2 * w6) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w7 + delta_o2 * w8) * out_h2 * (1 - out_h2)
    return (
        delta_h1 * x1,
        delta_h2 * x1,
        delta_h1 * x2,
        delta_h2 * x2,
        delta_o1 * out_h1,
        delta_o2 * out_h1,
        delta_o1 * out_h2,
        delta_o2 * out_h2,
    )


def update_w(w, grads, step):
    """Return the eight weights after one gradient-descent step; ``w`` is left as it was."""
    return np.asarray(w, dtype=float) - step * np.asarray(grads, dtype=float)


def quadratic_gradients(x, y, w1, w2, b):
    """Gradients (d_w1, d_w2, d_b) of (w1*x**2 + w2*x + b - y)**2."""
    residual = w1 * x**2 + w2 * x + b - y
    return 2 * residual * x**2, 2 * residual * x, 2 * residual


def train(x, y, w, step, iterations, back_propagate=back_propagate):
    """Gradient descent on the 2-2-2 network; returns (losses, final weights).

    ``back_propagate`` can be swapped, so the book can train with a wrong one.
    """
    losses = []
    for _ in range(iterations):
        out_o1, out_o2, out_h1, out_h2, error = forward_propagate(x, y, w)
        losses.append(error)
        grads = back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2)
        w = update_w(w, grads, step)
    return losses, w
