"""Alternative correct answers to the gradient descent exercise.

Each function is written the way a different student might write it. Another
test pastes each function's source into the notebook as a submission, so every
function is self-contained: it uses only ``np`` (defined in the notebook's setup
cell), what it defines in its own body and, for ``train``, the four helpers a
student writes in the same notebook. Here those helpers are the reference
answers, imported below. The name is ``<graded function>__<variant>``.
"""

import numpy as np

from autograder.reference.gradient_descent import gradient_step, minibatch_indices, mse_gradient, mse_loss

# --------------------------------------------------------------------------
# mse_loss(X, y, w, b) -> float
# --------------------------------------------------------------------------


def mse_loss__dot_product(X, y, w, b):
    error = X.dot(w) + b - y
    return error.dot(error) / len(error)


def mse_loss__loop(X, y, w, b):
    total = 0.0
    for x_i, y_i in zip(X, y):
        prediction = sum(w_j * x_ij for w_j, x_ij in zip(w, x_i)) + b
        total += (prediction - y_i) ** 2
    return total / len(y)


def mse_loss__average_of_squares(X, y, w, b):
    return float(np.average(np.square(np.matmul(X, w) + b - y)))


def mse_loss__einsum(X, y, w, b):
    error = np.einsum("ij,j->i", X, w) + b - y
    return np.einsum("i,i->", error, error) / y.shape[0]


# --------------------------------------------------------------------------
# mse_gradient(X, y, w, b) -> (dw, db)
# --------------------------------------------------------------------------


def mse_gradient__augmented_matrix(X, y, w, b):
    # A column of ones turns the bias into one more weight.
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.append(w, b)
    gradient = 2 * A.T @ (A @ theta - y) / len(y)
    return gradient[:-1], gradient[-1]


def mse_gradient__loop(X, y, w, b):
    dw = np.zeros(len(w))
    db = 0.0
    for x_i, y_i in zip(X, y):
        error = np.dot(x_i, w) + b - y_i
        dw += 2 * error * x_i
        db += 2 * error
    return dw / len(y), db / len(y)


def mse_gradient__mean_of_products(X, y, w, b):
    error = X @ w + b - y
    return 2 * np.mean(error[:, None] * X, axis=0), 2 * np.mean(error)


def mse_gradient__expanded(X, y, w, b):
    # The gradient multiplied out: (2/n) (X^T X w + X^T 1 b - X^T y)
    n = X.shape[0]
    dw = 2 / n * (X.T @ X @ w + X.sum(axis=0) * b - X.T @ y)
    db = 2 / n * (X.sum(axis=0) @ w + n * b - y.sum())
    return dw, db


# --------------------------------------------------------------------------
# gradient_step(w, b, dw, db, lr) -> (w, b)
# --------------------------------------------------------------------------


def gradient_step__list_comprehension(w, b, dw, db, lr):
    return np.array([w_j - lr * g_j for w_j, g_j in zip(w, dw)]), b - lr * db


def gradient_step__copy_then_subtract(w, b, dw, db, lr):
    new_w = np.array(w, dtype=float, copy=True)
    new_w -= lr * np.asarray(dw)
    return new_w, b - lr * db


def gradient_step__np_subtract(w, b, dw, db, lr):
    return np.subtract(w, np.multiply(lr, dw)), np.subtract(b, np.multiply(lr, db))


def gradient_step__packed(w, b, dw, db, lr):
    theta = np.append(w, b) - lr * np.append(dw, db)
    return theta[:-1], theta[-1]


# --------------------------------------------------------------------------
# minibatch_indices(n_samples, batch_size, rng) -> one epoch of index arrays
# --------------------------------------------------------------------------


def minibatch_indices__shuffle_in_place(n_samples, batch_size, rng):
    # shuffling an arange draws the same permutation as rng.permutation(n_samples)
    indices = np.arange(n_samples)
    rng.shuffle(indices)
    start = 0
    while start < n_samples:
        yield indices[start : start + batch_size]
        start += batch_size


def minibatch_indices__np_split(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return np.split(order, np.arange(batch_size, n_samples, batch_size))


def minibatch_indices__list_of_batches(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    number_of_batches = -(-n_samples // batch_size)  # ceiling division
    return [order[k * batch_size : (k + 1) * batch_size] for k in range(number_of_batches)]


def minibatch_indices__yield_from_list(n_samples, batch_size, rng):
    order = list(rng.permutation(n_samples))
    while order:
        batch, order = order[:batch_size], order[batch_size:]
        yield np.array(batch, dtype=int)


# --------------------------------------------------------------------------
# train(X, y, w0, b0, lr, epochs, batch_size, rng) -> (w, b, losses)
# --------------------------------------------------------------------------


def train__with_helpers(X, y, w0, b0, lr, epochs, batch_size, rng):
    w = np.copy(w0).astype(float)
    b = b0
    history = []
    for epoch in range(epochs):
        for indices in minibatch_indices(X.shape[0], batch_size, rng):
            history.append(mse_loss(X[indices], y[indices], w, b))
            w, b = gradient_step(w, b, *mse_gradient(X[indices], y[indices], w, b), lr)
    return w, b, history


def train__inline(X, y, w0, b0, lr, epochs, batch_size, rng):
    n = len(y)
    w = np.array(w0, dtype=float)
    b = float(b0)
    losses = []
    for epoch in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            error = X[rows] @ w + b - y[rows]
            losses.append(np.mean(error**2))
            w = w - lr * 2 * X[rows].T @ error / len(rows)
            b = b - lr * 2 * np.mean(error)
    return w, b, losses


def train__augmented_parameters(X, y, w0, b0, lr, epochs, batch_size, rng):
    # theta holds w and then b; a column of ones multiplies b.
    A = np.hstack([X, np.ones((len(X), 1))])
    theta = np.append(w0, b0).astype(float)
    losses = np.zeros(0)
    for epoch in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            error = A[batch] @ theta - y[batch]
            losses = np.append(losses, error @ error / len(batch))
            theta = theta - lr * (2 / len(batch)) * (A[batch].T @ error)
    return theta[:-1], theta[-1], losses


def train__batches_listed_first(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = np.asarray(w0, dtype=float).copy(), b0
    losses = []
    for epoch in range(epochs):
        batches = list(minibatch_indices(len(y), batch_size, rng))
        k = 0
        while k < len(batches):
            X_b, y_b = X[batches[k]], y[batches[k]]
            losses.append(float(mse_loss(X_b, y_b, w, b)))
            dw, db = mse_gradient(X_b, y_b, w, b)
            w, b = gradient_step(w, b, dw, db, lr)
            k += 1
    return w, b, losses


ALTERNATIVES = {
    "mse_loss": [
        mse_loss__dot_product,
        mse_loss__loop,
        mse_loss__average_of_squares,
        mse_loss__einsum,
    ],
    "mse_gradient": [
        mse_gradient__augmented_matrix,
        mse_gradient__loop,
        mse_gradient__mean_of_products,
        mse_gradient__expanded,
    ],
    "gradient_step": [
        gradient_step__list_comprehension,
        gradient_step__copy_then_subtract,
        gradient_step__np_subtract,
        gradient_step__packed,
    ],
    "minibatch_indices": [
        minibatch_indices__shuffle_in_place,
        minibatch_indices__np_split,
        minibatch_indices__list_of_batches,
        minibatch_indices__yield_from_list,
    ],
    "train": [
        train__with_helpers,
        train__inline,
        train__augmented_parameters,
        train__batches_listed_first,
    ],
}
