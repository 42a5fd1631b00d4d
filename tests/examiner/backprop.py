"""Answers written by an independent examiner from the student's view only (exercise notebook and book page)."""
CORRECT = {
    "quadratic_gradients": [
        '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (2 * r * x**2, 2 * r * x, 2 * r)''',
        '''def quadratic_gradients(x, y, w1, w2, b):
    y_hat = w1 * x * x + w2 * x + b
    dL_dyhat = 2.0 * (y_hat - y)
    dyhat_dw1, dyhat_dw2, dyhat_db = x * x, x, 1.0
    return dL_dyhat * dyhat_dw1, dL_dyhat * dyhat_dw2, dL_dyhat * dyhat_db''',
        '''def quadratic_gradients(x, y, w1, w2, b):
    features = np.array([x**2, x, 1.0])
    params = np.array([w1, w2, b], dtype=float)
    residual = features @ params - y
    return tuple(float(g) for g in 2 * residual * features)''',
        '''def quadratic_gradients(x, y, w1, w2, b):
    import torch
    params = torch.tensor([w1, w2, b], dtype=torch.float64, requires_grad=True)
    loss = (params[0] * x**2 + params[1] * x + params[2] - y) ** 2
    loss.backward()
    return tuple(params.grad.tolist())''',
        '''def quadratic_gradients(x, y, w1, w2, b):
    residual = (w1 * x + w2) * x + b - y
    d_b = 2 * residual
    d_w2 = d_b * x
    d_w1 = d_w2 * x
    return float(d_w1), float(d_w2), float(d_b)''',
    ],
    "forward_propagate": [
        '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = sigmoid(w[4] * out_h1 + w[6] * out_h2)
    out_o2 = sigmoid(w[5] * out_h1 + w[7] * out_h2)
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error''',
        '''def forward_propagate(x, y, w):
    W_hidden = np.array([[w[0], w[2]], [w[1], w[3]]])  # row k: weights into h_k
    W_output = np.array([[w[4], w[6]], [w[5], w[7]]])  # row k: weights into o_k
    h = sigmoid(W_hidden @ np.asarray(x))
    o = sigmoid(W_output @ h)
    error = 0.5 * np.sum((o - np.asarray(y)) ** 2)
    return o[0], o[1], h[0], h[1], float(error)''',
        '''def forward_propagate(x, y, w):
    w = np.asarray(w, dtype=float)
    # w[:4].reshape(2, 2)[j, k] is the weight from input j to hidden unit k
    h = sigmoid(np.asarray(x) @ w[:4].reshape(2, 2))
    o = sigmoid(h @ w[4:].reshape(2, 2))
    error = 0.5 * float(np.dot(o - y, o - y))
    return float(o[0]), float(o[1]), float(h[0]), float(h[1]), error''',
        '''def forward_propagate(x, y, w):
    import math

    def logistic(z):
        return 1.0 / (1.0 + math.exp(-z))

    x1, x2 = float(x[0]), float(x[1])
    w1, w2, w3, w4, w5, w6, w7, w8 = (float(v) for v in w)
    h1 = logistic(w1 * x1 + w3 * x2)
    h2 = logistic(w2 * x1 + w4 * x2)
    o1 = logistic(w5 * h1 + w7 * h2)
    o2 = logistic(w6 * h1 + w8 * h2)
    return o1, o2, h1, h2, ((o1 - y[0]) ** 2 + (o2 - y[1]) ** 2) / 2''',
        '''def forward_propagate(x, y, w):
    def squash(z):
        return 0.5 * (1.0 + np.tanh(0.5 * z))  # the same function as sigmoid

    net_h = [w[0] * x[0] + w[2] * x[1], w[1] * x[0] + w[3] * x[1]]
    out_h1, out_h2 = squash(net_h[0]), squash(net_h[1])
    net_o = [w[4] * out_h1 + w[6] * out_h2, w[5] * out_h1 + w[7] * out_h2]
    out_o1, out_o2 = squash(net_o[0]), squash(net_o[1])
    error = sum(0.5 * (o - t) ** 2 for o, t in zip((out_o1, out_o2), y))
    return out_o1, out_o2, out_h1, out_h2, error''',
    ],
    "back_propagate": [
        '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    d_w5 = delta_o1 * out_h1
    d_w7 = delta_o1 * out_h2
    d_w6 = delta_o2 * out_h1
    d_w8 = delta_o2 * out_h2
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    d_w1 = delta_h1 * x[0]
    d_w3 = delta_h1 * x[1]
    d_w2 = delta_h2 * x[0]
    d_w4 = delta_h2 * x[1]
    return d_w1, d_w2, d_w3, d_w4, d_w5, d_w6, d_w7, d_w8''',
        '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    x = np.asarray(x, dtype=float)
    o = np.array([out_o1, out_o2])
    h = np.array([out_h1, out_h2])
    W_output = np.array([[w[4], w[6]], [w[5], w[7]]])  # row k: weights into o_k
    delta_o = (o - np.asarray(y)) * o * (1 - o)
    grad_output = np.outer(delta_o, h)                 # [k, j] = delta_ok * h_j
    delta_h = (W_output.T @ delta_o) * h * (1 - h)
    grad_hidden = np.outer(delta_h, x)                 # [k, j] = delta_hk * x_j
    return (grad_hidden[0, 0], grad_hidden[1, 0], grad_hidden[0, 1], grad_hidden[1, 1],
            grad_output[0, 0], grad_output[1, 0], grad_output[0, 1], grad_output[1, 1])''',
        '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    w = np.asarray(w, dtype=float)
    o = np.array([out_o1, out_o2])
    h = np.array([out_h1, out_h2])
    delta_o = (o - y) * o * (1 - o)
    # w[4:].reshape(2, 2)[j, k] is the weight from h_j to o_k, as in w[4], w[5], w[6], w[7]
    delta_h = (w[4:].reshape(2, 2) @ delta_o) * h * (1 - h)
    d_hidden = np.outer(x, delta_h).ravel()   # x_j * delta_hk at position 2j + k
    d_output = np.outer(h, delta_o).ravel()   # h_j * delta_ok at position 2j + k
    return tuple(float(g) for g in np.concatenate([d_hidden, d_output]))''',
        '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    outputs = [out_o1, out_o2]
    hidden = [out_h1, out_h2]
    # weight index (0-based) from hidden unit j to output k, and from input j to hidden k
    out_index = {(0, 0): 4, (0, 1): 5, (1, 0): 6, (1, 1): 7}
    in_index = {(0, 0): 0, (0, 1): 1, (1, 0): 2, (1, 1): 3}
    grads = [0.0] * 8
    delta_o = [(outputs[k] - y[k]) * outputs[k] * (1 - outputs[k]) for k in range(2)]
    for (j, k), i in out_index.items():
        grads[i] = delta_o[k] * hidden[j]
    for k in range(2):
        collected = 0.0
        for out in range(2):
            collected += delta_o[out] * w[out_index[(k, out)]]
        delta_h = collected * hidden[k] * (1 - hidden[k])
        for j in range(2):
            grads[in_index[(j, k)]] = delta_h * x[j]
    return tuple(grads)''',
        '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    dE_do1 = out_o1 - y[0]
    dE_do2 = out_o2 - y[1]
    dE_dz_o1 = dE_do1 * out_o1 * (1.0 - out_o1)
    dE_dz_o2 = dE_do2 * out_o2 * (1.0 - out_o2)
    dE_dh1 = dE_dz_o1 * w[4] + dE_dz_o2 * w[5]
    dE_dh2 = dE_dz_o1 * w[6] + dE_dz_o2 * w[7]
    dE_dz_h1 = dE_dh1 * out_h1 * (1.0 - out_h1)
    dE_dz_h2 = dE_dh2 * out_h2 * (1.0 - out_h2)
    return (
        float(dE_dz_h1 * x[0]), float(dE_dz_h2 * x[0]), float(dE_dz_h1 * x[1]), float(dE_dz_h2 * x[1]),
        float(dE_dz_o1 * out_h1), float(dE_dz_o2 * out_h1), float(dE_dz_o1 * out_h2), float(dE_dz_o2 * out_h2),
    )''',
    ],
    "update_w": [
        '''def update_w(w, grads, step):
    return np.asarray(w, dtype=float) - step * np.asarray(grads, dtype=float)''',
        '''def update_w(w, grads, step):
    new_w = np.array(w, dtype=float)  # np.array copies
    new_w -= step * np.array(grads, dtype=float)
    return new_w''',
        '''def update_w(w, grads, step):
    return np.array([w_i - step * g_i for w_i, g_i in zip(w, grads)])''',
        '''def update_w(w, grads, step):
    return np.subtract(w, np.multiply(step, grads))''',
        '''def update_w(w, grads, step):
    new_w = np.copy(w).astype(float)
    for i, g in enumerate(grads):
        new_w[i] = new_w[i] - step * g
    return new_w''',
    ],
}
WRONG = {
    "quadratic_gradients": [
        ("missing-2", "drops the factor 2 of d(r^2)/dr", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (r * x**2, r * x, r)'''),
        ("sign-flipped", "uses the residual y - y_hat, so every gradient has the wrong sign", '''def quadratic_gradients(x, y, w1, w2, b):
    r = y - (w1 * x**2 + w2 * x + b)
    return (2 * r * x**2, 2 * r * x, 2 * r)'''),
        ("x-not-x-squared", "multiplies dL/dw1 by x instead of x^2 (the same at x = 1)", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (2 * r * x, 2 * r * x, 2 * r)'''),
        ("swapped-w1-w2", "gives w1 the factor x and w2 the factor x^2 (the same at x = 1)", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (2 * r * x, 2 * r * x**2, 2 * r)'''),
        ("no-inner-derivative", "stops at dL/dy_hat = 2r and forgets the inner derivatives x^2 and x (the same at x = 1)", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (2 * r, 2 * r, 2 * r)'''),
        ("db-times-x", "multiplies the bias gradient by x as well (the same at x = 1)", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    g = 2 * r * x
    return (g * x, g, g)'''),
        ("derivative-in-x", "multiplies by dy_hat/dx = 2 w1 x + w2 instead of the derivatives with respect to the parameters", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    slope = 2 * w1 * x + w2
    return (2 * r * slope * x, 2 * r * slope, 2 * r)'''),
        ("loss-not-derivative", "multiplies by the loss r^2 instead of its derivative 2r", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (r**2 * x**2, r**2 * x, r**2)'''),
        ("power-rule-on-w1", "differentiates w1 x^2 as 2 w1 x, as if w1 were the variable of a square", '''def quadratic_gradients(x, y, w1, w2, b):
    r = w1 * x**2 + w2 * x + b - y
    return (2 * r * 2 * w1 * x, 2 * r * x, 2 * r)'''),
    ],
    "forward_propagate": [
        ("row-major-numbering", "reads the weights row by row (h1 from w1 and w2, o1 from w5 and w6), not with the chapter's numbering", '''def forward_propagate(x, y, w):
    W_hidden = np.asarray(w[:4]).reshape(2, 2)
    W_output = np.asarray(w[4:]).reshape(2, 2)
    h = sigmoid(W_hidden @ x)
    o = sigmoid(W_output @ h)
    error = 0.5 * np.sum((o - y) ** 2)
    return o[0], o[1], h[0], h[1], error'''),
        ("output-weights-swapped", "connects o1 through w5 and w6 and o2 through w7 and w8, swapping w6 and w7", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = sigmoid(w[4] * out_h1 + w[5] * out_h2)
    out_o2 = sigmoid(w[6] * out_h1 + w[7] * out_h2)
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
        ("no-half", "leaves out the factor 1/2 of the error", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = sigmoid(w[4] * out_h1 + w[6] * out_h2)
    out_o2 = sigmoid(w[5] * out_h1 + w[7] * out_h2)
    error = (out_o1 - y[0]) ** 2 + (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
        ("wrong-return-order", "returns (h1, h2, o1, o2, error) instead of (o1, o2, h1, h2, error)", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = sigmoid(w[4] * out_h1 + w[6] * out_h2)
    out_o2 = sigmoid(w[5] * out_h1 + w[7] * out_h2)
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_h1, out_h2, out_o1, out_o2, error'''),
        ("outputs-from-inputs", "feeds the inputs x instead of the hidden outputs into the output units", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = sigmoid(w[4] * x[0] + w[6] * x[1])
    out_o2 = sigmoid(w[5] * x[0] + w[7] * x[1])
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
        ("linear-outputs", "forgets the sigmoid on the output units", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = w[4] * out_h1 + w[6] * out_h2
    out_o2 = w[5] * out_h1 + w[7] * out_h2
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
        ("square-of-sum", "squares the summed differences instead of summing the squared ones", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w[0] * x[0] + w[2] * x[1])
    out_h2 = sigmoid(w[1] * x[0] + w[3] * x[1])
    out_o1 = sigmoid(w[4] * out_h1 + w[6] * out_h2)
    out_o2 = sigmoid(w[5] * out_h1 + w[7] * out_h2)
    error = 0.5 * ((out_o1 - y[0]) + (out_o2 - y[1])) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
        ("uses-global-weights", "reads the global w_initial instead of its argument w (right only at the example's weights)", '''def forward_propagate(x, y, w):
    out_h1 = sigmoid(w_initial[0] * x[0] + w_initial[2] * x[1])
    out_h2 = sigmoid(w_initial[1] * x[0] + w_initial[3] * x[1])
    out_o1 = sigmoid(w_initial[4] * out_h1 + w_initial[6] * out_h2)
    out_o2 = sigmoid(w_initial[5] * out_h1 + w_initial[7] * out_h2)
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
        ("sigmoid-sign", "writes its own sigmoid as 1 / (1 + exp(z)), without the minus sign", '''def forward_propagate(x, y, w):
    def act(z):
        return 1 / (1 + np.exp(z))

    out_h1 = act(w[0] * x[0] + w[2] * x[1])
    out_h2 = act(w[1] * x[0] + w[3] * x[1])
    out_o1 = act(w[4] * out_h1 + w[6] * out_h2)
    out_o2 = act(w[5] * out_h1 + w[7] * out_h2)
    error = 0.5 * (out_o1 - y[0]) ** 2 + 0.5 * (out_o2 - y[1]) ** 2
    return out_o1, out_o2, out_h1, out_h2, error'''),
    ],
    "back_propagate": [
        ("homework-post-hidden", "the homework post's hidden formula: it adds the output weights' gradients (dE/dw5 + dE/dw6) instead of delta_o1 w5 + delta_o2 w6", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    d_w5, d_w7 = delta_o1 * out_h1, delta_o1 * out_h2
    d_w6, d_w8 = delta_o2 * out_h1, delta_o2 * out_h2
    delta_h1 = (d_w5 + d_w6) * out_h1 * (1 - out_h1)
    delta_h2 = (d_w7 + d_w8) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1], d_w5, d_w6, d_w7, d_w8)'''),
        ("hidden-one-output", "lets each hidden unit collect the error from o1 only, not from both outputs", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    delta_h1 = delta_o1 * w[4] * out_h1 * (1 - out_h1)
    delta_h2 = delta_o1 * w[6] * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("sigmoid-of-activation", "takes the sigmoid's derivative as sigmoid(o) * (1 - sigmoid(o)), applying sigmoid to values that are already activations", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    def d_sigmoid(a):
        return sigmoid(a) * (1 - sigmoid(a))

    delta_o1 = (out_o1 - y[0]) * d_sigmoid(out_o1)
    delta_o2 = (out_o2 - y[1]) * d_sigmoid(out_o2)
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * d_sigmoid(out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * d_sigmoid(out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("hidden-wrong-weights", "sends delta_o1 and delta_o2 back to h1 along w5 and w7 (the weights into o1) instead of w5 and w6", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[6]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[5] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("sign-flipped", "uses y - o for dE/do, so every gradient has the wrong sign", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (y[0] - out_o1) * out_o1 * (1 - out_o1)
    delta_o2 = (y[1] - out_o2) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("no-output-derivative", "forgets the output sigmoid's derivative: delta_o = o - y", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = out_o1 - y[0]
    delta_o2 = out_o2 - y[1]
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("hidden-inputs-swapped", "pairs w2 with x2 and w3 with x1, mixing up which input each hidden weight multiplies", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h1 * x[1], delta_h2 * x[0], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("output-grads-transposed", "returns the output-layer gradients in row-major order, so d_w6 and d_w7 trade places", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o1 * out_h2, delta_o2 * out_h1, delta_o2 * out_h2)'''),
        ("extra-factor-2", "differentiates (o - y)^2 instead of half of it, so every gradient is twice too large", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = 2 * (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = 2 * (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    delta_h1 = (delta_o1 * w[4] + delta_o2 * w[5]) * out_h1 * (1 - out_h1)
    delta_h2 = (delta_o1 * w[6] + delta_o2 * w[7]) * out_h2 * (1 - out_h2)
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
        ("hidden-without-sigmoid-derivative", "forgets to pass the hidden error back through the hidden sigmoid (no h (1 - h))", '''def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2):
    delta_o1 = (out_o1 - y[0]) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - y[1]) * out_o2 * (1 - out_o2)
    delta_h1 = delta_o1 * w[4] + delta_o2 * w[5]
    delta_h2 = delta_o1 * w[6] + delta_o2 * w[7]
    return (delta_h1 * x[0], delta_h2 * x[0], delta_h1 * x[1], delta_h2 * x[1],
            delta_o1 * out_h1, delta_o2 * out_h1, delta_o1 * out_h2, delta_o2 * out_h2)'''),
    ],
    "update_w": [
        ("in-place", "subtracts in place with -=, which changes the caller's weights", '''def update_w(w, grads, step):
    w -= step * np.asarray(grads)
    return w'''),
        ("alias-not-copy", "thinks new_w = w makes a copy, then changes it in place", '''def update_w(w, grads, step):
    new_w = w
    for i in range(len(new_w)):
        new_w[i] -= step * grads[i]
    return new_w'''),
        ("out-parameter", "writes the result into w with out=w, which changes the caller's weights", '''def update_w(w, grads, step):
    return np.subtract(w, step * np.asarray(grads), out=w)'''),
        ("plus-sign", "steps along the gradient instead of against it", '''def update_w(w, grads, step):
    return np.asarray(w) + step * np.asarray(grads)'''),
        ("ignores-step", "forgets the step size", '''def update_w(w, grads, step):
    return np.asarray(w) - np.asarray(grads)'''),
        ("divides-by-step", "divides the gradient by the step size instead of multiplying", '''def update_w(w, grads, step):
    return np.asarray(w) - np.asarray(grads) / step'''),
        ("tuple-times-step", "multiplies step by grads directly, which fails (or repeats the tuple) when grads is the tuple back_propagate returns", '''def update_w(w, grads, step):
    return w - step * grads'''),
        ("last-weight-skipped", "loops over range(len(w) - 1), so the last weight never moves", '''def update_w(w, grads, step):
    new_w = np.array(w, dtype=float)
    for i in range(len(new_w) - 1):
        new_w[i] = w[i] - step * grads[i]
    return new_w'''),
    ],
}
