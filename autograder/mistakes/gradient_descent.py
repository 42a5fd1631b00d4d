"""Common mistakes in the gradient descent exercise, each as working wrong code.

The functions are written the way a student would write them, in the
exercise's signatures. They use only ``np`` and, for ``train``, the four helpers
that the student writes in the same notebook (``mse_loss``, ``mse_gradient``,
``gradient_step``, ``minibatch_indices``); here those names are the reference
answers, so that each mistake is wrong in one way only. The tests paste their
source into a notebook as a submission.
"""

from __future__ import annotations

import numpy as np

from autograder.diagnosis import Mistake, catalogue
from autograder.reference.gradient_descent import gradient_step, minibatch_indices, mse_gradient, mse_loss

# --------------------------------------------------------------------------
# mse_loss(X, y, w, b) -> float
# --------------------------------------------------------------------------


def mse_loss_summed(X, y, w, b):
    return np.sum((X @ w + b - y) ** 2)


def mse_loss_without_bias(X, y, w, b):
    return np.mean((X @ w - y) ** 2)


def mse_loss_halved(X, y, w, b):
    return 0.5 * np.mean((X @ w + b - y) ** 2)


# --------------------------------------------------------------------------
# mse_gradient(X, y, w, b) -> (dw, db)
# --------------------------------------------------------------------------


def mse_gradient_summed(X, y, w, b):
    # The gradient of the summed loss: n times the gradient of the mean.
    error = X @ w + b - y
    return 2 * X.T @ error, 2 * np.sum(error)


def mse_gradient_bias_forgotten(X, y, w, b):
    error = X @ w + b - y
    return 2 * X.T @ error / len(y), 0.0


def mse_gradient_residual_without_bias(X, y, w, b):
    error = X @ w - y
    return 2 * X.T @ error / len(y), 2 * np.mean(error)


def mse_gradient_without_factor_two(X, y, w, b):
    error = X @ w + b - y
    return X.T @ error / len(y), np.mean(error)


def mse_gradient_sign_flipped(X, y, w, b):
    error = y - (X @ w + b)
    return 2 * X.T @ error / len(y), 2 * np.mean(error)


# --------------------------------------------------------------------------
# gradient_step(w, b, dw, db, lr) -> (w, b)
# --------------------------------------------------------------------------


def gradient_step_in_place(w, b, dw, db, lr):
    # Overwrites the caller's array: the weights from before the step are lost.
    w -= lr * dw
    b -= lr * db
    return w, b


def gradient_step_ascends(w, b, dw, db, lr):
    return w + lr * dw, b + lr * db


def gradient_step_bias_frozen(w, b, dw, db, lr):
    return w - lr * dw, b


# --------------------------------------------------------------------------
# minibatch_indices(n_samples, batch_size, rng) -> one epoch of index arrays
# --------------------------------------------------------------------------


def minibatch_indices_with_replacement(n_samples, batch_size, rng):
    for start in range(0, n_samples, batch_size):
        size = min(batch_size, n_samples - start)
        yield rng.choice(n_samples, size=size)


def minibatch_indices_drop_last(n_samples, batch_size, rng):
    order = rng.permutation(n_samples)
    for start in range(0, n_samples - batch_size + 1, batch_size):
        yield order[start : start + batch_size]


def minibatch_indices_not_shuffled(n_samples, batch_size, rng):
    order = np.arange(n_samples)
    for start in range(0, n_samples, batch_size):
        yield order[start : start + batch_size]


# --------------------------------------------------------------------------
# train(X, y, w0, b0, lr, epochs, batch_size, rng) -> (w, b, losses)
# --------------------------------------------------------------------------


