"""Alternative correct answers to the backpropagation exercise.

Each function is written the way a different student might write it. Another
test pastes each function's source into the notebook as a submission, so every
function is self-contained: it uses only ``np`` and ``sigmoid`` (both defined in
the notebook) and what it defines in its own body. The name is
``<graded function>__<variant>``.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --------------------------------------------------------------------------
# quadratic_gradients(x, y, w1, w2, b) -> (d_w1, d_w2, d_b)
# --------------------------------------------------------------------------


def quadratic_gradients__chain_rule_steps(x, y, w1, w2, b):
    y_hat = w1 * x * x + w2 * x + b
    dloss_dyhat = 2.0 * (y_hat - y)
    dyhat_dw1 = x * x
    dyhat_dw2 = x
    dyhat_db = 1.0
    return [dloss_dyhat * dyhat_dw1, dloss_dyhat * dyhat_dw2, dloss_dyhat * dyhat_db]


def quadratic_gradients__expanded(x, y, w1, w2, b):
    # (w1 x^2 + w2 x + b - y)^2, differentiated term by term after multiplying out
    d_w1 = 2 * w1 * x**4 + 2 * w2 * x**3 + 2 * b * x**2 - 2 * y * x**2
    d_w2 = 2 * w1 * x**3 + 2 * w2 * x**2 + 2 * b * x - 2 * y * x
    d_b = 2 * w1 * x**2 + 2 * w2 * x + 2 * b - 2 * y
    return d_w1, d_w2, d_b


def quadratic_gradients__feature_vector(x, y, w1, w2, b):
    features = np.array([x**2, x, 1.0])
    params = np.array([w1, w2, b])
    residual = features @ params - y
    return 2 * residual * features


def quadratic_gradients__loop(x, y, w1, w2, b):
    params = [w1, w2, b]
    powers = [2, 1, 0]
    prediction = 0.0
    for p, k in zip(params, powers):
        prediction += p * x**k
    grads = []
    for k in powers:
        grads.append(2 * (prediction - y) * x**k)
    return tuple(grads)


# --------------------------------------------------------------------------
# forward_propagate(x, y, w) -> (out_o1, out_o2, out_h1, out_h2, error)
# --------------------------------------------------------------------------


def forward_propagate__matrix_form(x, y, w):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    W_hidden = np.array([[w1, w3], [w2, w4]])  # row j: weights into h_j
    W_output = np.array([[w5, w7], [w6, w8]])  # row k: weights into o_k
    h = sigmoid(W_hidden @ x)
    o = sigmoid(W_output @ h)
    error = 0.5 * np.sum((o - y) ** 2)
    return o[0], o[1], h[0], h[1], error


def forward_propagate__loops(x, y, w):
    # w[j + 2*i] connects input i to hidden unit j; w[4 + k + 2*j] connects h_j to o_k.
    hidden = []
    for j in range(2):
        net = 0.0
        for i in range(2):
            net += w[j + 2 * i] * x[i]
        hidden.append(sigmoid(net))
    outputs = []
    for k in range(2):
        net = 0.0
        for j in range(2):
            net += w[4 + k + 2 * j] * hidden[j]
        outputs.append(sigmoid(net))
    error = 0.0
    for k in range(2):
        error += 0.5 * (outputs[k] - y[k]) ** 2
    return [outputs[0], outputs[1], hidden[0], hidden[1], error]


def forward_propagate__np_exp(x, y, w):
    out_h1 = 1.0 / (1.0 + np.exp(-(w[0] * x[0] + w[2] * x[1])))
    out_h2 = 1.0 / (1.0 + np.exp(-(w[1] * x[0] + w[3] * x[1])))
    out_o1 = 1.0 / (1.0 + np.exp(-(w[4] * out_h1 + w[6] * out_h2)))
    out_o2 = 1.0 / (1.0 + np.exp(-(w[5] * out_h1 + w[7] * out_h2)))
    error = ((out_o1 - y[0]) ** 2 + (out_o2 - y[1]) ** 2) / 2
    return np.array([out_o1, out_o2, out_h1, out_h2, error])


def forward_propagate__reshape(x, y, w):
    w = np.asarray(w, dtype=float)
    # reshape row by row: [[w1, w2], [w3, w4]], row i is what input i sends to h1, h2
    input_to_hidden = w[:4].reshape(2, 2)
    hidden_to_output = w[4:].reshape(2, 2)
    h = sigmoid(np.asarray(x, dtype=float) @ input_to_hidden)
    o = sigmoid(h @ hidden_to_output)
    diff = o - np.asarray(y, dtype=float)
    return (*o, *h, 0.5 * np.dot(diff, diff))


# --------------------------------------------------------------------------
# back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2) -> (d_w1, ..., d_w8)
# --------------------------------------------------------------------------


def back_propagate__matrix_form(x, y, w, out_o1, out_o2, out_h1, out_h2):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    W_output = np.array([[w[4], w[6]], [w[5], w[7]]])  # row k: weights into o_k
    o = np.array([out_o1, out_o2])
    h = np.array([out_h1, out_h2])
    delta_o = (o - y) * o * (1 - o)
    grad_output = np.outer(delta_o, h)  # [[d_w5, d_w7], [d_w6, d_w8]]
    delta_h = (W_output.T @ delta_o) * h * (1 - h)
    grad_hidden = np.outer(delta_h, x)  # [[d_w1, d_w3], [d_w2, d_w4]]
    return (
        grad_hidden[0, 0], grad_hidden[1, 0], grad_hidden[0, 1], grad_hidden[1, 1],
        grad_output[0, 0], grad_output[1, 0], grad_output[0, 1], grad_output[1, 1],
    )


def back_propagate__loops(x, y, w, out_o1, out_o2, out_h1, out_h2):
    # w[j + 2*i]: input i -> hidden j; w[4 + k + 2*j]: hidden j -> output k
    hidden = [out_h1, out_h2]
    outputs = [out_o1, out_o2]
    grads = [0.0] * 8
    delta_out = []
    for k in range(2):
        delta_out.append((outputs[k] - y[k]) * outputs[k] * (1 - outputs[k]))
    for j in range(2):
        for k in range(2):
            grads[4 + k + 2 * j] = delta_out[k] * hidden[j]
    for j in range(2):
        back = 0.0
        for k in range(2):
            back += delta_out[k] * w[4 + k + 2 * j]
        delta_hidden = back * hidden[j] * (1 - hidden[j])
        for i in range(2):
            grads[j + 2 * i] = delta_hidden * x[i]
    return grads


def back_propagate__from_preactivation(x, y, w, out_o1, out_o2, out_h1, out_h2):
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    net_h1 = w1 * x[0] + w3 * x[1]
    net_h2 = w2 * x[0] + w4 * x[1]
    net_o1 = w5 * out_h1 + w7 * out_h2
    net_o2 = w6 * out_h1 + w8 * out_h2
    dsig_h1 = sigmoid(net_h1) * (1 - sigmoid(net_h1))
    dsig_h2 = sigmoid(net_h2) * (1 - sigmoid(net_h2))
    dsig_o1 = sigmoid(net_o1) * (1 - sigmoid(net_o1))
    dsig_o2 = sigmoid(net_o2) * (1 - sigmoid(net_o2))
    dE_dnet_o1 = (out_o1 - y[0]) * dsig_o1
    dE_dnet_o2 = (out_o2 - y[1]) * dsig_o2
    dE_dnet_h1 = (dE_dnet_o1 * w5 + dE_dnet_o2 * w6) * dsig_h1
    dE_dnet_h2 = (dE_dnet_o1 * w7 + dE_dnet_o2 * w8) * dsig_h2
    return np.array([
        dE_dnet_h1 * x[0], dE_dnet_h2 * x[0], dE_dnet_h1 * x[1], dE_dnet_h2 * x[1],
        dE_dnet_o1 * out_h1, dE_dnet_o2 * out_h1, dE_dnet_o1 * out_h2, dE_dnet_o2 * out_h2,
    ])


def back_propagate__expanded(x, y, w, out_o1, out_o2, out_h1, out_h2):
    # every gradient written out as one chain-rule product, nothing reused
    d_w5 = (out_o1 - y[0]) * out_o1 * (1 - out_o1) * out_h1
    d_w6 = (out_o2 - y[1]) * out_o2 * (1 - out_o2) * out_h1
    d_w7 = (out_o1 - y[0]) * out_o1 * (1 - out_o1) * out_h2
    d_w8 = (out_o2 - y[1]) * out_o2 * (1 - out_o2) * out_h2
    d_w1 = (
        (out_o1 - y[0]) * out_o1 * (1 - out_o1) * w[4]
        + (out_o2 - y[1]) * out_o2 * (1 - out_o2) * w[5]
    ) * out_h1 * (1 - out_h1) * x[0]
    d_w3 = (
        (out_o1 - y[0]) * out_o1 * (1 - out_o1) * w[4]
        + (out_o2 - y[1]) * out_o2 * (1 - out_o2) * w[5]
    ) * out_h1 * (1 - out_h1) * x[1]
    d_w2 = (
        (out_o1 - y[0]) * out_o1 * (1 - out_o1) * w[6]
        + (out_o2 - y[1]) * out_o2 * (1 - out_o2) * w[7]
    ) * out_h2 * (1 - out_h2) * x[0]
    d_w4 = (
        (out_o1 - y[0]) * out_o1 * (1 - out_o1) * w[6]
        + (out_o2 - y[1]) * out_o2 * (1 - out_o2) * w[7]
    ) * out_h2 * (1 - out_h2) * x[1]
    return d_w1, d_w2, d_w3, d_w4, d_w5, d_w6, d_w7, d_w8


# --------------------------------------------------------------------------
# update_w(w, grads, step) -> new weights; w must not change
# --------------------------------------------------------------------------


def update_w__list_comprehension(w, grads, step):
    return [w[i] - step * grads[i] for i in range(len(w))]


def update_w__np_subtract(w, grads, step):
    return np.subtract(w, np.multiply(step, grads))


def update_w__copy_then_in_place(w, grads, step):
    new_w = np.array(w, dtype=float, copy=True)
    for i in range(len(new_w)):
        new_w[i] -= step * grads[i]
    return new_w


def update_w__append_loop(w, grads, step):
    new_w = []
    for w_i, g_i in zip(w, grads):
        new_w.append(w_i - step * g_i)
    return tuple(new_w)


ALTERNATIVES = {
    "quadratic_gradients": [
        quadratic_gradients__chain_rule_steps,
        quadratic_gradients__expanded,
        quadratic_gradients__feature_vector,
        quadratic_gradients__loop,
    ],
    "forward_propagate": [
        forward_propagate__matrix_form,
        forward_propagate__loops,
        forward_propagate__np_exp,
        forward_propagate__reshape,
    ],
    "back_propagate": [
        back_propagate__matrix_form,
        back_propagate__loops,
        back_propagate__from_preactivation,
        back_propagate__expanded,
    ],
    "update_w": [
        update_w__list_comprehension,
        update_w__np_subtract,
        update_w__copy_then_in_place,
        update_w__append_loop,
    ],
}
