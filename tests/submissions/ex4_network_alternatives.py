"""Alternative correct answers to the ex4 network exercise.

Each function is written the way a different student might write it. The
pipeline tests paste each function's source into the notebook as a submission,
so every function is self-contained: it uses only ``np``, what the notebook's
setup cell defines (``numerical_gradient``) and the exercise's other functions
(``sigmoid``, ``deserialize``, ``feed_forward``, ``cost``, ...), which here are
the reference's and in a notebook the student's. The name is
``<graded function>__<variant>``.
"""

import numpy as np

from autograder.checking import numerical_gradient
from autograder.reference.ex4_network import (
    cost,
    deserialize,
    feed_forward,
    gradient,
    regularized_cost,
    regularized_gradient,
    serialize,
    sigmoid,
    sigmoid_gradient,
)

# --------------------------------------------------------------------------
# expand_y(y, num_labels=10) -> (m, num_labels) one-hot
# --------------------------------------------------------------------------


def expand_y__loop(y, num_labels=10):
    rows = []
    for label in y:
        row = np.zeros(num_labels)
        row[label - 1] = 1
        rows.append(row)
    return np.array(rows)


def expand_y__broadcast_compare(y, num_labels=10):
    return (np.asarray(y)[:, None] == np.arange(1, num_labels + 1)[None, :]).astype(float)


def expand_y__index_assignment(y, num_labels=10):
    y = np.asarray(y)
    one_hot = np.zeros((y.size, num_labels))
    one_hot[np.arange(y.size), y - 1] = 1.0
    return one_hot


def expand_y__eye_drop_first(y, num_labels=10):
    # Row j of the bigger identity is the one-hot of label j; column 0 (label 0) never occurs.
    return np.eye(num_labels + 1)[y][:, 1:]


# --------------------------------------------------------------------------
# serialize(theta1, theta2) -> flat vector
# --------------------------------------------------------------------------


def serialize__hstack(theta1, theta2):
    return np.hstack((theta1.flatten(), theta2.flatten()))


def serialize__append(theta1, theta2):
    return np.append(theta1, theta2)  # np.append flattens both (row by row) before joining


def serialize__r_(theta1, theta2):
    return np.r_[np.asarray(theta1).reshape(-1), np.asarray(theta2).reshape(-1)]


def serialize__loops(theta1, theta2):
    values = []
    for matrix in (theta1, theta2):
        for row in matrix:
            for value in row:
                values.append(value)
    return np.array(values)


# --------------------------------------------------------------------------
# deserialize(theta, sizes) -> (theta1, theta2)
# --------------------------------------------------------------------------