def train_shuffles_inputs_not_targets(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = np.array(w0, dtype=float), float(b0)
    losses = []
    for epoch in range(epochs):
        X_shuffled = X[rng.permutation(len(y))]
        for start in range(0, len(y), batch_size):
            X_batch = X_shuffled[start : start + batch_size]
            y_batch = y[start : start + batch_size]
            losses.append(mse_loss(X_batch, y_batch, w, b))
            dw, db = mse_gradient(X_batch, y_batch, w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses


def train_shuffles_once(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = np.array(w0, dtype=float), float(b0)
    losses = []
    batches = list(minibatch_indices(len(y), batch_size, rng))
    for epoch in range(epochs):
        for batch in batches:
            losses.append(mse_loss(X[batch], y[batch], w, b))
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses


def train_loss_after_step(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = np.array(w0, dtype=float), float(b0)
    losses = []
    for epoch in range(epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            dw, db = mse_gradient(X[batch], y[batch], w, b)
            w, b = gradient_step(w, b, dw, db, lr)
            losses.append(mse_loss(X[batch], y[batch], w, b))
    return w, b, losses


def train_one_batch_per_epoch(X, y, w0, b0, lr, epochs, batch_size, rng):
    w, b = np.array(w0, dtype=float), float(b0)
    losses = []
    for epoch in range(epochs):
        batch = next(iter(minibatch_indices(len(y), batch_size, rng)))
        losses.append(mse_loss(X[batch], y[batch], w, b))
        dw, db = mse_gradient(X[batch], y[batch], w, b)
        w, b = gradient_step(w, b, dw, db, lr)
    return w, b, losses


MISTAKES = catalogue(
    Mistake(
        "gradient_descent.loss-summed",
        "mse_loss",
        "the loss is n times too large: you summed the squared errors. The mean squared "
        "error divides the sum by the number of samples, len(y) (np.mean does both).",
        mse_loss_summed,
    ),
    Mistake(
        "gradient_descent.loss-without-bias",
        "mse_loss",
        "the loss ignores b: it matches the predictions X @ w without the bias. The model "
        "predicts X @ w + b.",
        mse_loss_without_bias,
    ),
    Mistake(
        "gradient_descent.loss-halved",
        "mse_loss",
        "the loss is half the expected value. This exercise's loss has no factor 1/2: it is "
        "mean((X @ w + b - y)**2), like torch.nn.MSELoss().",
        mse_loss_halved,
    ),
    Mistake(
        "gradient_descent.gradient-summed",
        "mse_gradient",
        "the gradient is n times too large: it is the gradient of the summed squared errors. "
        "The loss is a mean, so divide by len(y); a summed gradient with the same lr takes "
        "steps n times longer (with 1000 samples, a step 1000 times too long).",
        mse_gradient_summed,
    ),
    Mistake(
        "gradient_descent.bias-gradient-forgotten",
        "mse_gradient",
        "dw is right but db is 0: the bias needs its gradient too. The prediction depends on b "
        "with slope 1, so db = 2 * mean(residual).",
        mse_gradient_bias_forgotten,
    ),
    Mistake(
        "gradient_descent.residual-without-bias",
        "mse_gradient",
        "the gradient matches residuals computed without b (X @ w - y). The residual is "
        "X @ w + b - y; with b = 0 both agree, which is why it can pass at a zero bias.",
        mse_gradient_residual_without_bias,
    ),
    Mistake(
        "gradient_descent.gradient-without-factor-two",
        "mse_gradient",
        "the gradient is half the expected value: the derivative of r**2 is 2*r. "
        "(Dropping the 2 is right only for a loss with a factor 1/2, which this one has not.)",
        mse_gradient_without_factor_two,
    ),
    Mistake(
        "gradient_descent.gradient-sign-flipped",
        "mse_gradient",
        "every gradient has the wrong sign: with the residual r = X @ w + b - y (prediction "
        "minus target), d mean(r**2) / dw = 2 * X.T @ r / n; using y - prediction flips it.",
        mse_gradient_sign_flipped,
    ),
    Mistake(
        "gradient_descent.step-in-place",
        "gradient_step",
        "the new values are right, but the w you were given was overwritten (w -= ... changes "
        "the caller's array). Return new arrays, e.g. w - lr * dw, and leave w as it was.",
        gradient_step_in_place,
    ),
    Mistake(
        "gradient_descent.step-ascends",
        "gradient_step",
        "the parameters move along the gradient instead of against it: gradient descent "
        "subtracts, w_new = w - lr * dw and b_new = b - lr * db.",
        gradient_step_ascends,
    ),
    Mistake(
        "gradient_descent.bias-not-updated",
        "gradient_step",
        "w moves but b stays where it was: update the bias too, b_new = b - lr * db.",
        gradient_step_bias_frozen,
    ),
    Mistake(
        "gradient_descent.sampled-with-replacement",
        "minibatch_indices",
        "the batches look drawn with replacement, so within one epoch some samples repeat and "
        "others are never used. Draw one permutation, rng.permutation(n_samples), and cut it "
        "into consecutive slices.",
        minibatch_indices_with_replacement,
    ),
    Mistake(
        "gradient_descent.last-batch-dropped",
        "minibatch_indices",
        "the last, shorter batch is missing, so the samples left over at the end of the "
        "permutation are never used. Keep it: slice up to n_samples, the last slice may be short.",
        minibatch_indices_drop_last,
    ),
    Mistake(
        "gradient_descent.not-shuffled",
        "minibatch_indices",
        "the batches come in the original order 0, 1, 2, ...: shuffle first, by slicing "
        "rng.permutation(n_samples) (one call per epoch) instead of np.arange(n_samples).",
        minibatch_indices_not_shuffled,
    ),
    Mistake(
        "gradient_descent.inputs-shuffled-not-targets",
        "train",
        "your loop matches one that shuffles the rows of X but not y, so each sample is "
        "trained towards another sample's target. Index X and y with the same indices: "
        "X[batch], y[batch].",
        train_shuffles_inputs_not_targets,
    ),
    Mistake(
        "gradient_descent.shuffled-once",
        "train",
        "every epoch visits the samples in the same order: the batches were drawn once, "
        "before the epoch loop. Call minibatch_indices(len(y), batch_size, rng) inside the "
        "epoch loop, so each epoch gets a new permutation.",
        train_shuffles_once,
    ),
    Mistake(
        "gradient_descent.loss-after-step",
        "train",
        "the final parameters are right, but each loss was recorded after its update. Record "
        "the batch's loss before the step, as loss.item() does in a torch loop.",
        train_loss_after_step,
    ),
    Mistake(
        "gradient_descent.one-batch-per-epoch",
        "train",
        "each epoch made a single update with its first batch. An epoch is one pass over all "
        "the data: one update per batch that minibatch_indices yields.",
        train_one_batch_per_epoch,
    ),
)
