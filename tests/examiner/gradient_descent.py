"""Answers written by an independent examiner from the student's view only (exercise notebook and book page)."""
CORRECT = {
    "mse_loss": [
        '''def mse_loss(X, y, w, b):
    residuals = X @ w + b - y
    return float(np.mean(residuals ** 2))''',
        '''def mse_loss(X, y, w, b):
    n = len(y)
    total = 0.0
    for i in range(n):
        r = np.dot(X[i], w) + b - y[i]
        total += r * r
    return total / n''',
        '''def mse_loss(X, y, w, b):
    r = np.dot(X, w) + b - y
    return float(r @ r) / r.size''',
        '''def mse_loss(X, y, w, b):
    predictions = np.matmul(X, w) + b
    return np.square(np.subtract(y, predictions)).mean()''',
        '''def mse_loss(X, y, w, b):
    r = X.dot(w) + b - y
    return np.sum(r * r) / X.shape[0]''',
        '''def mse_loss(X, y, w, b):
    residual = np.einsum("ij,j->i", X, w) + b - y
    return float(np.average(residual ** 2))''',
    ],
    "mse_gradient": [
        '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = X @ w + b - y
    dw = 2 / n * X.T @ r
    db = 2 / n * np.sum(r)
    return dw, db''',
        '''def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    dw = 2 * np.mean(r[:, None] * X, axis=0)
    db = 2 * np.mean(r)
    return dw, float(db)''',
        '''def mse_gradient(X, y, w, b):
    r = np.dot(X, w) + b - y
    n = X.shape[0]
    dL_dr = 2.0 * r / n
    dw = np.einsum("ij,i->j", X, dL_dr)
    db = dL_dr.sum()
    return dw, db''',
        '''def mse_gradient(X, y, w, b):
    n = X.shape[0]
    A = np.hstack([X, np.ones((n, 1))])
    r = A @ np.append(w, b) - y
    g = (2.0 / n) * (A.T @ r)
    return g[:-1], g[-1]''',
        '''def mse_gradient(X, y, w, b):
    residuals = X.dot(w) + b - y
    scale = 2.0 / residuals.shape[0]
    return scale * (residuals @ X), scale * residuals.sum()''',
    ],
    "gradient_step": [
        '''def gradient_step(w, b, dw, db, lr):
    return w - lr * dw, b - lr * db''',
        '''def gradient_step(w, b, dw, db, lr):
    new_w = w.copy()
    new_w -= lr * dw
    new_b = b - lr * db
    return new_w, new_b''',
        '''def gradient_step(w, b, dw, db, lr):
    new_w = np.subtract(w, np.multiply(lr, dw))
    return new_w, float(b - lr * db)''',
        '''def gradient_step(w, b, dw, db, lr):
    new_w = np.array(w, dtype=float, copy=True)
    for j in range(new_w.size):
        new_w[j] = new_w[j] - lr * dw[j]
    return new_w, b - lr * db''',
        '''def gradient_step(w, b, dw, db, lr):
    step_w = -lr * np.asarray(dw)
    step_b = -lr * db
    return w + step_w, b + step_b''',
    ],
    "minibatch_indices": [
        '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return [order[start:start + batch_size] for start in range(0, n_samples, batch_size)]''',
        '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        yield order[start:start + batch_size]''',
        '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return np.split(order, np.arange(batch_size, n_samples, batch_size))''',
        '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    batches = []
    start = 0
    while start < n_samples:
        stop = min(start + batch_size, n_samples)
        batches.append(order[start:stop])
        start = stop
    return batches''',
        '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    n_batches = -(-n_samples // batch_size)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n_batches)]''',
        '''def minibatch_indices(n_samples, batch_size, rng):
    import math
    order = rng.permutation(n_samples)
    return np.array_split(order, [batch_size * k for k in range(1, math.ceil(n_samples / batch_size))])''',
    ],
    "train": [
        '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            Xb, yb = X[batch], y[batch]
            losses.append(mse_loss(Xb, yb, w, b))
            dw, db = mse_gradient(Xb, yb, w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses''',
        '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w = np.array(w0, dtype=float)
    b = float(b0)
    losses = []
    epoch = 0
    while epoch < epochs:
        for batch in minibatch_indices(len(y), batch_size, rng):
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            losses.append(float(mse_loss(X[batch], y[batch], w, b)))
            w, b = gradient_step(w, b, dw, db, lr)
        epoch += 1
    return w, b, losses''',
        '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    # gradient_step returns a new array, so w0 itself is never written to
    w, b = w0, b0
    losses = []
    for epoch in range(epochs):
        batches = list(minibatch_indices(len(y), batch_size, rng))
        for indices in batches:
            X_batch = np.take(X, indices, axis=0)
            y_batch = np.take(y, indices)
            loss = mse_loss(X_batch, y_batch, w, b)
            grad_w, grad_b = mse_gradient(X_batch, y_batch, w, b)
            losses.append(loss)
            w, b = gradient_step(w, b, grad_w, grad_b, lr)
    return w, b, losses''',
        '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    params = (np.copy(w0), b0)
    losses = []
    n = y.shape[0]
    for _ in range(epochs):
        for batch in minibatch_indices(n, batch_size, rng):
            batch = np.asarray(batch)
            data = (X[batch, :], y[batch])
            losses.append(mse_loss(*data, *params))
            params = gradient_step(*params, *mse_gradient(*data, *params), lr)
    w, b = params
    return w, b, losses''',
        '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w = w0.astype(float, copy=True)
    b = b0
    losses = []

    def one_update(indices, w, b):
        Xb = X[indices]
        yb = y[indices]
        loss = mse_loss(Xb, yb, w, b)
        dw, db = mse_gradient(Xb, yb, w, b)
        new_w, new_b = gradient_step(w, b, dw, db, lr)
        return loss, new_w, new_b

    for _ in range(epochs):
        for indices in minibatch_indices(len(y), batch_size, rng):
            loss, w, b = one_update(indices, w, b)
            losses.append(loss)
    return w, b, losses''',
    ],
}
WRONG = {
    "mse_loss": [
        ("half-factor", "puts a factor 1/2 in front, which the instructions rule out (torch's MSELoss has none)", '''def mse_loss(X, y, w, b):
    r = X @ w + b - y
    return 0.5 * np.mean(r ** 2)'''),
        ("sum-not-mean", "returns the sum of the squared residuals instead of their mean", '''def mse_loss(X, y, w, b):
    r = X @ w + b - y
    return float(np.sum(r ** 2))'''),
        ("rmse", "returns the square root of the mean squared error", '''def mse_loss(X, y, w, b):
    r = X @ w + b - y
    return float(np.sqrt(np.mean(r ** 2)))'''),
        ("no-bias", "leaves the bias out of the prediction", '''def mse_loss(X, y, w, b):
    r = X @ w - y
    return float(np.mean(r ** 2))'''),
        ("divide-by-features", "divides by the number of features d instead of the number of samples n", '''def mse_loss(X, y, w, b):
    r = X @ w + b - y
    return float(np.sum(r ** 2) / X.shape[1])'''),
        ("np-var", "uses np.var of the residuals, which subtracts their mean first", '''def mse_loss(X, y, w, b):
    return float(np.var(X @ w + b - y))'''),
        ("square-of-mean", "squares the mean residual instead of averaging the squared residuals", '''def mse_loss(X, y, w, b):
    return float(np.mean(X @ w + b - y) ** 2)'''),
        ("column-broadcast", "turns the predictions into a column, so subtracting y broadcasts to an (n, n) matrix", '''def mse_loss(X, y, w, b):
    predictions = X @ w.reshape(-1, 1) + b
    return float(np.mean((predictions - y) ** 2))'''),
        ("abs-error", "averages absolute residuals (mean absolute error) instead of squared ones", '''def mse_loss(X, y, w, b):
    return float(np.mean(np.abs(X @ w + b - y)))'''),
        ("two-features-only", "writes the prediction out for the example's two features, so it ignores any further columns", '''def mse_loss(X, y, w, b):
    predictions = X[:, 0] * w[0] + X[:, 1] * w[1] + b
    return float(np.mean((predictions - y) ** 2))'''),
    ],
    "mse_gradient": [
        ("missing-2", "drops the factor 2, which is the gradient of half the mean squared error", '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = X @ w + b - y
    return X.T @ r / n, np.sum(r) / n'''),
        ("sum-not-mean", "forgets the 1/n, the gradient of the summed squared error", '''def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return 2 * X.T @ r, 2 * np.sum(r)'''),
        ("sign-flipped", "uses the residual y - prediction with a plus sign, so it returns minus the gradient", '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = y - (X @ w + b)
    return 2 / n * X.T @ r, 2 / n * np.sum(r)'''),
        ("loop-over-samples", "gets the right numbers but with a Python loop over the samples, which the instructions forbid", '''def mse_gradient(X, y, w, b):
    n = len(y)
    dw = np.zeros_like(w, dtype=float)
    db = 0.0
    for i in range(n):
        r = X[i] @ w + b - y[i]
        dw += 2 * r * X[i] / n
        db += 2 * r / n
    return dw, db'''),
        ("swapped-shape", "unpacks X.shape as (d, n), so it divides by the number of features", '''def mse_gradient(X, y, w, b):
    d, n = X.shape
    r = X @ w + b - y
    return 2 / n * X.T @ r, 2 / n * np.sum(r)'''),
        ("db-not-summed", "forgets to sum the bias gradient over the samples and returns a vector for db", '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = X @ w + b - y
    return 2 / n * X.T @ r, 2 / n * r'''),
        ("mean-without-axis", "averages r * X over all entries instead of over the samples, so dw is one number divided by n*d", '''def mse_gradient(X, y, w, b):
    r = X @ w + b - y
    return 2 * np.mean(r[:, None] * X) * np.ones_like(w), 2 * np.mean(r)'''),
        ("residual-without-bias", "computes dw from residuals that leave out the bias", '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = X @ w + b - y
    return 2 / n * X.T @ (X @ w - y), 2 / n * np.sum(r)'''),
        ("db-from-mean-of-dw", "takes db as the mean of the weight gradients instead of the mean residual", '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = X @ w + b - y
    dw = 2 / n * X.T @ r
    return dw, float(np.mean(dw))'''),
        ("two-features-only", "writes the gradient out for the example's two features, so dw has two entries whatever d is", '''def mse_gradient(X, y, w, b):
    n = len(y)
    r = X[:, 0] * w[0] + X[:, 1] * w[1] + b - y
    dw = np.array([2 / n * np.sum(r * X[:, 0]), 2 / n * np.sum(r * X[:, 1])])
    return dw, 2 / n * np.sum(r)'''),
    ],
    "gradient_step": [
        ("in-place", "updates w in place with -=, which changes the caller's array", '''def gradient_step(w, b, dw, db, lr):
    w -= lr * dw
    return w, b - lr * db'''),
        ("alias-not-copy", "thinks new_w = w copies the array, then changes it in place", '''def gradient_step(w, b, dw, db, lr):
    new_w = w
    new_w -= lr * dw
    return new_w, b - lr * db'''),
        ("slice-assign", "writes the new weights into w[:] and so changes the caller's array", '''def gradient_step(w, b, dw, db, lr):
    w[:] = w - lr * dw
    return w, b - lr * db'''),
        ("plus-sign", "steps along the gradient instead of against it", '''def gradient_step(w, b, dw, db, lr):
    return w + lr * dw, b + lr * db'''),
        ("ignores-lr", "forgets the learning rate and steps by the whole gradient", '''def gradient_step(w, b, dw, db, lr):
    return w - dw, b - db'''),
        ("bias-not-updated", "returns the old bias unchanged", '''def gradient_step(w, b, dw, db, lr):
    return w - lr * dw, b'''),
        ("bias-without-lr", "steps the bias by its whole gradient, without the learning rate", '''def gradient_step(w, b, dw, db, lr):
    return w - lr * dw, b - db'''),
        ("swapped-return", "returns (b, w) instead of (w, b)", '''def gradient_step(w, b, dw, db, lr):
    return b - lr * db, w - lr * dw'''),
        ("divides-by-lr", "divides the gradient by the learning rate instead of multiplying", '''def gradient_step(w, b, dw, db, lr):
    return w - dw / lr, b - db / lr'''),
    ],
    "minibatch_indices": [
        ("drops-last", "drops the shorter last batch, so some samples are not used in the epoch", '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n_samples // batch_size)]'''),
        ("array-split-count", "asks np.array_split for ceil(n/B) pieces, which makes nearly equal pieces (4, 3, 3), not pieces of batch_size", '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return np.array_split(order, int(np.ceil(n_samples / batch_size)))'''),
        ("fixed-seed", "ignores rng and makes a new generator with seed 0, so every epoch has the same order", '''def minibatch_indices(n_samples, batch_size, rng):
    order = np.random.default_rng(0).permutation(n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]'''),
        ("global-random", "shuffles with np.random.permutation instead of the rng it was given", '''def minibatch_indices(n_samples, batch_size, rng):
    order = np.random.permutation(n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]'''),
        ("permutation-per-batch", "draws a new permutation for every batch, so samples repeat and others are missed", '''def minibatch_indices(n_samples, batch_size, rng):
    for start in range(0, n_samples, batch_size):
        yield rng.permutation(n_samples)[start:start + batch_size]'''),
        ("with-replacement", "draws the indices with replacement (rng.choice), so some samples repeat", '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.choice(n_samples, size=n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]'''),
        ("no-shuffle", "does not shuffle at all: the batches are consecutive slices of 0..n-1", '''def minibatch_indices(n_samples, batch_size, rng):
    order = np.arange(n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]'''),
        ("empty-extra-batch", "counts n // B + 1 batches, which adds an empty batch whenever B divides n", '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(n_samples // batch_size + 1)]'''),
        ("slice-off-by-one", "cuts slices of batch_size - 1 indices, so every batch loses its last index", '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    return [order[i:i + batch_size - 1] if batch_size > 1 else order[i:i + 1]
            for i in range(0, n_samples, batch_size)]'''),
        ("choice-not-permutation", "shuffles with rng.choice(n, n, replace=False) instead of rng.permutation, a different order for the same seed", '''def minibatch_indices(n_samples, batch_size, rng):
    order = rng.choice(n_samples, size=n_samples, replace=False)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]'''),
    ],
    "train": [
        ("loss-after-step", "records each batch's loss after the update instead of before it", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
            losses.append(mse_loss(X[batch], y[batch], w, b))
    return w, b, losses'''),
        ("full-data-loss", "records the loss on all the data instead of the batch's loss", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            losses.append(mse_loss(X, y, w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses'''),
        ("full-data-gradient", "takes every step with the gradient on all the data, ignoring the batch", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X, y, w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses'''),
        ("batches-once", "draws the batches once before the epoch loop, so every epoch reuses the same order", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    batches = list(minibatch_indices(len(y), batch_size, rng))
    for _ in range(epochs):
        for batch in batches:
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses'''),
        ("reseeded-each-epoch", "makes a new generator with a fixed seed every epoch instead of using rng", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, np.random.default_rng(0)):
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses'''),
        ("modifies-w0", "updates w0 itself in place instead of a copy", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0, b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w -= lr * dw
            b -= lr * db
    return w, b, losses'''),
        ("one-loss-per-epoch", "records one loss per epoch (the mean of its batch losses) instead of one per update", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        epoch_losses = []
        for batch in minibatch_indices(len(y), batch_size, rng):
            epoch_losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
        losses.append(float(np.mean(epoch_losses)))
    return w, b, losses'''),
        ("epochs-off-by-one", "runs range(1, epochs), one epoch too few", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for epoch in range(1, epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses'''),
        ("n-from-columns", "passes the number of features X.shape[1] as the number of samples", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(X.shape[1], batch_size, rng):
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses'''),
        ("lr-scaled-by-batch", "divides the learning rate by the batch size, as if the gradient were a sum", '''def train(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = w0.copy(), b0
    losses = []
    for _ in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr / len(batch))
    return w, b, losses'''),
    ],
}