def deserialize__split(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    first, second = np.split(np.asarray(theta), [hidden * (n + 1)])
    return first.reshape(hidden, n + 1), second.reshape(k, hidden + 1)


def deserialize__copies(theta, sizes=(400, 25, 10)):
    inputs, hidden, outputs = sizes
    count1 = hidden * (inputs + 1)
    theta1 = np.array(theta[:count1]).reshape((hidden, inputs + 1))
    theta2 = np.array(theta[count1 : count1 + outputs * (hidden + 1)]).reshape((outputs, hidden + 1))
    return theta1, theta2


def deserialize__row_by_row(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    width1, width2 = n + 1, hidden + 1
    rows1 = [theta[i * width1 : (i + 1) * width1] for i in range(hidden)]
    offset = hidden * width1
    rows2 = [theta[offset + j * width2 : offset + (j + 1) * width2] for j in range(k)]
    return np.array(rows1), np.array(rows2)


# --------------------------------------------------------------------------
# sigmoid(z)
# --------------------------------------------------------------------------


def sigmoid__tanh(z):
    return 0.5 * (1 + np.tanh(np.asarray(z) / 2))


def sigmoid__exp_ratio(z):
    e = np.exp(z)
    return e / (1 + e)


def sigmoid__reciprocal(z):
    return np.reciprocal(1.0 + np.exp(-np.asarray(z, dtype=float)))


def sigmoid__two_sided(z):
    # Never exponentiates a large positive number.
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


# --------------------------------------------------------------------------
# feed_forward(theta, X, sizes) -> (a1, z2, a2, z3, h)
# --------------------------------------------------------------------------


def feed_forward__hstack(theta, X, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    z3 = a2 @ theta2.T
    return a1, z2, a2, z3, sigmoid(z3)


def feed_forward__column_stack(theta, X, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    ones = np.ones(len(X))
    a1 = np.column_stack((ones, X))
    z2 = np.dot(a1, theta1.T)
    a2 = np.column_stack((ones, sigmoid(z2)))
    z3 = np.dot(a2, theta2.T)
    h = sigmoid(z3)
    return (a1, z2, a2, z3, h)


def feed_forward__bias_added_separately(theta, X, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    z2 = X @ theta1[:, 1:].T + theta1[:, 0]
    hidden = sigmoid(z2)
    z3 = hidden @ theta2[:, 1:].T + theta2[:, 0]
    a1 = np.concatenate([np.ones((X.shape[0], 1)), X], axis=1)
    a2 = np.concatenate([np.ones((X.shape[0], 1)), hidden], axis=1)
    return a1, z2, a2, z3, sigmoid(z3)


def feed_forward__layer_loop(theta, X, sizes=(400, 25, 10)):
    activations, weighted = [], []
    a = X
    for weights in deserialize(theta, sizes):
        a = np.insert(a, 0, 1.0, axis=1)
        activations.append(a)
        z = a @ weights.T
        weighted.append(z)
        a = sigmoid(z)
    return activations[0], weighted[0], activations[1], weighted[1], a


# --------------------------------------------------------------------------
# cost(theta, X, y, sizes) -> mean cross-entropy
# --------------------------------------------------------------------------


def cost__softplus_rows(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    per_example = np.sum(np.logaddexp(0.0, z3) - y * z3, axis=1)
    return per_example.mean()


def cost__clipped(theta, X, y, sizes=(400, 25, 10)):
    h = feed_forward(theta, X, sizes)[4]
    h = np.clip(h, 1e-15, 1 - 1e-15)  # keeps both logs finite when an output saturates
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / len(X)


def cost__log_sigmoid(theta, X, y, sizes=(400, 25, 10)):
    _, _, _, z3, _ = feed_forward(theta, X, sizes)
    log_h = -np.logaddexp(0, -z3)  # log(sigmoid(z))
    log_one_minus_h = -np.logaddexp(0, z3)  # log(1 - sigmoid(z))
    return -np.sum(y * log_h + (1 - y) * log_one_minus_h) / X.shape[0]


def cost__example_loop(theta, X, y, sizes=(400, 25, 10)):
    z3 = feed_forward(theta, X, sizes)[3]
    total = 0.0
    for z_row, y_row in zip(z3, y):
        total += np.sum(np.logaddexp(0, z_row) - y_row * z_row)
    return total / len(z3)


# --------------------------------------------------------------------------
# regularized_cost(theta, X, y, lambda_, sizes)
# --------------------------------------------------------------------------


def regularized_cost__concatenated_weights(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    weights = np.concatenate([theta1[:, 1:].ravel(), theta2[:, 1:].ravel()])
    return cost(theta, X, y, sizes) + lambda_ * (weights @ weights) / (2 * len(X))


def regularized_cost__zeroed_copies(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(np.array(theta, copy=True), sizes)
    theta1[:, 0] = 0
    theta2[:, 0] = 0
    m = X.shape[0]
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * (np.sum(theta1**2) + np.sum(theta2**2))


def regularized_cost__layer_loop(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    squares = 0.0
    for weights in deserialize(theta, sizes):
        squares += np.sum(np.square(weights[:, 1:]))
    return cost(theta, X, y, sizes) + lambda_ * squares / (2 * X.shape[0])


def regularized_cost__frobenius(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    norms = np.linalg.norm(theta1[:, 1:]) ** 2 + np.linalg.norm(theta2[:, 1:]) ** 2
    return cost(theta, X, y, sizes) + lambda_ / (2 * X.shape[0]) * norms


# --------------------------------------------------------------------------
# sigmoid_gradient(z)
# --------------------------------------------------------------------------


def sigmoid_gradient__mirror(z):
    return sigmoid(z) * sigmoid(-np.asarray(z))  # 1 - sigmoid(z) = sigmoid(-z)


def sigmoid_gradient__quotient_rule(z):
    e = np.exp(-np.asarray(z, dtype=float))
    return e / (1 + e) ** 2


def sigmoid_gradient__cosh(z):
    return 0.25 / np.cosh(np.asarray(z) / 2) ** 2


# --------------------------------------------------------------------------
# gradient(theta, X, y, sizes) -> flat vector, the mean over the examples
# --------------------------------------------------------------------------


def gradient__einsum(theta, X, y, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = len(X)
    d3 = h - y
    d2 = np.einsum("ik,kj->ij", d3, theta2[:, 1:]) * sigmoid_gradient(z2)
    return serialize(np.einsum("ij,ik->jk", d2, a1) / m, np.einsum("ij,ik->jk", d3, a2) / m)


def gradient__bias_separately(theta, X, y, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    _, z2, a2, _, h = feed_forward(theta, X, sizes)
    hidden = a2[:, 1:]
    d3 = h - y
    d2 = d3 @ theta2[:, 1:] * sigmoid_gradient(z2)
    grad1 = np.column_stack([d2.mean(axis=0), d2.T @ X / len(X)])
    grad2 = np.column_stack([d3.mean(axis=0), d3.T @ hidden / len(X)])
    return serialize(grad1, grad2)


def gradient__activation_form(theta, X, y, sizes=(400, 25, 10)):
    # a * (1 - a) with a = sigmoid(z2) is sigmoid_gradient(z2), without computing it again.
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    hidden = a2[:, 1:]
    error3 = h - y
    error2 = (error3 @ theta2[:, 1:]) * hidden * (1 - hidden)
    return serialize(error2.T.dot(a1), error3.T.dot(a2)) / X.shape[0]


def gradient__full_theta2_then_drop(theta, X, y, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ theta2)[:, 1:] * sigmoid_gradient(z2)  # the bias unit's column is dropped
    big_delta1 = np.zeros(theta1.shape)
    big_delta2 = np.zeros(theta2.shape)
    big_delta1 += delta2.T @ a1
    big_delta2 += delta3.T @ a2
    return serialize(big_delta1 / m, big_delta2 / m)


# --------------------------------------------------------------------------
# regularized_gradient(theta, X, y, lambda_, sizes); theta must not change
# --------------------------------------------------------------------------


def regularized_gradient__zeroed_copies(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    grad1, grad2 = deserialize(gradient(theta, X, y, sizes), sizes)
    theta1, theta2 = deserialize(theta, sizes)
    theta1 = theta1.copy()
    theta2 = theta2.copy()
    theta1[:, 0] = 0
    theta2[:, 0] = 0
    m = len(X)
    return serialize(grad1 + lambda_ / m * theta1, grad2 + lambda_ / m * theta2)


def regularized_gradient__mask(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    mask1 = np.ones((hidden, n + 1))
    mask2 = np.ones((k, hidden + 1))
    mask1[:, 0] = 0
    mask2[:, 0] = 0
    mask = serialize(mask1, mask2)
    return gradient(theta, X, y, sizes) + (lambda_ / X.shape[0]) * mask * theta


def regularized_gradient__hstack_penalty(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    penalty1 = np.hstack([np.zeros((theta1.shape[0], 1)), theta1[:, 1:] * lambda_ / m])
    penalty2 = np.hstack([np.zeros((theta2.shape[0], 1)), theta2[:, 1:] * lambda_ / m])
    return gradient(theta, X, y, sizes) + serialize(penalty1, penalty2)


def regularized_gradient__copy_of_theta_first(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    weights = theta.copy()  # the views below point into this copy, not into the caller's theta
    w1, w2 = deserialize(weights, sizes)
    w1[:, 0] = 0.0
    w2[:, 0] = 0.0
    return gradient(theta, X, y, sizes) + weights * (lambda_ / len(X))


# --------------------------------------------------------------------------
# random_init(sizes, rng) -> flat vector
# --------------------------------------------------------------------------


def random_init__scaled_random(sizes=(400, 25, 10), rng=None):
    rng = rng if rng is not None else np.random.default_rng()
    n, hidden, k = sizes
    eps1 = np.sqrt(6.0 / (n + hidden))
    eps2 = np.sqrt(6.0 / (hidden + k))
    theta1 = rng.random((hidden, n + 1)) * 2 * eps1 - eps1
    theta2 = rng.random((k, hidden + 1)) * 2 * eps2 - eps2
    return serialize(theta1, theta2)


def random_init__epsilon_per_entry(sizes=(400, 25, 10), rng=None):
    if rng is None:
        rng = np.random.default_rng()
    n, hidden, k = sizes
    count1, count2 = hidden * (n + 1), k * (hidden + 1)
    eps = np.concatenate([np.full(count1, np.sqrt(6) / np.sqrt(n + hidden)), np.full(count2, np.sqrt(6) / np.sqrt(hidden + k))])
    return rng.uniform(-1.0, 1.0, count1 + count2) * eps


def random_init__global_generator(sizes=(400, 25, 10), rng=None):
    uniform = np.random.uniform if rng is None else rng.uniform
    parts = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6) / np.sqrt(fan_in + fan_out)
        parts.append(uniform(-limit, limit, fan_out * (fan_in + 1)))
    return np.concatenate(parts)


# --------------------------------------------------------------------------
# gradient_checking(theta, X, y, epsilon, regularized, lambda_, sizes) -> relative difference
# --------------------------------------------------------------------------


def gradient_checking__helper(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    point = np.array(theta, dtype=float)
    if regularized:
        numeric = numerical_gradient(lambda: regularized_cost(point, X, y, lambda_, sizes), point, h=epsilon)
        analytic = regularized_gradient(point.copy(), X, y, lambda_, sizes)
    else:
        numeric = numerical_gradient(lambda: cost(point, X, y, sizes), point, h=epsilon)
        analytic = gradient(point.copy(), X, y, sizes)
    return np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic)


def gradient_checking__identity_matrix(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    # The source's approach, with its missing expand_array written out: row i of
    # the shifted matrices is theta moved by +-epsilon along parameter i.
    count = len(theta)
    theta_matrix = np.tile(theta, (count, 1))
    epsilon_matrix = np.identity(count) * epsilon
    plus_matrix = theta_matrix + epsilon_matrix
    minus_matrix = theta_matrix - epsilon_matrix

    def J(t):
        return regularized_cost(t, X, y, lambda_, sizes) if regularized else cost(t, X, y, sizes)

    approx = np.array([(J(plus_matrix[i]) - J(minus_matrix[i])) / (2 * epsilon) for i in range(count)])
    analytic = regularized_gradient(theta, X, y, lambda_, sizes) if regularized else gradient(theta, X, y, sizes)
    return np.linalg.norm(approx - analytic) / np.linalg.norm(approx + analytic)


def gradient_checking__copies(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    if regularized:
        objective = lambda t: regularized_cost(t, X, y, lambda_, sizes)  # noqa: E731
        analytic = regularized_gradient(theta, X, y, lambda_, sizes)
    else:
        objective = lambda t: cost(t, X, y, sizes)  # noqa: E731
        analytic = gradient(theta, X, y, sizes)
    numeric = np.empty_like(analytic)
    for i in range(theta.size):
        up = theta.copy()
        down = theta.copy()
        up[i] += epsilon
        down[i] -= epsilon
        numeric[i] = (objective(up) - objective(down)) / (2 * epsilon)
    difference = np.sqrt(np.sum((numeric - analytic) ** 2))
    return float(difference / np.sqrt(np.sum((numeric + analytic) ** 2)))


ALTERNATIVES = {
    "expand_y": [
        expand_y__loop,
        expand_y__broadcast_compare,
        expand_y__index_assignment,
        expand_y__eye_drop_first,
    ],
    "serialize": [serialize__hstack, serialize__append, serialize__r_, serialize__loops],
    "deserialize": [deserialize__split, deserialize__copies, deserialize__row_by_row],
    "sigmoid": [sigmoid__tanh, sigmoid__exp_ratio, sigmoid__reciprocal, sigmoid__two_sided],
    "feed_forward": [
        feed_forward__hstack,
        feed_forward__column_stack,
        feed_forward__bias_added_separately,
        feed_forward__layer_loop,
    ],
    "cost": [cost__softplus_rows, cost__clipped, cost__log_sigmoid, cost__example_loop],
    "regularized_cost": [
        regularized_cost__concatenated_weights,
        regularized_cost__zeroed_copies,
        regularized_cost__layer_loop,
        regularized_cost__frobenius,
    ],
    "sigmoid_gradient": [sigmoid_gradient__mirror, sigmoid_gradient__quotient_rule, sigmoid_gradient__cosh],
    "gradient": [
        gradient__einsum,
        gradient__bias_separately,
        gradient__activation_form,
        gradient__full_theta2_then_drop,
    ],
    "regularized_gradient": [
        regularized_gradient__zeroed_copies,
        regularized_gradient__mask,
        regularized_gradient__hstack_penalty,
        regularized_gradient__copy_of_theta_first,
    ],
    "random_init": [random_init__scaled_random, random_init__epsilon_per_entry, random_init__global_generator],
    "gradient_checking": [gradient_checking__helper, gradient_checking__identity_matrix, gradient_checking__copies],
}
