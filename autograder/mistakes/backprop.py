"""Common mistakes in the backpropagation exercise, each as working wrong code.

The functions are written the way a student would write them, in the
exercise's signatures, and use only ``np`` and ``sigmoid`` so that the tests
can paste their source into a notebook as a submission.
"""

from __future__ import annotations

import numpy as np

from autograder.diagnosis import Mistake, catalogue


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagate_swapped_w2_w3(x, y, w):
    x1, x2 = x
    y1, y2 = y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    out_h1 = sigmoid(w1 * x1 + w2 * x2)
    out_h2 = sigmoid(w3 * x1 + w4 * x2)
    out_o1 = sigmoid(w5 * out_h1 + w7 * out_h2)
    out_o2 = sigmoid(w6 * out_h1 + w8 * out_h2)
    error = 0.5 * (out_o1 - y1) ** 2 + 0.5 * (out_o2 - y2) ** 2
    return out_o1, out_o2, out_h1, out_h2, error


def forward_propagate_error_without_half(x, y, w):
    x1, x2 = x
    y1, y2 = y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    out_h1 = sigmoid(w1 * x1 + w3 * x2)
    out_h2 = sigmoid(w2 * x1 + w4 * x2)
    out_o1 = sigmoid(w5 * out_h1 + w7 * out_h2)
    out_o2 = sigmoid(w6 * out_h1 + w8 * out_h2)
    error = (out_o1 - y1) ** 2 + (out_o2 - y2) ** 2
    return out_o1, out_o2, out_h1, out_h2, error


def back_propagate_seed_hidden_layer(x, y, w, out_o1, out_o2, out_h1, out_h2):
    # The homework post's version: the hidden error is built from the output
    # weights' gradients (which contain h1 or h2) instead of the output weights.
    x1, x2 = x
    y1, y2 = y
    d_o1 = out_o1 - y1
    d_o2 = out_o2 - y2
    d_w5 = d_o1 * out_o1 * (1 - out_o1) * out_h1
    d_w7 = d_o1 * out_o1 * (1 - out_o1) * out_h2
    d_w6 = d_o2 * out_o2 * (1 - out_o2) * out_h1
    d_w8 = d_o2 * out_o2 * (1 - out_o2) * out_h2
    d_w1 = (d_w5 + d_w6) * out_h1 * (1 - out_h1) * x1
    d_w3 = (d_w5 + d_w6) * out_h1 * (1 - out_h1) * x2
    d_w2 = (d_w7 + d_w8) * out_h2 * (1 - out_h2) * x1
    d_w4 = (d_w7 + d_w8) * out_h2 * (1 - out_h2) * x2
    return d_w1, d_w2, d_w3, d_w4, d_w5, d_w6, d_w7, d_w8


def back_propagate_sign_error(x, y, w, out_o1, out_o2, out_h1, out_h2):
    x1, x2 = x
    y1, y2 = y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    delta_o1 = (y1 - out_o1) * out_o1 * (1 - out_o1)
    delta_o2 = (y2 - out_o2) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w5 + delta_o2 * w6) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w7 + delta_o2 * w8) * out_h2 * (1 - out_h2)
    return (delta_h1 * x1, delta_h2 * x1, delta_h1 * x2, delta_h2 * x2,
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)


def back_propagate_no_sigmoid_derivative(x, y, w, out_o1, out_o2, out_h1, out_h2):
    x1, x2 = x
    y1, y2 = y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    delta_o1 = out_o1 - y1
    delta_o2 = out_o2 - y2
    delta_h1 = delta_o1 * w5 + delta_o2 * w6
    delta_h2 = delta_o1 * w7 + delta_o2 * w8
    return (delta_h1 * x1, delta_h2 * x1, delta_h1 * x2, delta_h2 * x2,
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)


def back_propagate_swapped_w2_w3(x, y, w, out_o1, out_o2, out_h1, out_h2):
    x1, x2 = x
    y1, y2 = y
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    delta_o1 = (out_o1 - y1) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y2) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w5 + delta_o2 * w6) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w7 + delta_o2 * w8) * out_h2 * (1 - out_h2)
    return (delta_h1 * x1, delta_h1 * x2, delta_h2 * x1, delta_h2 * x2,
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)


