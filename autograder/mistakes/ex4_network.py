"""Common mistakes in the ex4 network exercise, each as working wrong code.

The functions have the exercise's signatures and use only ``np`` and the
exercise's own functions (``sigmoid``, ``deserialize``, ``feed_forward``, ...),
which in a notebook are the student's answers and here are the reference's,
so that the tests can paste their source into a notebook as a submission.
Several repeat the source post's code (the ``regularized_cost`` that ignores
its lambda, the ``gradient`` that is never divided by m, the
``regularized_gradient`` that writes into the caller's theta).

Mistake ids are ``ex4.<function>.<slug>``: the ids' first part may not hold an
underscore, so the chapter's short prefix is ``ex4``.
"""

from __future__ import annotations

import numpy as np

from autograder.diagnosis import Mistake, catalogue
from autograder.reference.ex4_network import (  # noqa: F401  (the names the pasted code calls)
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
# expand_y
# --------------------------------------------------------------------------


def expand_y_off_by_one(y, num_labels=10):
    rows = []
    for label in y:
        row = np.zeros(num_labels)
        row[label % num_labels] = 1  # "% num_labels" keeps the label 10 inside the row
        rows.append(row)
    return np.array(rows)


def expand_y_transposed(y, num_labels=10):
    return np.eye(num_labels)[:, np.asarray(y) - 1]


# --------------------------------------------------------------------------
# serialize / deserialize
# --------------------------------------------------------------------------


def serialize_column_major(theta1, theta2):
    # MATLAB's [Theta1(:); Theta2(:)] reads each matrix column by column.
    return np.concatenate((theta1.flatten(order="F"), theta2.flatten(order="F")))


def serialize_swapped_order(theta1, theta2):
    return np.concatenate((np.ravel(theta2), np.ravel(theta1)))


def deserialize_transposed(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = hidden * (n + 1)
    theta1 = theta[:split].reshape(n + 1, hidden).T
    theta2 = theta[split:].reshape(hidden + 1, k).T
    return theta1, theta2


def deserialize_swapped_order(theta, sizes=(400, 25, 10)):
    n, hidden, k = sizes
    split = k * (hidden + 1)
    theta2 = theta[:split].reshape(k, hidden + 1)
    theta1 = theta[split:].reshape(hidden, n + 1)
    return theta1, theta2


# --------------------------------------------------------------------------
# sigmoid / sigmoid_gradient
# --------------------------------------------------------------------------


def sigmoid_sign(z):
    return 1 / (1 + np.exp(z))


def sigmoid_precedence(z):
    return 1 / 1 + np.exp(-z)


def sigmoid_gradient_expects_activation(z):
    # a * (1 - a) is the derivative when a = sigmoid(z) is passed in, not z itself.
    return z * (1 - z)


def sigmoid_gradient_missing_square(z):
    return np.exp(-z) / (1 + np.exp(-z))


# --------------------------------------------------------------------------
# feed_forward
# --------------------------------------------------------------------------


def feed_forward_no_hidden_bias(theta, X, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1 = np.insert(X, 0, 1.0, axis=1)
    z2 = a1 @ theta1.T
    a2 = sigmoid(z2)
    # Theta2 has one column too many for a2, so its first column is dropped to make it fit.
    z3 = a2 @ theta2[:, 1:].T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h


def feed_forward_no_input_bias(theta, X, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1 = X
    z2 = a1 @ theta1[:, 1:].T
    a2 = np.insert(sigmoid(z2), 0, 1.0, axis=1)
    z3 = a2 @ theta2.T
    h = sigmoid(z3)
    return a1, z2, a2, z3, h


def feed_forward_no_output_sigmoid(theta, X, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1 = np.insert(X, 0, 1.0, axis=1)
    z2 = a1 @ theta1.T
    a2 = np.insert(sigmoid(z2), 0, 1.0, axis=1)
    z3 = a2 @ theta2.T
    return a1, z2, a2, z3, z3


# --------------------------------------------------------------------------
# cost / regularized_cost
# --------------------------------------------------------------------------


def cost_not_averaged(theta, X, y, sizes=(400, 25, 10)):
    h = feed_forward(theta, X, sizes)[4]
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h))


def cost_missing_negative_term(theta, X, y, sizes=(400, 25, 10)):
    h = feed_forward(theta, X, sizes)[4]
    return np.sum(-y * np.log(h)) / X.shape[0]


def cost_unstable_log(theta, X, y, sizes=(400, 25, 10)):
    # The source's formula: right until an output rounds to exactly 0 or 1.
    h = feed_forward(theta, X, sizes)[4]
    return np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)) / X.shape[0]


def regularized_cost_lambda_ignored(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    # The source's version: lambda never appears, so it behaves as lambda = 1.
    theta1, theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    reg1 = np.power(theta1[:, 1:], 2).sum() / (2 * m)
    reg2 = np.power(theta2[:, 1:], 2).sum() / (2 * m)
    return cost(theta, X, y, sizes) + reg1 + reg2


def regularized_cost_bias_regularized(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    m = X.shape[0]
    return cost(theta, X, y, sizes) + lambda_ / (2 * m) * np.sum(theta**2)


def regularized_cost_no_half(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    m = X.shape[0]
    squares = np.sum(theta1[:, 1:] ** 2) + np.sum(theta2[:, 1:] ** 2)
    return cost(theta, X, y, sizes) + lambda_ / m * squares


# --------------------------------------------------------------------------
# gradient / regularized_gradient
# --------------------------------------------------------------------------


def gradient_not_averaged(theta, X, y, sizes=(400, 25, 10)):
    # The source returns the sum over the examples while its cost is the mean.
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    delta3 = h - y
    delta2 = (delta3 @ theta2[:, 1:]) * sigmoid_gradient(z2)
    return serialize(delta2.T @ a1, delta3.T @ a2)


def gradient_activation_derivative(theta, X, y, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ theta2[:, 1:]) * sigmoid_gradient(a2[:, 1:])
    return serialize(delta2.T @ a1 / m, delta3.T @ a2 / m)


def gradient_transposed(theta, X, y, sizes=(400, 25, 10)):
    theta1, theta2 = deserialize(theta, sizes)
    a1, z2, a2, z3, h = feed_forward(theta, X, sizes)
    m = X.shape[0]
    delta3 = h - y
    delta2 = (delta3 @ theta2[:, 1:]) * sigmoid_gradient(z2)
    return serialize(a1.T @ delta2 / m, a2.T @ delta3 / m)


def regularized_gradient_mutates_theta(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    # The source's version (with a gradient that is already a mean): deserialize
    # returns views, so zeroing their first columns zeroes entries of theta.
    m = X.shape[0]
    delta1, delta2 = deserialize(gradient(theta, X, y, sizes), sizes)
    t1, t2 = deserialize(theta, sizes)
    t1[:, 0] = 0
    t2[:, 0] = 0
    delta1 += lambda_ / m * t1
    delta2 += lambda_ / m * t2
    return serialize(delta1, delta2)


def regularized_gradient_bias_regularized(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    m = X.shape[0]
    return gradient(theta, X, y, sizes) + lambda_ / m * theta


def regularized_gradient_lambda_ignored(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    m = X.shape[0]
    delta1, delta2 = deserialize(gradient(theta, X, y, sizes), sizes)
    t1, t2 = deserialize(theta.copy(), sizes)
    t1[:, 0] = 0
    t2[:, 0] = 0
    return serialize(delta1 + t1 / m, delta2 + t2 / m)


def regularized_gradient_divided_twice(theta, X, y, lambda_=1.0, sizes=(400, 25, 10)):
    # The source divides by m here because its gradient was a sum; this gradient is a mean already.
    m = X.shape[0]
    delta1, delta2 = deserialize(gradient(theta, X, y, sizes), sizes)
    delta1 = delta1 / m
    delta2 = delta2 / m
    t1, t2 = deserialize(theta.copy(), sizes)
    t1[:, 0] = 0
    t2[:, 0] = 0
    return serialize(delta1 + lambda_ / m * t1, delta2 + lambda_ / m * t2)


# --------------------------------------------------------------------------
# random_init
# --------------------------------------------------------------------------


def random_init_zeros(sizes=(400, 25, 10), rng=None):
    n, hidden, k = sizes
    return np.zeros(hidden * (n + 1) + k * (hidden + 1))


def random_init_one_epsilon(sizes=(400, 25, 10), rng=None):
    # A fixed 0.12 (the value often quoted for ex4) is right for the first layer only.
    rng = np.random.default_rng() if rng is None else rng
    n, hidden, k = sizes
    return rng.uniform(-0.12, 0.12, hidden * (n + 1) + k * (hidden + 1))


def random_init_not_centred(sizes=(400, 25, 10), rng=None):
    rng = np.random.default_rng() if rng is None else rng
    n, hidden, k = sizes
    eps1 = np.sqrt(6) / np.sqrt(n + hidden)
    eps2 = np.sqrt(6) / np.sqrt(hidden + k)
    theta1 = rng.random((hidden, n + 1)) * 2 * eps1
    theta2 = rng.random((k, hidden + 1)) * 2 * eps2
    return np.concatenate((theta1.ravel(), theta2.ravel()))


# --------------------------------------------------------------------------
# gradient_checking
# --------------------------------------------------------------------------


def gradient_checking_one_sided(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    def J(t):
        return regularized_cost(t, X, y, lambda_, sizes) if regularized else cost(t, X, y, sizes)

    analytic = regularized_gradient(theta, X, y, lambda_, sizes) if regularized else gradient(theta, X, y, sizes)
    base = J(theta)
    numeric = np.zeros(len(theta))
    for i in range(len(theta)):
        step = np.zeros(len(theta))
        step[i] = epsilon
        numeric[i] = (J(theta + step) - base) / epsilon
    return np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic)


def gradient_checking_no_factor_two(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    def J(t):
        return regularized_cost(t, X, y, lambda_, sizes) if regularized else cost(t, X, y, sizes)

    analytic = regularized_gradient(theta, X, y, lambda_, sizes) if regularized else gradient(theta, X, y, sizes)
    numeric = np.zeros(len(theta))
    for i in range(len(theta)):
        step = np.zeros(len(theta))
        step[i] = epsilon
        numeric[i] = (J(theta + step) - J(theta - step)) / epsilon
    return np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic)


def gradient_checking_unregularized_numeric(theta, X, y, epsilon=1e-4, regularized=False, lambda_=1.0, sizes=(400, 25, 10)):
    analytic = regularized_gradient(theta, X, y, lambda_, sizes) if regularized else gradient(theta, X, y, sizes)
    numeric = np.zeros(len(theta))
    for i in range(len(theta)):
        step = np.zeros(len(theta))
        step[i] = epsilon
        numeric[i] = (cost(theta + step, X, y, sizes) - cost(theta - step, X, y, sizes)) / (2 * epsilon)
    return np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic)


MISTAKES = catalogue(
    Mistake(
        "ex4_network.expand-y.off-by-one",
        "expand_y",
        "each 1 sits one column to the right. Label k belongs in column k - 1 (label 1 in "
        "column 0, label 10, the digit 0, in the last column): index the row with label - 1.",
        expand_y_off_by_one,
    ),
    Mistake(
        "ex4_network.expand-y.transposed",
        "expand_y",
        "the result is turned on its side: it should have one row per label, shape "
        "(len(y), num_labels), not one column per label.",
        expand_y_transposed,
    ),
    Mistake(
        "ex4_network.serialize.column-major",
        "serialize",
        "the matrices are flattened column by column (as MATLAB's Theta1(:) does). Flatten "
        "them row by row, with np.ravel's default order, so that deserialize's reshape undoes it.",
        serialize_column_major,
    ),
    Mistake(
        "ex4_network.serialize.swapped-order",
        "serialize",
        "Theta2 comes first. The vector starts with Theta1's entries and ends with Theta2's.",
        serialize_swapped_order,
    ),
    Mistake(
        "ex4_network.deserialize.transposed",
        "deserialize",
        "the shapes are right but the entries are transposed: reshape(n + 1, hidden).T reads "
        "the vector column by column. Reshape straight to (hidden, n + 1) and (k, hidden + 1).",
        deserialize_transposed,
    ),
    Mistake(
        "ex4_network.deserialize.swapped-order",
        "deserialize",
        "Theta2 is read from the front of the vector. Theta1's hidden * (n + 1) entries come "
        "first, then Theta2's k * (hidden + 1).",
        deserialize_swapped_order,
    ),
    Mistake(
        "ex4_network.sigmoid.sign",
        "sigmoid",
        "the sign in the exponent is flipped: sigmoid(z) = 1 / (1 + np.exp(-z)), which is "
        "close to 1 for large positive z.",
        sigmoid_sign,
    ),
    Mistake(
        "ex4_network.sigmoid.precedence",
        "sigmoid",
        "1 / 1 + np.exp(-z) divides 1 by 1 and then adds np.exp(-z). The denominator needs "
        "parentheses: 1 / (1 + np.exp(-z)).",
        sigmoid_precedence,
    ),
    Mistake(
        "ex4_network.feed-forward.no-hidden-bias",
        "feed_forward",
        "a2 has no bias column, and Theta2's first column (the bias weights) is never used. "
        "Put a column of ones in front of sigmoid(z2), as you did for a1.",
        feed_forward_no_hidden_bias,
    ),
    Mistake(
        "ex4_network.feed-forward.no-input-bias",
        "feed_forward",
        "a1 has no bias column, and Theta1's first column (the bias weights) is never used. "
        "X comes without the ones: insert them in front of X to get a1.",
        feed_forward_no_input_bias,
    ),
    Mistake(
        "ex4_network.feed-forward.no-output-sigmoid",
        "feed_forward",
        "h equals z3: the output units are sigmoid units too, so h = sigmoid(z3).",
        feed_forward_no_output_sigmoid,
    ),
    Mistake(
        "ex4_network.cost.not-averaged",
        "cost",
        "the cost is m times too large: it is the mean over the m examples (divide the sum by "
        "m = X.shape[0]).",
        cost_not_averaged,
    ),
    Mistake(
        "ex4_network.cost.missing-negative-term",
        "cost",
        "only the -y * log(h) term is there. The cross-entropy also charges the outputs that "
        "should be 0: add -(1 - y) * log(1 - h).",
        cost_missing_negative_term,
    ),
    Mistake(
        "ex4_network.cost.unstable-log",
        "cost",
        "the cost is nan or inf when outputs saturate: sigmoid(40) rounds to exactly 1.0, so "
        "log(1 - h) is -inf, and 0 * -inf is nan. Use the weighted inputs z3 instead: "
        "-y*log(h) - (1-y)*log(1-h) = np.logaddexp(0, z3) - y * z3.",
        cost_unstable_log,
    ),
    Mistake(
        "ex4_network.regularized-cost.lambda-ignored",
        "regularized_cost",
        "the penalty does not change with lambda_ (it is the one for lambda = 1, as in the source "
        "post). Multiply the sum of squares by lambda_ / (2 * m).",
        regularized_cost_lambda_ignored,
    ),
    Mistake(
        "ex4_network.regularized-cost.bias-regularized",
        "regularized_cost",
        "the bias weights are penalised too. Leave out column 0 of Theta1 and of Theta2 "
        "(theta1[:, 1:], theta2[:, 1:]) from the sum of squares.",
        regularized_cost_bias_regularized,
    ),
    Mistake(
        "ex4_network.regularized-cost.no-half",
        "regularized_cost",
        "the penalty is twice too large: it is lambda_ / (2 * m) times the sum of squared "
        "weights, not lambda_ / m.",
        regularized_cost_no_half,
    ),
    Mistake(
        "ex4_network.sigmoid-gradient.expects-activation",
        "sigmoid_gradient",
        "z * (1 - z) is the derivative written with the activation a = sigmoid(z), but this "
        "function gets z itself: return sigmoid(z) * (1 - sigmoid(z)).",
        sigmoid_gradient_expects_activation,
    ),
    Mistake(
        "ex4_network.sigmoid-gradient.missing-square",
        "sigmoid_gradient",
        "the denominator needs its square: d/dz (1 + e^-z)^-1 = e^-z / (1 + e^-z)**2, "
        "which is sigmoid(z) * (1 - sigmoid(z)).",
        sigmoid_gradient_missing_square,
    ),
    Mistake(
        "ex4_network.gradient.not-averaged",
        "gradient",
        "the gradient is m times too large: like the source post, it sums over the examples "
        "while cost takes their mean. Divide both matrices by m.",
        gradient_not_averaged,
    ),
    Mistake(
        "ex4_network.gradient.activation-derivative",
        "gradient",
        "the hidden error uses sigmoid_gradient of the activations a2. The chain rule needs "
        "the slope at the weighted inputs: sigmoid_gradient(z2).",
        gradient_activation_derivative,
    ),
    Mistake(
        "ex4_network.gradient.transposed",
        "gradient",
        "the gradient matrices are transposed before they are flattened: Theta1's gradient "
        "has Theta1's shape, delta2.T @ a1 (hidden, n + 1), not a1.T @ delta2.",
        gradient_transposed,
    ),
    Mistake(
        "ex4_network.regularized-gradient.mutates-theta",
        "regularized_gradient",
        "the gradient is right, but the theta you were given lost its bias weights: "
        "deserialize returns views, so zeroing their column 0 writes into theta. Work on a "
        "copy (or build the penalty as a new array).",
        regularized_gradient_mutates_theta,
    ),
    Mistake(
        "ex4_network.regularized-gradient.bias-regularized",
        "regularized_gradient",
        "the bias weights get a penalty too. Column 0 of both gradient matrices must stay "
        "the plain gradient.",
        regularized_gradient_bias_regularized,
    ),
    Mistake(
        "ex4_network.regularized-gradient.lambda-ignored",
        "regularized_gradient",
        "the penalty does not change with lambda_ (it is the one for lambda = 1). Add "
        "lambda_ / m times the weights.",
        regularized_gradient_lambda_ignored,
    ),
    Mistake(
        "ex4_network.regularized-gradient.divided-twice",
        "regularized_gradient",
        "the gradient part is m times too small: gradient already returns the mean, so do not "
        "divide it by m again (the source post had to, because its gradient was a sum).",
        regularized_gradient_divided_twice,
    ),
    Mistake(
        "ex4_network.random-init.zeros",
        "random_init",
        "every weight is 0, so every hidden unit computes the same thing and gets the same "
        "gradient: they can never become different. Draw the weights at random.",
        random_init_zeros,
    ),
    Mistake(
        "ex4_network.random-init.one-epsilon",
        "random_init",
        "both layers use the same range (0.12). Each layer has its own "
        "epsilon = sqrt(6) / sqrt(L_in + L_out): about 0.12 for 400 -> 25 but 0.41 for 25 -> 10.",
        random_init_one_epsilon,
    ),
    Mistake(
        "ex4_network.random-init.not-centred",
        "random_init",
        "the weights lie in [0, 2 * epsilon) instead of [-epsilon, epsilon]: subtract epsilon "
        "after scaling (or use rng.uniform(-eps, eps, shape)).",
        random_init_not_centred,
    ),
    Mistake(
        "ex4_network.gradient-checking.one-sided",
        "gradient_checking",
        "the numerical gradient uses one-sided differences, (J(theta + e) - J(theta)) / e, "
        "whose error is of order epsilon. Central differences, (J(theta + e) - J(theta - e)) / (2e), "
        "are accurate to epsilon**2.",
        gradient_checking_one_sided,
    ),
    Mistake(
        "ex4_network.gradient-checking.no-factor-two",
        "gradient_checking",
        "the central difference is divided by epsilon; the two points are 2 * epsilon apart, "
        "so divide by 2 * epsilon.",
        gradient_checking_no_factor_two,
    ),
    Mistake(
        "ex4_network.gradient-checking.unregularized-numeric",
        "gradient_checking",
        "with regularized=True the numerical gradient still comes from cost. Differentiate "
        "regularized_cost (with the same lambda_) when you compare with regularized_gradient.",
        gradient_checking_unregularized_numeric,
    ),
)