def update_w_in_place(w, grads, step):
    # Overwrites the caller's weights: after the call the pre-update weights are gone.
    for i in range(len(w)):
        w[i] = w[i] - step * grads[i]
    return w


def update_w_ascends(w, grads, step):
    return tuple(w_i + step * g_i for w_i, g_i in zip(w, grads))


def quadratic_gradients_without_factor_two(x, y, w1, w2, b):
    residual = w1 * x**2 + w2 * x + b - y
    return residual * x**2, residual * x, residual


def quadratic_gradients_sign_error(x, y, w1, w2, b):
    residual = y - (w1 * x**2 + w2 * x + b)
    return 2 * residual * x**2, 2 * residual * x, 2 * residual


def quadratic_gradients_x_for_x_squared(x, y, w1, w2, b):
    residual = w1 * x**2 + w2 * x + b - y
    return 2 * residual * x, 2 * residual * x, 2 * residual


MISTAKES = catalogue(
    Mistake(
        "backprop.swapped-w2-w3",
        "forward_propagate",
        "your outputs match a network in which w2 and w3 are swapped. In this network h1 "
        "receives w1*x1 + w3*x2 and h2 receives w2*x1 + w4*x2 (the weights are numbered "
        "by the input they leave, then by the unit they reach).",
        forward_propagate_swapped_w2_w3,
    ),
    Mistake(
        "backprop.error-without-half",
        "forward_propagate",
        "the outputs are right but the error is twice the expected value: the loss is "
        "1/2 * ((out_o1 - y1)**2 + (out_o2 - y2)**2); the 1/2 is what makes its derivative "
        "out - y.",
        forward_propagate_error_without_half,
    ),
    Mistake(
        "backprop.seed-hidden-layer",
        "back_propagate",
        "the output-layer gradients are right, but the hidden-layer ones match the homework "
        "post's formula, (d_w5 + d_w6) * out_h1 * (1 - out_h1) * x1. The error that reaches h1 "
        "is delta_o1 * w5 + delta_o2 * w6: each output's delta times the weight that connects "
        "h1 to it, not the output weights' gradients (which already contain out_h1).",
        back_propagate_seed_hidden_layer,
    ),
    Mistake(
        "backprop.sign-error",
        "back_propagate",
        "every gradient has the wrong sign: the derivative of 1/2 * (out - y)**2 with respect "
        "to out is (out - y), not (y - out).",
        back_propagate_sign_error,
    ),
    Mistake(
        "backprop.no-sigmoid-derivative",
        "back_propagate",
        "the sigmoid's derivative is missing: passing back through a sigmoid unit multiplies "
        "by out * (1 - out), at the outputs and at the hidden units.",
        back_propagate_no_sigmoid_derivative,
    ),
    Mistake(
        "backprop.swapped-w2-w3-gradients",
        "back_propagate",
        "the gradients of w2 and w3 are swapped: w2 connects x1 to h2, so d_w2 = delta_h2 * x1, "
        "and w3 connects x2 to h1, so d_w3 = delta_h1 * x2.",
        back_propagate_swapped_w2_w3,
    ),
    Mistake(
        "backprop.update-in-place",
        "update_w",
        "the new weights are right, but the weights you were given were overwritten. The "
        "caller still needs the pre-update weights (for example to compare or to retry a "
        "step), so build and return new values instead of assigning into w.",
        update_w_in_place,
    ),
    Mistake(
        "backprop.update-ascends",
        "update_w",
        "the weights move along the gradient instead of against it: gradient descent "
        "subtracts, w_new = w - step * grad.",
        update_w_ascends,
    ),
    Mistake(
        "backprop.quadratic-no-factor-two",
        "quadratic_gradients",
        "the gradients are half of the expected values: the derivative of r**2 is 2*r.",
        quadratic_gradients_without_factor_two,
    ),
    Mistake(
        "backprop.quadratic-sign-error",
        "quadratic_gradients",
        "the gradients have the wrong sign: with r = y_hat - y, d(r**2)/d(y_hat) = 2*r; "
        "using y - y_hat flips every gradient.",
        quadratic_gradients_sign_error,
    ),
    Mistake(
        "backprop.quadratic-x-for-x-squared",
        "quadratic_gradients",
        "d_w1 is off: w1 multiplies x**2, so d y_hat / d w1 = x**2, not x.",
        quadratic_gradients_x_for_x_squared,
    ),
)
